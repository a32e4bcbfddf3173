import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { syntheticResults } from './synthetic.mjs';

/**
 * Writes `count` synthetic episodes as the results folders of `shards` shards of one run (results.jsonl
 * and shard.json each, every episode in one shard), for timing `stopbench merge`. Returns the folders.
 */
export async function syntheticShards(dir, count, shards) {
  await mkdir(dir, { recursive: true });
  const all = path.join(dir, 'all.jsonl');
  await syntheticResults(all, count);
  const parts = Array.from({ length: shards }, () => ({ lines: [], episodes: [] }));
  let position = 0;
  for await (const line of createInterface({ input: createReadStream(all, 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    const part = parts[position % shards];
    part.lines.push(line);
    part.episodes.push([position, JSON.parse(line).key]);
    position += 1;
  }
  const dirs = [];
  for (const [i, part] of parts.entries()) {
    const shardDir = path.join(dir, `shard-${i + 1}`);
    await mkdir(shardDir);
    await writeFile(path.join(shardDir, 'results.jsonl'), `${part.lines.join('\n')}\n`);
    const manifest = { format: 'stopbench-shard/1', suite: 'synthetic', suiteHash: 'synthetic', shard: { index: i + 1, count: shards }, total: count, episodes: part.episodes, fixtures: {} };
    await writeFile(path.join(shardDir, 'shard.json'), `${JSON.stringify(manifest)}\n`);
    dirs.push(shardDir);
  }
  return dirs;
}
