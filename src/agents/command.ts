import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Fixture } from '../load/fixture.js';
import type { TranscriptEntry } from '../schemas/judging.js';
import { shellQuote } from '../text/shell-quote.js';
import { commandEnv } from '../workspace/env.js';
import { checkLimits, runCommand } from '../workspace/exec.js';
import { Workspace } from '../workspace/workspace.js';
import { parseFinalMessage } from './final-message.js';
import { renderTask } from './task-prompt.js';
import type { Agent, AgentContext, AgentSession, EpisodeVariant, TurnEnd } from './types.js';

export const CommandAgentOptionsSchema = z.strictObject({
  /**
   * A shell command run once per turn in the episode's workspace, e.g. `claude -p {prompt}` or
   * `codex exec {prompt}`. `{prompt}` becomes the shell-quoted prompt, `{prompt_file}` the quoted path
   * of a file holding it; with neither, the prompt arrives on stdin. $STOPBENCH_SUITE_DIR is the
   * suite file's folder, $STOPBENCH_TURN the turn number, $STOPBENCH_SESSION an id per episode.
   */
  command: z.string().min(1),
  /** Kill the agent's turn after this long. Default 600000 (10 minutes). */
  timeoutMs: z.number().int().positive().default(600_000),
  /** Bytes of stdout and of stderr kept per turn. Default 1 MiB. */
  maxOutputBytes: z.number().int().positive().default(1024 * 1024),
});
export type CommandAgentOptions = z.infer<typeof CommandAgentOptionsSchema>;

/**
 * An external agent program (`claude -p`, `codex exec`, `aider --message`): each turn it gets a
 * prompt (the contract as a task, then the judge's feedback), works in a live workspace and exits. Its
 * stdout is its final message, read for the claim and report by parseFinalMessage's convention. A
 * timeout or a non-zero exit is an agent failure: the episode ends as `error` with the cause.
 */
export class CommandAgent implements Agent {
  constructor(
    readonly id: string,
    private readonly options: CommandAgentOptions,
    private readonly suiteDir: string,
  ) {}

  variants(): EpisodeVariant[] {
    return [{ trajectory: null, persona: null, tags: [] }];
  }

  async start(fixture: Fixture, _variant: EpisodeVariant, context: AgentContext): Promise<AgentSession> {
    const workspace = await Workspace.create(fixture.repoDir, context.temp, `agent-${fixture.id}`, context);
    // Prompts live outside the workspace, so they never count as the agent's changes, and under the
    // HOME commands see, since the sandbox shows a command nothing else of the temp area.
    await mkdir(path.join(context.temp.home, '.stopbench'), { recursive: true });
    const promptDir = await mkdtemp(path.join(context.temp.home, '.stopbench', `prompts-${fixture.id}-`));
    return new CommandAgentSession(fixture, workspace, promptDir, this.options, {
      STOPBENCH_SUITE_DIR: this.suiteDir,
      STOPBENCH_SESSION: path.basename(workspace.dir),
    });
  }
}

class CommandAgentSession implements AgentSession {
  private turn = 0;
  private readonly transcript: TranscriptEntry[] = [];
  private readonly snapshots: string[] = [];

  constructor(
    private readonly fixture: Fixture,
    private readonly workspace: Workspace,
    private readonly promptDir: string,
    private readonly options: CommandAgentOptions,
    private readonly env: Record<string, string>,
  ) {}

  async next(feedback: string | undefined, signal: AbortSignal): Promise<TurnEnd | null> {
    if (this.turn >= this.fixture.task.limits.turns) return null;
    const turn = ++this.turn;
    const prompt = turn === 1 ? renderTask(this.fixture.task.contract) : (feedback ?? 'Continue: the goal is not met yet.');
    const promptFile = path.join(this.promptDir, `turn-${turn}.md`);
    await writeFile(promptFile, prompt);
    const { command, viaStdin } = expandCommand(this.options.command, prompt, promptFile);
    const result = await runCommand(command, {
      cwd: this.workspace.dir,
      env: { ...commandEnv(this.workspace.temp.home), ...this.env, STOPBENCH_TURN: String(turn), STOPBENCH_PROMPT_FILE: promptFile },
      timeoutMs: this.options.timeoutMs,
      signal,
      purpose: 'agent',
      sandbox: this.workspace.sandbox,
      maxOutputBytes: this.options.maxOutputBytes,
      ...(viaStdin ? { stdin: prompt } : {}),
    });
    if (result.aborted) signal.throwIfAborted();
    // The template, not the expanded command: the prompt is already the previous turn's feedback.
    this.transcript.push({
      turn, kind: 'run', command: this.options.command, exitCode: result.exitCode, output: result.output,
      ...(result.timedOut ? { timedOut: true } : {}), durationMs: result.durationMs,
    });
    checkLimits(result);
    if (result.timedOut) throw new Error(`agent command timed out after ${this.options.timeoutMs} ms on turn ${turn}`);
    if (result.exitCode !== 0) {
      const how = result.exitCode === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited ${result.exitCode}`;
      throw new Error(`agent command ${how} on turn ${turn}: ${result.output.trim().slice(-500)}`);
    }
    const message = result.stdout.trim();
    const { claim, report } = parseFinalMessage(message);
    this.transcript.push({ turn, kind: 'say', text: message });

    const diff = await this.workspace.diff();
    const stateDir = await this.workspace.copyTo(`state-${this.fixture.id}-t${turn}`);
    this.snapshots.push(stateDir);
    return { turn, claim, report, transcript: [...this.transcript], diff, stateDir };
  }

  async close(): Promise<void> {
    await Promise.all([this.workspace.dir, this.promptDir, ...this.snapshots].map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/** Fills `{prompt}` and `{prompt_file}`; with neither placeholder the prompt goes to stdin. */
export function expandCommand(template: string, prompt: string, promptFile: string): { command: string; viaStdin: boolean } {
  const viaStdin = !template.includes('{prompt}') && !template.includes('{prompt_file}');
  const command = template.replaceAll('{prompt_file}', () => shellQuote(promptFile)).replaceAll('{prompt}', () => shellQuote(prompt));
  return { command, viaStdin };
}
