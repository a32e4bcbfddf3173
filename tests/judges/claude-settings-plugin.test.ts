import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaudeSettingsJudge, ClaudeSettingsOptionsSchema } from '../../src/judges/claude-settings/judge.js';
import { hookNotes } from '../../src/reporters/hook-notes.js';
import type { EpisodeResult } from '../../src/schemas/result.js';
import type { Verdict } from '../../src/schemas/judging.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { commandContext, counterStop } from '../helpers/command-judge.js';
import { removeTempDirs, tempDir } from '../helpers/llm.js';

let temp: TempArea;
beforeAll(async () => { temp = await TempArea.create('stopbench-cs-plugin-test-'); });
afterAll(async () => {
  await temp.dispose();
  await removeTempDirs();
});

/** A plugin folder `<root>/hooks/hooks.json` with these Stop hooks and these scripts next to it. */
async function plugin(commands: string[], scripts: Record<string, string> = {}, env?: Record<string, string>): Promise<string> {
  // A folder outside the project, as a user's plugin is (~/.claude/plugins/…): the sandbox must show it.
  const root = await tempDir('stopbench-plugin-');
  await mkdir(path.join(root, 'hooks'), { recursive: true });
  for (const [name, text] of Object.entries(scripts)) await writeFile(path.join(root, 'hooks', name), text, { mode: 0o755 });
  await writeFile(path.join(root, 'hooks/hooks.json'), JSON.stringify({ ...(env ? { env } : {}), hooks: { Stop: [{ matcher: '', hooks: commands.map((command) => ({ type: 'command', command })) }] } }));
  return root;
}

const judgeOver = (root: string, over: Record<string, unknown> = {}) =>
  ClaudeSettingsJudge.create('plugin', ClaudeSettingsOptionsSchema.parse({ settings: 'hooks/hooks.json', ...over }), root);

async function stop() {
  return counterStop(await temp.dir('ws'));
}

/** As the runner stores it, so the reports read it back. */
function resultOf(verdict: Verdict): EpisodeResult {
  return {
    key: 'k', configHash: 'h', suite: 's', agent: 'replay', judge: 'plugin', fixture: 'counter', trajectory: 'lazy', persona: 'lazy', repeat: 0,
    tags: [], solvable: true, status: 'done', outcome: 'false-done', finalLabel: 'incomplete', reachable: true, reachableLater: true,
    checkpoints: [{ turn: 1, claim: 'done', report: '', decision: verdict.decision, ...(verdict.criteria ? { criteria: verdict.criteria } : {}), label: 'incomplete', failedChecks: [], judgeMs: 1 }],
    cost: { judgeInputTokens: 0, judgeOutputTokens: 0, judgeUsd: 0, agentInputTokens: 0, agentOutputTokens: 0, agentUsd: 0, judgeMs: 1, wallMs: 1, turns: 1 },
    startedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('claude-settings judge: plugin hooks', () => {
  it('runs ${CLAUDE_PLUGIN_ROOT}/hooks/… with CLAUDE_PLUGIN_ROOT, CLAUDE_PROJECT_DIR and CLAUDE_CODE_SESSION_ID set', async () => {
    const log = path.join(temp.home, 'plugin-env');
    const root = await plugin(['${CLAUDE_PLUGIN_ROOT}/hooks/env.sh'], {
      'env.sh': `#!/bin/sh\ncat >/dev/null\nprintf '%s\\n' "$CLAUDE_PLUGIN_ROOT" "$CLAUDE_PROJECT_DIR" "$CLAUDE_CODE_SESSION_ID" "$(pwd)" > "${log}"\n`,
    });
    const input = await stop();
    const verdict = await judgeOver(root).judge(input, commandContext(temp, { episode: 'env' }));
    expect(verdict.criteria?.[0]?.evidence).toMatch(/^exit 0; let the stop through/);
    const [pluginRoot, projectDir, sessionId, cwd] = (await readFile(log, 'utf8')).trim().split('\n');
    expect(pluginRoot).toBe(root);
    expect(projectDir).toBe(input.workspace);
    expect(sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cwd).toBe(input.workspace);
  });

  it('expands ${VAR} as Claude Code does: its own variables in the command text, the rest by the shell from the hook\'s environment', async () => {
    const log = path.join(temp.home, 'plugin-expand');
    const root = await plugin([`echo "\${CLAUDE_PROJECT_DIR}|\${LOOP_NAME}|$HOME" > '${log}'`], {}, { LOOP_NAME: 'from-settings-env' });
    const input = await stop();
    await judgeOver(root).judge(input, commandContext(temp, { episode: 'expand' }));
    expect((await readFile(log, 'utf8')).trim()).toBe(`${input.workspace}|from-settings-env|${temp.home}`);
  });

  it('takes pluginRoot from the options over the folder of hooks.json', async () => {
    const root = await plugin(['test "$CLAUDE_PLUGIN_ROOT" = "$STOPBENCH_SUITE_DIR/elsewhere" || { echo "root is $CLAUDE_PLUGIN_ROOT" >&2; exit 2; }']);
    const verdict = await judgeOver(root, { pluginRoot: 'elsewhere' }).judge(await stop(), commandContext(temp, { episode: 'root' }));
    expect(verdict.decision).toBe('done');
  });

  it('a settings.json is no plugin: no CLAUDE_PLUGIN_ROOT', async () => {
    const dir = await tempDir('stopbench-settings-');
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'test -z "${CLAUDE_PLUGIN_ROOT-}" || exit 2' }] }] } }));
    const judge = ClaudeSettingsJudge.create('s', ClaudeSettingsOptionsSchema.parse({ settings: 'settings.json' }), dir);
    expect((await judge.judge(await stop(), commandContext(temp, { episode: 'nop' }))).decision).toBe('done');
  });
});

