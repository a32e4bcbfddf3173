import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { agentTypes } from '../agents/registry.js';
import { ReplayStore } from '../agents/replay-store.js';
import { InputError } from '../errors.js';
import { judgeTypes } from '../judges/registry.js';
import { loadFixtures } from '../load/discover.js';
import { loadSuite } from '../load/suite.js';
import type { GroupSummary } from '../metrics/summary.js';
import { createPlugins, skipUnavailable } from '../plugins.js';
import { fixtureInfo } from '../reporters/fixture-info.js';
import { reportFiles } from '../reporters/registry.js';
import type { Reporter } from '../reporters/types.js';
import type { EpisodeResult } from '../schemas/result.js';
import { resolveSandbox, type SandboxSettings } from '../sandbox/settings.js';
import { CommandCache } from '../cache/command-cache.js';
import { TempArea } from '../workspace/temp-area.js';
import { Labeller } from './label.js';
import { claimFreshDir, refuseEarlierResults } from './out-dir.js';
import { pickConfigs, planEpisodes } from './plan.js';
import { readResults, RESULTS_FILE, ResultsWriter } from './results-file.js';
import { runEpisodes } from './run-episodes.js';
import { writeReports } from './write-reports.js';
import { checkResumedManifest, readManifest, SHARD_FILE, writeManifest } from '../shard/manifest.js';
import { selectShard } from '../shard/select.js';
import type { ShardSpec } from '../shard/spec.js';
import { StateStore, STATES_DIR } from '../rescore/state-store.js';

/** Options of `stopbench run`; each overrides the suite file's own setting. */
export interface RunSuiteOptions {
  suiteFile: string;
  /** Replaces the suite's fixture locations (relative to the working directory). */
  fixtures?: readonly string[] | undefined;
  /** Only these agent ids. Default: all of the suite's. */
  agents?: readonly string[] | undefined;
  /** Only these judge ids. Default: all of the suite's. */
  judges?: readonly string[] | undefined;
  repeat?: number | undefined;
  concurrency?: number | undefined;
  outDir: string;
  /**
   * `outDir` is only a suggested name (the CLI's default): the run writes to it, or to `outDir-2`,
   * `outDir-3`, ... when it exists, so that it never lands in another run's folder.
   */
  freshOutDir?: boolean | undefined;
  /** Replace the results of an earlier run in `outDir`; without it (or `resume`) such a folder is refused. */
  overwrite?: boolean | undefined;
  /**
   * The cache of deterministic command results: on for the run (default), a folder to keep results
   * across runs, or false to run every command every time.
   */
  commandCache?: boolean | string | undefined;
  /** Keep finished episodes of an earlier run in `outDir` and run only the rest. */
  resume?: boolean | undefined;
  reporters?: readonly Reporter[] | undefined;
  signal?: AbortSignal | undefined;
  /** Run only this part of the suite (`--shard i/n`) and write its manifest for `stopbench merge`. */
  shard?: ShardSpec | undefined;
  /** An earlier run's results.jsonl whose wall times balance the shards. */
  shardCosts?: string | undefined;
  /**
   * How every command of the run executes (bubblewrap, process and file-size limits). Default:
   * resolveSandbox() for this run: STOPBENCH_SANDBOX, else `auto`.
   */
  sandbox?: SandboxSettings | undefined;
  /** Keep every turn-end state of live episodes in `outDir/states` for `stopbench rescore`. Default false. */
  keepStates?: boolean | undefined;
}

export interface RunSuiteResult {
  outDir: string;
  results: EpisodeResult[];
  summary: GroupSummary[];
  warnings: string[];
}

