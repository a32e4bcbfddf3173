import { Command, CommanderError } from 'commander';
import { StopbenchError } from '../errors.js';
import { registerPreflight } from './commands/preflight.js';
import { registerHook } from './commands/hook.js';
import { registerJudge } from './commands/judge.js';
import { registerCache } from './commands/cache.js';
import { registerCompare } from './commands/compare.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerValidate } from './commands/validate.js';
import { EXIT } from './exit.js';
import { processIo, type CliIo } from './output.js';

/** Parses the command line and runs a command; resolves to the exit code. Never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('stopbench')
    .description('Evaluate goal judges: the stop conditions that decide whether a coding agent is really done.')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  registerRun(program, io, setExit);
  registerValidate(program, io, setExit);
  registerReport(program, io, setExit);
  registerCompare(program, io, setExit);
  registerPreflight(program, io, setExit);
  registerHook(program, io, setExit);
  registerJudge(program, io, setExit);
  registerCache(program, io, setExit);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(add --help for usage)');

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; anything else commander rejects is bad usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (error instanceof StopbenchError) {
      io.stderr.write(`stopbench: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`stopbench: unexpected error (a bug; please report it)\n${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT.finding;
  }
}
