import type { Command } from 'commander';
import { preflight } from '../../preflight/preflight-file.js';
import { EXIT } from '../exit.js';
import { positiveInt } from '../options.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

interface PreflightFlags {
  repo?: string;
  json?: boolean;
  timeout: number;
}

export function registerPreflight(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('preflight')
    .description(summaryOf('preflight'))
    .argument('<file>', 'a task.yaml, or a YAML file holding a bare contract')
    .option('--repo <dir>', 'the repository the contract is for (default: repo/ beside the file, if there is one)')
    .option('--timeout <ms>', 'timeout of each verification command', positiveInt, 60_000)
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, flags: PreflightFlags) => {
      const { repo, findings } = await preflight({ file, repo: flags.repo, timeoutMs: flags.timeout });
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (flags.json) {
        io.stdout.write(`${JSON.stringify({ file, repo, findings }, null, 2)}\n`);
      } else {
        for (const f of findings) io.stdout.write(`${f.severity.padEnd(7)} ${f.field}: ${f.message}\n`);
        const warnings = findings.filter((f) => f.severity === 'warning').length;
        const verdict = errors === 0 && warnings === 0 ? 'clean' : `${errors} errors, ${warnings} warnings`;
        io.stdout.write(`${file}: ${verdict}${repo ? '' : ' (no repository checked; pass --repo)'}\n`);
      }
      setExit(errors > 0 ? EXIT.finding : EXIT.ok);
    });
}
