import path from 'node:path';
import type { Command } from 'commander';
import { cacheStats, clearCache, DEFAULT_CACHE_DIR } from '../../llm/cache.js';
import { EXIT } from '../exit.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

/** `stopbench cache stats|clear [--dir DIR]`: the on-disk cache of model answers. */
export function registerCache(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cache = program
    .command('cache')
    .description(summaryOf('cache'));
  cache
    .command('stats')
    .description('count the cached answers, by provider and model')
    .option('--dir <dir>', 'cache folder', DEFAULT_CACHE_DIR)
    .action(async (flags: { dir: string }) => {
      const stats = await cacheStats(path.resolve(flags.dir));
      const lines = [`${stats.entries} cached answer${stats.entries === 1 ? '' : 's'}, ${formatBytes(stats.bytes)}, in ${flags.dir}`];
      for (const [model, count] of Object.entries(stats.byModel).sort()) lines.push(`  ${model}: ${count}`);
      io.stdout.write(`${lines.join('\n')}\n`);
      setExit(EXIT.ok);
    });
  cache
    .command('clear')
    .description('remove every cached answer (only cache entry files are touched)')
    .option('--dir <dir>', 'cache folder', DEFAULT_CACHE_DIR)
    .action(async (flags: { dir: string }) => {
      const removed = await clearCache(path.resolve(flags.dir));
      io.stdout.write(`removed ${removed} cached answer${removed === 1 ? '' : 's'} from ${flags.dir}\n`);
      setExit(EXIT.ok);
    });
  // main.ts sets these on top-level commands only; nested ones need them too, or commander exits.
  for (const sub of cache.commands) sub.exitOverride().showHelpAfterError('(add --help for usage)');
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
