import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Tests that need a system tool (bubblewrap, Chromium) skip with a one-line reason naming the Debian
 * package when it is missing, so `npm test` passes on a fresh machine with Node alone. CI installs the
 * tools and sets STOPBENCH_REQUIRE_SYSTEM_TOOLS=1 (.ci/run): there a missing tool fails the tests
 * instead, so a machine that lost the sandbox or the browser cannot pass by skipping.
 */
export const REQUIRE_ENV = 'STOPBENCH_REQUIRE_SYSTEM_TOOLS';

export interface SystemTool {
  /** What the tests need, as a person would name it. */
  name: string;
  /** The Debian package that provides it. */
  debianPackage: string;
  /** Why it cannot be used here, or undefined when it works. */
  missing: () => string | undefined;
}

export const BUBBLEWRAP: SystemTool = {
  name: 'bubblewrap',
  debianPackage: 'bubblewrap',
  missing: () => {
    const probe = spawnSync('bwrap', ['--ro-bind', '/', '/', '--unshare-net', '--unshare-pid', '--die-with-parent', 'true'], { timeout: 10_000, encoding: 'utf8' });
    if (probe.error) return 'bwrap is not installed';
    if (probe.status !== 0) return `bwrap cannot create namespaces here (${(probe.stderr || `exit ${probe.status}`).trim().split('\n')[0]})`;
    return undefined;
  },
};

/** The browser report.html is checked in; STOPBENCH_CHROMIUM names another binary. */
export const CHROMIUM_PATH = process.env.STOPBENCH_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM: SystemTool = {
  name: 'Chromium',
  debianPackage: 'chromium',
  missing: () => (existsSync(CHROMIUM_PATH) ? undefined : `${CHROMIUM_PATH} not found (STOPBENCH_CHROMIUM names another binary)`),
};

/**
 * The skip reason for a test file that needs `tool`, or undefined when the tool works. Throws when the
 * tool is missing and STOPBENCH_REQUIRE_SYSTEM_TOOLS=1 forbids the skip.
 */
export function skipUnless(tool: SystemTool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const why = tool.missing();
  if (why === undefined) return undefined;
  const reason = `${tool.name} missing: ${why} (Debian package: ${tool.debianPackage})`;
  if (env[REQUIRE_ENV] === '1') throw new Error(`${reason}. ${REQUIRE_ENV}=1 forbids skipping this test.`);
  return reason;
}

/** A command-line tool found on PATH (`jq --version` exits 0). */
function onPath(command: string, debianPackage: string, versionFlag = '--version'): SystemTool {
  return {
    name: command,
    debianPackage,
    missing: () => {
      const probe = spawnSync(command, [versionFlag], { timeout: 10_000 });
      return probe.error || probe.status !== 0 ? `${command} is not on PATH` : undefined;
    },
  };
}

/** The Ralph-style hook tests read the transcript with jq and the promise with perl, as real hooks do. */
export const JQ = onPath('jq', 'jq');
export const PERL = onPath('perl', 'perl', '-v');
