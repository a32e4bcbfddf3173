import { rm } from 'node:fs/promises';
import type { TurnEnd } from '../agents/types.js';
import { errorMessage } from '../errors.js';
import { addUsd } from '../metrics/summary.js';
import { outcomeOf } from '../metrics/outcome.js';
import { VerdictSchema, type JudgeInput, type Verdict } from '../schemas/judging.js';
import type { Checkpoint, Cost, EpisodeResult, Status } from '../schemas/result.js';
import { copyTree } from '../workspace/copy.js';
import type { CommandCache } from '../cache/command-cache.js';
import type { SandboxSettings } from '../sandbox/settings.js';
import type { TempArea } from '../workspace/temp-area.js';
import { formatIssues } from '../load/issues.js';
import { usageOfError } from '../llm/failure.js';
import { oracleFailures, type OracleResult } from '../oracle/oracle.js';
import { fixedReachability, Labeller, liveReachability } from './label.js';
import type { EpisodePlan } from './plan.js';
import type { KeptEpisode, KeptTurn, StateStore } from '../rescore/state-store.js';

export interface EpisodeDeps {
  suite: string;
  temp: TempArea;
  /** How every command of the episode runs (agent, oracle, judge): the run's sandbox settings. */
  sandbox: SandboxSettings;
  signal: AbortSignal;
  /** Shared by every episode of the run: a (state, command) pair runs once. */
  commands?: CommandCache;
  /** Shared by every episode of the run: a state is labelled once. Default: one for this episode. */
  labeller?: Labeller;
  /** `run --keep-states`: keeps every turn-end state of live (non-replay) episodes. Default: none. */
  states?: StateStore;
}

/**
 * One episode (SPEC section 3): the agent takes turns; at each stop attempt the judge decides; `done`
 * or `blocked` ends it, `continue` sends the feedback back. Failures become data in the result.
 */
export async function runEpisode(plan: EpisodePlan, deps: EpisodeDeps): Promise<EpisodeResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { fixture, agent, judge, variant, repeat } = plan;
  const labeller = deps.labeller ?? new Labeller({ temp: deps.temp, sandbox: deps.sandbox, signal: deps.signal, commands: deps.commands });
  const checkpoints: Checkpoint[] = [];
  const cost: Cost = {
    judgeInputTokens: 0, judgeOutputTokens: 0, judgeUsd: 0,
    agentInputTokens: 0, agentOutputTokens: 0, agentUsd: 0,
    judgeMs: 0, wallMs: 0, turns: 0,
  };
  let status: Status = 'exhausted';
  let error: string | undefined;
  let reachable = fixture.task.solvable;
  let reachableLater = reachable;

  const session = await agent.start(fixture, variant, { temp: deps.temp, sandbox: deps.sandbox, signal: deps.signal, repeat }).catch((e: unknown) => {
    error = `agent: ${errorMessage(e)}`;
    return null;
  });

  // Live episodes only: a replay's states are its trajectory, which the fixture already holds.
  const keeping = session && !session.fixedTurns ? deps.states : undefined;
  const kept: KeptTurn[] = [];
  let after: KeptEpisode['after'] = 'none';
  if (session) {
    try {
      let feedback: string | undefined;
      for (let turn = 1; turn <= fixture.task.limits.turns; turn++) {
        let end: TurnEnd | null;
        try {
          end = await session.next(feedback, deps.signal);
        } catch (e) {
          deps.signal.throwIfAborted();
          status = 'error';
          error = `agent: ${errorMessage(e)}`;
          after = 'error';
          // Model calls the agent paid for before it failed still count.
          const spent = usageOfError(e);
          if (spent) {
            cost.agentInputTokens += spent.inputTokens;
            cost.agentOutputTokens += spent.outputTokens;
            cost.agentUsd = addUsd(cost.agentUsd, spent.costUsd);
          }
          break;
        }
        if (!end) break;
        if (keeping) kept.push(await keeping.keepTurn(end));
        after = 'stopped';
        let oracle: OracleResult;
        try {
          oracle = await labeller.label(fixture, { dir: end.stateDir, diff: end.diff });
        } catch (e) {
          deps.signal.throwIfAborted();
          status = 'error';
          error = `oracle: ${errorMessage(e)}`;
          break;
        }
        cost.turns += 1;
        if (end.usage) {
          cost.agentInputTokens += end.usage.inputTokens;
          cost.agentOutputTokens += end.usage.outputTokens;
          cost.agentUsd = addUsd(cost.agentUsd, end.usage.costUsd);
        }
        const judged = await judgeTurn(plan, end, oracle, deps);
        cost.judgeMs += judged.checkpoint.judgeMs;
        const usage = judged.checkpoint.usage;
        if (usage) {
          cost.judgeInputTokens += usage.inputTokens;
          cost.judgeOutputTokens += usage.outputTokens;
          cost.judgeUsd = addUsd(cost.judgeUsd, usage.costUsd);
        }
        checkpoints.push(judged.checkpoint);
        const decision = judged.checkpoint.decision;
        if (!decision) {
          status = 'error';
          error = `judge: ${judged.checkpoint.error ?? 'no verdict'}`;
          break;
        }
        if (decision === 'done' || decision === 'blocked') {
          status = decision;
          break;
        }
        feedback = judged.checkpoint.feedback ?? 'The judge says the goal is not met yet; continue.';
        after = 'none';
      }
      const reach = session.fixedTurns ? fixedReachability(await labelFixed(labeller, fixture, session.fixedTurns())) : liveReachability(fixture);
      deps.signal.throwIfAborted();
      reachable = reach.reachable;
      reachableLater = reach.after(checkpoints.at(-1)?.turn ?? 0);
    } finally {
      await session.close();
    }
  } else {
    status = 'error';
  }

  if (keeping) {
    await keeping.keepEpisode({
      key: plan.key, configHash: plan.configHash, agent: agent.id, judge: judge.id, fixture: fixture.id,
      trajectory: variant.trajectory, persona: variant.persona, repeat, tags: variant.tags, turns: kept, after,
      ...(after === 'error' && error !== undefined ? { error } : {}),
    });
  }
  const finalLabel = checkpoints.at(-1)?.label ?? null;
  cost.wallMs = Math.round(performance.now() - started);
  return {
    key: plan.key,
    configHash: plan.configHash,
    suite: deps.suite,
    agent: agent.id,
    judge: judge.id,
    fixture: fixture.id,
    trajectory: variant.trajectory,
    persona: variant.persona,
    repeat,
    tags: [...new Set([...fixture.task.tags, ...variant.tags])],
    solvable: fixture.task.solvable,
    status,
    outcome: outcomeOf(status, finalLabel, fixture.task.solvable),
    finalLabel,
    reachable,
    reachableLater,
    checkpoints,
    cost,
    ...(error !== undefined ? { error } : {}),
    startedAt,
  };
}

