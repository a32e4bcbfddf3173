import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { StopbenchError } from '../errors.js';

/** `auto`: bubblewrap when it works here, else the plain runner with a one-line warning. */
export type SandboxMode = 'auto' | 'bwrap' | 'none';

/** Limits every command gets, sandboxed or not. */
export interface ResourceLimits {
  /** Most processes at once (pids cgroup, where the machine has one). Default 256. */
  processes: number;
  /** Largest file a command may write, in bytes (RLIMIT_FSIZE). Default 1 GiB. */
  fileBytes: number;
}

export const DEFAULT_LIMITS: ResourceLimits = { processes: 256, fileBytes: 1024 ** 3 };

export const PIDS_CGROUP_ROOT = '/sys/fs/cgroup/pids';

interface Resolved {
  bwrap: boolean;
  pidsCgroup: boolean;
  prlimit: boolean;
  limits: ResourceLimits;
}

let requested: SandboxMode = (process.env.STOPBENCH_SANDBOX as SandboxMode | undefined) ?? 'auto';
let limits: ResourceLimits = limitsFromEnv();
let resolved: Resolved | undefined;
let warn: (message: string) => void = (message) => process.stderr.write(`stopbench: warning: ${message}\n`);

/** Sets the process-wide sandbox mode (the CLI's --sandbox); takes effect for the next command. */
export function configureSandbox(mode: SandboxMode, options: { limits?: Partial<ResourceLimits>; onWarning?: (m: string) => void } = {}): void {
  if (!['auto', 'bwrap', 'none'].includes(mode)) throw new StopbenchError(`--sandbox: "${mode}" is not one of auto, bwrap, none`, 'E_USAGE', 2);
  requested = mode;
  limits = { ...limitsFromEnv(), ...options.limits };
  if (options.onWarning) warn = options.onWarning;
  resolved = undefined;
}

/** What this machine gives the runner, probed once per process. */
export function sandboxSettings(): Resolved {
  if (resolved) return resolved;
  const bwrapWorks = requested !== 'none' && probeBwrap();
  if (requested === 'bwrap' && !bwrapWorks) {
    throw new StopbenchError('--sandbox bwrap: bubblewrap is not installed or cannot create namespaces here (apt-get install bubblewrap)', 'E_SANDBOX', 2);
  }
  if (requested === 'auto' && !bwrapWorks) warn('bubblewrap is not available; commands run without a sandbox (see README, Security)');
  resolved = { bwrap: bwrapWorks, pidsCgroup: writable(PIDS_CGROUP_ROOT), prlimit: found('prlimit'), limits };
  return resolved;
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
function limitsFromEnv(): ResourceLimits {
  const number = (name: string, fallback: number) => {
    const value = Number(process.env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    processes: number('STOPBENCH_MAX_PROCESSES', DEFAULT_LIMITS.processes),
    fileBytes: number('STOPBENCH_MAX_FILE_BYTES', DEFAULT_LIMITS.fileBytes),
  };
}
