import { Command, CommanderError } from 'commander';
import { StopbenchError } from '../errors.js';
import { COMMANDS } from './commands/index.js';
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
  // Only the command that runs is loaded: `stopbench --help` lists the others from their summaries.
  const args = [...argv];
  if (args[0] === 'help' && args[1] && COMMANDS.some((c) => c.name === args[1])) args.splice(0, 2, args[1]!, '--help');
  const chosen = COMMANDS.find((c) => c.name === args[0]);
  if (chosen) (await chosen.load())(program, io, setExit);
  else for (const entry of COMMANDS) program.command(entry.name).description(entry.summary);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(add --help for usage)');

  try {
    await program.parseAsync(args, { from: 'user' });
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
