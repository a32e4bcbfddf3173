import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { csvReporter } from '../../reporters/csv.js';
import { loadFixtureInfo } from '../../reporters/fixture-info.js';
import { htmlReporter } from '../../reporters/html.js';
import { jsonReporter } from '../../reporters/json.js';
import { junitReporter } from '../../reporters/junit.js';
import { markdownReporter } from '../../reporters/markdown.js';
import { tableReporter } from '../../reporters/table.js';
import type { Reporter } from '../../reporters/types.js';
import { readResults, RESULTS_FILE } from '../../runner/results-file.js';
import { writeReports } from '../../runner/write-reports.js';
import { EXIT } from '../exit.js';
import { collect } from '../options.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './index.js';

/** File reporters by their --format name. */
const FORMATS: Record<string, Reporter> = {
  md: markdownReporter, html: htmlReporter, csv: csvReporter, json: jsonReporter, junit: junitReporter,
};

export function registerReport(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('report')
    .description(summaryOf('report'))
    .argument('<dir>', 'a run\'s output folder')
    .option('--format <list>', `comma-separated formats (${Object.keys(FORMATS).join(', ')})`, Object.keys(FORMATS).join(','))
    .option('--fixtures <dir>', 'fixture folder (repeatable): the HTML report then shows each false stop\'s contract', collect)
    .action(async (dir: string, flags: { format: string; fixtures?: string[] }) => {
      const names = flags.format.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !Object.hasOwn(FORMATS, n));
      if (unknown.length) throw new UsageError(`--format: unknown format ${unknown.join(', ')} (expected ${Object.keys(FORMATS).join(', ')})`);
      const { results, warnings } = await readResults(path.join(dir, RESULTS_FILE), { slim: true });
      for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
      const suite = results[0]?.suite ?? path.basename(dir);
      const reporters = [...names.map((n) => FORMATS[n]!), tableReporter(io.stdout as NodeJS.WriteStream)];
      const fixtures = flags.fixtures?.length ? await loadFixtureInfo(flags.fixtures) : undefined;
      await writeReports({ outDir: dir, suite, results, fixtures }, reporters);
      setExit(EXIT.ok);
    });
}
