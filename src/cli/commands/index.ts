import type { Command } from 'commander';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

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
  { name: 'run', summary: summaryOf('run'), load: async () => (await import('./run.js')).registerRun },
  { name: 'validate', summary: summaryOf('validate'), load: async () => (await import('./validate.js')).registerValidate },
  { name: 'report', summary: summaryOf('report'), load: async () => (await import('./report.js')).registerReport },
  { name: 'compare', summary: summaryOf('compare'), load: async () => (await import('./compare.js')).registerCompare },
  { name: 'preflight', summary: summaryOf('preflight'), load: async () => (await import('./preflight.js')).registerPreflight },
  { name: 'hook', summary: summaryOf('hook'), load: async () => (await import('./hook.js')).registerHook },
  { name: 'judge', summary: summaryOf('judge'), load: async () => (await import('./judge.js')).registerJudge },
  { name: 'merge', summary: summaryOf('merge'), load: async () => (await import('./merge.js')).registerMerge },
  { name: 'cache', summary: summaryOf('cache'), load: async () => (await import('./cache.js')).registerCache },
  { name: 'fixture', summary: summaryOf('fixture'), load: async () => (await import('./fixture.js')).registerFixture },
  { name: 'import', summary: summaryOf('import'), load: async () => (await import('./import.js')).registerImport },
  { name: 'rescore', summary: summaryOf('rescore'), load: async () => (await import('./rescore.js')).registerRescore },
];

