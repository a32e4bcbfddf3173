import type { Command } from 'commander';
import { resolveSandbox, type SandboxMode } from '../../sandbox/settings.js';
import { progressReporter } from '../../reporters/progress.js';
import { reportFormats } from '../../reporters/registry.js';
import { errorLines, tableReporter } from '../../reporters/table.js';
import { rescoreRun } from '../../rescore/rescore.js';
import { EXIT } from '../exit.js';
import { collect, idList, positiveInt } from '../options.js';
import type { CliIo } from '../output.js';

interface RescoreFlags {
  suite: string;
  judges?: string[];
  fixtures?: string[];
  out: string;
  overwrite: boolean;
  concurrency?: number;
  progress: boolean;
  sandbox: SandboxMode;
}

export function registerRescore(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('rescore')
    .description('judge the kept states of a `run --keep-states` again with other judges, without running any agent')
    .argument('<run>', 'the results folder of a run made with --keep-states')
    .requiredOption('--suite <file>', 'suite config that defines the judges (and the fixtures)')
    .option('--judges <ids>', 'only these judge ids of the suite (comma-separated)', idList)
    .option('--fixtures <dir>', 'fixture folder or glob; replaces the suite\'s list (repeatable)', collect)
    .requiredOption('--out <dir>', 'output folder for the new results and reports')
    .option('--overwrite', 'replace the results of an earlier run in the --out folder', false)
    .option('--concurrency <n>', 'episodes at once (default: the suite\'s)', positiveInt)
    .option('--no-progress', 'no progress bar or progress lines')
    .option('--sandbox <mode>', 'auto (bubblewrap when it works), bwrap (required) or none', 'auto')
    .action(async (runDir: string, flags: RescoreFlags) => {
      const sandbox = resolveSandbox({ mode: flags.sandbox, onWarning: (m) => io.stderr.write(`warning: ${m}\n`) });
      const result = await rescoreRun({
        sandbox,
        runDir, suiteFile: flags.suite, judges: flags.judges, fixtures: flags.fixtures, outDir: flags.out,
        overwrite: flags.overwrite, concurrency: flags.concurrency,
        reporters: [
          ...(flags.progress ? [progressReporter(io.stderr as NodeJS.WriteStream)] : []),
          ...Object.values(reportFormats), tableReporter(io.stdout as NodeJS.WriteStream),
        ],
      });
      for (const notice of result.notices) io.stderr.write(`warning: ${notice}\n`);
      const errored = result.summary.reduce((n, g) => n + g.errors.count, 0);
      if (errored > 0) io.stderr.write(`${errored} episode${errored === 1 ? '' : 's'} ended in error:\n`);
      for (const line of errorLines(result.summary)) io.stderr.write(`${line}\n`);
      setExit(errored > 0 ? EXIT.finding : EXIT.ok);
    });
}
