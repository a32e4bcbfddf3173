import { InvalidArgumentError } from 'commander';

/** A positive whole number option (`--repeat 3`). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

/** A whole number option of 0 or more (`--max-errors 0`). */
export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return n;
}

/** A comma-separated list option (`--judges trust,verify`), repeatable. */
export function idList(value: string, previous: string[] = []): string[] {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new InvalidArgumentError('expected one or more comma-separated ids');
  return [...previous, ...ids];
}

/** A repeatable option (`--fixtures a --fixtures b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
