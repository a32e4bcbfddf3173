import { createReadStream } from 'node:fs';
import { access, open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
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

export interface ReadOptions {
  /**
   * Drop the long texts (reports, feedback, criteria evidence, oracle output) of episodes that stopped right, so
   * that reports over 100,000 episodes fit in memory. False stops and errors keep everything: they
   * are the ones reports show in full.
   */
  slim?: boolean;
  /** Called with each accepted line's text, in file order: a merge copies lines without holding them. */
  onLine?: (line: string) => Promise<void> | void;
}

/**
 * Reads results.jsonl line by line. A malformed last line is what a crash mid-write leaves, so it is
 * dropped with a warning; a malformed line anywhere else means the file is not ours, and is an error.
 */
export async function readResults(file: string, options: ReadOptions = {}): Promise<ReadResults> {
  await access(file).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: ${error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code})`}`);
  });
  const results: EpisodeResult[] = [];
  const warnings: string[] = [];
  // A bad line is only an error once a later line shows it was not the last one.
  let pending: { number: number; line: string } | undefined;
  let number = 0;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 }), crlfDelay: Infinity });
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    if (pending) throw new InputError(`${file}: line ${pending.number}: not valid JSON`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      pending = { number, line };
      continue;
    }
    const parsed = EpisodeResultSchema.safeParse(value);
    if (!parsed.success) throw new InputError(`${file}: line ${number}: ${formatIssues(parsed.error.issues)}`);
    results.push(options.slim ? slimmed(parsed.data) : parsed.data);
    await options.onLine?.(line);
  }
  if (pending) warnings.push(`${file}: line ${pending.number}: truncated line dropped (an interrupted write)`);
  return { results, warnings };
}

function slimmed(result: EpisodeResult): EpisodeResult {
  if (result.outcome !== 'correct-done' && result.outcome !== 'correct-blocked') return result;
  return {
    ...result,
    checkpoints: result.checkpoints.map(({ feedback: _f, criteria: _c, report: _r, oracleFailures: _o, ...rest }) => ({ ...rest, report: '' })),
  };
}
