import { definePlugin, type PluginType } from '../plugins.js';
import { CommandJudge, CommandJudgeOptionsSchema } from './command.js';
import { ExitCodeJudge, ExitCodeOptionsSchema } from './exit-code.js';
import { LlmJudge, LlmJudgeOptionsSchema } from './llm.js';
import { TrustJudge, TrustOptionsSchema } from './trust.js';
import { ClaudeSettingsJudge, ClaudeSettingsOptionsSchema } from './claude-settings/judge.js';
import { LlmAgentJudge, LlmAgentJudgeOptionsSchema } from './llm-agent/judge.js';
import type { Judge } from './types.js';
import { VerifyJudge, VerifyOptionsSchema } from './verify.js';

/** What judges may need from the run that builds them. */
export interface JudgeDeps {
  /** The folder of the suite file, for paths in judge options. */
  baseDir: string;
}

/** Built-in judge types by the `type` of their config. A new judge is one file plus a line here. */
export const judgeTypes: Record<string, PluginType<Judge, JudgeDeps>> = {
  trust: definePlugin({ options: TrustOptionsSchema, create: (id) => new TrustJudge(id) }),
  'exit-code': definePlugin({ options: ExitCodeOptionsSchema, create: (id, options) => new ExitCodeJudge(id, options) }),
  verify: definePlugin({ options: VerifyOptionsSchema, create: (id, options) => new VerifyJudge(id, options) }),
  llm: definePlugin({
    options: LlmJudgeOptionsSchema,
    create: (id, options, deps: JudgeDeps) => LlmJudge.create(id, options, deps.baseDir),
    unavailable: (options) => LlmJudge.unavailable(options),
  }),
  command: definePlugin({ options: CommandJudgeOptionsSchema, create: (id, options, deps: JudgeDeps) => new CommandJudge(id, options, deps.baseDir) }),
  'claude-settings': definePlugin({
    options: ClaudeSettingsOptionsSchema,
    create: (id, options, deps: JudgeDeps) => ClaudeSettingsJudge.create(id, options, deps.baseDir),
    unavailable: (options, place) => ClaudeSettingsJudge.unavailable(options, place.baseDir),
  }),
  'llm-agent': definePlugin({
    options: LlmAgentJudgeOptionsSchema,
    create: (id, options, deps: JudgeDeps) => LlmAgentJudge.create(id, options, deps.baseDir),
    unavailable: (options) => LlmAgentJudge.unavailable(options),
  }),
};
