import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { runSuite } from '../../runner/run.js';
import { resolveSandbox, type SandboxMode } from '../../sandbox/settings.js';
import { progressReporter } from '../../reporters/progress.js';
import { reportFormats } from '../../reporters/registry.js';
import { errorLines, tableReporter } from '../../reporters/table.js';
import type { Reporter } from '../../reporters/types.js';
import { UsageError } from '../../errors.js';
import { InterruptedError } from '../../runner/interrupted.js';
import { killRunningCommands } from '../../workspace/exec.js';
import { EXIT } from '../exit.js';
import { resumeCommand } from '../resume-command.js';
import { collect, idList, nonNegativeInt, positiveInt } from '../options.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';
import { parseShardSpec, type ShardSpec } from '../../shard/spec.js';

interface RunFlags {
  suite: string;
  fixtures?: string[];
  agents?: string[];
  judges?: string[];
  repeat?: number;
  concurrency?: number;
  out?: string;
  resume?: string;
  overwrite: boolean;
  progress: boolean;
  commandCache: boolean | string;
  sandbox: SandboxMode;
  maxErrors: number;
  shard?: ShardSpec;
  shardCosts?: string;
  keepStates: boolean;
}

export function registerRun(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('run')
    .description(summaryOf('run'))
    .requiredOption('--suite <file>', 'suite config (benchmarks/*.yaml)')
    .option('--fixtures <dir>', 'fixture folder or glob; replaces the suite\'s list (repeatable)', collect)
    .option('--agents <ids>', 'only these agent ids (comma-separated)', idList)
    .option('--judges <ids>', 'only these judge ids (comma-separated)', idList)
    .option('--repeat <n>', 'repeats of every episode (default: the suite\'s, else 1)', positiveInt)
    .option('--concurrency <n>', 'episodes at once (default: the suite\'s, else 2)', positiveInt)
    .option('--out <dir>', 'output folder (default: reports/<suite>-<time>, made new); one holding results needs --resume or --overwrite')
    .option('--resume <dir>', 'continue an interrupted run in DIR: finished episodes are kept')
    .option('--overwrite', 'replace the results of an earlier run in the --out folder (refused without it)', false)
    .option('--no-progress', 'no progress bar or progress lines')
    .option('--command-cache <dir>', 'keep oracle and rule-judge command results in DIR across runs')
    .option('--no-command-cache', 'run every command every time (the cache is on within a run by default)')
    .option('--max-errors <n>', 'episodes that may end `error` before the run exits 1', nonNegativeInt, 0)
    .option('--sandbox <mode>', 'auto (bubblewrap when it works), bwrap (required) or none', 'auto')
    .option('--shard <i/n>', 'run only part i of n of the suite (split by fixture and trajectory), for `stopbench merge`', parseShardSpec)
    .option('--shard-costs <file>', 'an earlier run\'s results.jsonl: balance the shards by its recorded wall times')
    .option('--keep-states', 'keep every turn-end state of live (non-replay) episodes in <out>/states, for `stopbench rescore`', false)
    .action(async (flags: RunFlags) => {
      if (flags.overwrite && flags.resume !== undefined) throw new UsageError('--overwrite and --resume cannot be combined (--resume keeps the finished episodes)');
      const sandbox = resolveSandbox({ mode: flags.sandbox, onWarning: (m) => io.stderr.write(`warning: ${m}\n`) });
      const outDir = flags.resume ?? flags.out ?? defaultOutDir(flags.suite);
      const controller = new AbortController();
      let signalled: NodeJS.Signals | undefined;
      // What a second Ctrl-C, which cannot wait for the runner, needs for the resume line.
      const progress = { outDir, finished: 0, total: 0 };
      const tracker: Reporter = {
        name: 'interrupt-tracker',
        onRunStart: (info) => Object.assign(progress, { outDir: info.outDir, finished: info.skipped, total: info.total }),
        onEpisodeEnd: (_result, finished) => Object.assign(progress, { finished }),
      };
      const interruptedLine = (finished: number, total: number, dir: string) =>
        `interrupted: ${finished} of ${total} episodes finished; resume with: ${resumeCommand(flags, dir)}\n`;
      const stop = (name: NodeJS.Signals) => {
        if (signalled) {
          // A second Ctrl-C: the person does not want to wait for running commands to end.
          killRunningCommands();
          io.stderr.write(`stopbench: ${name} again: stopped at once\n${interruptedLine(progress.finished, progress.total, progress.outDir)}`);
          process.exit(signalExit(name));
        }
        signalled = name;
        io.stderr.write(`stopbench: ${name}: ending running episodes and keeping finished ones (${name} again to stop at once)\n`);
        controller.abort(new Error(name));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      try {
        const stdoutTty = io.stdout as NodeJS.WriteStream;
        const stderrTty = io.stderr as NodeJS.WriteStream;
        const result = await runSuite({
          suiteFile: flags.suite,
          fixtures: flags.fixtures,
          agents: flags.agents,
          judges: flags.judges,
          repeat: flags.repeat,
          concurrency: flags.concurrency,
          outDir,
          freshOutDir: flags.resume === undefined && flags.out === undefined,
          overwrite: flags.overwrite,
          resume: flags.resume !== undefined,
          commandCache: flags.commandCache,
          shard: flags.shard,
          shardCosts: flags.shardCosts,
          keepStates: flags.keepStates,
          signal: controller.signal,
          sandbox,
          reporters: [
            tracker,
            ...(flags.progress ? [progressReporter(stderrTty)] : []),
            ...Object.values(reportFormats), tableReporter(stdoutTty),
          ],
        });
        for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
        // A run that could not judge must not end on a clean-looking table: the error lines come last.
        const errored = result.summary.reduce((n, g) => n + g.errors.count, 0);
        if (errored > 0) io.stderr.write(`${errored} episode${errored === 1 ? '' : 's'} ended in error (allowed: --max-errors ${flags.maxErrors}):\n`);
        for (const line of errorLines(result.summary)) io.stderr.write(`${line}\n`);
        setExit(errored > flags.maxErrors ? EXIT.finding : EXIT.ok);
      } catch (error) {
        if (!(error instanceof InterruptedError) || !signalled) throw error;
        io.stderr.write(interruptedLine(error.finished, error.total, error.outDir));
        setExit(signalExit(signalled));
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}

/** 128 + the signal's number, as a shell reports a command a signal ended: 130 for SIGINT, 143 for SIGTERM. */
function signalExit(name: NodeJS.Signals): number {
  return 128 + (os.constants.signals[name] ?? 0);
}

function defaultOutDir(suiteFile: string): string {
  const name = path.basename(suiteFile).replace(/\.ya?ml$/, '');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return path.join('reports', `${name}-${stamp}`);
}
