import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TurnEnd } from '../../src/agents/types.js';
import type { Judge } from '../../src/judges/types.js';
import { loadFixture, type Fixture } from '../../src/load/fixture.js';
import { runEpisode } from '../../src/runner/episode.js';
import { labelTurnEnds } from '../../src/runner/label.js';
import { execStats } from '../../src/workspace/exec.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { MINI_FIXTURES } from '../helpers/cli.js';
import { testSandbox } from '../helpers/sandbox.js';

let temp: TempArea;
let fixture: Fixture;
beforeAll(async () => {
  temp = await TempArea.create('stopbench-label-test-');
  fixture = await loadFixture(path.join(MINI_FIXTURES, 'counter'));
});
afterAll(() => temp.dispose());

/**
 * A new agent, as a plugin author writes one: it only acts and hands back its states. Turn 1 leaves
 * the seeded bug, turn 2 lays the reference solution over the workspace. It never sees the oracle.
 */
function newAgent(options: { fixed: boolean }): Agent {
  return {
    id: 'new',
    variants: () => [{ trajectory: null, persona: null, tags: [] }],
    async start(fx, _variant, context) {
      const workspace = await Workspace.create(fx.repoDir, context.temp, 'new-agent', context);
      const turns: TurnEnd[] = [];
      for (const turn of [1, 2]) {
        if (turn === 2) await cp(fx.solutionDir!, workspace.dir, { recursive: true });
        const end = { turn, claim: 'done' as const, report: `turn ${turn}`, transcript: [], diff: await workspace.diff() };
        turns.push({ ...end, stateDir: await workspace.copyTo(`new-t${turn}`) });
      }
      let next = 0;
      return { next: async () => turns[next++] ?? null, close: async () => {}, ...(options.fixed ? { fixedTurns: () => turns } : {}) };
    },
  };
}

const judge = (sendBack: boolean): Judge => ({
  id: sendBack ? 'once' : 'trust', deterministic: true, needsWorkspace: false,
  judge: async (input) => (sendBack && input.turn === 1 ? { decision: 'continue', feedback: 'not yet' } : { decision: input.claim }),
});

const episodeOf = (agent: Agent, sendBack: boolean) =>
  runEpisode(
    { key: 'k', configHash: 'h', fixture, agent, judge: judge(sendBack), variant: agent.variants(fixture)[0]!, repeat: 0 },
    { suite: 's', temp, sandbox: testSandbox(), signal: new AbortController().signal },
  );

describe('the runner labels turn ends', () => {
  it('gives a new agent oracle labels and failed checks at every checkpoint', async () => {
    const result = await episodeOf(newAgent({ fixed: false }), true);
    expect(result.error).toBeUndefined();
    expect(result.checkpoints.map((c) => c.label)).toEqual(['incomplete', 'complete']);
    expect(result.checkpoints[0]!.failedChecks).toContain('hidden');
    expect(result.checkpoints[1]!.failedChecks).toEqual([]);
    // What each failed check found is kept next to its id (results.jsonl), a complete state keeps none.
    expect(result.checkpoints[0]!.oracleFailures?.map((f) => f.id)).toEqual(result.checkpoints[0]!.failedChecks);
    expect(result.checkpoints[0]!.oracleFailures?.find((f) => f.id === 'hidden')?.run).toMatchObject({ exitCode: 1 });
    expect(result.checkpoints[1]!.oracleFailures).toBeUndefined();
    expect(result.outcome).toBe('correct-done');
  });

  it('labels the unjudged turns of a fixed trajectory to tell that a complete state was reachable later', async () => {
    const fixed = await episodeOf(newAgent({ fixed: true }), false);
    expect(fixed).toMatchObject({ outcome: 'false-done', reachable: true, reachableLater: true });
    expect(fixed.checkpoints).toHaveLength(1);
  });

  it('labels a live agent\'s reachability by the fixture: solvable, with turns left', async () => {
    const live = await episodeOf(newAgent({ fixed: false }), false);
    expect(live).toMatchObject({ outcome: 'false-done', reachable: true, reachableLater: fixture.task.limits.turns > 1 });
  });
});

describe('labelTurnEnds', () => {
  it('labels a list of states from outside the runner, running the oracle once per tree', async () => {
    const workspace = await Workspace.create(fixture.repoDir, temp, 'outside', { sandbox: testSandbox() });
    const diff = await workspace.diff();
    const first = await workspace.copyTo('same-1');
    const second = await workspace.copyTo('same-2');
    await cp(fixture.solutionDir!, workspace.dir, { recursive: true });
    const solved = await workspace.copyTo('solved');
    const before = execStats.commands;
    const labels = await labelTurnEnds(fixture, [{ dir: first, diff }, { dir: second, diff }, { dir: solved, diff: await workspace.diff() }], { temp, sandbox: testSandbox() });
    expect(labels.map((l) => l.label)).toEqual(['incomplete', 'incomplete', 'complete']);
    // Two run checks per state, and the two copies of the starting state share one labelling.
    expect(execStats.commands - before).toBe(4);
  });
});
