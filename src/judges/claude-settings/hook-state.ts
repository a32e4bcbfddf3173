import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from '../../workspace/paths.js';
import { listFiles, readEntry } from '../../workspace/tree.js';

/** Path → content, or null for a file the hooks deleted. */
export type HookFiles = Map<string, Buffer | null>;

/**
 * The files Stop hooks keep in the project between stops (a loop's iteration count in
 * `.claude/ralph-loop.local.md`, a counter, a log). Each stop is judged in a fresh copy of the
 * agent's state, so what the hooks wrote would be lost; this remembers it per episode and lays it
 * over the next stop's copy. It never reaches the agent's workspace, so it is no part of the agent's
 * state, its diff, the scope check or the oracle.
 */
export class HookState {
  private readonly episodes = new Map<string, HookFiles>();

  constructor(private readonly initial: Record<string, string>) {}

  /** Lays the episode's hook files (at its first stop: the judge's `files`) over the copy; returns what was there before the hooks ran. */
  async prepare(episode: string, dir: string): Promise<Map<string, string>> {
    let files = this.episodes.get(episode);
    if (!files) {
      files = new Map(Object.entries(this.initial).map(([p, text]) => [p, Buffer.from(text)]));
      this.episodes.set(episode, files);
    }
    for (const [rel, content] of files) {
      const full = await resolveInside(dir, rel);
      if (content === null) await rm(full, { force: true });
      else {
        await mkdir(path.dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
    return hashes(dir);
  }

  /** Records what the hooks added, changed or deleted in the copy since prepare(). */
  async record(episode: string, dir: string, before: Map<string, string>): Promise<string[]> {
    const files = this.episodes.get(episode) ?? new Map();
    this.episodes.set(episode, files);
    const after = await hashes(dir);
    const changed: string[] = [];
    for (const [rel, hash] of after) {
      if (before.get(rel) === hash) continue;
      files.set(rel, (await readEntry(dir, rel)) ?? null);
      changed.push(rel);
    }
    for (const rel of before.keys()) {
      if (after.has(rel)) continue;
      files.set(rel, null);
      changed.push(rel);
    }
    return changed.sort();
  }
}

async function hashes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of await listFiles(dir)) {
    const bytes = await readEntry(dir, rel);
    if (bytes) out.set(rel, createHash('sha1').update(bytes).digest('hex'));
  }
  return out;
}
