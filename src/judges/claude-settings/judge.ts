import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { claudeTranscript, finalMessageOf, uuidFrom, type EarlierStop } from '../../formats/claude-code/transcript-write.js';
import { InputError } from '../../errors.js';
import type { ModelClient } from '../../llm/client.js';
import { ModelOptionsShape } from '../../llm/settings.js';
import type { JudgeInput, Verdict } from '../../schemas/judging.js';
import { commandEnv } from '../../workspace/env.js';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../../workspace/exec.js';
import { sessionIdOf } from '../command/history.js';
import { judgeModelClient, judgeUnavailable } from '../llm/model-judge.js';
import type { Judge, JudgeContext } from '../types.js';
import { runCommandHook } from './command-hook.js';
import { combineOutcomes, consecutiveBlocks, DEFAULT_BLOCK_CAP } from './combine.js';
import { HookState } from './hook-state.js';
import { runModelHook } from './model-hook.js';
import type { HookOutcome } from './outcome.js';
import { loadSettings, selectHooks, type LoadedSettings } from './settings-file.js';

const RelativePath = z.string().min(1).refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'a path inside the workspace');

export const ClaudeSettingsOptionsSchema = z.strictObject({
  /** A settings.json or a plugin's hooks.json (relative to the suite file's folder). */
  settings: z.string().min(1),
  /** The hook event to run at each stop. Default `Stop`. */
  event: z.string().min(1).default('Stop'),
  /**
   * Run only the hooks at these places of the file (`hooks.Stop[0].hooks[1]`), so that each hook of
   * one settings file can be its own judge row. Default: every hook of the event, together.
   */
  only: z.array(z.string().min(1)).min(1).optional(),
  /** CLAUDE_PLUGIN_ROOT for a hooks.json. Default: the folder above `hooks/` (relative to the suite file's folder). */
  pluginRoot: z.string().min(1).optional(),
  /** Files laid into the workspace before the first stop (a hook's state file), path → content. */
  files: z.record(RelativePath, z.string()).default({}),
  /** Blocks in a row after which Claude Code lets the stop through (CLAUDE_CODE_STOP_HOOK_BLOCK_CAP); 0: no cap. Default 8. */
  blockCap: z.number().int().nonnegative().default(DEFAULT_BLOCK_CAP),
  /** The `permission_mode` of the Stop input. Default `default`. */
  permissionMode: z.string().min(1).default('default'),
  /** Bytes of stdout and of stderr kept per command hook. Default 256 KiB. */
  maxOutputBytes: z.number().int().positive().default(DEFAULT_MAX_OUTPUT_BYTES),
  /** For prompt and agent hooks: the provider their models are called through. */
  provider: z.enum(['openai', 'anthropic']).optional(),
  ...ModelOptionsShape,
  /** The model of prompt and agent hooks that name none. */
  model: z.string().min(1).optional(),
});
export type ClaudeSettingsOptions = z.output<typeof ClaudeSettingsOptionsSchema>;

/**
 * Runs the hooks of a Claude Code settings.json (or a plugin's hooks.json) at every stop, as Claude
 * Code runs them: all hooks of the event together, in the episode's workspace copy with
 * CLAUDE_PROJECT_DIR, CLAUDE_CODE_SESSION_ID and (for plugins) CLAUDE_PLUGIN_ROOT, the Stop input
 * on stdin, the session transcript where Claude Code keeps it, the block cap, and what the hooks
 * write in the project carried from one stop to the next.
 */
export class ClaudeSettingsJudge implements Judge {
  readonly deterministic = false;
  readonly needsWorkspace = true;
  private readonly state: HookState;
  private readonly earlier = new Map<string, Map<number, EarlierStop>>();
  private readonly clients = new Map<string, ModelClient>();

  constructor(
    readonly id: string,
    private readonly options: ClaudeSettingsOptions,
    private readonly settings: LoadedSettings,
    private readonly baseDir: string,
  ) {
    this.state = new HookState(options.files);
  }

  static load(options: ClaudeSettingsOptions, baseDir: string): LoadedSettings {
    const pluginRoot = options.pluginRoot ? path.resolve(baseDir, options.pluginRoot) : undefined;
    return selectHooks(loadSettings(path.resolve(baseDir, options.settings), options.event, pluginRoot), options.only);
  }

  /**
   * Why this judge cannot run here: its file has prompt or agent hooks and the provider's key is not
   * set (the run then skips it with a notice, as it does an `llm` judge). A file that does not load
   * is left for create() to report.
   */
  static unavailable(options: ClaudeSettingsOptions, baseDir: string): string | null {
    let settings: LoadedSettings;
    try {
      settings = ClaudeSettingsJudge.load(options, baseDir);
    } catch {
      return null;
    }
    const model = settings.hooks.find(({ hook }) => hook.type !== 'command');
    if (!model || !options.provider) return null;
    const missing = judgeUnavailable({ ...options, provider: options.provider, model: options.model ?? 'unknown' });
    return missing ? `${missing} (needed by the ${model.hook.type} hook ${model.where} of ${settings.file})` : null;
  }

