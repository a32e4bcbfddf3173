import { z } from 'zod';

/**
 * What Claude Code sends a Stop hook on stdin. Read tolerantly: unknown fields are kept and ignored,
 * and Codex CLI's Stop input (the same fields, `transcript_path` null, plus `turn_id` and `model`)
 * passes too.
 */
export const StopHookInputSchema = z.looseObject({
  session_id: z.string().min(1),
  transcript_path: z.string().nullable().optional(),
  cwd: z.string().min(1),
  permission_mode: z.string().optional(),
  hook_event_name: z.string().optional(),
  stop_hook_active: z.boolean().default(false),
  last_assistant_message: z.string().optional(),
  turn_id: z.string().optional(),
  model: z.string().optional(),
});
export type StopHookInput = z.infer<typeof StopHookInputSchema>;

/** The Stop input stopbench sends a Claude Code hook: every field Claude Code fills in. */
export const StopHookPayloadSchema = z.strictObject({
  session_id: z.string(),
  transcript_path: z.string(),
  cwd: z.string(),
  permission_mode: z.string(),
  hook_event_name: z.literal('Stop'),
  stop_hook_active: z.boolean(),
  last_assistant_message: z.string(),
});
export type StopHookPayload = z.infer<typeof StopHookPayloadSchema>;

/** The fields of a Stop hook's JSON answer that decide the stop, and the message it shows the user. */
export const StopHookOutputSchema = z.looseObject({
  continue: z.boolean().optional(),
  decision: z.string().optional(),
  reason: z.string().optional(),
  stopReason: z.string().optional(),
  /** Shown to the user, not the agent; kept in the verdict's evidence so a warning is never lost. */
  systemMessage: z.string().optional(),
});
export type StopHookOutput = z.infer<typeof StopHookOutputSchema>;
