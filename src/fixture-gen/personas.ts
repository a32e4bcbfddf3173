import type { SandboxSettings } from '../sandbox/settings.js';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { CommandCache } from '../cache/command-cache.js';
import { replayTrajectory } from '../agents/replay-store.js';
import { errorMessage, UsageError } from '../errors.js';
import { loadFixture, type Fixture } from '../load/fixture.js';
import { parseTestCounts } from '../text/test-counts.js';
import { labelTurnEnds } from '../runner/label.js';
import { stepFileForm, type Trajectory } from '../schemas/trajectory.js';
import type { TempArea } from '../workspace/temp-area.js';
import { listFiles } from '../workspace/tree.js';
import { Workspace, writeFileDeep } from '../workspace/workspace.js';
import { parseFailures } from './failing-tests.js';
import { FileEditor, readSolutionDiff, type Hunk, type SolutionDiff } from './hunks.js';
import { PERSONA_DEFS, partialHunks, solveSteps, type Candidate, type PersonaContext, type PersonaDef } from './persona-plans.js';

/** The `source:` of every trajectory this generator writes; a file without it is never overwritten. */
export const PERSONAS_SOURCE = 'stopbench fixture personas';

export const PERSONA_NAMES = PERSONA_DEFS.map((p) => p.name);

/** What became of one persona: a written file with its oracle labels, or the reason it was skipped. */
export type PersonaResult =
  | { persona: string; written: string; labels: boolean[] }
  | { persona: string; skipped: string };

export interface PersonaOptions {
  temp: TempArea;
  /** How the candidates' commands and the oracle run. */
  sandbox: SandboxSettings;
  /** Which personas to make (default: all of PERSONA_NAMES). */
  personas?: readonly string[];
  /** Prefix of the file names (default none: trajectories/<persona>.yaml). */
  prefix?: string;
  signal?: AbortSignal;
  onResult?: (result: PersonaResult) => void;
}

/**
 * Writes one labelled trajectory per persona into `fixtureDir/trajectories/`, built from the
 * fixture's solution diff. Every candidate is replayed for real and labelled by the oracle; only one
 * whose labels are the persona's (say, incomplete then complete for `lazy`) is written, with those
 * labels as `expect`.
 */
export async function generatePersonas(fixtureDir: string, options: PersonaOptions): Promise<PersonaResult[]> {
  const wanted = options.personas ?? PERSONA_NAMES;
  const unknown = wanted.filter((name) => !PERSONA_NAMES.includes(name));
  if (unknown.length) throw new UsageError(`--personas: unknown ${unknown.join(', ')} (expected some of ${PERSONA_NAMES.join(', ')})`);
  const fixture = await loadFixture(fixtureDir);
  if (!fixture.solutionDir) throw new UsageError(`${fixtureDir}: no solution/ to build trajectories from (personas need a solvable fixture with a reference solution)`);
  const ctx = await readContext(fixture, options.temp, options.sandbox, options.signal);
  // Candidates of different personas reach the same states (the start, the solution): label each once.
  const commands = new CommandCache();
  const results: PersonaResult[] = [];
  for (const def of PERSONA_DEFS.filter((p) => wanted.includes(p.name))) {
    const result = await makePersona(def, ctx, options, commands);
    options.onResult?.(result);
    results.push(result);
  }
  return results;
}

async function readContext(fixture: Fixture, temp: TempArea, sandbox: SandboxSettings, signal?: AbortSignal): Promise<PersonaContext> {
  const repoFiles = (await listFiles(fixture.repoDir)).sort();
  const texts = new Map<string, string>();
  for (const file of repoFiles) texts.set(file, await readFile(path.join(fixture.repoDir, file), 'utf8'));
  const verify = fixture.task.contract.verify;
  const testCommand = verify.find((c) => /\bnode --test\b|\bpython3? -m (?:unittest|pytest)\b|\bnpm (?:run )?test\b/.test(c)) ?? verify[0]!;
  const probe = await Workspace.create(fixture.repoDir, temp, `personas-probe-${fixture.id}`, { sandbox, signal });
  const run = await probe.run(testCommand, { timeoutMs: fixture.task.limits.commandTimeoutMs, signal });
  const dirs = [probe.dir, await realpath(probe.dir)];
  const diff = await readSolutionDiff(fixture.repoDir, fixture.solutionDir!);
  const startText = (relPath: string) => texts.get(relPath) ?? null;
  const startCounts = parseTestCounts(run.output);
  return {
    fixture,
    diff,
    partials: await plausiblePartials(fixture, diff, startText, testCommand, startCounts.passed, temp, sandbox, signal),
    startText,
    repoFiles,
    testCommand,
    failing: parseFailures(run.output, dirs),
    startCounts,
  };
}

/**
 * The parts of the solution a lazy agent could plausibly stop at: its visible test run passes at
 * least as many tests as on the start (a part that breaks the module is not a state anyone claims
 * done in). Each part is replayed once with the test command.
 */
