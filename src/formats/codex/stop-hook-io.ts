import { z } from 'zod';
import { StopHookPayloadSchema } from '../claude-code/stop-hook-io.js';

/**
 * The Stop input of a Codex CLI hook: Claude Code's fields plus `turn_id` and `model`; `transcript_path`
 * is null (stopbench writes no rollout file, and Codex sends null when a session has none).
 */
export const CodexStopPayloadSchema = StopHookPayloadSchema.extend({
  transcript_path: z.string().nullable(),
  turn_id: z.string(),
  model: z.string(),
});
export type CodexStopPayload = z.infer<typeof CodexStopPayloadSchema>;