describe('claude-settings judge: a hook that breaks is visible, never a silent pass', () => {
  it('a Python hook that exits 0 with only an import-error systemMessage: the stop goes through, the message is kept and reported', async () => {
    const root = await plugin(['python3 "${CLAUDE_PLUGIN_ROOT}/hooks/rules.py"'], {
      'rules.py': [
        'import json, sys',
        'try:',
        '    import no_such_rules_engine',
        'except ImportError as e:',
        '    print(json.dumps({"systemMessage": f"rules hook: import error: {e}"}))',
        '    sys.exit(0)',
        '',
      ].join('\n'),
    });
    const verdict = await judgeOver(root).judge(await stop(), commandContext(temp, { episode: 'py' }));
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria?.[0]?.evidence).toContain("systemMessage: rules hook: import error: No module named 'no_such_rules_engine'");
    expect(hookNotes([resultOf(verdict)])).toEqual([expect.objectContaining({ kind: 'said', turn: 1, text: expect.stringContaining('import error') })]);
  });

  it('a hook that cannot start (exit 127) fails open, flagged, with its stderr', async () => {
    const root = await plugin(['${CLAUDE_PLUGIN_ROOT}/hooks/missing.sh']);
    const verdict = await judgeOver(root).judge(await stop(), commandContext(temp, { episode: '127' }));
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria).toContainEqual(expect.objectContaining({ id: 'hook-failed-open', met: false, evidence: expect.stringContaining('exited 127') }));
    expect(verdict.criteria?.[0]?.evidence).toMatch(/stderr: .*missing\.sh.*not found/);
    const notes = hookNotes([resultOf(verdict)]);
    expect(notes[0]).toMatchObject({ kind: 'failed open', hook: 'hook-failed-open' });
  });

  it('a crash of one hook does not hide another hook\'s block', async () => {
    const root = await plugin(['exit 1', 'echo "tests fail" >&2; exit 2']);
    const verdict = await judgeOver(root).judge(await stop(), commandContext(temp, { episode: 'mix' }));
    expect(verdict.decision).toBe('continue');
    expect(verdict.criteria?.map((c) => [c.id, c.met])).toEqual([['command: exit 1', false], ['command: echo "tests fail" >&2; exit 2', false], ['hook-failed-open', false]]);
  });
});
