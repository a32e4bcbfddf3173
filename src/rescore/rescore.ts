import { resolveSandbox, type SandboxSettings } from '../sandbox/settings.js';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Agent, AgentSession, EpisodeVariant, TurnEnd } from '../agents/types.js';
import { InputError } from '../errors.js';
import { judgeTypes } from '../judges/registry.js';
import { loadFixtures } from '../load/discover.js';
import type { Fixture } from '../load/fixture.js';
import { loadSuite } from '../load/suite.js';
import type { GroupSummary } from '../metrics/summary.js';
import { createPlugins, skipUnavailable } from '../plugins.js';
import { fixtureInfo } from '../reporters/fixture-info.js';
import type { Reporter } from '../reporters/types.js';
import { Labeller } from '../runner/label.js';
import { refuseEarlierResults } from '../runner/out-dir.js';
import { hashOf, pickConfigs, type EpisodePlan } from '../runner/plan.js';
import { RESULTS_FILE } from '../runner/results-file.js';
import { runEpisodes } from '../runner/run-episodes.js';
import { writeReports } from '../runner/write-reports.js';
import type { EpisodeResult } from '../schemas/result.js';
import { CommandCache } from '../cache/command-cache.js';
import { TempArea } from '../workspace/temp-area.js';
import { StateStore, STATES_DIR, type KeptEpisode } from './state-store.js';

export interface RescoreOptions {
  /** The results folder of a `run --keep-states`. */
  runDir: string;
  /** The suite that defines the judges (and, without `fixtures`, where the fixtures are). */
  suiteFile: string;
  /** Only these judge ids of the suite. Default: all of them. */
  judges?: readonly string[] | undefined;
  fixtures?: readonly string[] | undefined;
  outDir: string;
  /** Replace the results of an earlier run in `outDir`. */
  overwrite?: boolean | undefined;
  concurrency?: number | undefined;
  reporters?: readonly Reporter[] | undefined;
  signal?: AbortSignal | undefined;
  /** How judge and oracle commands run. Default: resolveSandbox() (STOPBENCH_SANDBOX, else auto). */
  sandbox?: SandboxSettings | undefined;
}

export interface RescoreResult {
  outDir: string;
  results: EpisodeResult[];
  summary: GroupSummary[];
  notices: string[];
}

/**
 * Judges the kept states of a live run again with other judges, without running any agent: each kept
 * (agent, fixture, repeat) is replayed from its stored turn ends, through the same episode loop as
 * `run` (judge, oracle, outcome), into a normal results folder. Where several judges of the kept run
 * met the same (agent, fixture, repeat), the episode with the most turns is used. A judge that says
 * `continue` at the last kept turn of an episode its own judge ended needs a turn nobody recorded:
 * that episode ends `error`, saying so; one whose agent had no next turn ends `exhausted`, as it would
 * have live.
 */
