import { rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diff } from '../schemas/judging.js';
import { StopbenchError } from '../errors.js';
import { withoutBwrap, type SandboxSettings } from '../sandbox/settings.js';
import { copyTree } from './copy.js';
import { diffTrees } from './diff.js';
import { commandEnv } from './env.js';
import { runCommand, type CommandPurpose, type CommandResult } from './exec.js';
import type { TempArea } from './temp-area.js';
import { loadIgnoreRules, type IgnoreRules } from './tree.js';

/**
 * An episode's working copy: a git repository whose first commit is the starting state. The baseline
 * the diff is taken against is kept outside (the fixture's own repo/ folder, or a copy), so nothing the
 * agent does to `.git` changes what counts as changed.
 */
export class Workspace {
  private constructor(
    readonly dir: string,
    readonly baselineDir: string,
    readonly temp: TempArea,
    /** How commands run in it (the run's sandbox settings). */
    readonly sandbox: SandboxSettings,
    private readonly rules: IgnoreRules,
  ) {}

  /** Copies `baselineDir` into a fresh folder and commits it as the baseline. */
  static async create(baselineDir: string, temp: TempArea, name: string, run: { sandbox: SandboxSettings; signal?: AbortSignal | undefined }): Promise<Workspace> {
    // git runs once per baseline and run; every other workspace of it copies the committed template.
    const template = await temp.memo(`git-template:${path.resolve(baselineDir)}`, () => commitTemplate(baselineDir, temp, run.sandbox, run.signal));
    const dir = await temp.dir(name);
    await copyTree(template, dir);
    return new Workspace(dir, baselineDir, temp, run.sandbox, await loadIgnoreRules(baselineDir));
  }

  /** Runs a shell command in the workspace with the harness's environment rules. */
  run(command: string, options: { timeoutMs: number; signal?: AbortSignal | undefined; stdin?: string; purpose?: CommandPurpose }): Promise<CommandResult> {
    return runCommand(command, { cwd: this.dir, env: commandEnv(this.temp.home), sandbox: this.sandbox, purpose: 'replay', ...options });
  }

  diff(): Promise<Diff> {
    return diffTrees(this.baselineDir, this.dir, this.rules);
  }

  /** A copy of the current state (with .git) in a new folder: a snapshot or a disposable copy. */
  async copyTo(name: string): Promise<string> {
    const dest = await this.temp.dir(name);
    await copyTree(this.dir, dest);
    return dest;
  }
}

/** Lays `overlayDir` over `targetDir`: adds and replaces files, never deletes. */
export async function layOver(overlayDir: string, targetDir: string): Promise<void> {
  await copyTree(overlayDir, targetDir);
}

/** Writes a file, creating parent folders. */
export async function writeFileDeep(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

/** A copy of the baseline committed as a git repository's first commit. */
async function commitTemplate(baselineDir: string, temp: TempArea, sandbox: SandboxSettings, signal?: AbortSignal): Promise<string> {
  const dir = await temp.dir('git-template');
  await copyTree(baselineDir, dir);
  await rm(path.join(dir, '.git'), { recursive: true, force: true });
  const init = await runCommand(
    'git -c init.defaultBranch=main init -q && git add -A && git -c commit.gpgsign=false commit -q --allow-empty -m baseline',
    { cwd: dir, env: commandEnv(temp.home), timeoutMs: 30_000, signal, sandbox: withoutBwrap(sandbox), purpose: 'git' }, // the harness's own git call
  );
  if (init.exitCode !== 0) throw new StopbenchError(`git could not commit the baseline of ${baselineDir}: ${init.output.trim()}`, 'E_GIT', 1);
  return dir;
}
