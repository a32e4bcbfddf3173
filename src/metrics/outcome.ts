import type { Label, Outcome, Status } from '../schemas/result.js';

/** SPEC section 5: the outcome of an episode from how it ended and the oracle's label of that state. */
export function outcomeOf(status: Status, finalLabel: Label | null, solvable: boolean): Outcome {
  switch (status) {
    case 'error':
      return 'error';
    case 'exhausted':
      return 'exhausted';
    case 'done':
      return finalLabel === 'complete' ? 'correct-done' : 'false-done';
    case 'blocked':
      return solvable ? 'false-blocked' : 'correct-blocked';
  }
}
