import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../errors.js';

const exec = promisify(execFile);

/** One path the fix commit changes. */
export interface ChangedPath {
  path: string;
  status: 'added' | 'modified' | 'deleted';
}

/** What from-commit reads of a fix commit. */
export interface FixCommit {
  sha: string;
  parent: string;
  subject: string;
  body: string;
  changed: ChangedPath[];
}

async function git(repo: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', ['-C', repo, ...args], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new InputError(`git ${args.join(' ')} in ${repo}: ${stderr || (error as Error).message}`);
  }
}

/** The fix commit, its parent and what it changes (renames as a deletion plus an addition, as SPEC counts them). */
export async function readFixCommit(repo: string, rev: string): Promise<FixCommit> {
  await git(repo, ['rev-parse', '--git-dir']).catch(() => {
    throw new InputError(`--repo ${repo}: not a git repository`);
  });
  const sha = (await git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).catch(() => '')).trim();
  if (!sha) throw new InputError(`--fix ${rev}: no such commit in ${repo}`);
  const parents = (await git(repo, ['rev-list', '--parents', '-n', '1', sha])).trim().split(/\s+/).slice(1);
  if (parents.length !== 1) throw new InputError(`--fix ${rev}: a commit with ${parents.length} parents (expected one: a fix on top of the broken state)`);
  const message = await git(repo, ['log', '-1', '--format=%B', sha]);
  const [subject = '', ...rest] = message.trim().split('\n');
  const changed: ChangedPath[] = [];
  const lines = (await git(repo, ['diff', '--name-status', '--no-renames', '-z', parents[0]!, sha])).split('\0').filter(Boolean);
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const status = lines[i]!.startsWith('A') ? 'added' : lines[i]!.startsWith('D') ? 'deleted' : 'modified';
    changed.push({ path: lines[i + 1]!, status });
  }
  if (changed.length === 0) throw new InputError(`--fix ${rev}: the commit changes no file`);
  return { sha, parent: parents[0]!, subject: subject.trim(), body: rest.join('\n').trim(), changed };
}

/** Writes every tracked file of `rev` under `dest` (git archive, so ignored and untracked files stay out). */
export async function exportTree(repo: string, rev: string, dest: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  const tar = path.join(dest, '..', `.${path.basename(dest)}.tar`);
  await git(repo, ['archive', '--format=tar', '-o', tar, rev]);
  await exec('tar', ['-xf', tar, '-C', dest]);
  await exec('rm', ['-f', tar]);
}

/** Writes the file `relPath` as it is at `rev` to `dest/relPath`. */
export async function exportFile(repo: string, rev: string, relPath: string, dest: string): Promise<void> {
  const { stdout } = await exec('git', ['-C', repo, 'show', `${rev}:${relPath}`], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const file = path.join(dest, relPath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, stdout);
}
