import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A small JSON file of one record per agent session (`{ "<session id>": record }`), as the Stop hook
 * keeps them in `.git/stopbench/`. Records whose time (`timeOf`) is older than `forgetAfterMs` are
 * dropped at each write, so the file stays small. A missing or unreadable file reads as empty.
 */
export class SessionRecords<T> {
  constructor(
    readonly file: string,
    private readonly forgetAfterMs: number,
    private readonly timeOf: (record: T) => string,
  ) {}

  async get(id: string): Promise<T | undefined> {
    return (await this.read())[id];
  }

  /** Sets a session's record; `undefined` removes it. */
  async set(id: string, record: T | undefined): Promise<void> {
    const now = Date.now();
    const sessions = await this.read();
    for (const [key, value] of Object.entries(sessions)) if (now - Date.parse(this.timeOf(value)) > this.forgetAfterMs) delete sessions[key];
    if (record === undefined) delete sessions[id];
    else sessions[id] = record;
    await mkdir(path.dirname(this.file), { recursive: true });
    // Write then rename: a hook killed mid-write leaves the old file, not half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(sessions, null, 2)}\n`);
    await rename(tmp, this.file);
  }

  private async read(): Promise<Record<string, T>> {
    try {
      const value: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, T>) : {};
    } catch {
      return {}; // missing or unreadable: start afresh
    }
  }
}
