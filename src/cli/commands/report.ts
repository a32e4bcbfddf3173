import path from 'node:path';
import type { Command } from 'commander';
import { loadFixtureInfo } from '../../reporters/fixture-info.js';
import { formatNames, reportersFor } from '../../reporters/registry.js';
import { tableReporter } from '../../reporters/table.js';
import { readResults, RESULTS_FILE } from '../../runner/results-file.js';
import { writeReports } from '../../runner/write-reports.js';
import { EXIT } from '../exit.js';
import { collect } from '../options.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

export function registerReport(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('report')
    .description(summaryOf('report'))
    .argument('<dir>', 'a run\'s output folder')
    .option('--format <list>', `comma-separated formats (${formatNames().join(', ')})`, formatNames().join(','))
    .option('--fixtures <dir>', 'fixture folder (repeatable): the HTML report then shows each false stop\'s contract', collect)
    .action(async (dir: string, flags: { format: string; fixtures?: string[] }) => {
      const names = flags.format.split(',').map((s) => s.trim()).filter(Boolean);
      const formats = reportersFor(names);
      const { results, warnings } = await readResults(path.join(dir, RESULTS_FILE), { slim: true });
      for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
      const suite = results[0]?.suite ?? path.basename(dir);
      const reporters = [...formats, tableReporter(io.stdout as NodeJS.WriteStream)];
      const fixtures = flags.fixtures?.length ? await loadFixtureInfo(flags.fixtures) : undefined;
      await writeReports({ outDir: dir, suite, results, fixtures }, reporters);
      setExit(EXIT.ok);
    });
}
