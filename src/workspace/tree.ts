import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { toPosix } from './paths.js';

/** Decides which paths the diff leaves out: `.git/` and what the baseline's .gitignore files ignore. */
export interface IgnoreRules {
  ignores(relPath: string, isDir: boolean): boolean;
}

/**
 * Reads the .gitignore files of the baseline tree. Taken from the baseline, not the workspace, so an
 * agent cannot hide a change by editing .gitignore (that edit is itself a change).
 */
export async function loadIgnoreRules(baselineDir: string): Promise<IgnoreRules> {
  const rules = new Map<string, Ignore>();
  async function visit(rel: string): Promise<void> {
    const dir = path.join(baselineDir, rel);
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name === '.gitignore' && entry.isFile()) {
        const text = await readFile(path.join(dir, entry.name), 'utf8');
        rules.set(toPosix(rel), ignore().add(text));
      }
    }
    for (const entry of entries) {
      if (entry.isDirectory() && entry.name !== '.git') await visit(path.join(rel, entry.name));
    }
  }
  await visit('');
  return {
    ignores(relPath, isDir) {
      const parts = relPath.split('/');
      if (parts[0] === '.git') return true;
      for (const [base, rule] of rules) {
        if (base !== '' && !relPath.startsWith(`${base}/`)) continue;
        const local = base === '' ? relPath : relPath.slice(base.length + 1);
        if (rule.ignores(isDir ? `${local}/` : local)) return true;
      }
      return false;
    },
  };
}

export const NO_IGNORES: IgnoreRules = { ignores: (relPath) => relPath.split('/')[0] === '.git' };

/** Every file (and symlink) below `root`, as posix paths relative to it, minus ignored ones. Sorted. */
export async function listFiles(root: string, rules: IgnoreRules = NO_IGNORES): Promise<string[]> {
  const out: string[] = [];
  async function visit(rel: string): Promise<void> {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!rules.ignores(childRel, true)) await visit(childRel);
      } else if (!rules.ignores(childRel, false)) {
        out.push(childRel);
      }
    }
  }
  await visit('');
  return out.sort();
}

/** A file's bytes, or for a symlink its target text, so that links compare without being followed. */
export async function readEntry(root: string, relPath: string): Promise<Buffer | undefined> {
  const full = path.join(root, relPath);
  // lstat first: reading a link to a file would follow it (and could read outside the workspace).
  const stat = await lstat(full).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) return Buffer.from(`symlink -> ${await readlink(full)}`);
  return readFile(full);
}
