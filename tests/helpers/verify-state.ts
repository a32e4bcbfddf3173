import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { JudgeContext } from '../../src/judges/types.js';
import type { Contract } from '../../src/schemas/task.js';
import type { JudgeInput, TranscriptEntry } from '../../src/schemas/judging.js';
import { diffTrees } from '../../src/workspace/diff.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { loadIgnoreRules } from '../../src/workspace/tree.js';
import { writeFiles } from './files.js';
import { testSandbox } from './sandbox.js';

export type Files = Record<string, string | null>;

/** A baseline and a workspace made from file maps (`null` deletes a baseline file), and the diff between. */
export async function makeState(baseline: Files, changes: Files) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'stopbench-judge-'));
  const base = path.join(root, 'base');
  const work = path.join(root, 'work');
  await writeFiles(base, baseline);
  const merged: Files = { ...baseline, ...changes };
  await writeFiles(work, merged);
  const diff = await diffTrees(base, work, await loadIgnoreRules(base));
  return { root, work, diff, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export function judgeInput(over: Partial<JudgeInput> & Pick<JudgeInput, 'workspace' | 'diff'>, contract: Partial<Contract> = {}): JudgeInput {
  return {
    fixture: 'test',
    turn: 1,
    claim: 'done',
    report: '',
    transcript: [],
    contract: {
      goal: 'Fix it.',
      done: [{ id: 'tests', text: 'node --test passes' }],
      verify: ['node --test'],
      ...contract,
    },
    ...over,
  };
}

export function run(command: string, exitCode: number, output = ''): TranscriptEntry {
  return { turn: 1, kind: 'run', command, exitCode, output };
}

export function edit(filePath: string): TranscriptEntry {
  return { turn: 1, kind: 'edit', path: filePath, old: 'x', new: 'y' };
}

let shared: TempArea | undefined;

export async function judgeContext(): Promise<JudgeContext> {
  shared ??= await TempArea.create();
  return { signal: new AbortController().signal, temp: shared, sandbox: testSandbox(), repeat: 0, commandTimeoutMs: 20_000 };
}

export async function disposeJudgeContext(): Promise<void> {
  await shared?.dispose();
  shared = undefined;
}

/** A tiny node --test project: one function and one test of it. */
export const SMALL_REPO: Files = {
  'package.json': '{ "type": "module" }\n',
  'src/add.js': 'export function add(a, b) {\n  return a - b;\n}\n',
  'test/add.test.js':
    "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../src/add.js';\n\ntest('adds', () => {\n  assert.equal(add(2, 3), 5);\n});\n",
};

export const FIXED = { 'src/add.js': 'export function add(a, b) {\n  return a + b;\n}\n' };