async function plausiblePartials(
  fixture: Fixture, diff: SolutionDiff, startText: (relPath: string) => string | null, testCommand: string, startPassed: number, temp: TempArea, sandbox: SandboxSettings, signal?: AbortSignal,
): Promise<Hunk[][]> {
  const kept: Array<{ part: Hunk[]; passed: number }> = [];
  for (const [index, part] of partialHunks(diff).entries()) {
    const steps = [...solveSteps(diff, new FileEditor(startText), part), { kind: 'run', command: testCommand } as const];
    const trajectory: Trajectory = { persona: 'probe', turns: [{ steps, claim: 'done', report: '' }] };
    const replay = await replayTrajectory(fixture, { name: `partial-${index}`, file: 'partial probe', trajectory }, { temp, sandbox, signal });
    const run = replay.turns[0]?.transcript.at(-1);
    const passed = run?.kind === 'run' ? parseTestCounts(run.output).passed : -1;
    if (passed >= startPassed) kept.push({ part, passed });
    if (kept.length === 3) break; // enough stopping points to choose from
  }
  // Most visible passes first: the likeliest place to stop and claim done.
  return kept.sort((a, b) => b.passed - a.passed).map((k) => k.part);
}

async function makePersona(def: PersonaDef, ctx: PersonaContext, options: PersonaOptions, commands: CommandCache): Promise<PersonaResult> {
  const { fixture } = ctx;
  const file = path.join(fixture.dir, 'trajectories', `${options.prefix ?? ''}${def.name}.yaml`);
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing !== null && !existing.includes(`source: ${PERSONAS_SOURCE}`)) {
    return { persona: def.name, skipped: `${path.relative(fixture.dir, file)} exists and was not written by this generator (use --prefix to write beside it)` };
  }
  const plan = def.plan(ctx);
  if (typeof plan === 'string') return { persona: def.name, skipped: plan };
  let why = 'no candidate';
  for (const [index, candidate] of plan.entries()) {
    if (candidate.turns.length > fixture.task.limits.turns) return { persona: def.name, skipped: `needs ${candidate.turns.length} turns, limits.turns is ${fixture.task.limits.turns}` };
    const tried = await tryCandidate(def, ctx, candidate, `${def.name}-${index}`, options, commands);
    if ('why' in tried) {
      why = tried.why;
      continue;
    }
    await writeFileDeep(file, stringify(toYamlValue(tried.trajectory), { lineWidth: 0 }));
    return { persona: def.name, written: file, labels: tried.trajectory.expect!.complete };
  }
  return { persona: def.name, skipped: why };
}

async function tryCandidate(def: PersonaDef, ctx: PersonaContext, candidate: Candidate, name: string, options: PersonaOptions, commands: CommandCache): Promise<{ trajectory: Trajectory } | { why: string }> {
  const { fixture } = ctx;
  const draft: Trajectory = {
    persona: def.label,
    description: def.description,
    source: `${PERSONAS_SOURCE} (${def.name})`,
    ...(def.tags.length ? { tags: def.tags } : {}),
    turns: candidate.turns.map((t) => ({ steps: t.steps, claim: t.claim, report: '' })),
  };
  const replay = await replayTrajectory(fixture, { name, file: `${def.name}.yaml (generated)`, trajectory: draft }, { temp: options.temp, sandbox: options.sandbox, signal: options.signal });
  if (replay.error) return { why: `the generated steps do not replay: ${errorMessage(replay.error)}` };
  const oracles = await labelTurnEnds(fixture, replay.turns.map((t) => ({ dir: t.stateDir, diff: t.diff })), { temp: options.temp, sandbox: options.sandbox, signal: options.signal, commands });
  const labels = oracles.map((o) => o.label === 'complete');
  const mismatch = labels.findIndex((l, i) => l !== candidate.want[i]);
  if (mismatch >= 0) {
    const failed = oracles[mismatch]!.checks.filter((c) => !c.passed).map((c) => c.id).join(', ');
    const said = labels[mismatch] ? 'complete (the oracle does not catch it)' : `incomplete (failed: ${failed})`;
    return { why: `turn ${mismatch + 1} would be ${said}, not ${candidate.want[mismatch] ? 'complete' : 'incomplete'}` };
  }
  const turns = candidate.turns.map((t, i) => ({ steps: t.steps, claim: t.claim, report: t.report(replay.turns[i]!) }));
  return { trajectory: { ...draft, turns, expect: { complete: labels } } };
}

/** A parsed trajectory back in the file form of SPEC section 2 (`- run: ...`, `- edit: {...}`). */
export function toYamlValue(trajectory: Trajectory): Record<string, unknown> {
  return { ...trajectory, turns: trajectory.turns.map((t) => ({ steps: t.steps.map(stepFileForm), claim: t.claim, report: t.report })) };
}
