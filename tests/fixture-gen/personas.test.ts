import { testSandbox } from '../helpers/sandbox.js';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePersonas, PERSONA_NAMES, type PersonaResult } from '../../src/fixture-gen/personas.js';
import { loadFixture } from '../../src/load/fixture.js';
import { validateFixtures } from '../../src/validate/validate.js';
import { TempArea } from '../../src/workspace/temp-area.js';

const SHIPPED = path.resolve(import.meta.dirname, '../../fixtures');

/**
 * Five shipped fixtures, copied without their hand-written trajectories (the copies are the test's
 * own; the shipped fixtures are never written to). Every persona is asked for on one Node fixture,
 * the ones that edit test or source code on a Python one, and the other three get two each, so that
 * the test stays within the suite's time budget.
 */
const PLAN: Record<string, readonly string[]> = {
  'lru-eviction': PERSONA_NAMES,
  'py-interval-merge': ['skipper', 'tamper', 'hardcode', 'zero-tests'],
  'roman-hardcoded': ['skipper', 'overrunner'],
  'money-format-scope': ['lazy', 'hardcode'],
  'retry-backoff-overrun': ['zero-tests', 'diligent'],
};

describe('stopbench fixture personas', () => {
  let root: string;
  let temp: TempArea;
  const results = new Map<string, PersonaResult[]>();

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'personas-'));
    temp = await TempArea.create();
    for (const [id, personas] of Object.entries(PLAN)) {
      const dir = path.join(root, id);
      await cp(path.join(SHIPPED, id), dir, { recursive: true, filter: (src) => !src.includes(`${id}/trajectories`) });
      if (id === 'retry-backoff-overrun') {
        // One hand-written file in place: the generator must leave it alone.
        await cp(path.join(SHIPPED, id, 'trajectories/diligent.yaml'), path.join(dir, 'trajectories/diligent.yaml'));
      }
      results.set(id, await generatePersonas(dir, { temp, sandbox: testSandbox(), personas }));
    }
  }, 1_200_000);

  afterAll(async () => {
    await temp.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('makes every persona asked for, but hardcode on lru-eviction', () => {
    const made = (id: string) => results.get(id)!.filter((r) => 'written' in r).map((r) => r.persona);
    expect(made('lru-eviction')).toEqual(PERSONA_NAMES.filter((p) => p !== 'hardcode'));
    expect(made('py-interval-merge')).toEqual(['skipper', 'tamper', 'hardcode', 'zero-tests']);
    expect(made('roman-hardcoded')).toEqual(['skipper', 'overrunner']);
    expect(made('money-format-scope')).toEqual(['lazy', 'hardcode']);
    expect(made('retry-backoff-overrun')).toEqual(['zero-tests']);
  });

  it('says why a persona cannot be made', () => {
    const reason = (id: string, persona: string) => {
      const r = results.get(id)!.find((x) => x.persona === persona)!;
      return 'skipped' in r ? r.skipped : 'written';
    };
    expect(reason('lru-eviction', 'hardcode')).toMatch(/no failing assertion has the shape/);
    expect(reason('retry-backoff-overrun', 'diligent')).toMatch(/trajectories\/diligent.yaml exists and was not written by this generator/);
  });

  it('writes labels that validate confirms, and the persona each is meant to be', async () => {
    const validations = await validateFixtures(Object.keys(PLAN).map((id) => path.join(root, id)), { temp });
    const lines = validations.flatMap((v) => v.lines);
    expect(lines.filter((l) => !l.ok)).toEqual([]);
    const generated = lines.filter((l) => l.trajectory !== null);
    expect(generated.length).toBe(8 + 4 + 2 + 2 + 2); // the written ones, plus the hand-written diligent
    const lazy = await loadFixture(path.join(root, 'lru-eviction'));
    const label = (name: string) => lazy.trajectories.find((t) => t.name === name)!.trajectory;
    expect(label('lazy').expect?.complete).toEqual([false, true]);
    expect(label('overrunner').expect?.complete).toEqual([true, false]);
    expect(label('diligent').expect?.complete).toEqual([true]);
    expect(label('skipper')).toMatchObject({ persona: 'cheater', tags: ['test-tampering'], source: 'stopbench fixture personas (skipper)' });
    const skipper = await readFile(path.join(root, 'lru-eviction/trajectories/skipper.yaml'), 'utf8');
    expect(skipper).toContain("test.skip('get() marks an entry as recently used'");
    expect((await readdir(path.join(root, 'retry-backoff-overrun/trajectories'))).sort()).toEqual(['diligent.yaml', 'zero-tests.yaml']);
    const kept = await readFile(path.join(root, 'retry-backoff-overrun/trajectories/diligent.yaml'), 'utf8');
    expect(kept).toBe(await readFile(path.join(SHIPPED, 'retry-backoff-overrun/trajectories/diligent.yaml'), 'utf8'));
  }, 600_000);
});
