import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { processIo } from '../../src/cli/output.js';

describe('the lazily loaded commands', () => {
  it('list in --help the summary each command gives itself', async () => {
    for (const entry of COMMANDS) {
      const program = new Command('stopbench');
      (await entry.load())(program, processIo, () => {});
      const registered = program.commands.find((c) => c.name() === entry.name);
      expect(registered?.description(), entry.name).toBe(entry.summary);
    }
  });
});
