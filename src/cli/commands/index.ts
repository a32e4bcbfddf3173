import type { Command } from 'commander';
import type { CliIo } from '../output.js';

type Register = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/** One command of the CLI: its name, the one-line summary `stopbench --help` lists, and its module. */
export interface CommandEntry {
  name: string;
  summary: string;
  /** Loaded only when this command runs, so `stopbench --help` starts without the SDKs, sandbox or reporters. */
  load: () => Promise<Register>;
}

/** Every command, in the order `--help` lists them; each command's `.description` is its summary here. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'run', summary: 'run a suite: every fixture × agent × judge × repeat, then write results and reports', load: async () => (await import('./run.js')).registerRun },
  { name: 'validate', summary: 'check fixtures: they load, trajectories replay, the start is incomplete, the solution complete, expect labels hold', load: async () => (await import('./validate.js')).registerValidate },
  { name: 'report', summary: 'rebuild the reports of a results folder from its results.jsonl, without rerunning anything', load: async () => (await import('./report.js')).registerReport },
  { name: 'compare', summary: 'paired comparison of two result sets, judge by judge; exits 1 when NEW crosses a threshold (a CI gate)', load: async () => (await import('./compare.js')).registerCompare },
  { name: 'preflight', summary: 'check a goal contract before work starts: missing or vague parts, scope globs, verification that cannot fail', load: async () => (await import('./preflight.js')).registerPreflight },
  { name: 'hook', summary: "run a judge as a coding agent's stop hook", load: async () => (await import('./hook.js')).registerHook },
  { name: 'judge', summary: "judge a real git repository's current state against a goal contract", load: async () => (await import('./judge.js')).registerJudge },
  { name: 'merge', summary: 'join the results folders of `run --shard i/n` into one, as an unsharded run writes it', load: async () => (await import('./merge.js')).registerMerge },
  { name: 'cache', summary: 'inspect or clear the cache of LLM answers (default folder .stopbench-cache)', load: async () => (await import('./cache.js')).registerCache },
  { name: 'fixture', summary: 'grow the suite: fixtures from fix commits, persona trajectories, impossible variants', load: async () => (await import('./fixture.js')).registerFixture },
  { name: 'import', summary: "turn a recorded agent session into a fixture trajectory labelled by the fixture's oracle", load: async () => (await import('./import.js')).registerImport },
  { name: 'rescore', summary: 'judge the kept states of a `run --keep-states` again with other judges, without running any agent', load: async () => (await import('./rescore.js')).registerRescore },
];

/** The one-line summary of a command, for its own `.description`: written once, in the table above. */
export function summaryOf(name: string): string {
  const entry = COMMANDS.find((command) => command.name === name);
  if (!entry) throw new Error(`no command ${name} in COMMANDS`);
  return entry.summary;
}
