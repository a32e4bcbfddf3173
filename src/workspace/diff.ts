import { createTwoFilesPatch } from 'diff';
import type { ChangedFile, Diff } from '../schemas/judging.js';
import { listFiles, readEntry, type IgnoreRules } from './tree.js';

/**
 * What changed from the baseline tree to the workspace (SPEC section 2: added, modified or deleted;
 * untracked files count; ignored paths and .git/ do not). Compared by content, never through git, so an
 * agent that commits or resets changes nothing.
 */
export async function diffTrees(baselineDir: string, workDir: string, rules: IgnoreRules): Promise<Diff> {
  const [before, after] = await Promise.all([listFiles(baselineDir, rules), listFiles(workDir, rules)]);
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  const all = [...new Set([...before, ...after])].sort();
  const files: ChangedFile[] = [];
  const patches: string[] = [];
  for (const relPath of all) {
    const [old, now] = await Promise.all([
      beforeSet.has(relPath) ? readEntry(baselineDir, relPath) : undefined,
      afterSet.has(relPath) ? readEntry(workDir, relPath) : undefined,
    ]);
    if (old && now && old.equals(now)) continue;
    const status = !old ? 'added' : !now ? 'deleted' : 'modified';
    files.push({ path: relPath, status });
    patches.push(patchOf(relPath, old, now));
  }
  return { files, patch: patches.join('') };
}

function patchOf(relPath: string, old: Buffer | undefined, now: Buffer | undefined): string {
  if ((old && isBinary(old)) || (now && isBinary(now))) return `Binary files a/${relPath} and b/${relPath} differ\n`;
  return createTwoFilesPatch(
    old ? `a/${relPath}` : '/dev/null',
    now ? `b/${relPath}` : '/dev/null',
    old?.toString('utf8') ?? '',
    now?.toString('utf8') ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}
