import { describe, expect, it } from 'vitest';
import { compareJudgePairs } from '../../src/compare/compare.js';
import { pairEpisodes } from '../../src/compare/pairs.js';
import { renderComparison } from '../../src/compare/render.js';
import { episode } from '../helpers/episodes.js';

const done = (label: 'complete' | 'incomplete') => ({ label, decision: 'done' as const });
const cont = (label: 'complete' | 'incomplete') => ({ label, decision: 'continue' as const });

/** Two units × 2 repeats. BASE: steady. NEW: on f/lazy it accepts the first stop once, sends it back once. */
const base = [0, 1].flatMap((repeat) => [
  episode({ trajectory: 'lazy', repeat, status: 'done', checkpoints: [cont('incomplete'), done('complete')] }),
  episode({ trajectory: 'diligent', repeat, status: 'done', checkpoints: [done('complete')] }),
]);
const next = [
  episode({ trajectory: 'lazy', repeat: 0, status: 'done', checkpoints: [done('incomplete')] }),
  episode({ trajectory: 'lazy', repeat: 1, status: 'done', checkpoints: [cont('incomplete'), done('complete')] }),
  episode({ trajectory: 'diligent', repeat: 0, status: 'done', checkpoints: [done('complete')] }),
  episode({ trajectory: 'diligent', repeat: 1, status: 'done', checkpoints: [done('complete')] }),
];

describe('compare with repeats', () => {
  it('gives both sides\' flip rates and pass^k on the paired episodes, and prints them', () => {
    const c = compareJudgePairs('j', 'j', pairEpisodes(base, next).pairs);
    expect(c.repeats?.base).toMatchObject({ repeats: 2, units: 2, flip: { numerator: 0, denominator: 2 } });
    expect(c.repeats?.new).toMatchObject({ repeats: 2, units: 2, flip: { numerator: 1, denominator: 2 } });
    // NEW: lazy right 1 of 2 (pass^2 0), diligent 2 of 2 (pass^2 1).
    expect(c.repeats?.new?.passK.at(-1)?.passAll).toBe(0.5);
    const text = renderComparison({ base: 'B', new: 'N', notes: [], judges: [{ ...c, onlyBase: [], onlyNew: [] }] }, []);
    expect(text).toMatch(/\n {2}flip rate {6}0\.00 \(0\/2\) \[0\.00, [\d.]+\] → 0\.50 \(1\/2\) \[[\d.]+, [\d.]+\]: /);
    expect(text).toContain('\n  pass^k         pass^2 1.00 → pass^2 0.50: ');
  });

  it('says nothing of repeats when no episode repeats', () => {
    const once = (list: typeof base) => list.filter((e) => e.repeat === 0);
    const c = compareJudgePairs('j', 'j', pairEpisodes(once(base), once(next)).pairs);
    expect(c).not.toHaveProperty('repeats');
    const text = renderComparison({ base: 'B', new: 'N', notes: [], judges: [{ ...c, onlyBase: [], onlyNew: [] }] }, []);
    expect(text).not.toContain('flip rate');
  });
});
