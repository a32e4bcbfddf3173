import path from 'node:path';
import { CommandJudge, CommandJudgeOptionsSchema } from '../../src/judges/command.js';
import type { JudgeContext } from '../../src/judges/types.js';
import type { TempArea } from '../../src/workspace/temp-area.js';
import { ROOT } from './cli.js';
import { testSandbox } from './sandbox.js';

/** Scripted programs for subprocess behaviour: a fake agent, a stop hook, a stopbench-protocol judge. */
export const PROGRAMS = path.join(ROOT, 'tests/fixtures/programs');

export { counterStop } from './counter-stop.js';

/** A command judge built through its options schema, as a suite would build it. */
export function commandJudge(options: Record<string, unknown>, suiteDir = ROOT): CommandJudge {
  return new CommandJudge('cmd', CommandJudgeOptionsSchema.parse(options), suiteDir);
}

export function commandContext(temp: TempArea, over: Partial<JudgeContext> = {}): JudgeContext {
  return { signal: new AbortController().signal, temp, sandbox: testSandbox(), repeat: 0, commandTimeoutMs: 20_000, ...over };
}

/** `node <program> args...`, every word quoted for sh. */
export function program(name: string, ...args: string[]): string {
  return ['node', path.join(PROGRAMS, name), ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
}
