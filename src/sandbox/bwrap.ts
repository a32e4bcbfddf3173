import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isWithin } from '../text/paths.js';

/** Where users keep secrets: hidden behind empty tmpfs mounts inside the sandbox. */
function hiddenHomes(): string[] {
  const homes = ['/root', '/home'];
  const real = os.userInfo().homedir;
  if (real && !homes.some((h) => isWithin(h, real))) homes.push(real);
  return homes;
}

/**
 * Toolchains installed under a home (pyenv's shims in ~/.pyenv, nvm, cargo) that PATH names: mounted
 * back read-only, so `python3` keeps working while `~/.ssh` stays hidden.
 */
function toolchainsUnder(homes: readonly string[], searchPath: string): string[] {
  const out = new Set<string>();
  for (const entry of searchPath.split(':').filter(Boolean)) {
    const home = homes.find((h) => isWithin(h, entry) && h !== entry);
    if (!home) continue;
    // ~/.pyenv/shims → ~/.pyenv; /home/alice/.nvm/bin → /home/alice/.nvm (never the home itself)
    const parts = path.relative(home, entry).split(path.sep);
    const top = path.join(home, ...parts.slice(0, home === '/home' ? 2 : 1));
    if (top && top !== home) out.add(top);
  }
  return [...out];
}

/**
 * bubblewrap arguments for one command: the host read-only, homes hidden, a private /tmp, no network,
 * its own PID namespace; writable only the command's folder and the run's HOME.
 */
export function bwrapArgs(options: { cwd: string; home: string; searchPath: string; tempRoots: readonly string[]; readable?: readonly string[] }): string[] {
  const homes = hiddenHomes();
  const args = ['--die-with-parent', '--new-session', '--unshare-net', '--unshare-pid', '--unshare-ipc', '--unshare-uts'];
  args.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp');
  for (const root of options.tempRoots) if (!isWithin('/tmp', root) && root !== '/') args.push('--tmpfs', root);
  for (const home of homes) args.push('--tmpfs', home);
  for (const tool of toolchainsUnder(homes, options.searchPath)) args.push('--ro-bind-try', tool, tool);
  // The project stopbench was started in stays readable (a command judge's script, a hook, the
  // built CLI) even when it lives under /tmp or a home; never a whole home, never the root.
  for (const dir of options.readable ?? []) {
    if (dir !== '/' && !homes.includes(dir)) args.push('--ro-bind-try', dir, dir);
  }
  const cwd = realpathSync(options.cwd);
  args.push('--bind', options.home, options.home, '--bind', cwd, cwd, '--chdir', cwd);
  return args;
}
