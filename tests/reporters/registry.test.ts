import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { singleFileReporter } from '../../src/reporters/file-reporter.js';
import { reportFiles, reportFormats } from '../../src/reporters/registry.js';
import { runSuite } from '../../src/runner/run.js';
import { MINI_FIXTURES } from '../helpers/cli.js';

/** A new format, written here: one tab-separated line per (agent, judge). */
const tsvReporter = singleFileReporter('tsv', 'summary.tsv', (context) =>
  ['agent\tjudge\tepisodes\tfalse_done', ...context.summary.map((g) => `${g.agent}\t${g.judge}\t${g.episodes}\t${g.falseDone.numerator}`)].join('\n') + '\n');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
  } as unknown as Parameters<typeof main>[1];
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe('the reporter registry: a new format registered in one place', () => {
  let dir: string;
  let suite: string;
  let out: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-registry-'));
    suite = path.join(dir, 'suite.yaml');
    out = path.join(dir, 'out');
    await writeFile(suite, ['name: mini', `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`, 'agents: [{ id: replay, type: replay }]', 'judges: [{ id: trust, type: trust }]'].join('\n'));
    reportFormats.tsv = tsvReporter; // the one place
  });
  afterAll(async () => {
    delete reportFormats.tsv;
    await rm(dir, { recursive: true, force: true });
  });

  it('is written by `run` next to the built-in formats', async () => {
    const run = await cli(['run', '--suite', suite, '--out', out, '--no-progress']);
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(0);
    expect(await readFile(path.join(out, 'summary.tsv'), 'utf8')).toBe('agent\tjudge\tepisodes\tfalse_done\nreplay\ttrust\t3\t2\n');
    for (const file of ['summary.csv', 'summary.json', 'report.md', 'report.html', 'junit.xml']) expect(await exists(path.join(out, file))).toBe(true);
  });

  it('is a --format of `report`, listed in its help and its error', async () => {
    await rm(path.join(out, 'summary.tsv'));
    const report = await cli(['report', out, '--format', 'tsv']);
    expect(report.code).toBe(0);
    expect(await readFile(path.join(out, 'summary.tsv'), 'utf8')).toMatch(/^agent\tjudge/);
    expect((await cli(['report', '--help'])).stdout).toMatch(/md, html, csv, json, junit, tsv/);
    const bad = await cli(['report', out, '--format', 'pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown format pdf \(expected md, html, csv, json, junit, tsv\)/);
  });

  it('has its file cleared by a fresh run that does not write it, like every registered format', async () => {
    expect(reportFiles()).toContain('summary.tsv');
    await writeFile(path.join(out, 'summary.tsv'), 'stale\n');
    await runSuite({ suiteFile: suite, outDir: out, overwrite: true, reporters: [] });
    expect(await exists(path.join(out, 'results.jsonl'))).toBe(true);
    expect(await exists(path.join(out, 'summary.tsv'))).toBe(false);
    expect(await exists(path.join(out, 'summary.csv'))).toBe(false);
  });
});
