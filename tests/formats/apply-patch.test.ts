import { describe, expect, it } from 'vitest';
import { applyHunks, parsePatch } from '../../src/formats/codex/apply-patch.js';
import { readExecScript } from '../../src/formats/codex/exec-script.js';

describe('Codex apply_patch', () => {
  it('parses add, delete, update and move sections', () => {
    const ops = parsePatch('*** Begin Patch\n*** Add File: n.txt\n+one\n+two\n*** Delete File: old.txt\n*** Update File: a.js\n*** Move to: b.js\n@@ function f() {\n-  return 1;\n+  return 2;\n*** End Patch\n');
    expect(ops).toEqual([
      { type: 'add', path: 'n.txt', content: 'one\ntwo\n' },
      { type: 'delete', path: 'old.txt' },
      { type: 'update', path: 'a.js', moveTo: 'b.js', hunks: [{ context: 'function f() {', oldLines: ['  return 1;'], newLines: ['  return 2;'], endOfFile: false }] },
    ]);
  });

  it('applies a hunk after its context line, leaving an earlier identical line alone', () => {
    const text = 'function a() {\n  return 1;\n}\nfunction f() {\n  return 1;\n}\n';
    const [op] = parsePatch('*** Begin Patch\n*** Update File: a.js\n@@ function f() {\n-  return 1;\n+  return 2;\n*** End Patch');
    expect(applyHunks(text, op!.type === 'update' ? op!.hunks : [])).toBe('function a() {\n  return 1;\n}\nfunction f() {\n  return 2;\n}\n');
  });

  it('refuses a hunk whose lines are not in the file, and a patch without its markers', () => {
    const [op] = parsePatch('*** Begin Patch\n*** Update File: a.js\n-missing\n+x\n*** End Patch');
    expect(() => applyHunks('a\n', op!.type === 'update' ? op!.hunks : [])).toThrow('hunk 1: the lines to replace were not found (first: "missing")');
    expect(() => parsePatch('*** Update File: a.js')).toThrow('does not start with "*** Begin Patch"');
  });
});

describe('exec scripts', () => {
  it('reads tools.exec_command and tools.apply_patch calls with literal arguments, in order', () => {
    const script = 'const p = `*** Begin Patch\n*** Add File: a\n+x\n*** End Patch`;\nawait tools.exec_command({ cmd: "ls -la", workdir: \'/r/sub\' });\nawait tools.apply_patch(p);\nawait tools.exec_command({"cmd": "echo \\"hi\\""});';
    expect(readExecScript(script)).toEqual({
      calls: [
        { tool: 'exec_command', command: 'ls -la', workdir: '/r/sub' },
        { tool: 'apply_patch', patch: '*** Begin Patch\n*** Add File: a\n+x\n*** End Patch' },
        { tool: 'exec_command', command: 'echo "hi"', workdir: undefined },
      ],
      unread: [],
    });
  });

  it('reports calls whose arguments are computed, and other tools', () => {
    const script = 'for (const f of files) await tools.exec_command({ cmd: `cat ${f}` });\nawait tools.view_image({ path: "x.png" });';
    expect(readExecScript(script)).toEqual({ calls: [], unread: ['tools.exec_command', 'tools.view_image'] });
  });
});
