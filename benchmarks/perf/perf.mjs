#!/usr/bin/env node
// npm run perf: the performance figures of issue 9, measured on this machine, one run each.
// Prints them and writes reports/perf.json. Uses the built dist/ (npm run build first).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSuite } from '../../dist/runner/run.js';
import { execStats } from '../../dist/workspace/exec.js';
import { syntheticResults } from './synthetic.mjs';
import { syntheticShards } from './shards.mjs';
import { describeColdStart, measureColdStart } from './cold-start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'fixtures');
const work = await mkdtemp(path.join(os.tmpdir(), 'stopbench-perf-'));
const figures = {};

// `npm run perf -- --only cold-start` (or `--only merge`): that figure alone.
const only = process.argv.slice(2).join(' ').match(/--only[= ](\S+)/)?.[1];
if (only === 'cold-start') {
  console.log(describeColdStart(measureColdStart(root)));
  await rm(work, { recursive: true, force: true });
  process.exit(0);
}
if (only === 'merge') {
  console.log(describeMerge(await measureMerge()));
  await rm(work, { recursive: true, force: true });
  process.exit(0);
}

/**
 * One run of the suite with these judges, in this process (default concurrency 1, so time adds up),
 * with the commands it really ran by purpose (replay, oracle, judge, git).
 */
async function timedRun(name, judges, { concurrency = 1, fixtureDirs = [fixtures] } = {}) {
  const suite = path.join(work, `${name}.yaml`);
  await writeFile(suite, [
    `name: ${name}`,
    `fixtures: [${fixtureDirs.map((f) => JSON.stringify(f)).join(', ')}]`,
    'agents: [{ id: replay, type: replay }]',
    `judges: [${judges.map((j) => JSON.stringify(j)).join(', ')}]`,
    `concurrency: ${concurrency}`,
  ].join('\n'));
  const before = structuredClone(execStats);
  const started = performance.now();
  const result = await runSuite({ suiteFile: suite, outDir: path.join(work, name) });
  const wallMs = performance.now() - started;
  const byPurpose = Object.fromEntries(Object.entries(execStats.byPurpose).map(([purpose, now]) => {
    const was = before.byPurpose[purpose] ?? { commands: 0, ms: 0 };
    return [purpose, { commands: now.commands - was.commands, ms: Math.round(now.ms - was.ms) }];
  }).filter(([, v]) => v.commands > 0));
  return { wallMs, episodes: result.results.length, commands: execStats.commands - before.commands, commandMs: execStats.ms - before.ms, byPurpose };
}

/** `stopbench merge` of 100,000 synthetic episodes in 20 shards, in a child process measured by GNU time. */
async function measureMerge() {
  const episodes = 100_000;
  const shards = 20;
  const dirs = await syntheticShards(path.join(work, 'shards'), episodes, shards);
  const timed = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(root, 'dist/cli/bin.js'), 'merge', ...dirs, '--out', path.join(work, 'merged')], { encoding: 'utf8' });
  const [seconds, maxKb] = timed.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { episodes, shards, exitCode: timed.status, seconds, peakMb: Math.round(maxKb / 1024), targetSeconds: 10, targetMb: 500 };
}

function describeMerge(m) {
  return `merge of ${m.shards} shards, ${m.episodes} episodes: ${m.seconds} s, peak ${m.peakMb} MB (targets <= ${m.targetSeconds} s, <= ${m.targetMb} MB), exit ${m.exitCode}`;
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

// Scaling: the five judges at concurrency 2 and 4 against 1; the floor is the distinct commands'
// time spread over the cores.
const cores = os.cpus().length;
figures.concurrency = { cores, runs: [{ concurrency: 1, wallMs: Math.round(fiveRun.wallMs), speedup: 1, byPurpose: fiveRun.byPurpose }] };
for (const concurrency of [2, 4]) {
  console.log(`Running the 5 judges at concurrency ${concurrency}...`);
  const run = await timedRun(`five-c${concurrency}`, five, { concurrency });
  figures.concurrency.runs.push({ concurrency, wallMs: Math.round(run.wallMs), speedup: round(fiveRun.wallMs / run.wallMs), byPurpose: run.byPurpose });
}
const atCores = figures.concurrency.runs.find((r) => r.concurrency === Math.min(cores, 4)) ?? figures.concurrency.runs.at(-1);
figures.concurrency.floorMs = Math.round(fiveRun.commandMs / cores);
figures.concurrency.ratioAtCores = round(atCores.wallMs / figures.concurrency.floorMs);
figures.concurrency.target = 1.25;

// Extra deterministic judges on a small suite (5 fixtures): trust and exit-code run no command.
const small = readdirSync(fixtures).sort().slice(0, 5).map((name) => path.join(fixtures, name));
console.log('Running 5 fixtures with verify, then with trust, exit-code and verify...');
const smallOne = await timedRun('small-one', [verify], { fixtureDirs: small });
const smallThree = await timedRun('small-three', [{ id: 'trust', type: 'trust' }, { id: 'exit-code', type: 'exit-code' }, verify], { fixtureDirs: small });
figures.smallSuite = { fixtures: small.length, verifyMs: Math.round(smallOne.wallMs), threeJudgesMs: Math.round(smallThree.wallMs), ratio: round(smallThree.wallMs / smallOne.wallMs), target: 1.1 };

figures.coldStart = measureColdStart(root);
figures.merge = await measureMerge();

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
const c = figures.concurrency;
const sm = figures.smallSuite;
const where = (run) => Object.entries(run.byPurpose).map(([purpose, v]) => `${purpose} ${(v.ms / 1000).toFixed(1)} s/${v.commands}`).join(', ');
console.log(`
1 judge vs 5 judges:      ${(j.oneJudgeMs / 1000).toFixed(1)} s vs ${(j.fiveJudgesMs / 1000).toFixed(1)} s  ratio ${j.ratio} (target <= ${j.target})
harness vs commands:      ${(o.harnessWallMs / 1000).toFixed(1)} s wall vs ${(o.distinctCommandMs / 1000).toFixed(1)} s in ${o.distinctCommands} distinct commands  ratio ${o.ratio} (target <= ${o.target})
concurrency (${c.cores} cores): ${c.runs.map((run) => `${run.concurrency}: ${(run.wallMs / 1000).toFixed(1)} s (x${run.speedup})`).join(', ')}; at ${Math.min(c.cores, 4)}: ${c.ratioAtCores} x the floor of ${(c.floorMs / 1000).toFixed(1)} s (target <= ${c.target})
  where the command time goes at concurrency 1: ${where(c.runs[0])}; the rest of the wall time is the harness (copies, git objects, diffs, waiting)
small suite (${sm.fixtures} fixtures): verify ${(sm.verifyMs / 1000).toFixed(1)} s vs trust,exit-code,verify ${(sm.threeJudgesMs / 1000).toFixed(1)} s  ratio ${sm.ratio} (target <= ${sm.target})
${describeColdStart(figures.coldStart)}
${describeMerge(figures.merge)}
report of ${r.episodes} episodes: ${r.seconds} s, peak ${r.peakMb} MB (targets < ${r.targetSeconds} s, < ${r.targetMb} MB), exit ${r.exitCode}
Written to reports/perf.json`);

function round(x) {
  return Math.round(x * 100) / 100;
}
