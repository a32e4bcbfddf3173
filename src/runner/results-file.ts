import { open, readFile, type FileHandle } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { EpisodeResultSchema, type EpisodeResult } from '../schemas/result.js';
import { formatIssues } from '../load/issues.js';

export const RESULTS_FILE = 'results.jsonl';

/**
 * Appends one complete JSON line per finished episode and flushes it to disk before the next, so a
 * crash loses at most the episode being written.
 */
export class ResultsWriter {
  private queue: Promise<void> = Promise.resolve();

  private constructor(private readonly handle: FileHandle) {}

  static async open(file: string): Promise<ResultsWriter> {
    return new ResultsWriter(await open(file, 'a'));
  }

  append(result: EpisodeResult): Promise<void> {
    const line = `${JSON.stringify(result)}\n`;
    this.queue = this.queue.then(async () => {
      await this.handle.appendFile(line, 'utf8');
      await this.handle.datasync();
    });
    return this.queue;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }
}

export interface ReadResults {
  results: EpisodeResult[];
  /** Lines dropped: a truncated last line left by a crash. */
  warnings: string[];
}

/**
 * Reads results.jsonl. A malformed last line is what a crash mid-write leaves, so it is dropped with a
 * warning; a malformed line anywhere else means the file is not ours, and is an error.
 */
export async function readResults(file: string): Promise<ReadResults> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: ${error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code})`}`);
  });
  const lines = text.split('\n');
  const results: EpisodeResult[] = [];
  const warnings: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const isLast = lines.slice(index + 1).every((rest) => rest.trim() === '');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (isLast) {
        warnings.push(`${file}: line ${index + 1}: truncated line dropped (an interrupted write)`);
        continue;
      }
      throw new InputError(`${file}: line ${index + 1}: not valid JSON`);
    }
    const parsed = EpisodeResultSchema.safeParse(value);
    if (!parsed.success) throw new InputError(`${file}: line ${index + 1}: ${formatIssues(parsed.error.issues)}`);
    results.push(parsed.data);
  }
  return { results, warnings };
}
