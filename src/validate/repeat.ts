import type { SandboxSettings } from '../sandbox/settings.js';
import type { Fixture } from '../load/fixture.js';
import { evaluateOracle, type OracleResult } from '../oracle/oracle.js';
import type { TempArea } from '../workspace/temp-area.js';
import { layOver, Workspace } from '../workspace/workspace.js';

/** A check whose result changed between runs of the same state. */
export interface FlakyCheck {
  check: string;
  state: 'start' | 'solution';
  /** How many of the runs passed. */
  passed: number;
  runs: number;
}

/**
 * Runs every oracle check `repeat` times on the starting state and on repo + solution (Terminal-Bench
 * runs each reference solution several times for the same reason): a check that passes on some runs
 * and fails on others would label the same state both ways. No command cache: each run is real.
 */
export async function findFlakyChecks(fixture: Fixture, repeat: number, temp: TempArea, sandbox: SandboxSettings, signal?: AbortSignal): Promise<FlakyCheck[]> {
  const states: Array<{ name: FlakyCheck['state']; dir: string; ws: Workspace }> = [];
  const start = await Workspace.create(fixture.repoDir, temp, `repeat-${fixture.id}-start`, { sandbox, signal });
  states.push({ name: 'start', dir: start.dir, ws: start });
  if (fixture.solutionDir) {
    const solved = await Workspace.create(fixture.repoDir, temp, `repeat-${fixture.id}-solution`, { sandbox, signal });
    await layOver(fixture.solutionDir, solved.dir);
    states.push({ name: 'solution', dir: solved.dir, ws: solved });
  }
  const flaky: FlakyCheck[] = [];
  for (const state of states) {
    const diff = await state.ws.diff();
    const runs: OracleResult[] = [];
    for (let i = 0; i < repeat; i += 1) runs.push(await evaluateOracle(fixture, { dir: state.dir, diff }, { temp, sandbox, signal }));
    for (const check of fixture.oracle.checks) {
      const passed = runs.filter((r) => r.checks.find((c) => c.id === check.id)?.passed).length;
      if (passed > 0 && passed < repeat) flaky.push({ check: check.id, state: state.name, passed, runs: repeat });
    }
  }
  return flaky;
}

/** One line for validate: the flaky checks, or that there were none. */
export function describeFlaky(flaky: readonly FlakyCheck[], repeat: number, hasSolution: boolean): { ok: boolean; message: string } {
  const where = hasSolution ? 'the start and the solution' : 'the start (no solution/)';
  if (flaky.length === 0) return { ok: true, message: `oracle run ${repeat} times on ${where}: no flaky check` };
  const parts = flaky.map((f) => `${f.check} on the ${f.state} passed ${f.passed} of ${f.runs} runs`);
  return { ok: false, message: `flaky oracle checks: ${parts.join('; ')}` };
}
