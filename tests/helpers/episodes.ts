import type { Checkpoint, EpisodeResult, Label, Status } from '../../src/schemas/result.js';
import { outcomeOf } from '../../src/metrics/outcome.js';

/** A hand-made episode: only what a test states matters; the rest is neutral. */
export function episode(over: {
  status: Status;
  finalLabel?: Label | null;
  solvable?: boolean;
  reachable?: boolean;
  reachableLater?: boolean;
  checkpoints?: Array<Pick<Checkpoint, 'label'> & Partial<Checkpoint>>;
  judge?: string;
  agent?: string;
  fixture?: string;
  trajectory?: string;
  tags?: string[];
  repeat?: number;
  judgeUsd?: number | null;
}): EpisodeResult {
  const solvable = over.solvable ?? true;
  const checkpoints: Checkpoint[] = (over.checkpoints ?? []).map((c, i) => ({
    turn: i + 1, claim: 'done', report: '', failedChecks: [], judgeMs: 1, ...c,
  }));
  const finalLabel = over.finalLabel !== undefined ? over.finalLabel : (checkpoints.at(-1)?.label ?? null);
  return {
    key: `${over.agent ?? 'a'}/${over.judge ?? 'j'}/${over.fixture ?? 'f'}/${over.trajectory ?? 't'}/${over.repeat ?? 0}`,
    configHash: 'h',
    suite: 's',
    agent: over.agent ?? 'a',
    judge: over.judge ?? 'j',
    fixture: over.fixture ?? 'f',
    trajectory: over.trajectory ?? 't',
    persona: null,
    repeat: over.repeat ?? 0,
    tags: over.tags ?? [],
    solvable,
    status: over.status,
    outcome: outcomeOf(over.status, finalLabel, solvable),
    finalLabel,
    reachable: over.reachable ?? solvable,
    reachableLater: over.reachableLater ?? false,
    checkpoints,
    cost: {
      judgeInputTokens: 0, judgeOutputTokens: 0, judgeUsd: over.judgeUsd === undefined ? 0 : over.judgeUsd,
      agentInputTokens: 0, agentOutputTokens: 0, agentUsd: 0, judgeMs: 1, wallMs: 10, turns: checkpoints.length,
    },
    startedAt: '2026-01-01T00:00:00.000Z',
  };
}
