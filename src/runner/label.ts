import type { Fixture } from '../load/fixture.js';
import { evaluateOracle, stateTreeHash, type OracleResult, type OracleRun, type OracleState } from '../oracle/oracle.js';

/** What the labeller needs to run the oracle: the run's temporary area and sandbox, and optionally a command cache. */
export type LabellerOptions = OracleRun;

/**
 * The one place that asks the hidden oracle about a state. Agents (and importers) only hand back
 * turn-end states; the runner and `validate` label them here. A label is kept per fixture and tree
 * hash (plus the diff's file list, which the scope checks read), so the same state is labelled once
 * however many judges, repeats or trajectories reach it.
 */
export class Labeller {
  private readonly labels = new Map<string, Promise<OracleResult>>();

  constructor(private readonly options: LabellerOptions) {}

  /** The oracle's label of one state (a folder never written to, and its diff against the baseline). */
  async label(fixture: Fixture, state: OracleState): Promise<OracleResult> {
    const tree = await stateTreeHash(fixture, state.dir, this.options.temp);
    const key = JSON.stringify([fixture.dir, tree, state.diff.files]);
    let known = this.labels.get(key);
    if (!known) {
      known = evaluateOracle(fixture, { ...state, treeHash: tree }, this.options);
      this.labels.set(key, known);
      // A failed or aborted labelling is forgotten, so it can be tried again.
      known.catch(() => this.labels.delete(key));
    }
    return known;
  }

  /** Labels states one after the other, in order. */
  async labelAll(fixture: Fixture, states: readonly OracleState[]): Promise<OracleResult[]> {
    const out: OracleResult[] = [];
    for (const state of states) {
      this.options.signal?.throwIfAborted();
      out.push(await this.label(fixture, state));
    }
    return out;
  }
}

/**
 * Labels a list of turn-end states of one fixture: the entry point for code outside the runner (an
 * importer that turned a recorded session into states, a generator checking its variants).
 */
export function labelTurnEnds(fixture: Fixture, states: readonly OracleState[], options: LabellerOptions): Promise<OracleResult[]> {
  return new Labeller(options).labelAll(fixture, states);
}

/** SPEC section 5, "reachable": whether some turn end is complete, and whether one after `turn` is. */
export interface Reachability {
  reachable: boolean;
  after(turn: number): boolean;
}

/** For a fixed trajectory (replay): from the labels of every turn end it has, judged or not. */
export function fixedReachability(turns: ReadonlyArray<{ turn: number; complete: boolean }>): Reachability {
  const complete = turns.filter((t) => t.complete).map((t) => t.turn);
  return { reachable: complete.length > 0, after: (turn) => complete.some((t) => t > turn) };
}

/** For a live agent: a complete state is reachable when the fixture is solvable, at any turn left. */
export function liveReachability(fixture: Fixture): Reachability {
  const { solvable, limits } = fixture.task;
  return { reachable: solvable, after: (turn) => solvable && turn < limits.turns };
}
