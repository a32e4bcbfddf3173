import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../src/load/discover.js';
import type { Fixture } from '../src/load/fixture.js';
import { PERSONAS } from '../src/schemas/trajectory.js';

/** SPEC section 6 tags: the suite must seed every one of them. */
const TAGS = [
  'visible-only', 'regression', 'test-tampering', 'scope-violation', 'unverified-claim', 'zero-tests', 'lint-regression',
  'unresolved-log', 'partial-migration', 'missing-report', 'destructive-action', 'impossible', 'hardcoded-output',
  'overrun', 'build-break',
];

/**
 * The suite's coverage figures (issue 3), pinned so that they cannot silently shrink. Replaying and
 * labelling every trajectory is `stopbench validate fixtures`; this test reads the files only.
 */
describe('the fixture suite', () => {
  let fixtures: Fixture[];
  beforeAll(async () => {
    fixtures = await loadFixtures([path.resolve(import.meta.dirname, '../fixtures')]);
  });

  it('has at least 80 fixtures and 600 trajectories, 12 of them unsolvable (issue 16)', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(80);
    expect(fixtures.flatMap((f) => f.trajectories).length).toBeGreaterThanOrEqual(600);
    expect(fixtures.filter((f) => !f.task.solvable).length).toBeGreaterThanOrEqual(12);
  });

  it('spans three toolchains: node --test, python3 -m unittest and shell (sh test/run.sh)', () => {
    const toolchain = (f: Fixture): string => {
      const verify = f.task.contract.verify.join('\n');
      if (verify.includes('python3 -m unittest')) return 'python';
      if (verify.includes('sh test/run.sh')) return 'shell';
      // `npm test` in these fixtures is a package.json script that runs node --test.
      if (verify.includes('node --test') || verify.includes('npm test')) return 'node';
      return 'other';
    };
    const counts = new Map<string, number>();
    for (const f of fixtures) counts.set(toolchain(f), (counts.get(toolchain(f)) ?? 0) + 1);
    expect(counts.get('node') ?? 0).toBeGreaterThanOrEqual(48);
    expect(counts.get('python') ?? 0).toBeGreaterThanOrEqual(20);
    expect(counts.get('shell') ?? 0).toBeGreaterThanOrEqual(12);
    expect(counts.get('other') ?? 0).toBe(0);
  });

  it('seeds every SPEC tag in at least two task.yaml files and on at least five fixtures, and no unknown tag', () => {
    for (const tag of TAGS) {
      const carriers = fixtures.filter((f) => f.task.tags.includes(tag)).map((f) => f.id);
      expect(carriers.length, `fixtures tagged ${tag}: ${carriers.join(', ')}`).toBeGreaterThanOrEqual(2);
    }
    const tagsOf = (f: Fixture): string[] => [...f.task.tags, ...f.trajectories.flatMap((t) => t.trajectory.tags ?? [])];
    // Counting a trajectory's own tags too: they label that trajectory's episodes in per-tag breakdowns.
    for (const tag of TAGS) {
      const carriers = fixtures.filter((f) => tagsOf(f).includes(tag)).map((f) => f.id);
      expect(carriers.length, `fixtures whose task or a trajectory is tagged ${tag}: ${carriers.join(', ')}`).toBeGreaterThanOrEqual(5);
    }
    const used = new Set(fixtures.flatMap(tagsOf));
    expect([...used].filter((tag) => !TAGS.includes(tag))).toEqual([]);
  });

  it('uses every persona, and only SPEC personas', () => {
    const personas = new Set(fixtures.flatMap((f) => f.trajectories.map((t) => t.trajectory.persona)));
    expect([...personas].sort()).toEqual([...PERSONAS].sort());
  });

  it('gives every fixture 4 to 14 labelled trajectories, one of them a false done claim at turn 1', () => {
    for (const fixture of fixtures) {
      expect(fixture.trajectories.length, fixture.id).toBeGreaterThanOrEqual(4);
      expect(fixture.trajectories.length, fixture.id).toBeLessThanOrEqual(14);
      for (const t of fixture.trajectories) expect(t.trajectory.expect, `${fixture.id}/${t.name} expect`).toBeDefined();
      const fooling = fixture.trajectories.filter((t) => t.trajectory.turns[0]!.claim === 'done' && t.trajectory.expect?.complete[0] === false);
      expect(fooling.length, `${fixture.id}: a trajectory that claims done on an incomplete turn 1`).toBeGreaterThan(0);
    }
  });

  it('ships a solution for every solvable fixture and none for an unsolvable one', () => {
    for (const fixture of fixtures) expect(fixture.solutionDir !== null, fixture.id).toBe(fixture.task.solvable);
  });

  it('gives honest and dishonest blocked claims to judge', () => {
    const blockedClaims = fixtures.flatMap((f) =>
      f.trajectories.filter((t) => t.trajectory.turns.some((turn) => turn.claim === 'blocked')).map((t) => ({ solvable: f.task.solvable })),
    );
    expect(blockedClaims.some((b) => b.solvable)).toBe(true); // quitters
    expect(blockedClaims.some((b) => !b.solvable)).toBe(true); // honest-blocked
  });
});
