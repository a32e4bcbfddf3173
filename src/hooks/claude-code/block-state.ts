import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { SessionRecords } from '../../repo/session-records.js';
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
  private constructor(private readonly records: SessionRecords<SessionState>) {}

  static async for(repoDir: string, sandbox: SandboxSettings): Promise<BlockState> {
    const gitDir = await runCommand('git rev-parse --absolute-git-dir', {
      cwd: repoDir, env: commandEnv(os.homedir()), timeoutMs: 30_000, sandbox: withoutBwrap(sandbox),
    }).catch(() => null);
    const dir = gitDir?.exitCode === 0 && gitDir.stdout.trim()
      ? path.join(gitDir.stdout.trim(), 'stopbench')
      : path.join(os.tmpdir(), `stopbench-hook-${createHash('sha256').update(path.resolve(repoDir)).digest('hex').slice(0, 12)}`);
    return new BlockState(new SessionRecords(path.join(dir, 'hook-blocks.json'), FORGET_AFTER_MS, (s) => s.updatedAt));
  }

  async blocks(sessionId: string): Promise<number> {
    return (await this.records.get(sessionId))?.blocks ?? 0;
  }

  async set(sessionId: string, blocks: number): Promise<void> {
    await this.records.set(sessionId, blocks === 0 ? undefined : { blocks, updatedAt: new Date().toISOString() });
  }
}
