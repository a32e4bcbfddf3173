import { UsageError } from '../errors.js';

/** One part of a split run: `index` of `count`, counted from 1 as `vitest --shard` and CI matrices do. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Reads `--shard i/n`. */
export function parseShardSpec(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: expected i/n with 1 <= i <= n (e.g. 2/3), received "${text}"`);
  }
  return { index, count };
}

export function formatShardSpec(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}
