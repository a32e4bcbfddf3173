import path from 'node:path';
import pLimit from 'p-limit';
import { replayTrajectory } from '../agents/replay-store.js';
import { errorMessage } from '../errors.js';
import { findFixtureDirs } from '../load/discover.js';
import { loadFixture, type Fixture, type NamedTrajectory } from '../load/fixture.js';
import { YamlRefusedError } from '../load/yaml.js';
import type { OracleResult } from '../oracle/oracle.js';
import { Labeller } from '../runner/label.js';
import { resolveSandbox, type SandboxSettings } from '../sandbox/settings.js';
import type { TempArea } from '../workspace/temp-area.js';
import { describeIgnored, gitIgnoredFiles } from './git-ignored.js';
import { describeFlaky, findFlakyChecks } from './repeat.js';
import { layOver, Workspace } from '../workspace/workspace.js';

/** One line of `stopbench validate`: a fixture's own checks, or one trajectory. */
export interface ValidationLine {
  fixture: string;
  trajectory: string | null;
  ok: boolean;
  message: string;
}

export interface FixtureValidation {
  dir: string;
  lines: ValidationLine[];
}

/**
 * Checks fixtures as SPEC section 8 says: each loads, the starting state is incomplete, repo + solution
 * is complete, every trajectory replays, and every `expect.complete` label matches the oracle.
 * `sandbox`: how the commands run; default resolveSandbox() (STOPBENCH_SANDBOX, else `auto`).
 */
export async function validateFixtures(
  locations: readonly string[],
  options: {
    temp: TempArea; sandbox?: SandboxSettings; signal?: AbortSignal; concurrency?: number; onFixture?: (v: FixtureValidation) => void;
    /** Run each oracle check this many times on the start and the solution and report flaky ones (default 1: no repeats). */
    repeat?: number;
  },
): Promise<FixtureValidation[]> {
  const dirs = await findFixtureDirs(locations);
  // Loading is cheap; done first so that a refused (hostile) YAML file stops validate before any work.
  const loaded = await Promise.all(dirs.map((dir) => loadFixture(dir).then((fixture) => ({ fixture }), (error: unknown) => ({ error }))));
  const refused = loaded.find((l) => 'error' in l && l.error instanceof YamlRefusedError);
  if (refused && 'error' in refused) throw refused.error;
  const limit = pLimit(options.concurrency ?? 2);
  const sandbox = options.sandbox ?? resolveSandbox();
  const labeller = new Labeller({ temp: options.temp, sandbox, signal: options.signal });
  return Promise.all(
    dirs.map((dir, index) =>
      limit(async () => {
        const validation = { dir, lines: await validateOne(dir, loaded[index]!, options.temp, sandbox, labeller, options.signal) };
        const item = loaded[index]!;
        if ((options.repeat ?? 1) > 1 && 'fixture' in item) validation.lines.push(await repeatLine(item.fixture, options.repeat!, options.temp, sandbox, options.signal));
        options.onFixture?.(validation);
        return validation;
      }),
    ),
  );
}

async function validateOne(dir: string, loaded: { fixture: Fixture } | { error: unknown }, temp: TempArea, sandbox: SandboxSettings, labeller: Labeller, signal?: AbortSignal): Promise<ValidationLine[]> {
  // Files the author has and a clone will not: reported whether or not the rest validates.
  const ignored = describeIgnored(await gitIgnoredFiles(dir))
    .map((message): ValidationLine => ({ fixture: path.basename(dir), trajectory: null, ok: false, message }));
  if ('error' in loaded) return [{ fixture: path.basename(dir), trajectory: null, ok: false, message: errorMessage(loaded.error) }, ...ignored];
  const { fixture } = loaded;
  const lines: ValidationLine[] = [await checkStates(fixture, temp, sandbox, labeller, signal), ...ignored];
  if (fixture.trajectories.length === 0) {
    lines.push({ fixture: fixture.id, trajectory: null, ok: false, message: 'no trajectories/*.yaml to replay' });
  }
  for (const trajectory of fixture.trajectories) lines.push(await checkTrajectory(fixture, trajectory, temp, sandbox, labeller, signal));
  return lines;
}

