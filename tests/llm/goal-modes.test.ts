import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { goalCondition, GOAL_CONDITION_MAX_CHARS } from '../../src/judges/llm/goal-condition.js';
import { runSuite } from '../../src/runner/run.js';
import { MINI_FIXTURES, ROOT } from '../helpers/cli.js';
import { answerJson, ruleJudge } from '../helpers/fake-llm-server.js';
import { context, counterInput, llmJudge, tempDir, useLocalServer } from '../helpers/llm.js';

const DONE = { decision: 'done', feedback: 'holds', criteria: [{ id: 'tests', met: true, evidence: 'node --test exit 0' }] };

describe('the goal-mode templates', () => {
  const local = useLocalServer();

  it('claude-goal: the definition of done as the condition, over the transcript only (no diff)', async () => {
    local.server.enqueue(answerJson(DONE));
    const input = counterInput(local.temp.root, { diff: { files: [{ path: 'src/counter.js', status: 'modified' }], patch: '+DIFF-MARKER' } });
    await llmJudge(local.server, 'openai', await tempDir(), { prompt: 'claude-goal' }).judge(input, context(local.temp));
    const prompt = JSON.stringify(local.server.requests.at(-1)!.body.messages);
    expect(prompt).toContain('# Condition\\n- tests: node --test passes with every test running\\n');
    expect(prompt).toContain('node --test test/counter.test.js  (exit 0)');
    expect(prompt).not.toContain('DIFF-MARKER');
    expect(prompt).not.toContain('Scope');
  });

  it('claude-goal: a condition longer than 4,000 characters is cut to 4,000', () => {
    const done = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, text: 'x'.repeat(60) }));
    const condition = goalCondition({ ...counterInput('/w').contract, done });
    expect(condition).toHaveLength(GOAL_CONDITION_MAX_CHARS);
    expect(GOAL_CONDITION_MAX_CHARS).toBe(4000);
    expect(condition.endsWith('…')).toBe(true);
    expect(goalCondition(counterInput('/w').contract)).toBe('- tests: node --test passes with every test running');
  });

  it('codex-goal-audit: a requirement-by-requirement audit and a blocked audit, with the diff', async () => {
    local.server.enqueue(answerJson(DONE));
    const input = counterInput(local.temp.root, { diff: { files: [{ path: 'src/counter.js', status: 'modified' }], patch: '+DIFF-MARKER' } });
    await llmJudge(local.server, 'anthropic', await tempDir(), { prompt: 'codex-goal-audit' }).judge(input, context(local.temp));
    const prompt = JSON.stringify(local.server.requests.at(-1)!.body.messages);
    expect(prompt).toContain('# Completion audit\\nTake the requirements one by one:\\n- tests: node --test passes with every test running');
    expect(prompt).toContain('# Blocked audit');
    expect(prompt).toContain('DIFF-MARKER');
  });
});

describe('benchmarks/goal-modes.yaml on the local server', () => {
  const local = useLocalServer({ fallback: ruleJudge });

  it('runs the built-in judges against claude-goal, codex-goal-audit and llm-agent, one row each', async () => {
    const dir = await tempDir();
    const shipped = parse(await readFile(path.join(ROOT, 'benchmarks/goal-modes.yaml'), 'utf8'));
    shipped.fixtures = [MINI_FIXTURES];
    shipped.judges = shipped.judges.map((j: Record<string, unknown>) => (j.provider ? { ...j, cacheDir: 'cache', baseURLEnv: undefined, baseURL: local.server.openaiBaseURL, apiKey: 'test-key' } : j));
    const suiteFile = path.join(dir, 'goal-modes.yaml');
    await writeFile(suiteFile, stringify(shipped));
    const { summary, results } = await runSuite({ suiteFile, outDir: path.join(dir, 'out') });
    expect(summary.map((g) => g.judge)).toEqual(['trust', 'exit-code', 'verify', 'claude-goal', 'codex-goal-audit', 'llm-agent']);
    expect(results.filter((r) => r.outcome === 'error')).toEqual([]);
    const models = new Set(local.server.requests.map((r) => r.body.model));
    expect(models).toEqual(new Set(['gpt-4o-mini']));
    // The agent judge used a tool before its verdict.
    expect(local.server.requests.some((r) => JSON.stringify(r.body.messages).includes('"role":"tool"'))).toBe(true);
  });
});
