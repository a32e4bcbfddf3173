import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StopbenchError } from '../errors.js';
import type { CacheMode } from './settings.js';
import type { ChatRequest, ChatResponse, Provider } from './types.js';

/** Default cache folder, relative to the working directory (ignored by git). */
export const DEFAULT_CACHE_DIR = '.stopbench-cache';

const ENTRY_FILE = /^[0-9a-f]{64}\.json$/;
const SHARD = /^[0-9a-f]{2}$/;

const CacheEntrySchema = z.strictObject({
  key: z.string(),
  provider: z.string(),
  model: z.string(),
  createdAt: z.string(),
  response: z.strictObject({
    text: z.string(),
    toolCalls: z.array(z.strictObject({ id: z.string(), name: z.string(), arguments: z.string() })),
    usage: z.strictObject({ inputTokens: z.number().nonnegative(), outputTokens: z.number().nonnegative() }),
    model: z.string(),
    stopReason: z.string().nullable(),
  }),
});
type CacheEntry = z.infer<typeof CacheEntrySchema>;

/** A read-only cache had no answer for a request: the run must not pay for it. */
export class CacheMissError extends StopbenchError {
  constructor(key: string, dir: string) {
    super(`cache miss in read-only mode: key ${key} is not in ${dir}`, 'E_CACHE_MISS', 1);
  }
}

/**
 * The key of a request: everything that can change the answer, the server URL included (a local
 * test server's answers must never stand in for a real model's). `repeat` is set only for sampled
 * (not temperature 0) requests: each repeat index gets its own answer.
 */
export function cacheKey(provider: Provider, request: ChatRequest, repeat: number | null): string {
  const material = {
    v: 1, provider: provider.name, baseURL: provider.baseURL, model: provider.model, wire: provider.wireOptions, request, repeat,
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

/** On-disk, content-addressed answers: `<dir>/<key[0..2]>/<key>.json`, written atomically. */
export class ResponseCache {
  constructor(
    readonly dir: string,
    readonly mode: Exclude<CacheMode, 'off'>,
  ) {}

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The stored answer, or null; in read-only mode a miss throws. A damaged entry counts as a miss. */
  async get(key: string): Promise<ChatResponse | null> {
    const text = await readFile(this.file(key), 'utf8').catch(() => null);
    let entry: CacheEntry | null = null;
    if (text !== null) {
      try {
        const parsed = CacheEntrySchema.safeParse(JSON.parse(text));
        entry = parsed.success && parsed.data.key === key ? parsed.data : null;
      } catch {
        entry = null;
      }
    }
    if (!entry && this.mode === 'read-only') throw new CacheMissError(key, this.dir);
    return entry?.response ?? null;
  }

  /** Stores an answer: temp file then rename, so a reader never sees half an entry. */
  async put(key: string, provider: Provider, response: ChatResponse): Promise<void> {
    if (this.mode !== 'on') return;
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const entry: CacheEntry = { key, provider: provider.name, model: provider.model, createdAt: new Date().toISOString(), response };
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(entry, null, 2)}\n`);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

export interface CacheStats {
  dir: string;
  entries: number;
  bytes: number;
  /** Entries per `provider/model`. */
  byModel: Record<string, number>;
}

/** Every entry file of a cache folder; only files that look like entries, so `clear` never strays. */
async function entryFiles(dir: string): Promise<string[]> {
  const shards = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const shard of shards) {
    if (!shard.isDirectory() || !SHARD.test(shard.name)) continue;
    const names = await readdir(path.join(dir, shard.name)).catch(() => [] as string[]);
    for (const name of names) if (ENTRY_FILE.test(name)) files.push(path.join(dir, shard.name, name));
  }
  return files.sort();
}

export async function cacheStats(dir: string): Promise<CacheStats> {
  const stats: CacheStats = { dir, entries: 0, bytes: 0, byModel: {} };
  for (const file of await entryFiles(dir)) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    stats.entries += 1;
    stats.bytes += (await stat(file)).size;
    let label = 'unreadable';
    try {
      const entry = CacheEntrySchema.parse(JSON.parse(text));
      label = `${entry.provider}/${entry.model}`;
    } catch {
      // counted under "unreadable"; `clear` removes it like any entry
    }
    stats.byModel[label] = (stats.byModel[label] ?? 0) + 1;
  }
  return stats;
}

/** Removes the cache's entries (and left-over temp files' shards when empty); returns how many. */
export async function clearCache(dir: string): Promise<number> {
  const files = await entryFiles(dir);
  await Promise.all(files.map((file) => rm(file, { force: true })));
  const shards = new Set(files.map((file) => path.dirname(file)));
  await Promise.all([...shards].map((shard) => rmdir(shard).catch(() => undefined)));
  return files.length;
}
