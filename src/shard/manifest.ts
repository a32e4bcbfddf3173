import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatIssues } from '../load/issues.js';
import type { FixtureInfo } from '../reporters/fixture-info.js';
import { hashOf, type EpisodePlan } from '../runner/plan.js';
import { ContractSchema } from '../schemas/task.js';
import { formatShardSpec, type ShardSpec } from './spec.js';

/** Written beside results.jsonl by `run --shard`: what `merge` needs to check and join the shards. */
export const SHARD_FILE = 'shard.json';

export const ShardManifestSchema = z.strictObject({
  format: z.literal('stopbench-shard/1'),
  suite: z.string(),
  /** Every planned episode of the whole suite (key and config hash, in plan order): shards of one run share it. */
  suiteHash: z.string(),
  shard: z.strictObject({ index: z.number().int().positive(), count: z.number().int().positive() }),
  /** Episodes in the whole suite, all shards together. */
  total: z.number().int().nonnegative(),
  /** This shard's episodes: [position in the whole suite's plan, key]. */
  episodes: z.array(z.tuple([z.number().int().nonnegative(), z.string()])),
  /** The contracts of this shard's fixtures, for the merged reports. */
  fixtures: z.record(z.string(), z.strictObject({ title: z.string(), contract: ContractSchema })),
});
export type ShardManifest = z.infer<typeof ShardManifestSchema>;

/** The hash that tells two shards of one run from shards of different suites or configs. */
export function suiteHashOf(plans: readonly EpisodePlan[]): string {
  return hashOf(plans.map((plan) => [plan.key, plan.configHash]));
}

export function buildManifest(input: {
  suite: string;
  shard: ShardSpec;
  all: readonly EpisodePlan[];
  mine: readonly EpisodePlan[];
  fixtures: ReadonlyMap<string, FixtureInfo>;
}): ShardManifest {
  const position = new Map(input.all.map((plan, i) => [plan.key, i]));
  const mineIds = new Set(input.mine.map((plan) => plan.fixture.id));
  return {
    format: 'stopbench-shard/1',
    suite: input.suite,
    suiteHash: suiteHashOf(input.all),
    shard: { ...input.shard },
    total: input.all.length,
    episodes: input.mine.map((plan) => [position.get(plan.key)!, plan.key]),
    fixtures: Object.fromEntries([...input.fixtures].filter(([id]) => mineIds.has(id))),
  };
}

export async function writeManifest(outDir: string, manifest: ShardManifest): Promise<void> {
  await writeFile(path.join(outDir, SHARD_FILE), `${JSON.stringify(manifest)}\n`);
}

/** The manifest of a shard's folder; a folder without one is not a shard's. */
export async function readManifest(dir: string): Promise<ShardManifest | undefined> {
  const file = path.join(dir, SHARD_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new InputError(`${file}: cannot read (${error.code})`);
  });
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`${file}: not valid JSON`);
  }
  const parsed = ShardManifestSchema.safeParse(value);
  if (!parsed.success) throw new InputError(`${file}: ${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** A resumed shard must be the same shard of the same suite, or its folder would mix two splits. */
export function checkResumedManifest(dir: string, earlier: ShardManifest | undefined, now: ShardManifest): void {
  if (!earlier) return;
  if (earlier.suiteHash !== now.suiteHash || earlier.shard.count !== now.shard.count || earlier.shard.index !== now.shard.index) {
    throw new InputError(
      `${path.join(dir, SHARD_FILE)}: this folder holds shard ${formatShardSpec(earlier.shard)} of suite ${earlier.suite} (${earlier.suiteHash}); the resume asks for shard ${formatShardSpec(now.shard)} of ${now.suite} (${now.suiteHash})`,
    );
  }
}
