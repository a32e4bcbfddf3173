import { readFile } from 'node:fs/promises';

/** summary.csv without the columns that are times, which differ between two runs of the same work. */
export function withoutTimes(csv: string): string {
  const [header, ...rows] = csv.trim().split('\n').map((line) => line.split(','));
  const keep = header!.map((name, i) => (/(_ms|wall)/.test(name) ? -1 : i)).filter((i) => i >= 0);
  return [header!, ...rows].map((cells) => keep.map((i) => cells[i]).join(',')).join('\n');
}

/** The number of records in a JSON-lines file; 0 when it does not exist yet. */
export async function lineCount(file: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).length;
}
