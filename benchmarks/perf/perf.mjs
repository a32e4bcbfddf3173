#!/usr/bin/env node
// npm run perf: the performance figures of issue 9, measured on this machine, one run each.
// Prints them and writes reports/perf.json. Uses the built dist/ (npm run build first).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSuite } from '../../dist/runner/run.js';
import { execStats } from '../../dist/workspace/exec.js';
import { syntheticResults } from './synthetic.mjs';
import { describeColdStart, measureColdStart } from './cold-start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'fixtures');
const work = await mkdtemp(path.join(os.tmpdir(), 'stopbench-perf-'));
const figures = {};

// `npm run perf -- --only cold-start`: the cold-start figure alone, in a second.
if (process.argv.slice(2).join(' ').includes('cold-start')) {
  console.log(describeColdStart(measureColdStart(root)));
  await rm(work, { recursive: true, force: true });
  process.exit(0);
}

/** One run of the suite with these judges, in this process, at concurrency 1 so time adds up. */
async function timedRun(name, judges) {
  const suite = path.join(work, `${name}.yaml`);
  await writeFile(suite, [
    `name: ${name}`,
    `fixtures: [${JSON.stringify(fixtures)}]`,
    'agents: [{ id: replay, type: replay }]',
    `judges: [${judges.map((j) => JSON.stringify(j)).join(', ')}]`,
    'concurrency: 1',
  ].join('\n'));
  const before = { ...execStats };
  const started = performance.now();
  const result = await runSuite({ suiteFile: suite, outDir: path.join(work, name) });
  const wallMs = performance.now() - started;
  return { wallMs, episodes: result.results.length, commands: execStats.commands - before.commands, commandMs: execStats.ms - before.ms };
}

const verify = { id: 'verify', type: 'verify' };
const five = [
  verify,
  { id: 'trust', type: 'trust' },
  { id: 'exit-code', type: 'exit-code' },
  { id: 'verify-no-report', type: 'verify', disable: ['report'] },
  { id: 'verify-no-risk', type: 'verify', disable: ['risk'] },
];
console.log('Running the suite with 1 judge (verify), then with 5 deterministic judges...');
const one = await timedRun('one-judge', [verify]);
const fiveRun = await timedRun('five-judges', five);
figures.judges = {
  oneJudgeMs: Math.round(one.wallMs),
  fiveJudgesMs: Math.round(fiveRun.wallMs),
  ratio: round(fiveRun.wallMs / one.wallMs),
  target: 1.3,
};
// Harness overhead: its wall time against the summed time of the commands it really ran
// (every (state, command) pair once: cache hits run nothing).
figures.overhead = {
  harnessWallMs: Math.round(fiveRun.wallMs),
  distinctCommands: fiveRun.commands,
  distinctCommandMs: Math.round(fiveRun.commandMs),
  ratio: round(fiveRun.wallMs / fiveRun.commandMs),
  target: 1.25,
};

figures.coldStart = measureColdStart(root);

// Report build over 100,000 synthetic episodes, in a child process measured by GNU time.
const big = path.join(work, 'big');
await mkdir(big);
const episodes = 100_000;
await syntheticResults(path.join(big, 'results.jsonl'), episodes);
const timed = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(root, 'dist/cli/bin.js'), 'report', big, '--format', 'csv,json,md'], { encoding: 'utf8' });
const [seconds, maxKb] = timed.stderr.trim().split('\n').at(-1).split(' ').map(Number);
figures.report = { episodes, exitCode: timed.status, seconds, peakMb: Math.round(maxKb / 1024), targetSeconds: 5, targetMb: 500 };

await rm(work, { recursive: true, force: true });
await mkdir(path.join(root, 'reports'), { recursive: true });
await writeFile(path.join(root, 'reports/perf.json'), `${JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, ...figures }, null, 2)}\n`);

const j = figures.judges;
const o = figures.overhead;
const r = figures.report;
console.log(`
1 judge vs 5 judges:      ${(j.oneJudgeMs / 1000).toFixed(1)} s vs ${(j.fiveJudgesMs / 1000).toFixed(1)} s  ratio ${j.ratio} (target <= ${j.target})
harness vs commands:      ${(o.harnessWallMs / 1000).toFixed(1)} s wall vs ${(o.distinctCommandMs / 1000).toFixed(1)} s in ${o.distinctCommands} distinct commands  ratio ${o.ratio} (target <= ${o.target})
${describeColdStart(figures.coldStart)}
report of ${r.episodes} episodes: ${r.seconds} s, peak ${r.peakMb} MB (targets < ${r.targetSeconds} s, < ${r.targetMb} MB), exit ${r.exitCode}
Written to reports/perf.json`);

function round(x) {
  return Math.round(x * 100) / 100;
}
