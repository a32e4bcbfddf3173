import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { withoutBwrap, type SandboxSettings } from '../../sandbox/settings.js';
import { commandEnv } from '../../workspace/env.js';
import { runCommand } from '../../workspace/exec.js';

/** Sessions not seen for this long are forgotten, so the file stays small. */
const FORGET_AFTER_MS = 7 * 24 * 3600 * 1000;

interface SessionState {
  blocks: number;
  updatedAt: string;
}

/**
 * How many times in a row the hook has blocked each Claude Code session, so that it can let a stop
 * through after `--max-blocks` and never trap an agent. Kept in the repository's git folder
 * (`.git/stopbench/hook-blocks.json`), where it is no change of the work tree; outside a repository,
 * in the system temp folder.
 */
export class BlockState {
  private constructor(readonly file: string) {}

  static async for(repoDir: string, sandbox: SandboxSettings): Promise<BlockState> {
    const gitDir = await runCommand('git rev-parse --absolute-git-dir', {
      cwd: repoDir, env: commandEnv(os.homedir()), timeoutMs: 30_000, sandbox: withoutBwrap(sandbox),
    }).catch(() => null);
    const dir = gitDir?.exitCode === 0 && gitDir.stdout.trim()
      ? path.join(gitDir.stdout.trim(), 'stopbench')
      : path.join(os.tmpdir(), `stopbench-hook-${createHash('sha256').update(path.resolve(repoDir)).digest('hex').slice(0, 12)}`);
    return new BlockState(path.join(dir, 'hook-blocks.json'));
  }

  async blocks(sessionId: string): Promise<number> {
    return (await this.read())[sessionId]?.blocks ?? 0;
  }

  async set(sessionId: string, blocks: number): Promise<void> {
    const now = Date.now();
    const sessions = await this.read();
    for (const [id, state] of Object.entries(sessions)) {
      if (now - Date.parse(state.updatedAt) > FORGET_AFTER_MS) delete sessions[id];
    }
    if (blocks === 0) delete sessions[sessionId];
    else sessions[sessionId] = { blocks, updatedAt: new Date(now).toISOString() };
    await mkdir(path.dirname(this.file), { recursive: true });
    // Write then rename: a hook killed mid-write leaves the old file, not half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(sessions, null, 2)}\n`);
    await rename(tmp, this.file);
  }

  private async read(): Promise<Record<string, SessionState>> {
    try {
      const value: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, SessionState>) : {};
    } catch {
      return {}; // missing or unreadable: start counting afresh
    }
  }
}
