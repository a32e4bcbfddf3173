import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/text/shell-quote.js';

/** What sh sees as the one word `printf %s <word>` prints. */
function throughSh(word: string): string {
  const run = spawnSync('sh', ['-c', `printf %s ${word}`], { encoding: 'utf8' });
  return run.stdout;
}

describe('shellQuote', () => {
  it('gives sh back the text unchanged, quotes, spaces and expansions included', () => {
    for (const text of ["it's", "'", "''", 'a b', '$HOME `id` $(id)', 'back\\slash', 'new\nline', '*', '', "-n 'x' \"y\""]) {
      expect(throughSh(shellQuote(text)), JSON.stringify(text)).toBe(text);
    }
  });
});
