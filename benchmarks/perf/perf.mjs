#!/usr/bin/env node
// npm run perf: the performance figures (issues 9 and 17), measured on this machine, one run each.
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
// `npm run perf -- --fixtures DIR`: measure another folder of fixtures (default: the shipped suite).
const fixturesArg = process.argv.slice(2).join(' ').match(/--fixtures[= ](\S+)/)?.[1];
const fixtures = fixturesArg ? path.resolve(fixturesArg) : path.join(root, 'fixtures');
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
 * with the commands it really ran by purpose (replay, oracle, judge, git). Every run has its own
 * command cache, so no run answers from another's.
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
const three = [{ id: 'trust', type: 'trust' }, { id: 'exit-code', type: 'exit-code' }, verify];
const five = [
  ...three,
  { id: 'verify-no-report', type: 'verify', disable: ['report'] },
  { id: 'verify-no-risk', type: 'verify', disable: ['risk'] },
];
const cores = os.cpus().length;
const allFixtures = readdirSync(fixtures, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(fixtures, e.name)).sort();

// The whole suite at concurrency = cores, as `npm run bench` runs it (its three judges): the wall
// time against the floor, the run's distinct command time spread over the cores.
console.log(`Running the whole suite (${allFixtures.length} fixtures) with trust, exit-code and verify at concurrency ${cores}...`);
const bench = await timedRun('bench', three, { concurrency: cores });
figures.bench = {
  cores,
  episodes: bench.episodes,
  wallMs: Math.round(bench.wallMs),
  distinctCommands: bench.commands,
  distinctCommandMs: Math.round(bench.commandMs),
  floorMs: Math.round(bench.commandMs / cores),
  ratio: round(bench.wallMs / (bench.commandMs / cores)),
  target: 1.25,
  byPurpose: bench.byPurpose,
};

// Extra deterministic judges on the whole suite: verify alone against the bench's three.
console.log('Running the whole suite with verify alone...');
const one = await timedRun('one-judge', [verify], { concurrency: cores });
figures.judges = { concurrency: cores, oneJudgeMs: Math.round(one.wallMs), threeJudgesMs: Math.round(bench.wallMs), ratio: round(bench.wallMs / one.wallMs), target: 1.1 };

// Scaling: one fixture in four (every toolchain), the five judges at concurrency 1, 2 and 4. At
// concurrency 1 the commands' time adds up, so wall against command time is the harness's overhead.
const sample = allFixtures.filter((_, i) => i % 4 === 0);
figures.concurrency = { fixtures: sample.length, cores, runs: [] };
for (const concurrency of [1, 2, 4]) {
  console.log(`Running ${sample.length} fixtures with the 5 judges at concurrency ${concurrency}...`);
  const run = await timedRun(`five-c${concurrency}`, five, { concurrency, fixtureDirs: sample });
  const first = figures.concurrency.runs[0];
  figures.concurrency.runs.push({
    concurrency,
    episodes: run.episodes,
    wallMs: Math.round(run.wallMs),
    commands: run.commands,
    commandMs: Math.round(run.commandMs),
    speedup: first ? round(first.wallMs / run.wallMs) : 1,
    byPurpose: run.byPurpose,
  });
}
const c1 = figures.concurrency.runs[0];
figures.overhead = { harnessWallMs: c1.wallMs, distinctCommands: c1.commands, distinctCommandMs: c1.commandMs, ratio: round(c1.wallMs / c1.commandMs), target: 1.25 };

// Extra deterministic judges on a small suite (5 fixtures): trust and exit-code run no command.
const small = allFixtures.slice(0, 5);
console.log('Running 5 fixtures with verify, then with trust, exit-code and verify...');
const smallOne = await timedRun('small-one', [verify], { fixtureDirs: small, concurrency: cores });
const smallThree = await timedRun('small-three', three, { fixtureDirs: small, concurrency: cores });
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

const b = figures.bench;
const j = figures.judges;
const o = figures.overhead;
const r = figures.report;
const c = figures.concurrency;
const sm = figures.smallSuite;
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const where = (run) => Object.entries(run.byPurpose).map(([purpose, v]) => `${purpose} ${sec(v.ms)}/${v.commands}`).join(', ');
console.log(`
whole suite, 3 judges at concurrency ${b.cores}: ${b.episodes} episodes in ${sec(b.wallMs)}; ${b.distinctCommands} distinct commands, ${sec(b.distinctCommandMs)}; floor ${sec(b.floorMs)}; ratio ${b.ratio} (target <= ${b.target})
  where the command time goes: ${where(b)}
verify vs trust,exit-code,verify (whole suite, concurrency ${j.concurrency}): ${sec(j.oneJudgeMs)} vs ${sec(j.threeJudgesMs)}  ratio ${j.ratio} (target <= ${j.target})
concurrency (${c.fixtures} fixtures, 5 judges, ${c.cores} cores): ${c.runs.map((run) => `${run.concurrency}: ${sec(run.wallMs)} (x${run.speedup})`).join(', ')}
${c.runs.map((run) => `  at ${run.concurrency}: ${run.commands} commands, ${sec(run.commandMs)}: ${where(run)}`).join('\n')}
harness vs commands at concurrency 1: ${sec(o.harnessWallMs)} wall vs ${sec(o.distinctCommandMs)} in ${o.distinctCommands} distinct commands  ratio ${o.ratio} (the rest is copies, git objects, diffs, hashing)
small suite (${sm.fixtures} fixtures): verify ${sec(sm.verifyMs)} vs trust,exit-code,verify ${sec(sm.threeJudgesMs)}  ratio ${sm.ratio} (target <= ${sm.target})
${describeColdStart(figures.coldStart)}
${describeMerge(figures.merge)}
report of ${r.episodes} episodes: ${r.seconds} s, peak ${r.peakMb} MB (targets < ${r.targetSeconds} s, < ${r.targetMb} MB), exit ${r.exitCode}
Written to reports/perf.json`);

function round(x) {
  return Math.round(x * 100) / 100;
}
