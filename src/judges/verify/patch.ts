/** The lines a unified patch adds and removes, per file. */
export interface FilePatch {
  added: string[];
  removed: string[];
}

/** Reads the patch of a judge input's diff (one `a/…` `b/…` section per file). */
export function parsePatch(patch: string): Map<string, FilePatch> {
  const files = new Map<string, FilePatch>();
  let current: FilePatch | undefined;
  let oldPath = '';
  for (const line of patch.split('\n')) {
    if (line.startsWith('--- ')) {
      oldPath = stripPrefix(line.slice(4));
      current = undefined;
      continue;
    }
    if (line.startsWith('+++ ')) {
      const newPath = stripPrefix(line.slice(4));
      const path = newPath === '/dev/null' ? oldPath : newPath;
      current = { added: [], removed: [] };
      files.set(path, current);
      continue;
    }
    if (!current || line.startsWith('@@')) continue;
    if (line.startsWith('+')) current.added.push(line.slice(1));
    else if (line.startsWith('-')) current.removed.push(line.slice(1));
  }
  return files;
}

function stripPrefix(raw: string): string {
  const name = raw.split('\t')[0]!.trim();
  return name.replace(/^[ab]\//, '');
}
