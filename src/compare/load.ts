import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { readResults, RESULTS_FILE } from '../runner/results-file.js';
import type { EpisodeResult } from '../schemas/result.js';

/** One side of a comparison: the episodes of a results folder or results.jsonl file. */
export interface ResultSet {
  /** What the user named (a folder or a file). */
  location: string;
  file: string;
  results: EpisodeResult[];
  warnings: string[];
}

/** Reads a results folder (its results.jsonl) or a results.jsonl file; an empty set is bad input. */
export async function loadResultSet(location: string): Promise<ResultSet> {
  const info = await stat(location).catch(() => null);
  if (!info) throw new InputError(`${location}: not found (expected a results folder or a results.jsonl file)`);
  const file = info.isDirectory() ? path.join(location, RESULTS_FILE) : location;
  const { results, warnings } = await readResults(file);
  if (results.length === 0) throw new InputError(`${file}: no episodes`);
  return { location, file, results, warnings };
}

/** The episodes of one judge id, or bad input naming the judges the set has. */
export function episodesOfJudge(set: ResultSet, judge: string, option: string): EpisodeResult[] {
  const episodes = set.results.filter((e) => e.judge === judge);
  if (episodes.length === 0) {
    throw new InputError(`${option}: no judge "${judge}" in ${set.file} (it has ${judgeIds(set.results).join(', ')})`);
  }
  return episodes;
}

/** Judge ids in order of first appearance. */
export function judgeIds(results: readonly EpisodeResult[]): string[] {
  return [...new Set(results.map((e) => e.judge))];
}
