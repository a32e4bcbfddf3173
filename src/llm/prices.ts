import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseYamlText } from '../load/yaml.js';
import { PriceSchema, type Price } from './settings.js';
import type { TokenCounts } from './types.js';

/** benchmarks/prices.yaml: USD per million input and output tokens, by model name. */
export const PriceTableSchema = z.strictObject({
  models: z.record(z.string().min(1), PriceSchema),
});
export type PriceTable = z.infer<typeof PriceTableSchema>;

/** The table shipped with the package (benchmarks/ sits next to src/ and dist/). */
export const DEFAULT_PRICES_FILE = path.resolve(import.meta.dirname, '../../benchmarks/prices.yaml');

const tables = new Map<string, PriceTable>();

/** Reads a price table once per process; read synchronously because plugins are built synchronously. */
export function loadPriceTable(file: string = DEFAULT_PRICES_FILE): PriceTable {
  const cached = tables.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'unknown error'})`}`);
  }
  const table = parseYamlText(text, file, PriceTableSchema);
  tables.set(file, table);
  return table;
}

/**
 * The price of a model: the override when given, else the table's entry for the configured name or
 * the name the server answered with, either as written or without a date suffix
 * (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`). null when unknown: cost is then unknown, never 0.
 */
export function priceFor(table: PriceTable, names: readonly string[], override?: Price): Price | null {
  if (override) return override;
  for (const name of names) {
    const exact = table.models[name];
    if (exact) return exact;
    const undated = table.models[name.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '')];
    if (undated) return undated;
  }
  return null;
}

/** USD of one call, or null when the price is unknown. */
export function costOf(tokens: TokenCounts, price: Price | null): number | null {
  if (!price) return null;
  return (tokens.inputTokens * price.input + tokens.outputTokens * price.output) / 1_000_000;
}
