import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, type ToolContext } from '../../src/agents/llm/tools.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { MINI_FIXTURES } from '../helpers/cli.js';
import { testSandbox } from '../helpers/sandbox.js';

describe('the LLM agents\' tools', () => {
  let temp: TempArea;
  let context: ToolContext;
  const call = (name: string, args: unknown) => runTool({ id: 'c1', name, arguments: typeof args === 'string' ? args : JSON.stringify(args) }, context);

  beforeAll(async () => {
    temp = await TempArea.create();
    const workspace = await Workspace.create(path.join(MINI_FIXTURES, 'counter/repo'), temp, 'tools', { sandbox: testSandbox() });
    context = { workspace, turn: 2, commandTimeoutMs: 20_000, maxOutputChars: 200, signal: new AbortController().signal };
  });
  afterAll(() => temp.dispose());

  it('edits an exact, unique match and records it like a replayed step', async () => {
    const outcome = await call('edit_file', { path: 'src/counter.js', old: 'this.value += 1;', new: 'this.value += 2;' });
    expect(outcome).toEqual({
      content: 'edited src/counter.js',
      entry: { turn: 2, kind: 'edit', path: 'src/counter.js', old: 'this.value += 1;', new: 'this.value += 2;' },
    });
    expect(await readFile(path.join(context.workspace.dir, 'src/counter.js'), 'utf8')).toContain('this.value += 2;');
  });

  it('sends mistakes back to the model as errors instead of failing the episode', async () => {
    await writeFile(path.join(context.workspace.dir, 'twice.txt'), 'x\nx\n');
    expect(await call('edit_file', { path: 'twice.txt', old: 'x', new: 'y' })).toMatchObject({ isError: true, content: 'error: old text found 2 times; it must be unique' });
    expect(await call('read_file', { path: '../../etc/passwd' })).toMatchObject({ isError: true, content: expect.stringContaining('leaves the workspace') });
    expect(await call('read_file', { path: 'nope.js' })).toEqual({ isError: true, content: 'error: no such file' });
    expect(await call('write_file', { path: 'a.txt' })).toMatchObject({ isError: true, content: 'error: bad arguments: content: missing (expected a string)' });
    expect(await call('read_file', '{"path":')).toEqual({ isError: true, content: 'error: the arguments are not valid JSON' });
    expect(await call('rm_rf', {})).toMatchObject({ isError: true, content: expect.stringMatching(/^error: unknown tool "rm_rf"/) });
  });

  it('runs commands through the workspace runner, keeping the tail of long output for the model', async () => {
    const outcome = await call('run_command', { command: 'seq 1 500; exit 3' });
    expect(outcome.content).toMatch(/^exit code 3\n\[… \d+ earlier characters cut …\]\n[\s\S]*\n500\n?$/);
    expect(outcome.entry).toMatchObject({ turn: 2, kind: 'run', command: 'seq 1 500; exit 3', exitCode: 3 });
    expect(outcome.entry && 'output' in outcome.entry && outcome.entry.output.startsWith('1\n2\n')).toBe(true);
  });

  it('lists files without .git, writes files, and turns finish into a stop attempt', async () => {
    expect((await call('list_files', {})).content.split('\n')).toEqual(expect.arrayContaining(['package.json', 'src/counter.js', 'test/counter.test.js']));
    expect((await call('list_files', {})).content).not.toContain('.git/');
    expect(await call('write_file', { path: 'src/new/util.js', content: 'export {};\n' })).toMatchObject({ entry: { kind: 'write', path: 'src/new/util.js' } });
    expect(await call('finish', { claim: 'blocked', report: 'The contract contradicts itself.' })).toMatchObject({
      finish: { claim: 'blocked', report: 'The contract contradicts itself.' },
    });
  });
});
