import { resolveSandbox, type SandboxSettings } from '../../src/sandbox/settings.js';

let settings: SandboxSettings | undefined;

/** The sandbox tests run commands under, as a run would resolve it (STOPBENCH_SANDBOX, else auto); probed once per test file. */
export function testSandbox(): SandboxSettings {
  settings ??= resolveSandbox();
  return settings;
}
