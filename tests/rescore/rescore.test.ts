import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_FIXTURES, runCli } from '../helpers/cli.js';
import { PROGRAMS } from '../helpers/command-judge.js';

let dir: string;
let suite: string;

/** A command judge that sends the agent back twice (to the fixture's turn limit, 3), then accepts its claim. */
const ONCE = `node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const i=JSON.parse(s);console.log(JSON.stringify(i.turn<3?{decision:'continue',feedback:'clamp up() for any bounds'}:{decision:i.claim}))})"`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-rescore-'));
  await copyFile(path.join(PROGRAMS, 'fake-agent.mjs'), path.join(dir, 'agent.mjs'));
  suite = path.join(dir, 'suite.yaml');
  await writeFile(suite, [
    'name: live',
    `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`,
    'agents: [{ id: fake, type: command, command: \'node "$STOPBENCH_SUITE_DIR/agent.mjs" {prompt}\' }]',
    `judges: [{ id: trust, type: trust }, { id: verify, type: verify }, { id: once, type: command, command: ${JSON.stringify(ONCE)} }]`,
    'concurrency: 1',
  ].join('\n'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function outcomes(out: string): Promise<Record<string, string>> {
  const lines = (await readFile(path.join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  return Object.fromEntries(lines.map((r) => [r.key, `${r.outcome} after ${r.checkpoints.length} turns`]));
}

describe('run --keep-states, then rescore', () => {
  it('gives each judge the outcomes of running it directly, without running the agent', async () => {
    const direct = path.join(dir, 'direct');
    expect(runCli(['run', '--suite', suite, '--judges', 'trust,verify', '--out', direct, '--no-progress', '--sandbox', 'none']).code).toBe(0);
    const kept = path.join(dir, 'kept');
    const run = runCli(['run', '--suite', suite, '--judges', 'once', '--keep-states', '--out', kept, '--no-progress', '--sandbox', 'none']);
    expect(run.code).toBe(0);
    const objects = await readdir(path.join(kept, 'states/objects'));
    const trees = await Promise.all((await readdir(path.join(kept, 'states/trees'))).map(async (t) => JSON.parse(await readFile(path.join(kept, 'states/trees', t), 'utf8')) as unknown[]));
    expect(trees).toHaveLength(2); // turns 2 and 3 leave the same state
    // Deduplicated: the two states share every file but src/counter.js (and git's index).
    expect(objects.length).toBeLessThan(trees[0]!.length + trees[1]!.length);

    // The agent runs unsandboxed from the test's folder: gone now, so rescore cannot be running it.
    await rm(path.join(dir, 'agent.mjs'));
    const out = path.join(dir, 'rescored');
    const rescore = runCli(['rescore', kept, '--suite', suite, '--judges', 'trust,verify', '--out', out, '--no-progress']);
    expect(rescore.stderr).toBe('');
    expect(rescore.code).toBe(0);
    const want = await outcomes(direct);
    expect(Object.keys(want).sort()).toEqual(['fake/trust/counter/-/0', 'fake/verify/counter/-/0']);
    expect(await outcomes(out)).toEqual(want);
    expect(want['fake/trust/counter/-/0']).toBe('false-done after 1 turns');
    expect(runCli(['report', out]).code).toBe(0);
    expect(runCli(['compare', direct, out]).code).toBe(0);
  });

  it('ends an episode in error where the judge asks for a turn the kept run never took', async () => {
    await copyFile(path.join(PROGRAMS, 'fake-agent.mjs'), path.join(dir, 'agent.mjs'));
    const kept = path.join(dir, 'kept-trust');
    expect(runCli(['run', '--suite', suite, '--judges', 'trust', '--keep-states', '--out', kept, '--no-progress', '--sandbox', 'none']).code).toBe(0);
    const out = path.join(dir, 'rescored-once');
    const rescore = runCli(['rescore', kept, '--suite', suite, '--judges', 'once', '--out', out, '--no-progress']);
    expect(rescore.code).toBe(1);
    expect(rescore.stderr).toContain('no kept state for turn 2: the kept run\'s judge (trust) ended the episode at turn 1, and rescore does not run the agent');
  });

  it('refuses a run without kept states', () => {
    const rescore = runCli(['rescore', path.join(dir, 'direct'), '--suite', suite, '--out', path.join(dir, 'x')]);
    expect(rescore.code).toBe(2);
    expect(rescore.stderr).toContain('states/episodes.jsonl: file not found (was the run made with --keep-states?)');
  });
});
