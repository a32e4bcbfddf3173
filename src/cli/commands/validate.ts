import { Chalk } from 'chalk';
import type { Command } from 'commander';
import { resolveSandbox, type SandboxMode } from '../../sandbox/settings.js';
import { TempArea } from '../../workspace/temp-area.js';
import { validateFixtures, type FixtureValidation } from '../../validate/validate.js';
import { EXIT } from '../exit.js';
import { positiveInt } from '../options.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

export function registerValidate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description(summaryOf('validate'))
    .argument('[dirs...]', 'fixture folders, or folders of fixtures', ['fixtures'])
    .option('--concurrency <n>', 'fixtures checked at once', positiveInt, 2)
    .option('--repeat <n>', 'run each oracle check N times on the start and the solution and report flaky checks', positiveInt, 1)
    .option('--sandbox <mode>', 'auto (bubblewrap when it works), bwrap (required) or none', 'auto')
    .action(async (dirs: string[], flags: { concurrency: number; repeat: number; sandbox: SandboxMode }) => {
      const sandbox = resolveSandbox({ mode: flags.sandbox, onWarning: (m) => io.stderr.write(`warning: ${m}\n`) });
      const color = Boolean((io.stdout as NodeJS.WriteStream).isTTY) && !process.env.NO_COLOR;
      const chalk = new Chalk({ level: color ? 1 : 0 });
      const temp = await TempArea.create();
      try {
        const print = (v: FixtureValidation) => {
          for (const line of v.lines) {
            const mark = line.ok ? chalk.green('ok  ') : chalk.red('FAIL');
            const name = line.trajectory ? `  ${line.fixture}/${line.trajectory}` : line.fixture;
            io.stdout.write(`${mark} ${name}: ${line.message}\n`);
          }
        };
        const validations = await validateFixtures(dirs, { temp, sandbox, concurrency: flags.concurrency, repeat: flags.repeat, onFixture: print });
        const lines = validations.flatMap((v) => v.lines);
        const failed = lines.filter((l) => !l.ok);
        const trajectories = lines.filter((l) => l.trajectory !== null).length;
        const badFixtures = validations.filter((v) => v.lines.some((l) => !l.ok)).length;
        io.stdout.write(
          `\n${validations.length} fixtures, ${trajectories} trajectories: ` +
            (failed.length === 0 ? chalk.green('all valid') : chalk.red(`${failed.length} failures in ${badFixtures} fixtures`)) + '\n',
        );
        setExit(failed.length === 0 ? EXIT.ok : EXIT.finding);
      } finally {
        await temp.dispose();
      }
    });
}
