import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_FIXTURES, ROOT } from './helpers/cli.js';

/**
 * The package as a user gets it: `npm pack` of the built project, installed into a separate project,
 * imported by its name. Offline: npm cannot fetch the dependencies, so the consumer's node_modules
 * gets the project's production dependencies first (hard links, else copies; never symlinks, which
 * npm would prune through into the project's own node_modules), and npm then installs only the
 * tarball (`--offline --no-save`), finding every dependency already satisfied.
 */
let tmp: string;
let consumer: string;

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The project's production dependency closure, as top-level folders of its node_modules. */
function productionDependencies(): string[] {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' }).stdout;
  const prefix = `${path.join(ROOT, 'node_modules')}${path.sep}`;
  const tops = listed.split('\n').filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length).split(path.sep))
    .map((parts) => (parts[0]!.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/'));
  return [...new Set(tops)].sort();
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'stopbench-package-'));
  // global-setup.ts has built dist/; --ignore-scripts keeps `prepare` from building it again.
  run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], ROOT);
  const tarball = (await readdir(tmp)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  consumer = path.join(tmp, 'consumer');
  await mkdir(path.join(consumer, 'node_modules'), { recursive: true });
  await writeFile(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const dep of productionDependencies()) {
    await mkdir(path.dirname(path.join(consumer, 'node_modules', dep)), { recursive: true });
    const from = path.join(ROOT, 'node_modules', dep);
    const to = path.join(consumer, 'node_modules', dep);
    if (spawnSync('cp', ['-al', from, to]).status !== 0) run('cp', ['-R', from, to], consumer);
  }
  run('npm', ['install', '--no-save', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', path.join(tmp, tarball)], consumer);
}, 300_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the packed package, installed in another project', () => {
  it('exports the library API by the package name', () => {
    const script = "import('stopbench').then((m) => console.log(JSON.stringify(Object.fromEntries(['runSuite', 'validateFixtures', 'compareResults', 'preflight', 'judgeRepository', 'TaskSchema', 'VerdictSchema', 'EpisodeResultSchema', 'reportFormats', 'judgeTypes', 'agentTypes'].map((n) => [n, typeof m[n]])))))";
    const out = run(process.execPath, ['-e', script], consumer).stdout;
    expect(JSON.parse(out)).toEqual({
      runSuite: 'function', validateFixtures: 'function', compareResults: 'function', preflight: 'function', judgeRepository: 'function',
      TaskSchema: 'object', VerdictSchema: 'object', EpisodeResultSchema: 'object', reportFormats: 'object', judgeTypes: 'object', agentTypes: 'object',
    });
  });

  it('ships its type declarations and hides its internals behind `exports`', async () => {
    const manifest = JSON.parse(await readFile(path.join(consumer, 'node_modules/stopbench/package.json'), 'utf8')) as { types: string };
    expect(await readFile(path.join(consumer, 'node_modules/stopbench', manifest.types), 'utf8')).toMatch(/export \{ runSuite/);
    const deep = spawnSync(process.execPath, ['-e', "import('stopbench/dist/runner/run.js').then(() => console.log('imported'), (e) => console.log(e.code))"], { cwd: consumer, encoding: 'utf8' });
    expect(deep.stdout.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('runs a one-fixture suite and validates the fixture through the library', async () => {
    const suite = path.join(consumer, 'suite.yaml');
    const fixture = path.join(MINI_FIXTURES, 'counter');
    await writeFile(suite, ['name: from-package', `fixtures: [${JSON.stringify(fixture)}]`, 'agents: [{ id: replay, type: replay }]', 'judges: [{ id: trust, type: trust }, { id: verify, type: verify }]'].join('\n'));
    const out = path.join(consumer, 'out');
    const script = [
      "import { runSuite, validateFixtures, compareResults, reportFormats } from 'stopbench';",
      `const fixture = ${JSON.stringify(fixture)};`,
      `const result = await runSuite({ suiteFile: ${JSON.stringify(suite)}, outDir: ${JSON.stringify(out)}, reporters: Object.values(reportFormats) });`,
      'const [validation] = await validateFixtures([fixture]);',
      `const gate = await compareResults({ base: ${JSON.stringify(out)}, new: ${JSON.stringify(out)}, baseJudge: 'trust', newJudge: 'verify', gate: { maxFalseDoneRate: 0.5 } });`,
      'console.log(JSON.stringify({ episodes: result.results.length, summary: result.summary.map((g) => [g.judge, g.episodes, g.falseDone.numerator, g.falseDone.denominator]), valid: validation.lines.every((l) => l.ok), regression: gate.gate.regression }));',
    ].join('\n');
    await writeFile(path.join(consumer, 'use.mjs'), script);
    const printed = JSON.parse(run(process.execPath, ['use.mjs'], consumer).stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(printed).toEqual({ episodes: 6, summary: [['trust', 3, 2, 3], ['verify', 3, 1, 2]], valid: true, regression: false });
    expect((await readdir(out)).sort()).toEqual(['junit.xml', 'report.html', 'report.md', 'results.jsonl', 'summary.csv', 'summary.json']);
  });
});
