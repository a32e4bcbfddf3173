#!/usr/bin/env node
// A "tests must pass" Claude Code Stop hook: runs the repository's test suite in the session's
// folder and blocks the stop while it fails, with exit code 2 and the failing output on stderr (the
// other way a Stop hook can block). It picks the runner from the repository: `node --test` when there
// is a package.json or a test/ folder of JavaScript tests, `python3 -m unittest` when there are
// Python tests, nothing otherwise. It trusts the exit code alone, like most such hooks: zero tests,
// skipped tests or hidden edge cases pass.
//
// With --once it honours stop_hook_active, as the Claude Code documentation suggests for avoiding
// loops: it blocks at most once per request. Node built-ins only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const input = JSON.parse(readFileSync(0, 'utf8'));
if (process.argv.includes('--once') && input.stop_hook_active) process.exit(0);

const cwd = input.cwd ?? process.cwd();
const command = testCommand(cwd);
if (!command) process.exit(0);

const run = spawnSync('sh', ['-c', `${command} 2>&1`], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
if (run.status === 0) process.exit(0);
const output = (run.stdout ?? '').trim();
process.stderr.write(`The tests fail (${command} exited ${run.status ?? run.signal}). Fix them before stopping:\n${output.slice(-3000)}\n`);
process.exit(2);

function testCommand(dir) {
  const files = list(dir);
  if (existsSync(path.join(dir, 'package.json')) || files.some((f) => /\.test\.[cm]?js$/.test(f))) return 'node --test';
  if (files.some((f) => /(^|\/)test_[^/]*\.py$/.test(f))) return 'python3 -m unittest';
  return null;
}

function list(dir, rel = '', out = []) {
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) list(dir, child, out);
    else out.push(child);
  }
  return out;
}
