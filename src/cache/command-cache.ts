import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandResult } from '../workspace/exec.js';

/** A command result and whether it came from the cache. */
export type CachedResult = CommandResult & { cached: boolean };

/** What decides a command's result: the files it sees, the command, the environment it runs in. */
export interface CommandKey {
  treeHash: string;
  command: string;
  /** See envFingerprint. */
  env: string;
  timeoutMs: number;
}

/**
 * Results of deterministic commands (oracle checks, a rule judge's reruns) keyed by content, so the
 * same (state, command) pair runs once however many judges and repeats ask. In memory for a run;
 * on disk across runs when given a folder. Timed-out and aborted results are never kept: they say
 * more about the machine's load than about the state.
 */
export class CommandCache {
  private readonly memory = new Map<string, Promise<CommandResult>>();
  /** An agent step's runs in flight, and whether each left its files unchanged (see runStep). */
  private readonly steps = new Map<string, Promise<StepRun>>();
  /** Ids whose kept result came from a step that changed no file: the only ones a step may reuse. */
  private readonly unchanged = new Set<string>();
  hits = 0;
  misses = 0;

  constructor(private readonly diskDir: string | null = null) {}

  async run(key: CommandKey, execute: () => Promise<CommandResult>): Promise<CachedResult> {
    const id = keyId(key);
    const known = this.memory.get(id);
    if (known) {
      this.hits += 1;
      return { ...(await known), cached: true };
    }
    // Registered before the first await, so concurrent askers of one key share one execution.
    let ranHere = false;
    const pending = (async () => {
      const onDisk = await this.readDisk(id);
      if (onDisk) return withoutMark(onDisk);
      ranHere = true;
      const result = await execute();
      if (!result.timedOut && !result.aborted) await this.writeDisk(id, result);
      return result;
    })();
    this.memory.set(id, pending);
    const result = await pending.catch((error: unknown) => {
      this.memory.delete(id);
      throw error;
    });
    if (result.timedOut || result.aborted) this.memory.delete(id);
    if (ranHere) this.misses += 1;
    else this.hits += 1;
    return { ...result, cached: !ranHere };
  }

  /**
   * For an agent's step, which may change the files it runs on (a build writes dist/): its result is
   * reused only from a run that changed no file, and kept only when this run changed none, as
   * `execute` reports. Oracle checks and judges, which ask for the same key, may reuse it too; a step
   * never reuses theirs, since they ran in a copy whose changes nobody kept.
   */
  async runStep(key: CommandKey, execute: () => Promise<StepRun>): Promise<CachedResult> {
    const id = keyId(key);
    const reusable = this.unchanged.has(id) ? this.memory.get(id) : undefined;
    if (reusable) {
      this.hits += 1;
      return { ...(await reusable), cached: true };
    }
    const inFlight = this.steps.get(id);
    if (inFlight) {
      const other = await inFlight.catch(() => null);
      if (other?.unchanged) {
        this.hits += 1;
        return { ...other.result, cached: true };
      }
    }
    const pending = (async (): Promise<StepRun & { fromDisk: boolean }> => {
      const onDisk = await this.readDisk(id);
      if (onDisk?.unchangedFiles) return { result: withoutMark(onDisk), unchanged: true, fromDisk: true };
      return { ...(await execute()), fromDisk: false };
    })();
    this.steps.set(id, pending);
    try {
      const run = await pending;
      const { result } = run;
      if (run.fromDisk) this.hits += 1;
      else this.misses += 1;
      if (run.unchanged && !result.timedOut && !result.aborted) {
        if (!run.fromDisk) await this.writeDisk(id, { ...result, unchangedFiles: true });
        this.unchanged.add(id);
        this.memory.set(id, Promise.resolve(result));
      }
      return { ...result, cached: run.fromDisk };
    } finally {
      if (this.steps.get(id) === pending) this.steps.delete(id);
    }
  }

  private async readDisk(id: string): Promise<StoredResult | null> {
    if (!this.diskDir) return null;
    const text = await readFile(path.join(this.diskDir, id.slice(0, 2), `${id}.json`), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      return JSON.parse(text) as StoredResult;
    } catch {
      return null; // a torn file from another process: run again
    }
  }

  private async writeDisk(id: string, result: StoredResult): Promise<void> {
    if (!this.diskDir) return;
    const dir = path.join(this.diskDir, id.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const temporary = path.join(dir, `${id}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    // Temp file then rename: a run reading this folder at the same time sees a whole entry or none.
    try {
      await writeFile(temporary, JSON.stringify(result));
      await rename(temporary, path.join(dir, `${id}.json`));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/** An agent step's run, and whether it left every file of the workspace as it found them. */
export interface StepRun {
  result: CommandResult;
  unchanged: boolean;
}

/** A step's result on disk carries the mark that it changed no file. */
type StoredResult = CommandResult & { unchangedFiles?: true };

function withoutMark(stored: StoredResult): CommandResult {
  const { unchangedFiles: _mark, ...result } = stored;
  return result;
}

function keyId(key: CommandKey): string {
  return createHash('sha256').update(JSON.stringify([key.treeHash, key.command, key.env, key.timeoutMs])).digest('hex');
}

/**
 * The environment a command sees, less what changes from run to run without changing results: the
 * temporary HOME, and the paths of the run's temporary folder.
 */
export function envFingerprint(env: Record<string, string>): string {
  const stable = Object.entries(env)
    .filter(([name]) => name !== 'HOME' && name !== 'TMPDIR' && name !== 'OLDPWD' && name !== 'PWD')
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify([process.version, process.platform, stable])).digest('hex').slice(0, 16);
}
