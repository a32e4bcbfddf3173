import { envFingerprint, type CommandCache } from '../cache/command-cache.js';
import { treeHash } from '../cache/tree-hash.js';
import { commandEnv } from '../workspace/env.js';
import type { CommandResult } from '../workspace/exec.js';
import type { Workspace } from '../workspace/workspace.js';

/** git reads .git, which the tree hash leaves out: `git status` on the same files can say other things. */
const READS_GIT = /(^|[^\w.-])git(\s|$)/;

/**
 * Runs a replayed `run` step, through the command cache where that is safe. A command run on the same
 * files, environment and time limit gives the same result, so a step that changed no file need not run
 * again: the starting state's `node --test` that most trajectories of a fixture begin with runs once,
 * and the verify judge's rerun of the test command the agent ran last is a cache hit. The key is the
 * one the verify judge uses for its first command on a state. A step that changed files always runs.
 */
export async function runStepCommand(
  workspace: Workspace,
  command: string,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
  commands: CommandCache | undefined,
): Promise<CommandResult> {
  if (!commands || READS_GIT.test(command)) return workspace.run(command, options);
  const before = await treeHash(workspace.dir);
  const key = { treeHash: `${before}:[]`, command, env: envFingerprint(commandEnv(workspace.temp.home)), timeoutMs: options.timeoutMs };
  return commands.runStep(key, async () => {
    const result = await workspace.run(command, options);
    return { result, unchanged: (await treeHash(workspace.dir)) === before };
  });
}
