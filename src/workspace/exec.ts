import { spawn } from 'node:child_process';
import path from 'node:path';
import { bwrapArgs } from '../sandbox/bwrap.js';
import { PidsCgroup } from '../sandbox/pids-cgroup.js';
import type { SandboxSettings } from '../sandbox/settings.js';
import { CappedBuffer } from './capped-buffer.js';

/** How to run one command. */
export interface RunOptions {
  cwd: string;
  env: Record<string, string>;
  /** Kill the whole process group after this long. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Bytes of output kept per stream (head and tail). Default 256 KiB. */
  maxOutputBytes?: number;
  /** Text written to the command's stdin (closed after). Default: empty stdin. */
  stdin?: string;
  /** The run's sandbox and limits (resolveSandbox); `withoutBwrap(...)` for the harness's own git calls. */
  sandbox: SandboxSettings;
  /** What the command is for, so `npm run perf` can say where the time goes. Default `other`. */
  purpose?: CommandPurpose;
  /** Folders the sandbox shows read-only besides the project stopbench runs in (a hook plugin's folder). */
  readable?: readonly string[];
}

export type CommandPurpose = 'replay' | 'agent' | 'oracle' | 'judge' | 'git' | 'other';

/** Success and failure have the same shape. `exitCode` is null when a signal ended the command. */
export interface CommandResult {
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  truncated: boolean;
  /** A resource limit the command ran into; such a run is an error of its episode, not a result. */
  limitHit?: 'processes' | 'file-size';
}

export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024;

/**
 * Commands this process really ran (cache hits never get here) and their summed wall time: the floor
 * that `npm run perf` compares the harness's own wall time with.
 */
export const execStats = { commands: 0, ms: 0, byPurpose: {} as Partial<Record<CommandPurpose, { commands: number; ms: number }>> };

/** A command that ran into a resource limit: it ends its episode as an error, not as a result. */
export class ResourceLimitError extends Error {
  constructor(readonly result: CommandResult) {
    super(`\`${result.command}\` ran into the ${result.limitHit === 'processes' ? 'process' : 'file size'} limit of the sandbox`);
  }
}

/** Throws ResourceLimitError for a result that hit a limit; returns it otherwise. */
export function checkLimits(result: CommandResult): CommandResult {
  if (result.limitHit) throw new ResourceLimitError(result);
  return result;
}

/**
 * Runs `sh -c command` in its own process group. A timeout or abort kills the whole group, and so does
 * the command's own exit, so that no background process it started outlives it.
 */
export async function runCommand(command: string, options: RunOptions): Promise<CommandResult> {
  const settings = options.sandbox;
  const cgroup = settings.pidsCgroup ? await PidsCgroup.create(settings.limits.processes) : null;
  let argv = ['sh', '-c', command];
  if (settings.bwrap) {
    const home = options.env.HOME ?? options.cwd;
    // A run's HOME is <temp root>/home (TempArea): the rest of that root (other workspaces) is hidden.
    const tempRoots = path.basename(home) === 'home' && path.dirname(home) !== '/' ? [path.dirname(home)] : [];
    argv = ['bwrap', ...bwrapArgs({ cwd: options.cwd, home, searchPath: options.env.PATH ?? '', tempRoots, readable: [process.cwd(), ...(options.readable ?? [])] }), '--', ...argv];
  }
  if (settings.prlimit) argv = ['prlimit', `--fsize=${settings.limits.fileBytes}`, '--', ...argv];
  // The wrapper joins the cgroup before it becomes the command, so every descendant is counted.
  if (cgroup) argv = ['sh', '-c', 'echo $$ > "$0" && exec "$@"', cgroup.procsFile, ...argv];
  try {
    const result = await spawnCommand(command, argv, options);
    execStats.commands += 1;
    execStats.ms += result.durationMs;
    const purpose = (execStats.byPurpose[options.purpose ?? 'other'] ??= { commands: 0, ms: 0 });
    purpose.commands += 1;
    purpose.ms += result.durationMs;
    if (await cgroup?.hitLimit()) result.limitHit = 'processes';
    else if (result.signal === 'SIGXFSZ' || result.exitCode === 128 + 25 || /\bEFBIG\b|File too large|File size limit exceeded/.test(result.stderr)) result.limitHit = 'file-size';
    return result;
  } finally {
    await cgroup?.dispose();
  }
}

/** Process groups of the commands running now, so that a process about to exit can end them. */
const runningGroups = new Set<number>();

/**
 * Kills every command this process started that is still running, whole process groups. For an exit
 * that cannot wait for the commands' own ends (a second Ctrl-C): without it they would outlive stopbench.
 */
export function killRunningCommands(): void {
  for (const pid of runningGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }
  runningGroups.clear();
}

function spawnCommand(command: string, argv: string[], options: RunOptions): Promise<CommandResult> {
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new CappedBuffer(max);
  const stderr = new CappedBuffer(max);
  const output = new CappedBuffer(max);
  const started = performance.now();

  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) runningGroups.add(child.pid);
    let timedOut = false;
    let aborted = false;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();

    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      output.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      output.push(chunk);
    });
    child.stdin.on('error', () => {}); // a command that never reads its stdin is fine
    child.stdin.end(options.stdin ?? '');
    // Orphans keep the pipes open; killing the group on exit lets 'close' arrive.
    child.on('exit', killGroup);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (child.pid !== undefined) runningGroups.delete(child.pid);
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        command,
        exitCode: code,
        signal,
        timedOut,
        aborted,
        durationMs: Math.round(performance.now() - started),
        stdout: stdout.toString(),
        stderr: stderr.toString(),
        output: output.toString(),
        truncated: stdout.truncated || stderr.truncated,
      });
    });
  });
}
