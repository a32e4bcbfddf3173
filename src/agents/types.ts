import type { Fixture } from '../load/fixture.js';
import type { Claim } from '../schemas/trajectory.js';
import type { Diff, TranscriptEntry, Usage } from '../schemas/judging.js';
import type { SandboxSettings } from '../sandbox/settings.js';
import type { TempArea } from '../workspace/temp-area.js';

/**
 * The end of one agent turn: a stop attempt and the state it left. Agents never label it: the runner
 * asks the hidden oracle (src/runner/label.ts).
 */
export interface TurnEnd {
  turn: number;
  claim: Claim;
  report: string;
  /** Everything the agent did so far, turn 1 included. */
  transcript: TranscriptEntry[];
  diff: Diff;
  /** A snapshot of the workspace at this turn end. Read-only: judges get their own copies. */
  stateDir: string;
  /** The agent's own model usage during this turn, when it has one. */
  usage?: Usage;
}

/** One episode's agent. */
export interface AgentSession {
  /** The next turn end, given the judge's feedback on the last; null when the agent has no next turn. */
  next(feedback: string | undefined, signal: AbortSignal): Promise<TurnEnd | null>;
  /**
   * Agents whose turns are fixed in advance, whatever the judge says (replay), give every turn end
   * here; the runner labels them all to tell whether a complete state was reachable (SPEC section 5).
   * Live agents leave it out: for them a complete state is reachable when the fixture is solvable.
   */
  fixedTurns?(): readonly TurnEnd[];
  close(): Promise<void>;
}

/** One way an agent can meet a fixture: for replay, one per trajectory. */
export interface EpisodeVariant {
  trajectory: string | null;
  persona: string | null;
  /** Tags added to the fixture's own for this variant's episodes. */
  tags: string[];
}

export interface AgentContext {
  temp: TempArea;
  /** How the agent's commands run: the run's sandbox settings. */
  sandbox: SandboxSettings;
  signal: AbortSignal;
  repeat: number;
}

/** An agent plugin: one file under src/agents, registered by `type` in registry.ts. */
export interface Agent {
  readonly id: string;
  variants(fixture: Fixture): EpisodeVariant[];
  start(fixture: Fixture, variant: EpisodeVariant, context: AgentContext): Promise<AgentSession>;
}
