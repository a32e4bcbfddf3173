import { execSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_FIXTURES, ROOT } from '../helpers/cli.js';

const COUNTER = path.join(MINI_FIXTURES, 'counter');
let root: string;

function cli(args: string[], input: string, cwd = ROOT) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', STOPBENCH_SANDBOX: 'none' };
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'NODE_OPTIONS') delete env[name];
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/bin.js'), ...args], { cwd, input, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GIT = 'git -c user.name=t -c user.email=t@t -c commit.gpgsign=false';

/** The counter's starting state committed, then the hook set-up (task.yaml, .claude/settings.json) left uncommitted. */
async function makeProject(name: string): Promise<string> {
  const dir = path.join(root, name);
  await cp(path.join(COUNTER, 'repo'), dir, { recursive: true });
  execSync(`git init -q && git add -A && ${GIT} commit -qm start`, { cwd: dir });
  await cp(path.join(COUNTER, 'task.yaml'), path.join(dir, 'task.yaml'));
  await mkdir(path.join(dir, '.claude'));
  await writeFile(path.join(dir, '.claude/settings.json'), '{"hooks":{}}\n');
  return dir;
}

/** A transcript whose first line carries the session id and start time, as Claude Code writes them. */
async function transcript(dir: string, startedAt: string, steps: Array<{ command: string; result: string }>, final: string): Promise<string> {
  const lines: object[] = [{ type: 'user', sessionId: `s-${path.basename(dir)}`, timestamp: startedAt, message: { role: 'user', content: 'Make the bounded counter respect its bounds.' } }];
  steps.forEach((s, i) => {
    lines.push({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'tool_use', id: `t${i}`, name: 'Bash', input: { command: s.command } }] } });
    lines.push({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: s.result }] } });
  });
  lines.push({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: final }] } });
  const file = path.join(root, `${path.basename(dir)}.jsonl`);
  await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

const payload = (dir: string, file: string | undefined) =>
  JSON.stringify({ session_id: `s-${path.basename(dir)}`, ...(file ? { transcript_path: file } : {}), cwd: dir, hook_event_name: 'Stop', stop_hook_active: false });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'stopbench-hook-session-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the hook in a fresh project', () => {
  it('passes a finished change with task.yaml and .claude/ uncommitted: the hook set-up is never out of scope', async () => {
    const dir = await makeProject('finished');
    await cp(path.join(COUNTER, 'solution'), dir, { recursive: true });
    const tests = execSync('node --test 2>&1', { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const file = await transcript(dir, new Date().toISOString(), [{ command: 'node --test', result: tests }], 'up() clamps to max; node --test passes.');
    const r = cli(['hook', 'claude-code', '--contract', path.join(dir, 'task.yaml')], payload(dir, file));
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('stopbench verify: done');
  });

  it('judges work committed during the session against the base at the session start', async () => {
    const dir = await makeProject('committed');
    // The reflog keeps whole seconds: the session starts a second after the start commit, the wip a second later.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const startedAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Partial work, committed: a test is skipped instead of the code being fixed.
    const testFile = path.join(dir, 'test/counter.test.js');
    await writeFile(testFile, (await readFile(testFile, 'utf8')).replace(/\btest\(/, 'test.skip('));
    execSync(`${GIT} commit -qam wip`, { cwd: dir });
    const file = await transcript(dir, startedAt, [{ command: 'node --test', result: '# pass 1\n# skipped 1\n' }], 'Done; node --test passes.');
    const r = cli(['judge', '--contract', path.join(dir, 'task.yaml'), '--workspace', dir, '--transcript', file], '');
    expect(r.stdout).toMatch(/^verify: continue {2}\(1 changed path since [0-9a-f]{12}: start of session s-committed/);
    expect(r.stdout).toMatch(/FAIL tests-intact: test\/counter\.test\.js/);
    expect(r.code).toBe(1);
    // The base is recorded for the session: a later stop without the transcript's time uses it too.
    const again = cli(['judge', '--contract', path.join(dir, 'task.yaml'), '--workspace', dir, '--session', 's-committed'], '');
    expect(again.stdout).toMatch(/since [0-9a-f]{12}: start of session s-committed \(recorded/);
    expect(again.stdout).not.toContain('no changes');
  });

  it('says so when nothing changed since the base', async () => {
    const dir = await makeProject('unchanged');
    const r = cli(['judge', '--contract', path.join(dir, 'task.yaml'), '--workspace', dir], '');
    expect(r.stdout).toMatch(/^verify: continue {2}\(no changes since [0-9a-f]{12}: HEAD\)/);
  });

  it('fails open with one stderr line when transcript_path does not exist', async () => {
    const dir = await makeProject('no-transcript');
    const r = cli(['hook', 'claude-code', '--contract', path.join(dir, 'task.yaml')], payload(dir, path.join(root, 'missing.jsonl')));
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^stopbench hook: transcript_path: .*missing\.jsonl: file not found; the stop goes through\n$/);
  });

  it('without a transcript, skips the checks that need one and lets the reruns decide', async () => {
    const dir = await makeProject('judge-no-transcript');
    await cp(path.join(COUNTER, 'solution'), dir, { recursive: true });
    const r = cli(['judge', '--contract', path.join(dir, 'task.yaml'), '--workspace', dir, '--report', '-', '--json'], 'Fixed up(); node --test passes.');
    const verdict = JSON.parse(r.stdout);
    expect(verdict.criteria.find((c: { id: string }) => c.id === 'fresh-verification')).toMatchObject({ status: 'skipped', evidence: expect.stringMatching(/^skipped: no transcript/) });
    expect(verdict.criteria.find((c: { id: string }) => c.id === 'claimed-runs')).toMatchObject({ status: 'skipped' });
    expect(verdict.decision).toBe('done');
    expect(r.code).toBe(0);
  });
});
