import type { Command } from 'commander';
import { reportFormats } from '../../reporters/registry.js';
import { tableReporter } from '../../reporters/table.js';
import { mergeShards } from '../../shard/merge.js';
import { EXIT } from '../exit.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

export function registerMerge(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('merge')
    .description(summaryOf('merge'))
    .argument('<dirs...>', 'the results folders of `stopbench run --shard i/n`, one per shard')
    .requiredOption('--out <dir>', 'folder for the merged results and reports')
    .option('--overwrite', 'replace the results of an earlier run or merge in --out (refused without it)', false)
    .action(async (dirs: string[], flags: { out: string; overwrite: boolean }) => {
      const merged = await mergeShards({
        dirs,
        outDir: flags.out,
        overwrite: flags.overwrite,
        reporters: [...Object.values(reportFormats), tableReporter(io.stdout as NodeJS.WriteStream)],
      });
      for (const warning of merged.warnings) io.stderr.write(`warning: ${warning}\n`);
      io.stderr.write(`merged ${dirs.length} shards: ${merged.results.length} episodes\n`);
      setExit(EXIT.ok);
    });
}
