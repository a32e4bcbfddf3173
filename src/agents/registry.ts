import { definePlugin, type PluginType } from '../plugins.js';
import { CommandAgent, CommandAgentOptionsSchema } from './command.js';
import { LlmAgent, LlmAgentOptionsSchema } from './llm.js';
import { ReplayAgent, ReplayOptionsSchema } from './replay.js';
import type { ReplayStore } from './replay-store.js';
import type { Agent } from './types.js';

/** What agents may need from the run that builds them. */
export interface AgentDeps {
  replays: ReplayStore;
  baseDir: string;
}

/** Built-in agent types by the `type` of their config. A new agent is one file plus a line here. */
export const agentTypes: Record<string, PluginType<Agent, AgentDeps>> = {
  replay: definePlugin({
    options: ReplayOptionsSchema,
    create: (id, options, deps: AgentDeps) => new ReplayAgent(id, options, deps.replays),
  }),
  command: definePlugin({ options: CommandAgentOptionsSchema, create: (id, options, deps: AgentDeps) => new CommandAgent(id, options, deps.baseDir) }),
  'openai-agent': definePlugin({
    options: LlmAgentOptionsSchema,
    create: (id, options, deps: AgentDeps) => LlmAgent.create(id, 'openai', options, deps.baseDir),
    unavailable: (options) => LlmAgent.unavailable('openai', options),
  }),
  'anthropic-agent': definePlugin({
    options: LlmAgentOptionsSchema,
    create: (id, options, deps: AgentDeps) => LlmAgent.create(id, 'anthropic', options, deps.baseDir),
    unavailable: (options) => LlmAgent.unavailable('anthropic', options),
  }),
};
