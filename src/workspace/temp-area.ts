import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The one temporary folder of a run: workspaces, snapshots, disposable copies and the HOME that
 * commands see all live below it, and it goes away as a whole.
 */
export class TempArea {
  private constructor(
    readonly root: string,
    readonly home: string,
  ) {}

  static async create(prefix = 'stopbench-'): Promise<TempArea> {
    const root = await mkdtemp(path.join(os.tmpdir(), prefix));
    const home = path.join(root, 'home');
    await mkdir(home);
    return new TempArea(root, home);
  }

  /** A new empty folder below the root. */
  async dir(name: string): Promise<string> {
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    return mkdtemp(path.join(this.root, `${safe}-`));
  }

  private readonly memos = new Map<string, Promise<unknown>>();

  /** Computes a value once per run (a failed computation is forgotten, so it can be tried again). */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.memos.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      this.memos.set(key, value);
      value.catch(() => this.memos.delete(key));
    }
    return value;
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}