/**
 * The labels of a fixed trajectory's turn ends, judged or not (SPEC section 3: every turn end is
 * labelled once, whatever the judge did), up to the first one the oracle could not label.
 */
async function labelFixed(labeller: Labeller, fixture: EpisodePlan['fixture'], turns: readonly TurnEnd[]) {
  const labels: Array<{ turn: number; complete: boolean }> = [];
  for (const end of turns) {
    const oracle = await labeller.label(fixture, { dir: end.stateDir, diff: end.diff }).catch(() => null);
    if (!oracle) break;
    labels.push({ turn: end.turn, complete: oracle.label === 'complete' });
  }
  return labels;
}

async function judgeTurn(plan: EpisodePlan, end: TurnEnd, oracle: OracleResult, deps: EpisodeDeps): Promise<{ checkpoint: Checkpoint }> {
  const { fixture, judge } = plan;
  const base = {
    turn: end.turn,
    claim: end.claim,
    report: end.report,
    label: oracle.label,
    failedChecks: oracle.checks.filter((c) => !c.passed).map((c) => c.id),
    ...oracleFailures(oracle),
  };
  const workspace = judge.needsWorkspace ? await deps.temp.dir(`judge-${fixture.id}`) : end.stateDir;
  const started = performance.now();
  try {
    if (judge.needsWorkspace) await copyTree(end.stateDir, workspace);
    const input: JudgeInput = {
      fixture: fixture.id,
      turn: end.turn,
      contract: fixture.task.contract,
      claim: end.claim,
      report: end.report,
      transcript: end.transcript,
      diff: end.diff,
      workspace,
    };
    const verdict = checkVerdict(await judge.judge(input, { signal: deps.signal, temp: deps.temp, sandbox: deps.sandbox, repeat: plan.repeat, episode: plan.key, commandTimeoutMs: fixture.task.limits.commandTimeoutMs, ...(deps.commands ? { commands: deps.commands } : {}) }));
    return {
      checkpoint: {
        ...base,
        decision: verdict.decision,
        ...(verdict.feedback !== undefined ? { feedback: verdict.feedback } : {}),
        ...(verdict.criteria ? { criteria: verdict.criteria } : {}),
        ...(verdict.usage ? { usage: verdict.usage } : {}),
        judgeMs: Math.round(performance.now() - started),
      },
    };
  } catch (e) {
    deps.signal.throwIfAborted();
    const spent = usageOfError(e); // model calls a failed judgement paid for still count
    return { checkpoint: { ...base, judgeMs: Math.round(performance.now() - started), error: errorMessage(e), ...(spent ? { usage: spent } : {}) } };
  } finally {
    if (judge.needsWorkspace) await rm(workspace, { recursive: true, force: true });
  }
}

/** A plugin's verdict is checked like any input: a bad one is a judge failure, not a decision. */
function checkVerdict(value: Verdict): Verdict {
  const parsed = VerdictSchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid verdict: ${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}
