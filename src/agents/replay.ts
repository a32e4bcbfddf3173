import { z } from 'zod';
import type { Fixture } from '../load/fixture.js';
import type { ReplayStore } from './replay-store.js';
import type { Agent, AgentSession, EpisodeVariant } from './types.js';

export const ReplayOptionsSchema = z.strictObject({
  /** Only trajectories with these personas. Default: all. */
  personas: z.array(z.string().min(1)).optional(),
  /** Only trajectories with these file names (without .yaml). Default: all. */
  trajectories: z.array(z.string().min(1)).optional(),
});
export type ReplayOptions = z.infer<typeof ReplayOptionsSchema>;

/** Replays a fixture's recorded trajectories: the same states for every judge (SPEC section 3). */
export class ReplayAgent implements Agent {
  constructor(
    readonly id: string,
    private readonly options: ReplayOptions,
    private readonly store: ReplayStore,
  ) {}

  variants(fixture: Fixture): EpisodeVariant[] {
    return fixture.trajectories
      .filter((t) => !this.options.personas || this.options.personas.includes(t.trajectory.persona))
      .filter((t) => !this.options.trajectories || this.options.trajectories.includes(t.name))
      .map((t) => ({ trajectory: t.name, persona: t.trajectory.persona, tags: t.trajectory.tags ?? [] }));
  }

  async start(fixture: Fixture, variant: EpisodeVariant): Promise<AgentSession> {
    const named = fixture.trajectories.find((t) => t.name === variant.trajectory);
    if (!named) throw new Error(`${fixture.id}: no trajectory "${variant.trajectory}"`);
    const replay = await this.store.get(fixture, named);
    let next = 0;
    return {
      async next() {
        const turn = replay.turns[next];
        if (turn) {
          next += 1;
          return turn;
        }
        if (replay.error) throw replay.error;
        return null;
      },
      fixedTurns: () => replay.turns,
      close: async () => {},
    };
  }
}
