import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-report-'));
  await cp(path.join(ROOT, 'tests/fixtures/results/results.jsonl'), path.join(dir, 'results.jsonl'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('stopbench report --format', () => {
  it('writes every format by default: md, html, csv, json, junit', async () => {
    const run = runCli(['report', dir]);
    expect(run.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'report.md', 'results.jsonl', 'summary.csv', 'summary.json']);
  });

  it('rejects an unknown format with exit 2, naming the known ones', () => {
    const run = runCli(['report', dir, '--format', 'html,pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown format pdf \(expected md, html, csv, json, junit\)/);
  });
});
