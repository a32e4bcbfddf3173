import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeTypes } from '../../src/judges/registry.js';
import { copyMiniFixtures, removeCopies, runCli } from '../helpers/cli.js';

afterAll(removeCopies);

/** A malformed task.yaml gets one line naming the file and field, exit 2, no stack trace. */
describe('malformed task.yaml', () => {
  const cases: Array<[string, (text: string) => string, RegExp]> = [
    ['a missing contract.verify', (t) => t.replace(/  verify:\n    - node --test\n/, ''), /contract\.verify: missing \(expected a non-empty list of non-empty strings\)/],
    ['a wrong type', (t) => t.replace('solvable: true', 'solvable: "yes"'), /solvable: expected true or false, received a string/],
    ['an unknown key', (t) => t.replace('solvable: true', 'solvable: true\nsolveable: true'), /solveable: unknown key/],
    ['broken YAML', (t) => t.replace('tags: [visible-only]', 'tags: [visible-only'), /line \d+, column \d+: invalid YAML/],
  ];

  it.each(cases)('%s', async (_name, breakIt, message) => {
    const fixtures = await copyMiniFixtures();
    const file = path.join(fixtures, 'counter/task.yaml');
    await writeFile(file, breakIt(await readFile(file, 'utf8')));
    const result = runCli(['validate', path.join(fixtures, 'counter')]);
    expect(result.code).toBe(1); // validate reports the broken fixture as a failure...
    expect(result.stdout).toContain(file);
    expect(result.stdout).toMatch(message);

    const suite = path.join(fixtures, '..', 'suite.yaml');
    await writeFile(suite, `name: t\nfixtures: [${JSON.stringify(fixtures)}]\nagents: [{id: r, type: replay}]\njudges: [{id: t, type: trust}]\n`);
    const run = runCli(['run', '--suite', suite, '--out', path.join(fixtures, '..', 'out')]);
    expect(run.code).toBe(2); // ...and a run refuses to start: bad input
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^stopbench: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('malformed suite', () => {
  it('names an unknown judge type with the types there are', async () => {
    const fixtures = await copyMiniFixtures();
    const suite = path.join(fixtures, '..', 'suite.yaml');
    await writeFile(suite, `name: t\nfixtures: [${JSON.stringify(fixtures)}]\nagents: [{id: r, type: replay}]\njudges: [{id: t, type: oracle-peek}]\n`);
    const run = runCli(['run', '--suite', suite]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`stopbench: ${suite}: judges[0].type: unknown type "oracle-peek" (expected one of ${Object.keys(judgeTypes).join(', ')})`);
  });

  it('names an unknown option of a judge', async () => {
    const fixtures = await copyMiniFixtures();
    const suite = path.join(fixtures, '..', 'suite.yaml');
    await writeFile(suite, `name: t\nfixtures: [${JSON.stringify(fixtures)}]\nagents: [{id: r, type: replay}]\njudges: [{id: t, type: exit-code, feedbackChar: 3}]\n`);
    const run = runCli(['run', '--suite', suite]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`stopbench: ${suite}: judges[0].feedbackChar: unknown key (expected one of id, type, feedbackChars)`);
  });
});
