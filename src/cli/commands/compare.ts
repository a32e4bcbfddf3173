import { InvalidArgumentError, type Command } from 'commander';
import { compareResults } from '../../compare/index.js';
import { renderComparison } from '../../compare/render.js';
import { EXIT } from '../exit.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

interface CompareFlags {
  maxFalseDoneRate?: number;
  maxFalseDoneIncrease?: number;
  maxPrematureIncrease?: number;
  maxCostIncrease?: number;
  alpha?: number;
  baseJudge?: string;
  newJudge?: string;
  json?: boolean;
}

export function registerCompare(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('compare')
    .description(summaryOf('compare'))
    .argument('<base>', 'results folder or results.jsonl of the baseline')
    .argument('<new>', 'results folder or results.jsonl of the change (may be BASE itself, with --base-judge/--new-judge)')
    .option('--max-false-done-rate <x>', 'fail when NEW\'s false-done rate is above X (0..1)', fraction)
    .option('--max-false-done-increase <d>', 'fail when the false-done rate rises by more than D (0.05 = 5 points)', fraction)
    .option('--max-premature-increase <d>', 'fail when the premature-stop rate rises by more than D', fraction)
    .option('--max-cost-increase <r>', 'fail when judge cost rises by more than R relative (0.2 = +20%)', nonNegative)
    .option('--alpha <a>', 'fail when more episodes got worse than better and McNemar\'s exact p < A', probability)
    .option('--base-judge <id>', 'the judge of BASE to compare (with --new-judge; default: every judge id in both)')
    .option('--new-judge <id>', 'the judge of NEW to compare')
    .option('--json', 'print the comparison and the gate as JSON')
    .action(async (base: string, next: string, flags: CompareFlags) => {
      const result = await compareResults({
        base, new: next, baseJudge: flags.baseJudge, newJudge: flags.newJudge,
        gate: {
          maxFalseDoneRate: flags.maxFalseDoneRate,
          maxFalseDoneIncrease: flags.maxFalseDoneIncrease,
          maxPrematureIncrease: flags.maxPrematureIncrease,
          maxCostIncrease: flags.maxCostIncrease,
          alpha: flags.alpha,
        },
      });
      if (flags.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else io.stdout.write(renderComparison(result, result.gate.checks));
      setExit(result.gate.regression ? EXIT.finding : EXIT.ok);
    });
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
}

function fraction(value: string): number {
  const n = nonNegative(value);
  if (n > 1) throw new InvalidArgumentError('expected a rate between 0 and 1 (0.05 = 5 points)');
  return n;
}

function probability(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('expected a number between 0 and 1, e.g. 0.05');
  return n;
}
