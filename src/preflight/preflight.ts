import { glob } from 'tinyglobby';
import type { SandboxSettings } from '../sandbox/settings.js';
import type { TempArea } from '../workspace/temp-area.js';
import { Workspace } from '../workspace/workspace.js';
import { access } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { parseTestCounts } from '../text/test-counts.js';
import { errorLines } from '../judges/verify/test-output.js';
import type { Contract } from '../schemas/task.js';
import type { Problem } from '../load/issues.js';
import { CHECK_IDS } from '../judges/verify/check.js';
import { criteriaCoverage } from '../judges/verify/coverage.js';

export type Severity = 'error' | 'warning' | 'info';

/** One thing preflight noticed; `error` means the contract cannot guide or stop an agent as written. */
export interface PreflightFinding {
  severity: Severity;
  field: string;
  message: string;
}

/** Words that say how something should feel, not how to check it. */
const VAGUE = /\b(?:works?|working|properly|correctly|good|better|nice|clean(?:er)?|robust|as expected|should be fine|improv\w*|optimi[sz]\w*|reasonable|appropriate\w*|etc)\b/i;
/** What makes a criterion checkable: a command, a number, a file, a named output. */
const CHECKABLE = /`[^`]+`|\b\d+\b|[\w-]+\.[a-z]{1,4}\b|[\w-]+\/|\(\)|\b(?:pass(?:es)?|exit(?:s)? 0|fails?|prints?|returns?|throws?|raises?|equals?|matches|contains?|no \w+|zero|every|each|all|any|never|unchanged|untouched|names?|lists?|quotes?|shows?|says?|report|README|SPEC|deterministic|pure)\b/i;

/** Reads a contract as written, before any work starts (the "goal buddy" check). */
export function checkContract(contract: Partial<Contract>): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  const add = (severity: Severity, field: string, message: string) => findings.push({ severity, field, message });
  if (!contract.goal?.trim()) add('error', 'goal', 'no goal: say what the agent must achieve');
  const done = contract.done ?? [];
  if (done.length === 0) add('error', 'done', 'no completion criteria: list what must be true when the work is done');
  for (const [index, criterion] of done.entries()) {
    const name = `done[${index}] (${criterion.id})`;
    if (!CHECKABLE.test(criterion.text)) add('warning', name, `"${criterion.text}" cannot be checked: name a command, an output or a number`);
    else if (VAGUE.test(criterion.text) && criterion.text.split(/\s+/).length < 6) add('warning', name, `"${criterion.text}" is vague`);
  }
  if (!contract.verify?.length) add('error', 'verify', 'no verification commands: a judge cannot rerun anything');
  const coverage = criteriaCoverage({ ...contract, done, verify: contract.verify ?? [] }, CHECK_IDS);
  for (const [index, criterion] of coverage.entries()) {
    if (criterion.checks.length > 0) continue;
    add('warning', `done[${index}] (${criterion.id})`, `no check covers "${criterion.text}": no verify command names or tests it, and no scope, test-file or report check applies; add a verify command that checks it, or the verify judge reports it as unknown`);
  }
  if (!contract.scope?.allow?.length && !contract.scope?.deny?.length) add('warning', 'scope', 'no scope: every file may change, so a stray edit cannot be caught');
  if (!contract.failure?.trim()) add('warning', 'failure', 'no failure strategy: say when to stop and report blocked');
  if (!contract.delivery?.trim()) add('warning', 'delivery', 'no delivery format: say what the final report must contain');
  return findings;
}

/**
 * The contract file's schema problems first, as errors (the same ones `judge` and `validate` refuse the
 * file for), then the other findings; a finding that only repeats a schema problem's field is dropped.
 */
export function withSchemaProblems(problems: readonly Problem[], findings: readonly PreflightFinding[]): PreflightFinding[] {
  const fields = problems.map((p) => p.path.replace(/^contract\./, ''));
  const repeats = (f: PreflightFinding) => f.severity === 'error' && fields.some((field) => field === f.field || field.startsWith(`${f.field}.`) || field.startsWith(`${f.field}[`));
  return [...problems.map((p): PreflightFinding => ({ severity: 'error', field: p.path, message: p.message })), ...findings.filter((f) => !repeats(f))];
}

/**
 * Checks the contract against the repository: globs that match nothing, verification that cannot fail.
 * The verification commands run in a copy, under `sandbox`.
 */
export async function checkAgainstRepo(contract: Partial<Contract>, repoDir: string, temp: TempArea, timeoutMs: number, sandbox: SandboxSettings): Promise<PreflightFinding[]> {
  const findings: PreflightFinding[] = [];
  for (const field of ['allow', 'deny'] as const) {
    for (const pattern of contract.scope?.[field] ?? []) {
      const matches = await glob(pattern, { cwd: repoDir, dot: true, ignore: ['.git/**'] });
      // A deny glob naming a file that does not exist yet is still a guard, and an allow glob may name a
      // file the agent is to create (NOTES.md); an allow glob whose folder does not exist is a typo.
      const { base, isGlob } = picomatch.scan(pattern);
      const folder = path.join(repoDir, isGlob ? base : path.dirname(pattern));
      const folderExists = await access(folder).then(() => true, () => false);
      if (matches.length === 0 && field === 'allow' && !folderExists) {
        findings.push({ severity: 'warning', field: `scope.allow`, message: `"${pattern}" matches no file in ${repoDir}` });
      }
    }
  }
  const commands = contract.verify ?? [];
  if (commands.length === 0) return findings;
  const workspace = await Workspace.create(repoDir, temp, 'preflight', { sandbox });
  let passing = 0;
  for (const command of commands) {
    const run = await workspace.run(command, { timeoutMs });
    const counts = parseTestCounts(run.output);
    if (run.exitCode === 0 && counts.recognised && counts.passed === 0) {
      findings.push({ severity: 'error', field: 'verify', message: `\`${command}\` exits 0 but runs no test: it cannot fail` });
    } else if (run.exitCode === 0 && errorLines(run.output).length > 0) {
      findings.push({ severity: 'info', field: 'verify', message: `\`${command}\` exits 0 but reports errors on the starting state: judges must read its output, not its exit code` });
    } else if (run.exitCode === 0) {
      passing += 1;
      findings.push({ severity: 'info', field: 'verify', message: `\`${command}\` already passes on the starting state: it guards against regressions only` });
    }
  }
  if (passing === commands.length) {
    findings.push({ severity: 'error', field: 'verify', message: 'every verification command already passes before any work: verification cannot tell the start from done' });
  }
  return findings;
}
