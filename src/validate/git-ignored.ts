import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A file inside a fixture that git would not commit, and the ignore rule that hides it. */
export interface IgnoredFile {
  /** Path relative to the fixture folder. */
  path: string;
  /** The rule as `git check-ignore -v` names it: `<ignore file>:<line>:<pattern>`. */
  rule: string;
}

/** Most files named per fixture; a whole ignored build folder would drown the output. */
const MOST_NAMED = 20;

/**
 * Files under `dir` that git would leave out of a commit because an ignore rule matches them (the
 * project's `.gitignore`, a nested one, `.git/info/exclude` or the user's global excludes). Such a
 * file exists on the author's machine, so the fixture validates there, and is missing from every
 * clone. Empty when `dir` is not inside a git work tree or git is not installed. Tracked files are
 * committed whatever the rules say, so they are never reported.
 */
export async function gitIgnoredFiles(dir: string): Promise<IgnoredFile[]> {
  try {
    await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir });
  } catch {
    return [];
  }
  const listed = await run('git', ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', '.'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  const paths = listed.stdout.split('\0').filter(Boolean);
  if (paths.length === 0) return [];
  return withRules(dir, paths);
}

/** `git check-ignore -v -z` prints `<source> NUL <line> NUL <pattern> NUL <path> NUL` per path. */
async function withRules(dir: string, paths: string[]): Promise<IgnoredFile[]> {
  const child = run('git', ['check-ignore', '-v', '-z', '--stdin'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin?.end(paths.join('\0'));
  const fields = (await child).stdout.split('\0');
  const rules = new Map<string, string>();
  for (let i = 0; i + 3 < fields.length; i += 4) rules.set(fields[i + 3]!, `${fields[i]}:${fields[i + 1]}:${fields[i + 2]}`);
  return paths.map((path) => ({ path, rule: rules.get(path) ?? 'an ignore rule' }));
}

/** One validation message per ignored file (the first MOST_NAMED, then a count of the rest). */
export function describeIgnored(files: readonly IgnoredFile[]): string[] {
  const named = files.slice(0, MOST_NAMED).map((f) => `${f.path} is ignored by git (${f.rule}): a clone will not have it; commit it (git add -f) or change the rule`);
  if (files.length > MOST_NAMED) named.push(`and ${files.length - MOST_NAMED} more files ignored by git`);
  return named;
}
