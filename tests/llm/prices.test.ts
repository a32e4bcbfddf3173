import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { costOf, loadPriceTable, priceFor } from '../../src/llm/prices.js';
import { removeTempDirs, tempDir } from '../helpers/llm.js';

describe('the price table', () => {
  afterAll(removeTempDirs);
  const table = loadPriceTable();

  it('prices a model by name, also with a date suffix, in USD per million tokens', () => {
    expect(priceFor(table, ['gpt-4o-mini'])).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor(table, ['gpt-4o-mini-2024-07-18'])).toEqual({ input: 0.15, output: 0.6 });
    expect(costOf({ inputTokens: 2_000_000, outputTokens: 1_000_000 }, { input: 0.15, output: 0.6 })).toBeCloseTo(0.9, 12);
  });

  it('reports an unknown model\'s cost as unknown, never as 0', () => {
    const price = priceFor(table, ['my-local-llama', 'llama-3-8b']);
    expect(price).toBeNull();
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, price)).toBeNull();
  });

  it('lets a judge override the price, and falls back to the model the server answered with', () => {
    expect(priceFor(table, ['my-local-llama'], { input: 1, output: 2 })).toEqual({ input: 1, output: 2 });
    expect(priceFor(table, ['my-alias', 'gpt-4o'])).toEqual({ input: 2.5, output: 10 });
  });

  it('rejects a malformed table in one line naming the file and field', async () => {
    const file = path.join(await tempDir(), 'prices.yaml');
    await writeFile(file, 'models:\n  x: { input: -1, output: 2 }\n');
    expect(() => loadPriceTable(file)).toThrow(`${file}: models.x.input:`);
  });
});
