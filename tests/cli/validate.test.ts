import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyMiniFixtures, removeCopies, MINI_FIXTURES, runCli } from '../helpers/cli.js';

afterAll(removeCopies);

async function replaceIn(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(file, text.replace(from, to));
}

describe('stopbench validate', () => {
  it('reports every fixture and trajectory valid and exits 0', () => {
    const result = runCli(['validate', MINI_FIXTURES]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {3}counter: start incomplete \(hidden, visible\); solution complete$/m);
    expect(result.stdout).toMatch(/^ok {5}counter\/lazy: lazy \[incomplete, complete\]$/m);
    expect(result.stdout).toContain('1 fixtures, 3 trajectories: all valid');
  });

  it('exits 1 naming the file and turn when an expect.complete label is wrong', async () => {
    const fixtures = await copyMiniFixtures();
    const file = path.join(fixtures, 'counter/trajectories/lazy.yaml');
    await replaceIn(file, 'complete: [false, true]', 'complete: [true, true]');
    const result = runCli(['validate', fixtures]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`FAIL   counter/lazy: ${file}: turn 1: expect.complete says complete, the oracle says incomplete (failed: hidden:`);
    expect(result.stdout).toContain('1 failures in 1 fixtures');
  });

  it('exits 1 naming trajectory, turn and step when an edit does not apply', async () => {
    const fixtures = await copyMiniFixtures();
    const file = path.join(fixtures, 'counter/trajectories/lazy.yaml');
    await replaceIn(file, 'old: "if (this.value < 1) this.value += 1;"', 'old: "this.value -= 1;"');
    const result = runCli(['validate', fixtures]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}: turn 2, step 1 (edit src/counter.js): old text not found in the file`);
  });

  it('exits 1 when an edit matches more than once', async () => {
    const fixtures = await copyMiniFixtures();
    const file = path.join(fixtures, 'counter/trajectories/diligent.yaml');
    await replaceIn(file, 'old: "this.value += 1;"', 'old: "this.value"');
    const result = runCli(['validate', fixtures]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/turn 1, step 1 \(edit src\/counter.js\): old text found \d+ times; it must be unique/);
  });

  it('fails a fixture whose starting state is already complete, or whose solution is not', async () => {
    const fixtures = await copyMiniFixtures();
    await replaceIn(path.join(fixtures, 'counter/solution/src/counter.js'), 'Math.min(this.max, this.value + 1)', 'this.value + 1');
    const result = runCli(['validate', fixtures]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL counter: repo \+ solution is incomplete: hidden:/);
  });

  it('refuses a step path that leaves the workspace', async () => {
    const fixtures = await copyMiniFixtures();
    const file = path.join(fixtures, 'counter/trajectories/cheater.yaml');
    await replaceIn(file, 'path: test/counter.test.js', 'path: ../../outside.js');
    const result = runCli(['validate', fixtures]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"../../outside.js" leaves the workspace');
  });
});