  static create(id: string, options: ClaudeSettingsOptions, baseDir: string): ClaudeSettingsJudge {
    const settings = ClaudeSettingsJudge.load(options, baseDir);
    for (const { where, hook } of settings.hooks) {
      if (hook.type === 'command') continue;
      if (!options.provider) throw new InputError(`judge "${id}": provider: required for the ${hook.type} hook ${where} of ${settings.file} (openai or anthropic)`);
      if (!hook.model && !options.model) throw new InputError(`judge "${id}": model: required for the ${hook.type} hook ${where} of ${settings.file}, which names none`);
    }
    const judge = new ClaudeSettingsJudge(id, options, settings, baseDir);
    for (const { hook } of settings.hooks) if (hook.type !== 'command') judge.client(hook.model ?? options.model!);
    return judge;
  }

  async judge(input: JudgeInput, context: JudgeContext): Promise<Verdict> {
    const episode = context.episode ?? sessionIdOf(input, this.id, context.repeat);
    const sessionId = uuidFrom(`${this.id}\0${episode}`);
    const stops = this.earlier.get(episode) ?? new Map<number, EarlierStop>();
    this.earlier.set(episode, stops);
    const before = await this.state.prepare(episode, input.workspace);

    // Where Claude Code keeps transcripts, under the HOME that commands see.
    const dir = path.join(context.temp.home, '.claude', 'projects', input.workspace.replace(/[^A-Za-z0-9]/g, '-'));
    await mkdir(dir, { recursive: true });
    const transcriptPath = path.join(dir, `${sessionId}.jsonl`);
    try {
      await writeFile(transcriptPath, claudeTranscript(input, { sessionId, earlier: (turn) => stops.get(turn) }));
      const hookInput = JSON.stringify({
        session_id: sessionId,
        transcript_path: transcriptPath,
        cwd: input.workspace,
        permission_mode: this.options.permissionMode,
        hook_event_name: this.options.event,
        stop_hook_active: input.turn > 1,
        last_assistant_message: finalMessageOf(input),
      });
      const outcomes = await Promise.all(this.settings.hooks.map(({ hook }) => (hook.type === 'command'
        ? runCommandHook(hook, hookInput, {
          cwd: input.workspace, env: this.env(input, sessionId, context), timeoutMs: context.commandTimeoutMs,
          signal: context.signal, sandbox: context.sandbox, maxOutputBytes: this.options.maxOutputBytes, vars: this.vars(input), readable: this.readable,
        })
        : runModelHook(hook, {
          client: this.client(hook.model ?? this.options.model!), hookInput, input, home: context.temp.home, sandbox: context.sandbox,
          commandTimeoutMs: context.commandTimeoutMs, repeat: context.repeat, signal: context.signal,
        }))));
      const keptFiles = await this.state.record(episode, input.workspace, before);
      const combined = combineOutcomes(outcomes satisfies HookOutcome[], input.claim, {
        blocksBefore: consecutiveBlocks(input.transcript, input.turn), blockCap: this.options.blockCap, keptFiles,
      });
      if (combined.verdict.decision === 'continue') stops.set(input.turn, { report: finalMessageOf(input), feedback: combined.feedback, summary: combined.summary });
      return combined.verdict;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The hooks' own files (the plugin, scripts beside the settings file) stay readable in the sandbox. */
  private get readable(): string[] {
    return [path.dirname(this.settings.file), ...(this.settings.pluginRoot ? [this.settings.pluginRoot] : [])];
  }

  private vars(input: JudgeInput): Record<string, string | undefined> {
    return { CLAUDE_PROJECT_DIR: input.workspace, CLAUDE_PLUGIN_ROOT: this.settings.pluginRoot ?? undefined };
  }

  private env(input: JudgeInput, sessionId: string, context: JudgeContext): Record<string, string> {
    return {
      ...commandEnv(context.temp.home),
      ...this.settings.env,
      CLAUDE_PROJECT_DIR: input.workspace,
      CLAUDE_CODE_SESSION_ID: sessionId,
      ...(this.settings.pluginRoot ? { CLAUDE_PLUGIN_ROOT: this.settings.pluginRoot } : {}),
      STOPBENCH_SUITE_DIR: this.baseDir,
      STOPBENCH_JUDGE_ID: this.id,
    };
  }

  private client(model: string): ModelClient {
    let client = this.clients.get(model);
    if (!client) {
      client = judgeModelClient(this.id, { ...this.options, provider: this.options.provider!, model }, this.baseDir);
      this.clients.set(model, client);
    }
    return client;
  }
}
