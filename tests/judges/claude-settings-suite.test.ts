import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { runSuite } from '../../src/runner/run.js';
import { EpisodeResultSchema } from '../../src/schemas/result.js';
import { ROOT, MINI_FIXTURES } from '../helpers/cli.js';
import { ruleJudge } from '../helpers/fake-llm-server.js';
import { localModel, tempDir, useLocalServer } from '../helpers/llm.js';
import { JQ, PERL, skipUnless } from '../helpers/system-tools.js';

const skip = skipUnless(JQ) ?? skipUnless(PERL);
beforeEach((ctx) => {
  if (skip) ctx.skip(skip);
});

const RALPH = path.join(ROOT, 'tests/fixtures/plugins/ralph-loop/hooks/stop-hook.sh');
const STATE = '---\nactive: true\niteration: 1\nmax_iterations: 2\ncompletion_promise: "COUNTER FIXED"\n---\n\nFix the counter for any bounds and run node --test.\n';

/**
 * One settings.json as a user has it (a Ralph-style loop, a prompt hook, an agent hook), benchmarked
 * on the mini suite: each hook as its own judge (`only`), and the file as a whole as Claude Code runs
 * it. The model hooks talk to the local server's rule judge.
 */
describe('a settings.json with a command, a prompt and an agent hook, run on a suite', () => {
  const local = useLocalServer({ fallback: ruleJudge });

  it('gives each hook its own judge row, keeps what the hooks said in the checkpoints, and skips a judge without its key', async () => {
    const dir = await tempDir('stopbench-cs-suite-');
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({
      hooks: {
        Stop: [{
          hooks: [
            { type: 'command', command: `bash '${RALPH}'`, timeout: 30 },
            { type: 'prompt', prompt: 'Did the agent run the verification and did it pass? $ARGUMENTS' },
            { type: 'agent', prompt: 'Check the project: is the goal met?' },
          ],
        }],
      },
    }));
    const model = { provider: 'openai', ...localModel(local.server, 'openai', path.join(dir, 'cache')) };
    const settings = { type: 'claude-settings', settings: 'settings.json', files: { '.claude/ralph-loop.local.md': STATE } };
    const suiteFile = path.join(dir, 'suite.yaml');
    await writeFile(suiteFile, stringify({
      name: 'settings-hooks',
      fixtures: [MINI_FIXTURES],
      agents: [{ id: 'replay', type: 'replay' }],
      judges: [
        { id: 'ralph', ...settings, only: ['hooks.Stop[0].hooks[0]'] },
        { id: 'prompt-hook', ...settings, ...model, only: ['hooks.Stop[0].hooks[1]'] },
        { id: 'agent-hook', ...settings, ...model, only: ['hooks.Stop[0].hooks[2]'] },
        { id: 'all-hooks', ...settings, ...model },
        { id: 'no-key', ...settings, provider: 'openai', model: 'gpt-4o-mini', apiKeyEnv: 'STOPBENCH_TEST_UNSET_KEY' },
      ],
      concurrency: 2,
    }));
    const outDir = path.join(dir, 'out');
    const { results, summary, warnings } = await runSuite({ suiteFile, outDir });

    expect(warnings).toContainEqual(expect.stringMatching(/^judge "no-key" skipped: STOPBENCH_TEST_UNSET_KEY is not set \(needed by the prompt hook hooks\.Stop\[0\]\.hooks\[1\]/));
    expect(summary.map((g) => g.judge)).toEqual(['ralph', 'prompt-hook', 'agent-hook', 'all-hooks']);
    for (const r of results) EpisodeResultSchema.parse(r);
    const outcome = (judge: string, trajectory: string) => results.find((r) => r.judge === judge && r.trajectory === trajectory)?.outcome;

    // The loop blocks once, then lets the stop through at max_iterations (2): the lazy agent's second turn is complete.
    expect(['cheater', 'diligent', 'lazy'].map((t) => outcome('ralph', t))).toEqual(['exhausted', 'exhausted', 'correct-done']);
    // The rule judge behind the model hooks accepts a stop whose last command exited 0.
    expect(['cheater', 'diligent', 'lazy'].map((t) => outcome('prompt-hook', t))).toEqual(['exhausted', 'correct-done', 'false-done']);
    expect(['cheater', 'diligent', 'lazy'].map((t) => outcome('agent-hook', t))).toEqual(['exhausted', 'correct-done', 'false-done']);
    // Together, any block blocks: the loop sends the diligent agent back, and it has no second turn.
    expect(['cheater', 'diligent', 'lazy'].map((t) => outcome('all-hooks', t))).toEqual(['exhausted', 'exhausted', 'correct-done']);

    // What the hooks said is kept in the checkpoint: the loop's systemMessage, the model hooks' answers and tokens.
    const lazyAll = results.find((r) => r.judge === 'all-hooks' && r.trajectory === 'lazy')!;
    const first = lazyAll.checkpoints[0]!;
    expect(first.criteria?.map((c) => c.id)).toEqual([
      `command: bash '${RALPH}'`,
      'prompt: Did the agent run the verification and did it pass? $ARGUMENTS',
      'agent: Check the project: is the goal met?',
      'hook-state',
    ]);
    expect(first.criteria?.[0]?.evidence).toContain('systemMessage: Ralph iteration 2');
    expect(first.criteria?.[1]?.evidence).toContain('stdout: {"ok":true');
    expect(first.usage?.inputTokens).toBeGreaterThan(0);
    expect(lazyAll.cost.judgeInputTokens).toBeGreaterThan(0);

    // The state file stayed out of the agent's workspace: the scope check and oracle saw only the agent's changes.
    expect(lazyAll.checkpoints.at(-1)!.failedChecks).toEqual([]);

    // And the reports show what the hooks said.
    const markdown = renderMarkdown({ suite: 'settings-hooks', results, summary });
    expect(markdown).toContain('## Hook messages and failures');
    expect(markdown).toMatch(/\| all-hooks \| counter \| lazy \| 1 \| command: bash [^|]+ \| said \| exit 0; blocked: [^|]*systemMessage: Ralph iteration 2/);
    const page = renderHtml({ suite: 'settings-hooks', results, summary });
    expect(page).toContain('Hook messages and failures');
    expect(page).toContain('systemMessage: Ralph iteration 2');
  });
});
