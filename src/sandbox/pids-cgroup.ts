import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PIDS_CGROUP_ROOT } from './settings.js';

/**
 * A pids cgroup for one command: caps how many processes it may have (a fork bomb hits the cap, not
 * the machine) and finds every process it left, even one that left its process group.
 */
export class PidsCgroup {
  private constructor(readonly dir: string) {}

  /** An existing cgroup folder (one a killed run left), to dispose of it. */
  static open(dir: string): PidsCgroup {
    return new PidsCgroup(dir);
  }

  static async create(maxProcesses: number): Promise<PidsCgroup | null> {
    swept ??= sweepStale();
    await swept;
    const dir = path.join(PIDS_CGROUP_ROOT, `stopbench-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(dir);
      await writeFile(path.join(dir, 'pids.max'), String(maxProcesses));
      return new PidsCgroup(dir);
    } catch {
      return null;
    }
  }

  get procsFile(): string {
    return path.join(this.dir, 'cgroup.procs');
  }

  /** Whether some fork was refused because the cap was reached. */
  async hitLimit(): Promise<boolean> {
    const events = await readFile(path.join(this.dir, 'pids.events'), 'utf8').catch(() => '');
    return /^max (\d+)/m.test(events) && !/^max 0$/m.test(events);
  }

  /** Kills what is left and removes the cgroup. */
  async dispose(): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const pids = (await readFile(this.procsFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      try {
        await rmdir(this.dir);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }
}

let swept: Promise<void> | undefined;

/** Cgroups left by a stopbench process that was killed (SIGKILL leaves no time to clean up). */
async function sweepStale(): Promise<void> {
  const names = await readdir(PIDS_CGROUP_ROOT).catch(() => [] as string[]);
  for (const name of names) {
    const owner = /^stopbench-(\d+)-[0-9a-f]+$/.exec(name)?.[1];
    if (!owner || isAlive(Number(owner))) continue;
    await PidsCgroup.open(path.join(PIDS_CGROUP_ROOT, name)).dispose();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

