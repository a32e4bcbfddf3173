import { InputError, UsageError } from '../errors.js';
import { compareJudgePairs, label, type JudgeComparison } from './compare.js';
import { applyGate, type GateCheck, type GateOptions } from './gate.js';
import { episodesOfJudge, judgeIds, loadResultSet, type ResultSet } from './load.js';
import { pairEpisodes } from './pairs.js';

export interface CompareOptions {
  /** A results folder or results.jsonl file. */
  base: string;
  new: string;
  /** Compare this judge of BASE with `newJudge` of NEW. Default: every judge id both sets have. */
  baseJudge?: string | undefined;
  newJudge?: string | undefined;
}

export interface JudgeComparisonWithPairing extends JudgeComparison {
  /** Episodes only one side ran (named); they take no part in the figures. */
  onlyBase: string[];
  onlyNew: string[];
}

export interface Comparison {
  base: string;
  new: string;
  judges: JudgeComparisonWithPairing[];
  /** Things a reader should know: judges compared on one side only, dropped lines. */
  notes: string[];
}

/**
 * Loads two result sets and compares them judge by judge on the episodes both ran. Bad input (a
 * missing set, an unknown judge, no episodes in common) throws before anything is compared.
 */
export async function compareRuns(options: CompareOptions): Promise<Comparison> {
  if ((options.baseJudge === undefined) !== (options.newJudge === undefined)) {
    throw new UsageError('--base-judge and --new-judge go together (name the judge of each side)');
  }
  const base = await loadResultSet(options.base);
  const next = await loadResultSet(options.new);
  const notes = [...base.warnings, ...next.warnings];
  const matches = matchJudges(base, next, options, notes);
  const judges = matches.map(([baseJudge, newJudge]) => {
    const pairing = pairEpisodes(episodesOfJudge(base, baseJudge, '--base-judge'), episodesOfJudge(next, newJudge, '--new-judge'));
    if (pairing.pairs.length === 0) {
      throw new InputError(`judge ${label(baseJudge, newJudge)}: no episodes in common between ${base.file} and ${next.file} (episodes pair by fixture, agent, trajectory and repeat)`);
    }
    return { ...compareJudgePairs(baseJudge, newJudge, pairing.pairs), onlyBase: pairing.onlyBase, onlyNew: pairing.onlyNew };
  });
  return { base: base.location, new: next.location, judges, notes };
}

export interface CompareResultsOptions extends CompareOptions {
  /** CI thresholds; each is off unless given. */
  gate?: GateOptions | undefined;
}

export interface GatedComparison extends Comparison {
  gate: { checks: GateCheck[]; regression: boolean };
}

/** `stopbench compare` as a function: the paired comparison and the gate; `regression` is the exit 1. */
export async function compareResults(options: CompareResultsOptions): Promise<GatedComparison> {
  const { gate, ...sides } = options;
  const comparison = await compareRuns(sides);
  const checks = applyGate(comparison.judges, gate ?? {});
  return { ...comparison, gate: { checks, regression: checks.some((c) => c.failed) } };
}

function matchJudges(base: ResultSet, next: ResultSet, options: CompareOptions, notes: string[]): Array<[string, string]> {
  if (options.baseJudge !== undefined && options.newJudge !== undefined) {
    episodesOfJudge(base, options.baseJudge, '--base-judge');
    episodesOfJudge(next, options.newJudge, '--new-judge');
    return [[options.baseJudge, options.newJudge]];
  }
  const baseIds = judgeIds(base.results);
  const newIds = judgeIds(next.results);
  const common = baseIds.filter((id) => newIds.includes(id));
  if (common.length === 0) {
    throw new InputError(`no judge id in common (BASE has ${baseIds.join(', ')}; NEW has ${newIds.join(', ')}); name them with --base-judge and --new-judge`);
  }
  for (const id of baseIds.filter((j) => !common.includes(j))) notes.push(`judge ${id} is only in BASE: not compared`);
  for (const id of newIds.filter((j) => !common.includes(j))) notes.push(`judge ${id} is only in NEW: not compared`);
  return common.map((id) => [id, id]);
}