/** Runs a suite end to end: everything that can be wrong with the input fails before any episode runs. */
export async function runSuite(options: RunSuiteOptions): Promise<RunSuiteResult> {
  const signal = options.signal ?? new AbortController().signal;
  const reporters = options.reporters ?? [];
  const { file, baseDir, suite } = await loadSuite(options.suiteFile);
  // Configs that cannot run here (a model judge or agent without its API key) are skipped with a notice.
  const agentPick = skipUnavailable(pickConfigs(suite.agents, options.agents, 'agent', file), agentTypes, 'agent', { baseDir });
  const judgePick = skipUnavailable(pickConfigs(suite.judges, options.judges, 'judge', file), judgeTypes, 'judge', { baseDir });
  const notices = [...agentPick.notices, ...judgePick.notices];
  const agentConfigs = agentPick.configs;
  const judgeConfigs = judgePick.configs;
  if (!agentConfigs.length || !judgeConfigs.length) throw new InputError(`${file}: nothing left to run (${notices.join('; ')})`);
  const fixtures = options.fixtures?.length
    ? await loadFixtures(options.fixtures)
    : await loadFixtures(suite.fixtures, baseDir);
  if (fixtures.length === 0) throw new InputError(`${file}: fixtures: no fixture found`);

  const sandbox = options.sandbox ?? resolveSandbox();
  const temp = await TempArea.create();
  try {
    // One (state, command) pair runs once per run; with a folder, once across runs too.
    const commands = options.commandCache === false ? undefined : new CommandCache(typeof options.commandCache === 'string' ? options.commandCache : null);
    const replays = new ReplayStore(temp, sandbox, signal, commands);
    const labeller = new Labeller({ temp, sandbox, signal, commands });
    const agents = createPlugins(agentConfigs, agentTypes, { replays, baseDir }, { file, field: 'agents' });
    const judges = createPlugins(judgeConfigs, judgeTypes, { baseDir }, { file, field: 'judges' });
    const allPlans = planEpisodes({ fixtures, agents, judges, agentConfigs, judgeConfigs, repeat: options.repeat ?? suite.repeat });
    if (allPlans.length === 0) throw new InputError(`${file}: no episodes to run (do the fixtures have trajectories?)`);
    // Reports show each fixture's contract, which results.jsonl does not copy.
    const fixtureInfos = new Map(fixtures.map((f) => [f.id, fixtureInfo(f.task)]));
    const shard = options.shard
      ? await selectShard({ suite: suite.name, shard: options.shard, plans: allPlans, fixtures: fixtureInfos, costsFile: options.shardCosts })
      : undefined;
    const plans = shard?.plans ?? allPlans;

    if (!options.resume && !options.overwrite && !options.freshOutDir) await refuseEarlierResults(options.outDir);
    const outDir = options.freshOutDir ? await claimFreshDir(options.outDir) : options.outDir;
    await mkdir(outDir, { recursive: true });
    if (shard && options.resume) checkResumedManifest(outDir, await readManifest(outDir), shard.manifest);
    const resultsFile = path.join(outDir, RESULTS_FILE);
    const { earlier, warnings } = await startResults(outDir, resultsFile, Boolean(options.resume), reporters);
    if (shard) await writeManifest(outDir, shard.manifest);
    const finished = new Map(earlier.map((r) => [r.key, r]));
    // An earlier result is kept when its plan has not changed since; the other plans run.
    const kept = plans.filter((p) => finished.get(p.key)?.configHash === p.configHash).map((p) => finished.get(p.key)!);
    const states = options.keepStates ? new StateStore(path.join(outDir, STATES_DIR)) : undefined;
    const results = await runEpisodes({
      plans, kept, resultsFile, outDir, reporters, concurrency: options.concurrency ?? suite.concurrency,
      deps: { suite: suite.name, temp, sandbox, signal, labeller, ...(commands ? { commands } : {}), ...(states ? { states } : {}) },
    });
    const summary = await writeReports({ outDir, suite: suite.name, results, fixtures: fixtureInfos }, reporters);
    return { outDir, results, summary, warnings: [...notices, ...warnings] };
  } finally {
    await temp.dispose();
  }
}

/**
 * A fresh run clears an earlier run's files so the folder never looks complete while half-written; a
 * resumed run keeps the finished episodes and rewrites results.jsonl without a truncated last line.
 */
async function startResults(outDir: string, resultsFile: string, resume: boolean, reporters: readonly Reporter[]) {
  // Every registered format's files, whether or not this run writes them, and those of its own file reporters.
  const own = reporters.flatMap((r) => r.files ?? []);
  const outputs = [...new Set([RESULTS_FILE, ...reportFiles(), ...own, SHARD_FILE])];
  if (!resume) {
    // An earlier run's kept states belong to its results: they go with them.
    await rm(path.join(outDir, STATES_DIR), { recursive: true, force: true });
    await Promise.all(outputs.map((name) => rm(path.join(outDir, name), { force: true })));
    return { earlier: [] as EpisodeResult[], warnings: [] as string[] };
  }
  const { results, warnings } = await readResults(resultsFile).catch((error: unknown) => {
    if (error instanceof InputError && /file not found/.test(error.message)) return { results: [], warnings: [] };
    throw error;
  });
  await Promise.all(outputs.map((name) => rm(path.join(outDir, name), { force: true })));
  const writer = await ResultsWriter.open(resultsFile);
  for (const result of results) await writer.append(result);
  await writer.close();
  return { earlier: results, warnings };
}
