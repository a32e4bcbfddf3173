import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { processIo } from '../../src/cli/output.js';
import { DEFAULT_CACHE_DIR } from '../../src/llm/cache.js';

describe('the lazily loaded commands', () => {
  it('each entry loads the command of its name, described by the summary --help lists', async () => {
    for (const entry of COMMANDS) {
      const program = new Command('stopbench');
      (await entry.load())(program, processIo, () => {});
      const registered = program.commands.find((c) => c.name() === entry.name);
      expect(registered?.description(), entry.name).toBe(entry.summary);
    }
  });

  it("names the cache's real default folder, which the table cannot import without slowing --help", () => {
    expect(COMMANDS.find((c) => c.name === 'cache')?.summary).toContain(`(default folder ${DEFAULT_CACHE_DIR})`);
  });
});
