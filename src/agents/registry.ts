import { definePlugin, type PluginType } from '../plugins.js';
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
};
