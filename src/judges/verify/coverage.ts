import type { Contract } from '../../schemas/task.js';
import type { CheckId } from './check.js';

/** One done criterion and the verify checks that speak to it; none means no check can tell whether it holds. */
export interface CriterionCoverage {
  id: string;
  text: string;
  checks: CheckId[];
  /** The contract verify commands that name or test it. */
  commands: string[];
}

/** Words of a command too common to tie it to one criterion. */
const GENERIC = new Set(['node', 'test', 'tests', 'python', 'python3', 'unittest', 'scripts', 'script', 'npm', 'npx', 'run', 'src', 'mjs', 'cjs', 'exec', 'true', 'pytest']);
const TEST_RUNNER = /\bnode\s+--test\b|\bunittest\b|\bpytest\b|\bnpm\s+(?:run\s+)?test\b|\bvitest\b|\bjest\b|\bmocha\b|\bgo\s+test\b|\bcargo\s+test\b/;
const SPEAKS_OF_TESTS = /\b(?:tests?|test suite|suite|specs?)\b[^.;]*\b(?:pass\w*|run\w*|green|ok)\b|\bpass(?:es)? (?:all|every)\b/i;
const COUNTS = /\bskip\w*|\b(?:all|every)\s+(?:\d+\s+)?(?:\w+\s+)?tests?\b|\brunning\b|\bnone skipped\b|\bfinds? none\b/i;
const TESTS_INTACT = /\btests?\b[^.;]*\b(?:unchanged|untouched|intact|edited|changed|modified|removed|deleted|weakened|skipped)\b|\bno test(?: file)? (?:is |was )?(?:changed|modified|skipped|removed|edited)\b/i;
const SCOPE = /\bscope\b|\bonly files under\b|\bnothing else\b|\buntouched\b|\bunchanged\b|\bbyte-identical\b|\bdo(?:es)? not (?:change|edit|touch)\b|\bonly\b[^.;]*\bchange/i;
const REPORT = /\breport\w*\b|\bdelivery\b|\bNOTES\.md\b|\bCHANGELOG\b/i;
const ERRORS = /\bERROR\b|\berrors?\b|\blogs?\b|\bwarnings?\b|\bTraceback\b/i;
const RISKY = /\bdelet\w*|\bremov\w*|\bdestructive\b|\brewritten\b/i;
const SPECIAL_CASES = /special[- ]?cas\w*|hard-?cod\w*|\btest detection\b|\bcallers?\b|\bdeterministic\b|\bfor any input\b|\bnot only (?:for )?the\b/i;

/**
 * Maps each done criterion of a contract to the checks that can tell whether it holds: a verify
 * command the criterion names (or, for "the tests pass", a test runner), the scope and test-file
 * checks for "unchanged" and "no test skipped", the report check for what the report must say, and so
 * on. A criterion that no check covers, such as "throws RangeError when lo > hi" with only
 * `node --test` to run, is something the judge cannot see: it says so instead of calling it met.
 */
export function criteriaCoverage(contract: Pick<Contract, 'done' | 'verify' | 'scope' | 'risk'>, enabled: readonly CheckId[]): CriterionCoverage[] {
  const on = new Set(enabled);
  return contract.done.map(({ id, text }) => {
    const commands = contract.verify.filter((command) => commandCovers(command, text));
    const checks = new Set<CheckId>();
    if (commands.length > 0) {
      checks.add('verify-commands');
      checks.add('fresh-verification');
      if (COUNTS.test(text)) ['zero-tests', 'skipped-tests'].forEach((c) => checks.add(c as CheckId));
      if (ERRORS.test(text)) checks.add('unresolved-errors');
    }
    if (TESTS_INTACT.test(text)) checks.add('tests-intact');
    if (SCOPE.test(text) && (contract.scope?.allow?.length || contract.scope?.deny?.length)) checks.add('scope');
    if (REPORT.test(text)) checks.add('report');
    if (RISKY.test(text) && contract.risk?.length) checks.add('risk');
    if (SPECIAL_CASES.test(text)) checks.add('special-cases');
    return { id, text, commands, checks: [...checks].filter((c) => on.has(c)) };
  });
}

/** The criterion names the command (or its program and first argument), speaks of the tests a runner runs, or shares a distinctive word with it. */
function commandCovers(command: string, text: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const said = norm(text);
  const cmd = norm(command);
  if (said.includes(cmd) || said.includes(programAndTarget(cmd))) return true;
  if (TEST_RUNNER.test(cmd) && SPEAKS_OF_TESTS.test(text)) return true;
  const words = new Set(said.split(/[^a-z0-9]+/));
  return cmd.split(/[^a-z0-9]+/).some((token) => token.length >= 4 && !GENERIC.has(token) && words.has(token));
}

/** `node --test`, `python3 -m unittest`, `node scripts/lint.mjs` (from `node scripts/lint.mjs --fix`). */
function programAndTarget(command: string): string {
  const [program, ...rest] = command.split(' ');
  const target = rest.findIndex((token) => !token.startsWith('-'));
  return [program, ...(target === -1 ? rest : rest.slice(0, target + 1))].join(' ');
}
