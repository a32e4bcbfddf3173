import { access } from 'node:fs/promises';
import path from 'node:path';
import { resolveSandbox, type SandboxSettings } from '../sandbox/settings.js';
import { TempArea } from '../workspace/temp-area.js';
import { readContractFile } from './contract-file.js';
import { checkAgainstRepo, checkContract, withSchemaProblems, type PreflightFinding } from './preflight.js';

/** What `stopbench preflight FILE [--repo DIR]` checks. */
export interface PreflightOptions {
  /** A task.yaml, or a YAML file holding a bare contract. */
  file: string;
  /** The repository the contract is for. Default: `repo/` beside the file, when there is one; else none is checked. */
  repo?: string | undefined;
  /** Timeout of each verification command run in the repository. Default 60000. */
  timeoutMs?: number | undefined;
  /** How the repository's verification commands run. Default: resolveSandbox() (STOPBENCH_SANDBOX, else auto). */
  sandbox?: SandboxSettings | undefined;
}

export interface PreflightReport {
  file: string;
  /** The repository checked, or null when there was none. */
  repo: string | null;
  findings: PreflightFinding[];
}

/** Checks a goal contract before work starts: the contract alone, then against its repository when there is one. */
export async function preflight(options: PreflightOptions): Promise<PreflightReport> {
  const { contract, problems } = await readContractFile(options.file);
  const findings: PreflightFinding[] = withSchemaProblems(problems, checkContract(contract));
  const repo = options.repo ?? (await siblingRepo(options.file));
  if (repo) {
    const temp = await TempArea.create();
    try {
      findings.push(...(await checkAgainstRepo(contract, repo, temp, options.timeoutMs ?? 60_000, options.sandbox ?? resolveSandbox())));
    } finally {
      await temp.dispose();
    }
  }
  return { file: options.file, repo: repo ?? null, findings };
}

async function siblingRepo(file: string): Promise<string | undefined> {
  const candidate = path.join(path.dirname(file), 'repo');
  return access(candidate).then(() => candidate, () => undefined);
}
