import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importSession } from '../../src/import/import-session.js';
import { copyMiniFixtures, removeCopies } from '../helpers/cli.js';
import { ClaudeSession, CodexRollout } from '../helpers/sessions.js';

afterAll(removeCopies);

const REPO = '/work/counter';
const FILE = `${REPO}/src/counter.js`;

async function setup(jsonl: string) {
  const fixtures = await copyMiniFixtures();
  const file = path.join(fixtures, 'session.jsonl');
  await writeFile(file, jsonl);
  return { fixture: path.join(fixtures, 'counter'), file };
}

describe('importing a session into the counter fixture', () => {
  it('refuses an edit that does not apply to the replayed state, naming the turn, the tool call and the file', async () => {
    const s = new ClaudeSession(REPO);
    s.prompt('clamp it');
    s.tool('Edit', { file_path: FILE, old_string: 'this.value += 1;', new_string: 'this.value = Math.min(this.max, this.value + 1);' }, 'ok');
    s.text('done');
    s.prompt('again');
    s.tool('Edit', { file_path: FILE, old_string: 'this.value += 1;', new_string: 'x' }, 'ok');
    s.text('done again');
    const { fixture, file } = await setup(s.jsonl());
    await expect(importSession({ tool: 'claude-code', file, fixtureDir: fixture })).rejects.toThrow(
      new RegExp(`^${file}: turn 2, tool call toolu_\\d+ \\(Edit src/counter.js\\): old_string not found in the replayed file$`),
    );
  });

  it('maps paths with --repo-root, skips edits outside the repository, and reads a blocked claim', async () => {
    const s = new ClaudeSession('/somewhere/else');
    s.prompt('clamp it');
    s.tool('Write', { file_path: '/tmp/notes.txt', content: 'x' }, 'ok');
    s.tool('Edit', { file_path: FILE, old_string: 'this.value += 1;', new_string: 'this.value = Math.min(this.max, this.value + 1);' }, 'ok');
    s.tool('Bash', { command: `node --test ${REPO}/test` }, 'ok');
    s.text('Blocked: I could not run the hidden tests.');
    const { fixture, file } = await setup(s.jsonl());
    const result = await importSession({ tool: 'claude-code', file, fixtureDir: fixture, repoRoot: REPO, name: 'mapped' });
    expect(result.labels).toEqual([true]);
    expect(Object.fromEntries(result.skipped)).toEqual({ 'Write edits outside the repository': 1 });
    const written = parse(await readFile(result.file, 'utf8'));
    expect(written.turns[0].claim).toBe('blocked');
    expect(written.turns[0].steps).toEqual([
      { edit: { path: 'src/counter.js', old: 'this.value += 1;', new: 'this.value = Math.min(this.max, this.value + 1);' } },
      { run: 'node --test test' },
    ]);
    await expect(importSession({ tool: 'claude-code', file, fixtureDir: fixture, repoRoot: REPO, name: 'mapped' })).rejects.toThrow('exists (give another --name, or --overwrite)');
  });

  it('turns a unique patch hunk into an exact edit, and refuses a patch that does not apply', async () => {
    const good = new CodexRollout(REPO);
    good.prompt('clamp it');
    good.customCall('apply_patch', '*** Begin Patch\n*** Update File: src/counter.js\n@@   up() {\n-    this.value += 1;\n+    this.value = Math.min(this.max, this.value + 1);\n*** End Patch', 'Success.');
    good.taskComplete('Clamped up().');
    const { fixture, file } = await setup(good.jsonl());
    const result = await importSession({ tool: 'codex', file, fixtureDir: fixture, name: 'patched' });
    expect(result.trajectory.turns[0]!.steps).toEqual([{ kind: 'edit', path: 'src/counter.js', old: '    this.value += 1;', new: '    this.value = Math.min(this.max, this.value + 1);' }]);
    expect(result.labels).toEqual([true]);

    const bad = new CodexRollout(REPO);
    bad.prompt('clamp it');
    bad.call('apply_patch', { input: '*** Begin Patch\n*** Update File: src/counter.js\n-    this.value -= 7;\n+    x\n*** End Patch' }, 'Success.', 0);
    bad.taskComplete('done');
    await writeFile(file, bad.jsonl());
    await expect(importSession({ tool: 'codex', file, fixtureDir: fixture, name: 'bad' })).rejects.toThrow(
      /turn 1, tool call call_\d+ \(apply_patch src\/counter\.js\): hunk 1: the lines to replace were not found/,
    );
  });

  it('refuses a file with no agent turn', async () => {
    const { fixture, file } = await setup('{"type":"summary","summary":"x"}\n');
    await expect(importSession({ tool: 'claude-code', file, fixtureDir: fixture })).rejects.toThrow('no agent turn found (is this a claude-code session?)');
  });
});
