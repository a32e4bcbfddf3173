import { resolveSandbox, type SandboxSettings } from '../sandbox/settings.js';
import { access, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseFinalMessage } from '../agents/final-message.js';
import { applyStep } from '../agents/steps.js';
import { InputError } from '../errors.js';
import { readClaudeSession } from '../formats/claude-code/session-read.js';
import { readCodexRollout } from '../formats/codex/rollout-read.js';
import { countSkip, type RecordedSession } from '../formats/session.js';
import { loadFixture } from '../load/fixture.js';
import { parseYamlText } from '../load/yaml.js';
import type { OracleState } from '../oracle/oracle.js';
import { labelTurnEnds } from '../runner/label.js';
import { stepFileForm, TrajectorySchema, type Claim, type Step, type Trajectory } from '../schemas/trajectory.js';
import { TempArea } from '../workspace/temp-area.js';
import { Workspace } from '../workspace/workspace.js';
import { stepsFor } from './convert.js';

export type SessionTool = 'claude-code' | 'codex';

export interface ImportOptions {
  tool: SessionTool;
  /** The session file: a Claude Code transcript or a Codex rollout (JSONL). */
  file: string;
  fixtureDir: string;
  /** The trajectory's file name without `.yaml`. Default `<tool>-<first 8 characters of the session id>`. */
  name?: string | undefined;
  /** The repository's folder as the session saw it. Default: the session's `cwd`. */
  repoRoot?: string | undefined;
  /** Default `imported`. */
  persona?: string | undefined;
  /** Replace an existing trajectory of that name (refused without it). */
  overwrite?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /** How the replayed commands and the oracle run. Default: resolveSandbox() (STOPBENCH_SANDBOX, else auto). */
  sandbox?: SandboxSettings | undefined;
}

export interface ImportResult {
  /** The trajectory file written. */
  file: string;
  trajectory: Trajectory;
  labels: boolean[];
  steps: number;
  /** What was not imported, by what it was. */
  skipped: Map<string, number>;
}

/**
 * Turns a recorded session into a fixture trajectory (SPEC section 2): reads it, replays every turn's
 * edits and commands for real on a fresh copy of the fixture's repo (so each edit is checked against the
 * state it meets), labels each turn end with the hidden oracle, and writes
 * `trajectories/NAME.yaml` with those labels as `expect` and a `source:` note.
 */
export async function importSession(options: ImportOptions): Promise<ImportResult> {
  const text = await readFile(options.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${options.file}: ${error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code ?? 'unknown error'})`}`);
  });
  const session = options.tool === 'claude-code'
    ? readClaudeSession(text, { subagents: await subagentTexts(options.file) })
    : readCodexRollout(text);
  const fixture = await loadFixture(options.fixtureDir);
  if (session.turns.length === 0) throw new InputError(`${options.file}: no agent turn found (is this a ${options.tool} session?)`);
  if (session.turns.length > fixture.task.limits.turns) {
    throw new InputError(`${options.file}: ${session.turns.length} turns, more than the fixture's limits.turns (${fixture.task.limits.turns})`);
  }
  const root = options.repoRoot ? path.resolve(options.repoRoot) : session.cwd;
  if (!root) throw new InputError(`${options.file}: the session records no working folder; give --repo-root`);
  const name = options.name ?? `${options.tool}-${(session.sessionId ?? 'session').slice(0, 8)}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new InputError(`--name: "${name}" (expected letters, digits, ".", "_" or "-")`);
  const out = path.join(fixture.dir, 'trajectories', `${name}.yaml`);
  if (!options.overwrite && (await access(out).then(() => true, () => false))) {
    throw new InputError(`${out}: exists (give another --name, or --overwrite)`);
  }

  const sandbox = options.sandbox ?? resolveSandbox();
  const temp = await TempArea.create();
  try {
    const workspace = await Workspace.create(fixture.repoDir, temp, `import-${fixture.id}`, { sandbox, signal: options.signal });
    const skipped = new Map(session.skipped);
    const turns: Trajectory['turns'] = [];
    const states: OracleState[] = [];
    for (const [index, recorded] of session.turns.entries()) {
      const turn = index + 1;
      const steps: Step[] = [];
      for (const action of recorded.actions) {
        options.signal?.throwIfAborted();
        for (const step of await stepsFor(action, { workspace, root, file: options.file, turn, skipped })) {
          const entry = await applyStep(step, workspace, { file: options.file, turn, step: steps.length + 1 }, fixture.task.limits.commandTimeoutMs, options.signal);
          if (action.kind === 'run' && entry.kind === 'run' && action.exitCode !== null && entry.exitCode !== action.exitCode) {
            countSkip(skipped, 'commands whose exit code differed on replay (kept as run)');
          }
          steps.push(step);
        }
      }
      const { claim, report } = claimOf(recorded.finalText);
      turns.push({ steps, claim, report, ...(recorded.usage ? { usage: { ...recorded.usage, costUsd: null } } : {}) });
      states.push({ dir: await workspace.copyTo(`import-${fixture.id}-t${turn}`), diff: await workspace.diff() });
    }
    const labels = (await labelTurnEnds(fixture, states, { temp, sandbox, signal: options.signal })).map((r) => r.label === 'complete');
    const trajectory: Trajectory = {
      persona: options.persona ?? 'imported',
      description: `Imported from a ${toolName(options.tool)} session (${turns.length} turn${turns.length === 1 ? '' : 's'}).`,
      source: sourceNote(session, options.file),
      turns,
      expect: { complete: labels },
    };
    const yaml = stringify(toYaml(trajectory), { lineWidth: 0 });
    // What is written must load as a trajectory: checked with the loader's own schema first.
    parseYamlText(yaml, out, TrajectorySchema);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, yaml);
    return { file: out, trajectory, labels, steps: turns.reduce((n, t) => n + t.steps.length, 0), skipped };
  } finally {
    await temp.dispose();
  }
}

/** The claim is `done` unless the final message says blocked (the final-message convention, or a first word "Blocked"). */
function claimOf(finalText: string): { claim: Claim; report: string } {
  const parsed = parseFinalMessage(finalText);
  if (parsed.claim === 'done' && /^\W*blocked\b/i.test(finalText.trim())) return { claim: 'blocked', report: parsed.report };
  return parsed;
}

function sourceNote(session: RecordedSession, file: string): string {
  const parts = [`${session.tool} session ${session.sessionId ?? '(no id)'}`];
  if (session.version) parts.push(`version ${session.version}`);
  parts.push(`imported from ${path.basename(file)}`);
  return parts.join(', ');
}

function toolName(tool: SessionTool): string {
  return tool === 'claude-code' ? 'Claude Code' : 'Codex CLI';
}

/** Subagent transcripts Claude Code keeps beside a session: `<session>/subagents/*.jsonl`. */
async function subagentTexts(file: string): Promise<string[]> {
  const dir = path.join(file.replace(/\.jsonl$/, ''), 'subagents');
  const names = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(names.filter((n) => n.endsWith('.jsonl')).sort().map((n) => readFile(path.join(dir, n), 'utf8')));
}

/** The trajectory in the file format: each step a map with one key naming its kind; turns keep their usage. */
function toYaml(trajectory: Trajectory): object {
  return { ...trajectory, turns: trajectory.turns.map((turn) => ({ ...turn, steps: turn.steps.map(stepFileForm) })) };
}
