import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, resolveSandbox, withoutBwrap } from '../../src/sandbox/settings.js';

describe('resolveSandbox', () => {
  it('builds a settings object from the request, the environment only filling what the request leaves out', () => {
    const env = { STOPBENCH_SANDBOX: 'none', STOPBENCH_MAX_FILE_BYTES: '5000' };
    const settings = resolveSandbox({ env });
    expect(settings.bwrap).toBe(false);
    expect(settings.limits).toEqual({ processes: DEFAULT_LIMITS.processes, fileBytes: 5000 });
    expect(resolveSandbox({ mode: 'none', limits: { processes: 9 }, env }).limits).toEqual({ processes: 9, fileBytes: 5000 });
  });

  it('refuses a mode it does not know, naming where it came from', () => {
    expect(() => resolveSandbox({ mode: 'jail' as never })).toThrow('--sandbox: "jail" is not one of auto, bwrap, none');
    expect(() => resolveSandbox({ env: { STOPBENCH_SANDBOX: 'jail' } })).toThrow('STOPBENCH_SANDBOX: "jail" is not one of auto, bwrap, none');
  });

  it('keeps the limits for the harness\'s own calls outside bubblewrap', () => {
    const settings = { bwrap: true, pidsCgroup: true, prlimit: true, limits: { processes: 3, fileBytes: 4 } };
    expect(withoutBwrap(settings)).toEqual({ ...settings, bwrap: false });
    expect(settings.bwrap).toBe(true);
  });
});
