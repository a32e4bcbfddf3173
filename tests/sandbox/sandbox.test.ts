import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveSandbox, type SandboxSettings } from '../../src/sandbox/settings.js';
import { commandEnv } from '../../src/workspace/env.js';
import { runCommand } from '../../src/workspace/exec.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { BUBBLEWRAP, skipUnless } from '../helpers/system-tools.js';

/**
 * The sandbox's promises, checked under bubblewrap for real. Without bwrap these tests skip with the
 * reason; CI installs it and sets STOPBENCH_REQUIRE_SYSTEM_TOOLS=1 (.ci/run), where they fail instead.
 */
const skip = skipUnless(BUBBLEWRAP);
beforeEach((ctx) => {
  if (skip) ctx.skip(skip);
});

describe('commands under bubblewrap', () => {
  let temp: TempArea;
  let workspace: string;
  let server: http.Server;
  let port: number;
  let sandbox: SandboxSettings;
  const secretFile = path.join(os.homedir(), `.stopbench-test-secret-${process.pid}`);

  beforeAll(async () => {
    if (skip) return;
    sandbox = resolveSandbox({ mode: 'bwrap' });
    expect(sandbox.bwrap, 'bubblewrap must work here: apt-get install bubblewrap').toBe(true);
    temp = await TempArea.create();
    workspace = await temp.dir('ws');
    await writeFile(secretFile, 'host secret\n');
    server = http.createServer((_req, res) => res.end('reached')).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    if (skip) return;
    server.close();
    await rm(secretFile, { force: true });
    await temp.dispose();
  });

  const run = (command: string, extraEnv: Record<string, string> = {}, settings = sandbox) =>
    runCommand(command, { cwd: workspace, env: commandEnv(temp.home, { ...process.env, ...extraEnv }), timeoutMs: 20_000, sandbox: settings });

  it("cannot read the host's home (a ~/.ssh-style file)", async () => {
    const result = await run(`cat ${JSON.stringify(secretFile)}`);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).not.toContain('host secret');
    expect(result.output).toMatch(/No such file/);
  });

  it('cannot write outside its workspace', async () => {
    const sibling = await temp.dir('other-workspace');
    const result = await run(`echo x > ${JSON.stringify(path.join(sibling, 'planted'))}; echo x > /etc/stopbench-planted; echo x > inside.txt`);
    await expect(access(path.join(sibling, 'planted'))).rejects.toThrow();
    await expect(access('/etc/stopbench-planted')).rejects.toThrow();
    await expect(access(path.join(workspace, 'inside.txt'))).resolves.toBeUndefined();
    expect(result.output).toMatch(/Read-only file system/);
  });

  it('cannot open a TCP connection to a server listening on 127.0.0.1', async () => {
    const url = `http://127.0.0.1:${port}/`;
    // The same request from outside the sandbox reaches the server (async: the server is in this process).
    const outside = await promisify(execFile)(process.execPath, ['-e', `fetch(${JSON.stringify(url)}).then(r => r.text()).then(console.log)`], { timeout: 10_000 });
    expect(outside.stdout.trim()).toBe('reached');
    const result = await run(`node -e "fetch('${url}').then(r => r.text()).then(t => console.log('got', t), e => console.log('refused', e.cause && e.cause.code))"`);
    expect(result.output).toMatch(/refused/);
    expect(result.output).not.toContain('got reached');
  });

  it('has no *_API_KEY in its environment', async () => {
    const result = await run('env', { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test', MY_SERVICE_TOKEN: 't' });
    expect(result.exitCode).toBe(0);
    expect(result.output).not.toMatch(/_API_KEY=|_TOKEN=/);
    expect(result.output).toMatch(/^HOME=/m);
  });

  it('still runs the toolchains fixtures need', async () => {
    const result = await run('node -e "console.log(1 + 1)" && python3 -c "print(2 + 2)" && git --version');
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^2\n4\ngit version/);
  });

  it('caps processes: a fork bomb hits the limit instead of the machine', async () => {
    const result = await run('i=0; while [ $i -lt 1000 ]; do sleep 5 & i=$((i+1)); done; echo spawned');
    expect(result.limitHit).toBe('processes');
  });

  it('caps file size: a huge write stops at the limit', async () => {
    await mkdir(workspace, { recursive: true });
    const result = await run('head -c 10000000 /dev/zero > big.bin; echo after', {}, resolveSandbox({ mode: 'bwrap', limits: { fileBytes: 1024 * 1024 } }));
    expect(result.limitHit).toBe('file-size');
  });
});

describe('process hygiene under bubblewrap', () => {
  it('leaves no process behind after a timeout, even one that left the process group', async () => {
    const sandbox = resolveSandbox({ mode: 'bwrap' });
    const temp = await TempArea.create();
    try {
      const marker = `stopbench-orphan-${process.pid}-${Date.now()}`;
      const alive = async () => {
        const ps = await promisify(execFile)('ps', ['-eo', 'stat=,args=']);
        return ps.stdout.split('\n').filter((line) => line.includes(marker) && !line.trim().startsWith('Z') && !line.includes('bwrap'));
      };
      const running = runCommand(`setsid sh -c 'sleep 30; true' ${marker} & sh -c 'sleep 30; true' ${marker}`, { cwd: await temp.dir('ws'), env: commandEnv(temp.home), timeoutMs: 1500, sandbox });
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect((await alive()).length).toBeGreaterThanOrEqual(2); // both are there while it runs, one in a session of its own
      const result = await running;
      expect(result.timedOut).toBe(true);
      expect(await alive()).toEqual([]);
    } finally {
      await temp.dispose();
    }
  });
});
