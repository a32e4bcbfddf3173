import { shellQuote } from '../text/shell-quote.js';

/** The flags of `stopbench run` that a resume must repeat to plan the same episodes the same way. */
export interface ResumeFlags {
  suite: string;
  fixtures?: readonly string[] | undefined;
  agents?: readonly string[] | undefined;
  judges?: readonly string[] | undefined;
  repeat?: number | undefined;
  concurrency?: number | undefined;
  progress: boolean;
  commandCache: boolean | string;
  sandbox: string;
  shard?: { index: number; count: number } | undefined;
  shardCosts?: string | undefined;
  keepStates?: boolean | undefined;
}

/**
 * The command line that continues an interrupted run: the same suite, fixtures, configs and repeats
 * (the episode plan), the same machine settings, and `--resume DIR` in place of `--out`/`--overwrite`.
 */
export function resumeCommand(flags: ResumeFlags, outDir: string): string {
  const args = ['stopbench', 'run', '--suite', flags.suite];
  for (const fixtures of flags.fixtures ?? []) args.push('--fixtures', fixtures);
  if (flags.agents?.length) args.push('--agents', flags.agents.join(','));
  if (flags.judges?.length) args.push('--judges', flags.judges.join(','));
  if (flags.repeat !== undefined) args.push('--repeat', String(flags.repeat));
  if (flags.concurrency !== undefined) args.push('--concurrency', String(flags.concurrency));
  if (!flags.progress) args.push('--no-progress');
  if (flags.commandCache === false) args.push('--no-command-cache');
  else if (typeof flags.commandCache === 'string') args.push('--command-cache', flags.commandCache);
  if (flags.sandbox !== 'auto') args.push('--sandbox', flags.sandbox);
  if (flags.shard) args.push('--shard', `${flags.shard.index}/${flags.shard.count}`);
  if (flags.shardCosts) args.push('--shard-costs', flags.shardCosts);
  if (flags.keepStates) args.push('--keep-states');
  args.push('--resume', outDir);
  return args.map(quoteIfNeeded).join(' ');
}

/** Quotes a word for sh only when it needs it, so the usual command stays easy to read. */
function quoteIfNeeded(word: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(word) ? word : shellQuote(word);
}
