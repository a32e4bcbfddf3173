import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { InputError, UsageError } from '../errors.js';
import type { GroupSummary } from '../metrics/summary.js';
import type { FixtureInfo } from '../reporters/fixture-info.js';
import type { Reporter } from '../reporters/types.js';
import { refuseEarlierResults } from '../runner/out-dir.js';
import { readResults, RESULTS_FILE } from '../runner/results-file.js';
import { writeReports } from '../runner/write-reports.js';
import type { EpisodeResult } from '../schemas/result.js';
import { readManifest, SHARD_FILE, type ShardManifest } from './manifest.js';
import { formatShardSpec } from './spec.js';

export interface MergeOptions {
  /** The shards' results folders, in any order. */
  dirs: readonly string[];
  outDir: string;
  /** Replace the results of an earlier run or merge in `outDir`. */
  overwrite?: boolean | undefined;
  reporters?: readonly Reporter[] | undefined;
}

export interface MergeResult {
  outDir: string;
  results: EpisodeResult[];
  summary: GroupSummary[];
  warnings: string[];
}

interface Shard {
  dir: string;
  manifest: ShardManifest;
}

/**
 * Joins the results folders of `run --shard i/n` into one, as an unsharded run of the suite would
 * have written it: the shards must come from one suite and configuration and cover it exactly.
 */
export async function mergeShards(options: MergeOptions): Promise<MergeResult> {
  if (options.dirs.length === 0) throw new UsageError('merge: name the shards\' results folders');
  const shards = await readShards(options.dirs);
  checkCoverage(shards);

  if (!options.overwrite) await refuseEarlierResults(options.outDir);
  await mkdir(options.outDir, { recursive: true });
  // Lines are copied as the shards wrote them; reports get slim records (as `report` reads them), in
  // the suite's plan order, so that 100,000 episodes fit in memory.
  const warnings: string[] = [];
  const placed: Array<{ position: number; result: EpisodeResult }> = [];
  // Written aside and renamed once every shard checked out, so a refused merge leaves no results behind.
  const partial = path.join(options.outDir, `${RESULTS_FILE}.partial`);
  const out = createWriteStream(partial);
  let complete = false;
  try {
    for (const { dir, manifest } of shards) {
      const read = await readResults(path.join(dir, RESULTS_FILE), {
        slim: true,
        onLine: async (line) => {
          if (!out.write(`${line}\n`)) await once(out, 'drain');
        },
      });
      warnings.push(...read.warnings);
      placed.push(...matchResults(dir, manifest, read.results));
    }
    complete = true;
  } finally {
    out.end();
    await once(out, 'finish');
    if (complete) await rename(partial, path.join(options.outDir, RESULTS_FILE));
    else await rm(partial, { force: true });
  }
  placed.sort((a, b) => a.position - b.position);
  const results = placed.map((p) => p.result);
  const fixtures = new Map<string, FixtureInfo>();
  for (const { manifest } of shards) for (const [id, info] of Object.entries(manifest.fixtures)) fixtures.set(id, info);
  const summary = await writeReports({ outDir: options.outDir, suite: shards[0]!.manifest.suite, results, fixtures }, options.reporters ?? []);
  return { outDir: options.outDir, results, summary, warnings };
}

async function readShards(dirs: readonly string[]): Promise<Shard[]> {
  const shards: Shard[] = [];
  for (const dir of dirs) {
    const manifest = await readManifest(dir);
    if (!manifest) throw new InputError(`${dir}: no ${SHARD_FILE}: not the results folder of a sharded run (stopbench run --shard i/n)`);
    shards.push({ dir, manifest });
  }
  return shards;
}

/** One suite, one split, every shard once. */
function checkCoverage(shards: readonly Shard[]): void {
  const first = shards[0]!;
  const { count } = first.manifest.shard;
  const byIndex = new Map<number, Shard>();
  for (const shard of shards) {
    const { manifest, dir } = shard;
    if (manifest.suiteHash !== first.manifest.suiteHash) {
      throw new InputError(
        `${dir}: shard ${formatShardSpec(manifest.shard)} of another suite or configuration (${manifest.suite}, ${manifest.suiteHash}) than ${first.dir} (${first.manifest.suite}, ${first.manifest.suiteHash})`,
      );
    }
    if (manifest.shard.count !== count) {
      throw new InputError(`${dir}: shard ${formatShardSpec(manifest.shard)} of a split into ${manifest.shard.count}, but ${first.dir} is of a split into ${count}`);
    }
    const twin = byIndex.get(manifest.shard.index);
    if (twin) throw new InputError(`shard ${formatShardSpec(manifest.shard)} given twice: ${twin.dir} and ${dir}`);
    byIndex.set(manifest.shard.index, shard);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length) {
    throw new InputError(`missing shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')} (given: ${[...byIndex.keys()].sort((a, b) => a - b).map((index) => `${index}/${count}`).join(', ')})`);
  }
  const owner = new Map<number, string>();
  for (const { dir, manifest } of shards) {
    for (const [position, key] of manifest.episodes) {
      const other = owner.get(position);
      if (other !== undefined) throw new InputError(`${dir}: episode ${key} is also in ${other}: the shards were split differently`);
      owner.set(position, dir);
    }
  }
  if (owner.size !== first.manifest.total) {
    throw new InputError(`the shards hold ${owner.size} of the suite's ${first.manifest.total} episodes: they were split differently`);
  }
}

/** Every episode the manifest lists has its finished result, and nothing else is there. */
function matchResults(dir: string, manifest: ShardManifest, results: readonly EpisodeResult[]) {
  const position = new Map(manifest.episodes.map(([p, key]) => [key, p]));
  const placed: Array<{ position: number; result: EpisodeResult }> = [];
  const seen = new Set<string>();
  for (const result of results) {
    if (seen.has(result.key)) throw new InputError(`${path.join(dir, RESULTS_FILE)}: episode ${result.key} appears twice`);
    seen.add(result.key);
    const p = position.get(result.key);
    if (p === undefined) throw new InputError(`${path.join(dir, RESULTS_FILE)}: episode ${result.key} is not one of shard ${formatShardSpec(manifest.shard)}'s`);
    placed.push({ position: p, result });
  }
  if (placed.length < manifest.episodes.length) {
    const first = manifest.episodes.find(([, key]) => !seen.has(key))![1];
    throw new InputError(
      `${dir}: shard ${formatShardSpec(manifest.shard)} is unfinished: ${manifest.episodes.length - placed.length} of ${manifest.episodes.length} episodes missing (first: ${first}); finish it with stopbench run ... --shard ${formatShardSpec(manifest.shard)} --resume ${dir}`,
    );
  }
  return placed;
}
