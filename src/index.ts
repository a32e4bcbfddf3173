/**
 * The library API of stopbench: what `import { runSuite } from 'stopbench'` gives. The CLI is a thin
 * layer over these same functions (src/cli/ parses arguments and calls them). Anything not exported
 * here is internal and may change.
 */
import { TempArea } from './workspace/temp-area.js';
import { validateFixtures as validateWithTemp, type FixtureValidation } from './validate/validate.js';

// Running a suite, validating fixtures, comparing runs, checking contracts, judging a repository.
export { runSuite, type RunSuiteOptions, type RunSuiteResult } from './runner/run.js';
export type { FixtureValidation, ValidationLine } from './validate/validate.js';
export { compareResults, compareRuns, type CompareOptions, type CompareResultsOptions, type Comparison, type GatedComparison, type JudgeComparisonWithPairing } from './compare/index.js';
export type { CostDelta, Flip, JudgeComparison, RateDelta } from './compare/compare.js';
export { applyGate, type GateCheck, type GateOptions } from './compare/gate.js';
export { renderComparison } from './compare/render.js';
export { preflight, type PreflightOptions, type PreflightReport } from './preflight/preflight-file.js';
export type { PreflightFinding, Severity } from './preflight/preflight.js';
export { judgeRepository, type RepoJudgement, type RepoStop } from './judge-repo.js';
export { selectJudge, DEFAULT_JUDGE } from './judges/select.js';

// Reading fixtures, suites and results.
export { loadFixture, type Fixture, type NamedTrajectory } from './load/fixture.js';
export { findFixtureDirs, loadFixtures } from './load/discover.js';
export { loadSuite, type LoadedSuite } from './load/suite.js';
export { readResults, ResultsWriter, RESULTS_FILE } from './runner/results-file.js';

// The zod schemas of every file format (the types are z.infer of them).
export * from './schemas/task.js';
export * from './schemas/oracle.js';
export * from './schemas/trajectory.js';
export * from './schemas/suite.js';
export * from './schemas/judging.js';
export * from './schemas/result.js';

// Metrics (SPEC section 5).
export { summarize, computeRates, computeCost, type GroupSummary, type Rates, type CostTotals } from './metrics/summary.js';
export { CHECKPOINT_INDICATORS, EPISODE_INDICATORS, isCorrectStop, pairedCounts, rateOf, type Indicator, type PairedCounts } from './metrics/indicators.js';
export { compareJudges, type PairedComparison } from './metrics/paired.js';
export { mcnemarExact, rate, type Rate } from './metrics/stats.js';
export { outcomeOf } from './metrics/outcome.js';

// Plugin interfaces and registries: an agent, a judge or a report format is one file plus a line.
export type { Agent, AgentContext, AgentSession, EpisodeVariant, TurnEnd } from './agents/types.js';
export { agentTypes, type AgentDeps } from './agents/registry.js';
export type { Judge, JudgeContext } from './judges/types.js';
export { judgeTypes, type JudgeDeps } from './judges/registry.js';
export type { FileReporter, Reporter, ReportContext } from './reporters/types.js';
export { reportFormats, reportersFor, reportFiles } from './reporters/registry.js';
export { singleFileReporter } from './reporters/file-reporter.js';
export { tableReporter } from './reporters/table.js';
export { progressReporter } from './reporters/progress.js';
export { definePlugin, type PluginType } from './plugins.js';

// Errors: known ones carry a `code` and the CLI's exit code.
export { FixtureError, InputError, StopbenchError, UsageError } from './errors.js';
export { TempArea } from './workspace/temp-area.js';

/** Options of validateFixtures; `temp` defaults to a temporary area of its own, removed at the end. */
export interface ValidateFixturesOptions {
  temp?: TempArea | undefined;
  signal?: AbortSignal | undefined;
  /** Fixtures checked at once. Default 2. */
  concurrency?: number | undefined;
  /** Called as each fixture is done, for progress. */
  onFixture?: ((validation: FixtureValidation) => void) | undefined;
}

/**
 * `stopbench validate` as a function (SPEC section 8): each fixture at `locations` loads, its
 * trajectories replay, its start is incomplete and its solution complete, its `expect` labels hold.
 */
export async function validateFixtures(locations: readonly string[], options: ValidateFixturesOptions = {}): Promise<FixtureValidation[]> {
  const temp = options.temp ?? (await TempArea.create());
  try {
    return await validateWithTemp(locations, {
      temp,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.onFixture ? { onFixture: options.onFixture } : {}),
    });
  } finally {
    if (!options.temp) await temp.dispose();
  }
}
