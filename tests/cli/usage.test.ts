import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('command-line usage', () => {
  it.each([[[]], [['run']], [['validate']], [['report']]])('prints --help for %j and exits 0', (command) => {
    const result = runCli([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: stopbench/m);
  });

  it('exits 2 on an unknown command or a bad option value', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    const bad = runCli(['run', '--suite', 'x.yaml', '--repeat', 'zero']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--repeat.*whole number/);
  });

  it('exits 2 with one line naming the file when the suite is missing', () => {
    const result = runCli(['run', '--suite', 'no/such/suite.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('stopbench: no/such/suite.yaml: file not found');
  });
});