export async function rescoreRun(options: RescoreOptions): Promise<RescoreResult> {
  const signal = options.signal ?? new AbortController().signal;
  const sandbox = options.sandbox ?? resolveSandbox();
  const store = new StateStore(path.join(options.runDir, STATES_DIR));
  const kept = longestPerEpisode(await store.episodes());
  const { file, baseDir, suite } = await loadSuite(options.suiteFile);
  const { configs, notices } = skipUnavailable(pickConfigs(suite.judges, options.judges, 'judge', file), judgeTypes, 'judge', { baseDir });
  if (configs.length === 0) throw new InputError(`${file}: no judge left to run (${notices.join('; ')})`);
  const fixtures = options.fixtures?.length ? await loadFixtures(options.fixtures) : await loadFixtures(suite.fixtures, baseDir);
  const byId = new Map(fixtures.map((f) => [f.id, f]));
  for (const episode of kept) {
    if (!byId.has(episode.fixture)) throw new InputError(`${options.runDir}: kept episode ${episode.key} is of fixture "${episode.fixture}", which the suite's fixtures do not have (give --fixtures)`);
  }
  if (kept.length === 0) throw new InputError(`${options.runDir}: no live episode was kept (replay episodes keep no states)`);

  if (!options.overwrite) await refuseEarlierResults(options.outDir);
  await mkdir(options.outDir, { recursive: true });
  const resultsFile = path.join(options.outDir, RESULTS_FILE);
  await rm(resultsFile, { force: true });
  const temp = await TempArea.create();
  try {
    const judges = createPlugins(configs, judgeTypes, { baseDir }, { file, field: 'judges' });
    const plans: EpisodePlan[] = kept.flatMap((episode) =>
      judges.map((judge, index) => ({
        key: [episode.agent, judge.id, episode.fixture, episode.trajectory ?? '-', episode.repeat].join('/'),
        configHash: hashOf([episode.configHash, configs[index]]),
        fixture: byId.get(episode.fixture)!,
        agent: new KeptAgent(episode, store),
        judge,
        variant: { trajectory: episode.trajectory, persona: episode.persona, tags: episode.tags },
        repeat: episode.repeat,
      })),
    );
    const reporters = options.reporters ?? [];
    const commands = new CommandCache(null);
    const labeller = new Labeller({ temp, sandbox, signal, commands });
    const results = await runEpisodes({
      plans, resultsFile, outDir: options.outDir, reporters, concurrency: options.concurrency ?? suite.concurrency,
      deps: { suite: suite.name, temp, sandbox, signal, labeller, commands },
    });
    const infos = new Map(fixtures.map((f) => [f.id, fixtureInfo(f.task)]));
    const summary = await writeReports({ outDir: options.outDir, suite: suite.name, results, fixtures: infos }, reporters);
    return { outDir: options.outDir, results, summary, notices };
  } finally {
    await temp.dispose();
  }
}

/** One kept episode per (agent, fixture, trajectory, repeat): the one with the most turns, the first on a tie. */
function longestPerEpisode(episodes: readonly KeptEpisode[]): KeptEpisode[] {
  const best = new Map<string, KeptEpisode>();
  for (const episode of episodes) {
    const id = JSON.stringify([episode.agent, episode.fixture, episode.trajectory, episode.repeat]);
    const known = best.get(id);
    if (!known || episode.turns.length > known.turns.length) best.set(id, episode);
  }
  return [...best.values()];
}

/** The kept agent: hands back the stored turn ends in order, each restored into a fresh folder. Runs nothing. */
class KeptAgent implements Agent {
  readonly id: string;

  constructor(
    private readonly episode: KeptEpisode,
    private readonly store: StateStore,
  ) {
    this.id = episode.agent;
  }

  variants(): EpisodeVariant[] {
    return [{ trajectory: this.episode.trajectory, persona: this.episode.persona, tags: this.episode.tags }];
  }

  async start(fixture: Fixture, _variant: EpisodeVariant, context: { temp: TempArea }): Promise<AgentSession> {
    const { episode, store } = this;
    const dirs: string[] = [];
    let next = 0;
    return {
      async next(): Promise<TurnEnd | null> {
        const kept = episode.turns[next];
        if (!kept) {
          if (episode.after === 'error') throw new Error(`${episode.error ?? 'the agent failed'} (as kept)`);
          if (episode.after === 'stopped') {
            throw new Error(`no kept state for turn ${next + 1}: the kept run's judge (${episode.judge}) ended the episode at turn ${next}, and rescore does not run the agent`);
          }
          return null;
        }
        next += 1;
        const stateDir = await context.temp.dir(`kept-${fixture.id}-t${kept.turn}`);
        dirs.push(stateDir);
        await store.restore(kept.tree, stateDir);
        return { turn: kept.turn, claim: kept.claim, report: kept.report, transcript: kept.transcript, diff: kept.diff, stateDir, ...(kept.usage ? { usage: kept.usage } : {}) };
      },
      close: async () => {
        await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
      },
    };
  }
}
