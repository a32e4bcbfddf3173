import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaudeSettingsJudge, ClaudeSettingsOptionsSchema } from '../../src/judges/claude-settings/judge.js';
import type { JudgeInput } from '../../src/schemas/judging.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { answerJson, answerText, callTools, FakeLlmServer, failure, type RecordedRequest } from '../helpers/fake-llm-server.js';
import { context, counterInput, localModel, PROVIDERS, tempDir, useLocalServer } from '../helpers/llm.js';

const text = (request: RecordedRequest | undefined) => JSON.stringify(request?.body.messages ?? []);

/** A settings.json whose Stop event holds these hooks, and a claude-settings judge over it on the local server. */
async function judgeOf(server: FakeLlmServer, provider: 'openai' | 'anthropic', hooks: object[], over: Record<string, unknown> = {}) {
  const dir = await tempDir('stopbench-cs-model-');
  await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ hooks: { Stop: [{ hooks }] } }));
  const options = ClaudeSettingsOptionsSchema.parse({ settings: 'settings.json', provider, ...localModel(server, provider, path.join(dir, 'cache')), ...over });
  return ClaudeSettingsJudge.create('cs', options, dir);
}

/** A stop of the counter fixture in a copy that holds its source. */
async function stopIn(temp: TempArea, over: Partial<JudgeInput> = {}): Promise<JudgeInput> {
  const ws = await temp.dir('ws');
  await mkdir(path.join(ws, 'src'), { recursive: true });
  await writeFile(path.join(ws, 'src/counter.js'), 'export class Counter { up() { if (this.value < 1) this.value += 1; } }\n');
  return counterInput(ws, over);
}

