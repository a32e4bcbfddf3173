import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const OUTCOMES = ['correct-done', 'false-done', 'correct-blocked', 'false-blocked', 'exhausted', 'error'];
const TAGS = ['visible-only', 'regression', 'test-tampering', 'scope-violation', 'zero-tests', 'overrun'];

/** Writes `count` valid results.jsonl lines shaped like real ones (reports, feedback, criteria). */
export async function syntheticResults(file, count) {
  const out = createWriteStream(file);
  const judges = ['trust', 'exit-code', 'verify', 'llm-minimal', 'llm-checklist'];
  for (let i = 0; i < count; i++) {
    const judge = judges[i % judges.length];
    const episode = Math.floor(i / judges.length);
    const outcome = OUTCOMES[(i * 7 + episode) % OUTCOMES.length];
    const status = outcome.endsWith('done') ? 'done' : outcome.endsWith('blocked') ? 'blocked' : outcome;
    const label = outcome === 'correct-done' ? 'complete' : 'incomplete';
    const checkpoint = {
      turn: 1, claim: 'done', report: `Fixed the bug in src/module${episode % 50}.js; node --test passes (12 tests). `.repeat(3),
      label, failedChecks: label === 'complete' ? [] : ['hidden-tests'], judgeMs: 3,
      ...(status === 'error' ? { error: 'judge failed' } : { decision: status === 'exhausted' ? 'continue' : status, feedback: 'Rerunning `node --test` exited 1: not ok 3 - edge case'.repeat(2), criteria: [{ id: 'verify-commands', met: label === 'complete', evidence: 'node --test exited 0' }] }),
    };
    const line = {
      key: `replay/${judge}/fixture-${episode % 300}/t${episode % 7}/${Math.floor(episode / 2100)}`,
      configHash: 'synthetic', suite: 'synthetic', agent: 'replay', judge,
      fixture: `fixture-${episode % 300}`, trajectory: `t${episode % 7}`, persona: 'lazy', repeat: Math.floor(episode / 2100),
      tags: [TAGS[episode % TAGS.length]], solvable: outcome !== 'correct-blocked',
      status, outcome, finalLabel: status === 'error' ? null : label, reachable: true, reachableLater: episode % 3 === 0,
      checkpoints: [checkpoint],
      cost: { judgeInputTokens: 1200, judgeOutputTokens: 150, judgeUsd: 0.0004, agentInputTokens: 0, agentOutputTokens: 0, agentUsd: 0, judgeMs: 3, wallMs: 40, turns: 1 },
      ...(status === 'error' ? { error: 'judge: failed' } : {}),
      startedAt: '2026-01-01T00:00:00.000Z',
    };
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
