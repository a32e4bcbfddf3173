import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { StopbenchError } from '../errors.js';

/** `auto`: bubblewrap when it works here, else the plain runner with a one-line warning. */
export type SandboxMode = 'auto' | 'bwrap' | 'none';

export const SANDBOX_MODES: readonly SandboxMode[] = ['auto', 'bwrap', 'none'];

/** Limits every command gets, sandboxed or not. */
export interface ResourceLimits {
  /** Most processes at once (pids cgroup, where the machine has one). Default 256. */
  processes: number;
  /** Largest file a command may write, in bytes (RLIMIT_FSIZE). Default 1 GiB. */
  fileBytes: number;
}

export const DEFAULT_LIMITS: ResourceLimits = { processes: 256, fileBytes: 1024 ** 3 };

export const PIDS_CGROUP_ROOT = '/sys/fs/cgroup/pids';

/**
 * How commands run: what this machine gives the runner for the requested mode, probed once by
 * resolveSandbox and passed down (runSuite, validate, judge, hook, preflight) to every command.
 */
export interface SandboxSettings {
  /** Commands run under bubblewrap. */
  readonly bwrap: boolean;
  /** Commands join a pids cgroup capped at `limits.processes`. */
  readonly pidsCgroup: boolean;
  /** Commands run under prlimit with `limits.fileBytes`. */
  readonly prlimit: boolean;
  readonly limits: Readonly<ResourceLimits>;
}

/** What the caller asks for; every field has a default. */
export interface SandboxRequest {
  /** Default: STOPBENCH_SANDBOX, else `auto`. */
  mode?: SandboxMode | undefined;
  /** Default: STOPBENCH_MAX_PROCESSES and STOPBENCH_MAX_FILE_BYTES, else DEFAULT_LIMITS. */
  limits?: Partial<ResourceLimits> | undefined;
  /** Where the `auto` fallback's warning goes. Default: stderr. */
  onWarning?: ((message: string) => void) | undefined;
  /** The environment the defaults are read from. Default: process.env. */
  env?: NodeJS.ProcessEnv | undefined;
}

/**
 * Probes this machine for the requested mode. `bwrap` that cannot work here throws (exit 2); `auto`
 * falls back to the plain runner with a warning.
 */
export function resolveSandbox(request: SandboxRequest = {}): SandboxSettings {
  const env = request.env ?? process.env;
  const source = request.mode !== undefined ? '--sandbox' : 'STOPBENCH_SANDBOX';
  const mode = request.mode ?? (env.STOPBENCH_SANDBOX as SandboxMode | undefined) ?? 'auto';
  if (!SANDBOX_MODES.includes(mode)) throw new StopbenchError(`${source}: "${mode}" is not one of ${SANDBOX_MODES.join(', ')}`, 'E_USAGE', 2);
  const bwrapWorks = mode !== 'none' && probeBwrap();
  if (mode === 'bwrap' && !bwrapWorks) {
    throw new StopbenchError('--sandbox bwrap: bubblewrap is not installed or cannot create namespaces here (apt-get install bubblewrap)', 'E_SANDBOX', 2);
  }
  const warn = request.onWarning ?? ((message: string) => process.stderr.write(`stopbench: warning: ${message}\n`));
  if (mode === 'auto' && !bwrapWorks) warn('bubblewrap is not available; commands run without a sandbox (see README, Security)');
  return { bwrap: bwrapWorks, pidsCgroup: writable(PIDS_CGROUP_ROOT), prlimit: found('prlimit'), limits: { ...limitsFromEnv(env), ...request.limits } };
}

/** The harness's own git calls: outside bubblewrap (which would hide the temp folders), under the same limits. */
export function withoutBwrap(settings: SandboxSettings): SandboxSettings {
  return { ...settings, bwrap: false };
}

function probeBwrap(): boolean {
  const probe = spawnSync('bwrap', ['--ro-bind', '/', '/', '--unshare-net', '--unshare-pid', '--die-with-parent', 'true'], { timeout: 10_000 });
  return probe.status === 0;
}

function found(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** STOPBENCH_MAX_PROCESSES and STOPBENCH_MAX_FILE_BYTES override the defaults. */
function limitsFromEnv(env: NodeJS.ProcessEnv): ResourceLimits {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    processes: number('STOPBENCH_MAX_PROCESSES', DEFAULT_LIMITS.processes),
    fileBytes: number('STOPBENCH_MAX_FILE_BYTES', DEFAULT_LIMITS.fileBytes),
  };
}
