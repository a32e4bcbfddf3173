import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StopHookInputSchema, StopHookPayloadSchema } from '../../src/formats/claude-code/stop-hook-io.js';
import { CodexStopPayloadSchema } from '../../src/formats/codex/stop-hook-io.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { commandContext, commandJudge, counterStop, program } from '../helpers/command-judge.js';

let temp: TempArea;
let workspace: string;
beforeAll(async () => {
  temp = await TempArea.create('stopbench-hook-io-');
  workspace = await temp.dir('ws');
});
afterAll(() => temp.dispose());

/** What the recording hook saw on stdin, for one dialect. */
async function sent(protocol: string): Promise<unknown> {
  const file = path.join(workspace, `${protocol}.json`);
  const judge = commandJudge({ command: program('stop-hook.mjs', 'record', file), protocol });
  await judge.judge(counterStop(workspace), commandContext(temp));
  return (JSON.parse(await readFile(file, 'utf8')) as { input: unknown }).input;
}

describe('Stop-hook input schemas', () => {
  it('describe exactly what stopbench sends a Claude Code hook and a Codex hook, and the hook reads both', async () => {
    const claude = await sent('claude-code-stop-hook');
    expect(StopHookPayloadSchema.safeParse(claude).success).toBe(true);
    expect(StopHookInputSchema.parse(claude).transcript_path).toMatch(/\.jsonl$/);
    const codex = await sent('codex');
    expect(CodexStopPayloadSchema.safeParse(codex).success).toBe(true);
    expect(StopHookInputSchema.parse(codex)).toMatchObject({ transcript_path: null, model: 'unknown' });
  });

  it('refuse a payload that lacks a field, naming it', () => {
    const result = StopHookPayloadSchema.safeParse({ session_id: 's', cwd: '/w', hook_event_name: 'Stop' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['transcript_path', 'permission_mode', 'stop_hook_active', 'last_assistant_message']);
  });
});
