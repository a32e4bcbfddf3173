import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkValue } from '../../src/load/yaml.js';
import { TaskSchema } from '../../src/schemas/task.js';
import { copyMiniFixtures, removeCopies, ROOT, runCli } from '../helpers/cli.js';

/**
 * Issue 19 point 5: one contract schema for preflight, judge, hook and fixtures, and every problem
 * printed with its path and the shape expected there, never "and 1 more".
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-contract-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await removeCopies();
});

function problems(value: unknown): string {
  try {
    checkValue(value, 'task.yaml', TaskSchema);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the value to be refused');
}

const CONTRACT = { goal: 'Fix it.', done: [{ id: 'tests', text: 'node --test passes' }], verify: ['node --test'] };

describe('schema problems', () => {
  it('name a string where an object is expected by the fields the object needs', () => {
    expect(problems({ id: 'a', title: 'A', contract: { ...CONTRACT, done: ['node --test passes'] } }))
      .toBe('task.yaml: contract.done[0]: expected {id, text}, received a string');
  });

  it('are all printed, however many there are', () => {
    const message = problems({ id: 'a', title: 'A', solvable: 'yes', contract: { ...CONTRACT, done: ['x', 'y'], verify: 'node --test' }, limits: { turns: 'three' } });
    expect(message).not.toMatch(/more/);
    expect(message.split('; ')).toEqual([
      'task.yaml: solvable: expected true or false, received a string',
      'contract.done[0]: expected {id, text}, received a string',
      'contract.done[1]: expected {id, text}, received a string',
      'contract.verify: expected a non-empty list of non-empty strings, received a string',
      'limits.turns: expected a positive whole number, received a string',
    ]);
  });

  it('name each field an object misses, with its shape', () => {
    expect(problems({ id: 'a', title: 'A', contract: { ...CONTRACT, done: [{ text: 'x' }] } }))
      .toBe('task.yaml: contract.done[0].id: missing (expected a non-empty string)');
    expect(problems({ id: 'a' })).toBe(
      'task.yaml: title: missing (expected a non-empty string); ' +
        'contract: missing (expected {goal, background?, scope?, done, verify, failure?, risk?, delivery?})',
    );
  });

  it('name the keys there are beside an unknown one, and what an empty list should hold', () => {
    expect(problems({ id: 'a', title: 'A', solveable: true, contract: { ...CONTRACT, verify: [] } })).toBe(
      'task.yaml: contract.verify: expected a non-empty list of non-empty strings, received an empty list; ' +
        'solveable: unknown key (expected one of id, title, tags, solvable, draft, contract, limits)',
    );
  });
});

/** A task.yaml whose done criteria are plain strings, beside a repository. */
async function stringDoneContract(): Promise<string> {
  const folder = path.join(dir, 'strings');
  await mkdir(path.join(folder, 'repo'), { recursive: true });
  const file = path.join(folder, 'task.yaml');
  await writeFile(file, [
    'id: strings', 'title: Strings', 'contract:', '  goal: Fix it.', '  done:', '    - node --test passes', '    - the report names the cause',
    '  verify: [node --test]', '',
  ].join('\n'));
  return file;
}

const EXPECTED = ['contract.done[0]: expected {id, text}, received a string', 'contract.done[1]: expected {id, text}, received a string'];

describe('one contract schema for every command', () => {
  it('preflight refuses done criteria written as plain strings, as judge does', async () => {
    const file = await stringDoneContract();
    const result = runCli(['preflight', file]);
    expect(result.code).toBe(1);
    for (const line of EXPECTED) expect(result.stdout.split('\n')).toContain(`error   ${line}`);
  });

  it('judge names the same problems, all of them', async () => {
    const file = await stringDoneContract();
    const result = runCli(['judge', '--contract', file, '--workspace', path.dirname(file)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`stopbench: ${file}: ${EXPECTED.join('; ')}\n`);
  });

  it('the hook names the same problems and lets the stop through', async () => {
    const file = await stringDoneContract();
    const input = JSON.stringify({ session_id: 's', transcript_path: '', cwd: path.dirname(file), hook_event_name: 'Stop', stop_hook_active: false });
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/bin.js'), 'hook', 'claude-code', '--contract', file], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}: ${EXPECTED.join('; ')}`);
  });

  it('validate names the same problems in a fixture', async () => {
    const fixtures = await copyMiniFixtures();
    const file = path.join(fixtures, 'counter/task.yaml');
    const text = await readFile(file, 'utf8');
    const next = text.replace(/  done:\n(?:    - id: .*\n      text: .*\n)+/, '  done:\n    - one\n    - two\n');
    expect(next).not.toBe(text);
    await writeFile(file, next);
    const result = runCli(['validate', path.join(fixtures, 'counter')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`FAIL counter: ${file}: ${EXPECTED.join('; ')}`);
  });
});
