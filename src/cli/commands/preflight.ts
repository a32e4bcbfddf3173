import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { checkAgainstRepo, checkContract, withSchemaProblems, type PreflightFinding } from '../../preflight/preflight.js';
import { readContractFile } from '../../preflight/contract-file.js';
import { TempArea } from '../../workspace/temp-area.js';
import { EXIT } from '../exit.js';
import { positiveInt } from '../options.js';
import type { CliIo } from '../output.js';

interface PreflightFlags {
  repo?: string;
  json?: boolean;
  timeout: number;
}

export function registerPreflight(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('preflight')
    .description('check a goal contract before work starts: missing or vague parts, scope globs, verification that cannot fail')
    .argument('<file>', 'a task.yaml, or a YAML file holding a bare contract')
    .option('--repo <dir>', 'the repository the contract is for (default: repo/ beside the file, if there is one)')
    .option('--timeout <ms>', 'timeout of each verification command', positiveInt, 60_000)
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, flags: PreflightFlags) => {
      const { contract, problems } = await readContractFile(file);
      const findings: PreflightFinding[] = withSchemaProblems(problems, checkContract(contract));
      const repo = flags.repo ?? (await siblingRepo(file));
      if (repo) {
        const temp = await TempArea.create();
        try {
          findings.push(...(await checkAgainstRepo(contract, repo, temp, flags.timeout)));
        } finally {
          await temp.dispose();
        }
      }
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (flags.json) {
        io.stdout.write(`${JSON.stringify({ file, repo: repo ?? null, findings }, null, 2)}\n`);
      } else {
        for (const f of findings) io.stdout.write(`${f.severity.padEnd(7)} ${f.field}: ${f.message}\n`);
        const warnings = findings.filter((f) => f.severity === 'warning').length;
        const verdict = errors === 0 && warnings === 0 ? 'clean' : `${errors} errors, ${warnings} warnings`;
        io.stdout.write(`${file}: ${verdict}${repo ? '' : ' (no repository checked; pass --repo)'}\n`);
      }
      setExit(errors > 0 ? EXIT.finding : EXIT.ok);
    });
}

async function siblingRepo(file: string): Promise<string | undefined> {
  const candidate = path.join(path.dirname(file), 'repo');
  return access(candidate).then(() => candidate, () => undefined);
}
