import { z } from 'zod';
import type { Fixture } from '../load/fixture.js';
import { createModelClient, unavailableReason, type ModelClient } from '../llm/client.js';
import { ModelOptionsShape } from '../llm/settings.js';
import type { ProviderName } from '../llm/types.js';
import { Workspace } from '../workspace/workspace.js';
import { LlmAgentSession } from './llm/session.js';
import type { Agent, AgentContext, AgentSession, EpisodeVariant } from './types.js';

/** Options of `openai-agent` and `anthropic-agent`. */
export const LlmAgentOptionsSchema = z.strictObject({
  ...ModelOptionsShape,
  /** Output-token limit of one answer. Default 4096. */
  maxTokens: z.number().int().positive().default(4096),
  /** Model calls per episode; running out ends the episode as `error`. Default 60. */
  maxSteps: z.number().int().positive().default(60),
  /** Input plus output tokens per episode; running out ends the episode as `error`. Default 1000000. */
  maxEpisodeTokens: z.number().int().positive().default(1_000_000),
  /** Longest tool output returned to the model, in characters (its tail). Default 12000. */
  maxToolOutputChars: z.number().int().positive().default(12_000),
});
export type LlmAgentOptions = z.output<typeof LlmAgentOptionsSchema>;

/**
 * A live agent on a model: read_file, list_files, write_file, edit_file, run_command and finish in a
 * fresh workspace per episode, the goal contract as its task, the judge's feedback as its next turn.
 */
export class LlmAgent implements Agent {
  constructor(
    readonly id: string,
    private readonly options: LlmAgentOptions,
    private readonly client: ModelClient,
  ) {}

  static unavailable(provider: ProviderName, options: LlmAgentOptions): string | null {
    return unavailableReason(provider, options);
  }

  static create(id: string, provider: ProviderName, options: LlmAgentOptions, baseDir: string): LlmAgent {
    return new LlmAgent(id, options, createModelClient(provider, options, { baseDir, where: `agent "${id}"` }));
  }

  variants(): EpisodeVariant[] {
    return [{ trajectory: null, persona: null, tags: [] }];
  }

  async start(fixture: Fixture, _variant: EpisodeVariant, context: AgentContext): Promise<AgentSession> {
    const workspace = await Workspace.create(fixture.repoDir, context.temp, `agent-${this.id}-${fixture.id}`, context);
    return new LlmAgentSession(this.id, fixture, workspace, this.client, this.options, context.repeat);
  }
}