describe.each(PROVIDERS)('prompt and agent hooks through the %s SDK client', (provider) => {
  const local = useLocalServer({}, 'stopbench-cs-model-test-');

  it('a prompt hook gets the Stop input for $ARGUMENTS; ok false blocks with its reason as the next instruction', async () => {
    local.server.enqueue(answerJson({ ok: false, reason: 'Run node --test; only one test file ran.' }, { input: 400, output: 30 }));
    const judge = await judgeOf(local.server, provider, [{ type: 'prompt', prompt: 'Is every test run? Input: $ARGUMENTS. Answer ok/reason.' }]);
    const verdict = await judge.judge(await stopIn(local.temp), context(local.temp, { episode: 'p1' }));
    expect(verdict.decision).toBe('continue');
    expect(verdict.feedback).toBe('Run node --test; only one test file ran.');
    expect(verdict.usage).toMatchObject({ inputTokens: 400, outputTokens: 30 });
    const prompt = text(local.server.requests[0]);
    expect(prompt).not.toContain('$ARGUMENTS');
    expect(prompt).toContain('\\"hook_event_name\\":\\"Stop\\"');
    expect(prompt).toContain('\\"stop_hook_active\\":false');
    expect(prompt).toContain('\\"last_assistant_message\\":\\"Fixed up(); the counter test passes.\\"');
    const body = local.server.requests[0]!.body;
    if (provider === 'openai') expect(body.response_format).toMatchObject({ json_schema: { name: 'hook_answer' } });
    else expect(body.tool_choice).toEqual({ type: 'tool', name: 'hook_answer' });
  });

  it('a prompt without $ARGUMENTS gets the input appended; ok true lets the stop through with the agent\'s claim', async () => {
    local.server.enqueue(answerJson({ ok: true, reason: 'All tests ran.' }));
    const judge = await judgeOf(local.server, provider, [{ type: 'prompt', prompt: 'Did the agent run the whole suite?' }]);
    const verdict = await judge.judge(await stopIn(local.temp, { claim: 'blocked' }), context(local.temp, { episode: 'p2' }));
    expect(verdict.decision).toBe('blocked');
    expect(text(local.server.requests[0])).toMatch(/Did the agent run the whole suite\?\\n\\n\{\\"session_id\\"/);
  });

  it('the hook\'s own model wins over the judge\'s', async () => {
    local.server.enqueue(answerJson({ ok: true, reason: 'fine' }));
    const own = provider === 'openai' ? 'gpt-4o' : 'claude-sonnet-4-5';
    const judge = await judgeOf(local.server, provider, [{ type: 'prompt', prompt: 'ok?', model: own }]);
    await judge.judge(await stopIn(local.temp), context(local.temp, { episode: 'p3' }));
    expect(local.server.requests[0]!.body.model).toBe(own);
  });

  it.each([
    ['an answer that is not JSON', () => answerText('Looks done to me.'), /the answer is not valid JSON/],
    ['an answer without ok', () => answerJson({ reason: 'maybe' }), /not \{"ok": boolean/],
    ['an API error', () => failure(400, { message: 'bad request' }), /400/],
  ])('fails open on %s, and says so', async (_name, reply, why) => {
    local.server.enqueue(reply());
    const judge = await judgeOf(local.server, provider, [{ type: 'prompt', prompt: 'ok?' }], { maxRetries: 0 });
    const verdict = await judge.judge(await stopIn(local.temp), context(local.temp, { episode: 'p4' }));
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria).toContainEqual(expect.objectContaining({ id: 'hook-failed-open', met: false, evidence: expect.stringMatching(why) }));
  });

  it('fails open when the model does not answer within the hook\'s timeout', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}${provider === 'openai' ? '/v1' : ''}`;
      const judge = await judgeOf(local.server, provider, [{ type: 'prompt', prompt: 'ok?', timeout: 0.3 }], { baseURL: url, maxRetries: 0 });
      const verdict = await judge.judge(await stopIn(local.temp), context(local.temp, { episode: 'p5' }));
      expect(verdict.decision).toBe('done');
      expect(verdict.criteria).toContainEqual(expect.objectContaining({ id: 'hook-failed-open', evidence: expect.stringContaining('timed out after 300 ms') }));
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('an agent hook reads the project with tools before it answers; its block reason goes back to the agent', async () => {
    local.server.enqueue(
      callTools([{ name: 'read_file', args: { path: 'src/counter.js' } }, { name: 'grep', args: { pattern: 'value < 1' } }], { input: 500, output: 40 }),
      callTools([{ name: 'hook_answer', args: { ok: false, reason: 'up() special-cases the bound 1; clamp to max.' } }], { input: 900, output: 30 }),
    );
    const judge = await judgeOf(local.server, provider, [{ type: 'agent', prompt: 'Check that up() is fixed for any bounds. $ARGUMENTS' }]);
    const verdict = await judge.judge(await stopIn(local.temp), context(local.temp, { episode: 'a1' }));
    expect(verdict.decision).toBe('continue');
    expect(verdict.feedback).toBe('up() special-cases the bound 1; clamp to max.');
    expect(verdict.usage).toMatchObject({ inputTokens: 1400, outputTokens: 70 });
    const first = local.server.requests[0]!.body;
    const offered = (first.tools as Array<{ name?: string; function?: { name: string } }>).map((t) => t.function?.name ?? t.name);
    expect(offered).toEqual(['read_file', 'list_files', 'grep', 'hook_answer']);
    const second = text(local.server.requests[1]);
    expect(second).toContain('if (this.value < 1) this.value += 1;');
    expect(second).toContain('src/counter.js:1: export class Counter');
  });

  it('an agent hook whose tool call leaves the project gets an error back, not the file', async () => {
    local.server.enqueue(
      callTools([{ name: 'read_file', args: { path: '../../etc/passwd' } }]),
      callTools([{ name: 'hook_answer', args: { ok: true, reason: 'fine' } }]),
    );
    const judge = await judgeOf(local.server, provider, [{ type: 'agent', prompt: 'ok?' }]);
    expect((await judge.judge(await stopIn(local.temp), context(local.temp, { episode: 'a2' }))).decision).toBe('done');
    expect(text(local.server.requests[1])).toMatch(/error: .*outside|error: .*leaves/i);
  });

  it('prompt, agent and command hooks of one file run together: any block blocks', async () => {
    local.server.enqueue(answerJson({ ok: true, reason: 'fine' }), callTools([{ name: 'hook_answer', args: { ok: true, reason: 'fine' } }]));
    const judge = await judgeOf(local.server, provider, [
      { type: 'prompt', prompt: 'ok?' },
      { type: 'agent', prompt: 'ok?' },
      { type: 'command', command: 'echo "not yet" >&2; exit 2' },
    ]);
    const verdict = await judge.judge(await stopIn(local.temp), context(local.temp, { episode: 'm1' }));
    expect(verdict.decision).toBe('continue');
    expect(verdict.feedback).toContain('not yet');
    expect(verdict.criteria?.map((c) => [c.id, c.met])).toEqual([['prompt: ok?', true], ['agent: ok?', true], ['command: echo "not yet" >&2; exit 2', false]]);
  });
});

describe('model hooks without a key', () => {
  it('is skipped like an llm judge when the provider\'s key is not set, naming the hook that needs it', async () => {
    const dir = await tempDir('stopbench-cs-nokey-');
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'true' }, { type: 'prompt', prompt: 'ok?' }] }] } }));
    const options = ClaudeSettingsOptionsSchema.parse({ settings: 'settings.json', provider: 'openai', model: 'gpt-4o-mini', apiKeyEnv: 'STOPBENCH_TEST_UNSET_KEY' });
    expect(ClaudeSettingsJudge.unavailable(options, dir)).toBe(`STOPBENCH_TEST_UNSET_KEY is not set (needed by the prompt hook hooks.Stop[0].hooks[1] of ${path.join(dir, 'settings.json')})`);
    // Command hooks alone need no key.
    expect(ClaudeSettingsJudge.unavailable({ ...options, only: ['hooks.Stop[0].hooks[0]'] }, dir)).toBeNull();
    // Built anyway (`stopbench judge`), it is one clear error.
    expect(() => ClaudeSettingsJudge.create('cs', options, dir)).toThrow('judge "cs": STOPBENCH_TEST_UNSET_KEY is not set');
  });

  it('names the missing provider or model of a model hook', async () => {
    const dir = await tempDir('stopbench-cs-noprov-');
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'agent', prompt: 'ok?' }] }] } }));
    expect(() => ClaudeSettingsJudge.create('cs', ClaudeSettingsOptionsSchema.parse({ settings: 'settings.json' }), dir))
      .toThrow(/judge "cs": provider: required for the agent hook hooks\.Stop\[0\]\.hooks\[0\]/);
    expect(() => ClaudeSettingsJudge.create('cs', ClaudeSettingsOptionsSchema.parse({ settings: 'settings.json', provider: 'anthropic', apiKey: 'k' }), dir))
      .toThrow(/judge "cs": model: required for the agent hook hooks\.Stop\[0\]\.hooks\[0\]/);
  });
});
