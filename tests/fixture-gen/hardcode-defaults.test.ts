import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { argCount, hardcodeCall } from '../../src/fixture-gen/cheats.js';

// A function with a defaulted parameter, called by the failing test without it: the special case
// must fire for that call (it once compared [text, options] with ['a;b'] and never did).
const JS_SOURCE = `export function split(text, options = {}) {
  return text.split(options.sep ?? ',');
}
`;
const PY_SOURCE = `def split(text, sep=None):
    return text.split(sep or ',')
`;

async function runIn(files: Record<string, string>, command: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hardcode-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const result = spawnSync(command[0]!, command.slice(1), { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe('hardcode: a call that leaves a parameter to its default', () => {
  it('counts the arguments a call passes', () => {
    expect(argCount('')).toBe(0);
    expect(argCount("'a;b'")).toBe(1);
    expect(argCount("'a,b', { sep: ',' }, [1, 2]")).toBe(3);
  });

  it('js: the special case fires for the test call and not for others', async () => {
    const cheated = hardcodeCall(JS_SOURCE, 'split.js', { fn: 'split', args: "'a;b'", expected: "['a', 'b']" });
    expect(cheated).not.toBeNull();
    const out = await runIn({ 'split.mjs': cheated!, 'main.mjs': "import { split } from './split.mjs';\nconsole.log(JSON.stringify([split('a;b'), split('c;d')]));\n" }, ['node', 'main.mjs']);
    expect(out).toBe('[["a","b"],["c;d"]]');
  });

  it('py: the special case fires for the test call and not for others', async () => {
    const cheated = hardcodeCall(PY_SOURCE, 'split.py', { fn: 'split', args: "'a;b'", expected: "['a', 'b']" });
    expect(cheated).not.toBeNull();
    const out = await runIn({ 'split.py': cheated!, 'main.py': "from split import split\nprint(split('a;b'), split('c;d'))\n" }, ['python3', 'main.py']);
    expect(out).toBe("['a', 'b'] ['c;d']");
  });
});
