import { createHash } from 'node:crypto';
import type { JudgeInput } from '../../schemas/judging.js';
import { finalMessageOf, uuidFrom, type EarlierStop } from '../../formats/claude-code/transcript-write.js';

/**
 * The judge input carries only the current report, but a Claude Code transcript holds every earlier
 * stop too: the agent's report and the hook's feedback. A hook judge remembers them, keyed by the
 * fixture and everything the agent did up to that stop, so the next turn's transcript can show them.
 * Two episodes with the same prefix but a different report or answer make the key ambiguous; the
 * transcript then says the stop was not recorded rather than show another episode's words.
 */
export class StopHistory {
  private readonly stops = new Map<string, EarlierStop | 'ambiguous'>();

  record(input: JudgeInput, feedback: string): void {
    const key = prefixKey(input, input.turn);
    const stop = { report: finalMessageOf(input), feedback };
    const known = this.stops.get(key);
    if (known === undefined) this.stops.set(key, stop);
    else if (known === 'ambiguous' || known.report !== stop.report || known.feedback !== stop.feedback) this.stops.set(key, 'ambiguous');
  }

  earlier(input: JudgeInput, turn: number): EarlierStop | undefined {
    const stop = this.stops.get(prefixKey(input, turn));
    return stop === 'ambiguous' ? undefined : stop;
  }
}

function prefixKey(input: JudgeInput, turn: number): string {
  const prefix = input.transcript.filter((e) => e.turn <= turn);
  return createHash('sha256').update(JSON.stringify([input.fixture, turn, prefix])).digest('hex');
}

/**
 * One session id per episode, as Claude Code has one per session: the same for every turn of an
 * episode (derived from the fixture, the repeat and the first turn's actions), so hooks that keep
 * state per `session_id` see one session.
 */
export function sessionIdOf(input: JudgeInput, judgeId: string, repeat: number): string {
  const first = input.transcript.filter((e) => e.turn === 1);
  return uuidFrom(JSON.stringify([judgeId, input.fixture, repeat, first]));
}
