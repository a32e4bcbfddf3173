import type { Command } from 'commander';
import { errorMessage, StopbenchError } from '../../errors.js';
import { runClaudeCodeHook } from '../../hooks/claude-code/stop-hook.js';
import { resolveSandbox } from '../../sandbox/settings.js';
import { EXIT } from '../exit.js';
import { positiveInt } from '../options.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

interface HookFlags {
  contract?: string;
  judge?: string;
  config?: string;
  maxBlocks: number;
  base?: string;
}

/**
 * `stopbench hook claude-code`: any judge as a Claude Code Stop hook. Its own failures exit 1, a
 * non-blocking error in Claude Code's protocol (the stop goes through), never 2: exit 2 would block
 * the agent with the error message as its next instruction.
 */
export function registerHook(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const hook = program.command('hook').description(summaryOf('hook'));
  hook
    .command('claude-code')
    .description('a Claude Code Stop hook: reads the hook input on stdin, judges the session\'s repository, blocks or lets the stop through')
    .option('--contract <file>', 'goal contract (a task.yaml, or a file holding only the contract)')
    .option('--judge <id>', 'judge id: a built-in type, or an id of --config (default: verify)')
    .option('--config <file>', 'suite file to take the judge from')
    .option('--max-blocks <n>', 'blocks in a row after which the stop goes through (default 3)', positiveInt, 3)
    .option('--base <rev>', 'count changes from this revision (default: merge base with the upstream, else HEAD)')
    .exitOverride()
    .action(async (flags: HookFlags) => {
      try {
        if (!flags.contract) throw new StopbenchError('--contract <file> is required', 'E_USAGE', EXIT.finding);
        const answer = await runClaudeCodeHook(await readStdin(), {
          contractFile: flags.contract,
          judgeId: flags.judge,
          configFile: flags.config,
          maxBlocks: flags.maxBlocks,
          base: flags.base,
          sandbox: resolveSandbox(), // STOPBENCH_SANDBOX, else auto
        });
        io.stdout.write(answer.stdout);
        io.stderr.write(`${answer.note}\n`);
        setExit(EXIT.ok);
      } catch (error) {
        const known = error instanceof StopbenchError;
        io.stderr.write(`stopbench hook: ${known ? error.message : `unexpected error: ${errorMessage(error)}`}; the stop goes through\n`);
        setExit(EXIT.finding);
      }
    });
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new StopbenchError('stdin: expected the hook input JSON (Claude Code pipes it in)', 'E_USAGE', EXIT.finding);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
