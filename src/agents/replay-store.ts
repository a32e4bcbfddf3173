import type { CommandCache } from '../cache/command-cache.js';
import type { Fixture, NamedTrajectory } from '../load/fixture.js';
import type { TranscriptEntry } from '../schemas/judging.js';
import type { SandboxSettings } from '../sandbox/settings.js';
import type { TempArea } from '../workspace/temp-area.js';
import { Workspace } from '../workspace/workspace.js';
import { applyStep } from './steps.js';
import type { TurnEnd } from './types.js';

/** A trajectory replayed up to its end, or up to the step that failed. */
export interface ReplayOutcome {
  turns: TurnEnd[];
  /** The fixture error that stopped the replay at turn `turns.length + 1`, if any. */
  error: Error | null;
}

/**
 * Replays each (fixture, trajectory) once per run and keeps every turn end's state: a replayed agent
 * does the same whatever the judge says, so every judge and repeat can read them.
 */
export class ReplayStore {
  private readonly replays = new Map<string, Promise<ReplayOutcome>>();

  constructor(
    private readonly temp: TempArea,
    private readonly sandbox: SandboxSettings,
    private readonly signal: AbortSignal,
    /** The run's command cache: replayed steps that change no file share it (see runStepCommand). */
    private readonly commands?: CommandCache | undefined,
  ) {}

  get(fixture: Fixture, trajectory: NamedTrajectory): Promise<ReplayOutcome> {
    const key = `${fixture.dir}\0${trajectory.name}`;
    let replay = this.replays.get(key);
    if (!replay) {
      replay = replayTrajectory(fixture, trajectory, { temp: this.temp, sandbox: this.sandbox, signal: this.signal, commands: this.commands });
      this.replays.set(key, replay);
    }
    return replay;
  }
}

/** Runs every step of a trajectory for real in a fresh git workspace, snapshotting each turn end. */
export async function replayTrajectory(
  fixture: Fixture,
  named: NamedTrajectory,
  run: { temp: TempArea; sandbox: SandboxSettings; signal?: AbortSignal | undefined; commands?: CommandCache | undefined },
): Promise<ReplayOutcome> {
  const { temp, signal, commands } = run;
  const workspace = await Workspace.create(fixture.repoDir, temp, `ws-${fixture.id}-${named.name}`, run);
  const transcript: TranscriptEntry[] = [];
  const turns: TurnEnd[] = [];
  const timeoutMs = fixture.task.limits.commandTimeoutMs;
  try {
    for (const [index, turn] of named.trajectory.turns.entries()) {
      const number = index + 1;
      for (const [stepIndex, step] of turn.steps.entries()) {
        signal?.throwIfAborted();
        const place = { file: named.file, turn: number, step: stepIndex + 1 };
        transcript.push(await applyStep(step, workspace, place, timeoutMs, signal, commands));
      }
      const diff = await workspace.diff();
      const stateDir = await workspace.copyTo(`state-${fixture.id}-${named.name}-t${number}`);
      turns.push({ turn: number, claim: turn.claim, report: turn.report, transcript: [...transcript], diff, stateDir, ...(turn.usage ? { usage: turn.usage } : {}) });
    }
    return { turns, error: null };
  } catch (error) {
    signal?.throwIfAborted();
    return { turns, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