async function checkStates(fixture: Fixture, temp: TempArea, sandbox: SandboxSettings, labeller: Labeller, signal?: AbortSignal): Promise<ValidationLine> {
  const line = (ok: boolean, message: string): ValidationLine => ({ fixture: fixture.id, trajectory: null, ok, message });
  try {
    const start = await Workspace.create(fixture.repoDir, temp, `validate-${fixture.id}-start`, { sandbox, signal });
    const startLabel = await labeller.label(fixture, { dir: start.dir, diff: await start.diff() });
    if (startLabel.label === 'complete') return line(false, 'the starting state is already complete (no check fails on repo/)');
    const startText = `start incomplete (${failedIds(startLabel)})`;
    if (!fixture.solutionDir) {
      return line(true, fixture.task.solvable ? `${startText}; no solution/ to check` : `${startText}; unsolvable`);
    }
    const solved = await Workspace.create(fixture.repoDir, temp, `validate-${fixture.id}-solution`, { sandbox, signal });
    await layOver(fixture.solutionDir, solved.dir);
    const solvedLabel = await labeller.label(fixture, { dir: solved.dir, diff: await solved.diff() });
    if (solvedLabel.label !== 'complete') return line(false, `repo + solution is incomplete: ${failedDetails(solvedLabel)}`);
    return line(true, `${startText}; solution complete`);
  } catch (error) {
    signal?.throwIfAborted();
    return line(false, errorMessage(error));
  }
}

async function checkTrajectory(fixture: Fixture, named: NamedTrajectory, temp: TempArea, sandbox: SandboxSettings, labeller: Labeller, signal?: AbortSignal): Promise<ValidationLine> {
  const line = (ok: boolean, message: string): ValidationLine => ({ fixture: fixture.id, trajectory: named.name, ok, message });
  const replay = await replayTrajectory(fixture, named, { temp, sandbox, signal });
  if (replay.error) return line(false, errorMessage(replay.error));
  let oracles: OracleResult[];
  try {
    oracles = await labeller.labelAll(fixture, replay.turns.map((t) => ({ dir: t.stateDir, diff: t.diff })));
  } catch (error) {
    signal?.throwIfAborted();
    return line(false, errorMessage(error));
  }
  const labels = oracles.map((o) => o.label === 'complete');
  const expected = named.trajectory.expect?.complete;
  const persona = named.trajectory.persona;
  const shown = `${persona} [${labels.map((l) => (l ? 'complete' : 'incomplete')).join(', ')}]`;
  if (!fixture.task.solvable && labels.some(Boolean)) {
    const turn = labels.indexOf(true) + 1;
    return line(false, `${shown}: turn ${turn} is complete, but the fixture is unsolvable (no turn end may be complete)`);
  }
  if (!expected) return line(true, `${shown} (no expect labels)`);
  for (const [index, want] of expected.entries()) {
    const got = labels[index];
    if (got !== want) {
      const why = got ? 'every check passed' : `failed: ${failedDetails(oracles[index]!)}`;
      return line(false, `${named.file}: turn ${index + 1}: expect.complete says ${want ? 'complete' : 'incomplete'}, the oracle says ${got ? 'complete' : 'incomplete'} (${why})`);
    }
  }
  return line(true, shown);
}

async function repeatLine(fixture: Fixture, repeat: number, temp: TempArea, sandbox: SandboxSettings, signal?: AbortSignal): Promise<ValidationLine> {
  try {
    return { fixture: fixture.id, trajectory: null, ...describeFlaky(await findFlakyChecks(fixture, repeat, temp, sandbox, signal), repeat, fixture.solutionDir !== null) };
  } catch (error) {
    signal?.throwIfAborted();
    return { fixture: fixture.id, trajectory: null, ok: false, message: `--repeat: ${errorMessage(error)}` };
  }
}

function failedIds(result: OracleResult): string {
  return result.checks.filter((c) => !c.passed).map((c) => c.id).join(', ');
}

function failedDetails(result: OracleResult): string {
  return result.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`).join('; ');
}
