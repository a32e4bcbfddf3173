import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandEnv, isSecretName } from '../../src/workspace/env.js';
import { runCommand } from '../../src/workspace/exec.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { testSandbox } from '../helpers/sandbox.js';

const PARENT = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  LANG: 'C.UTF-8',
  HOME: '/home/someone',
  OPENAI_API_KEY: 'sk-1',
  ANTHROPIC_API_KEY: 'sk-2',
  GITHUB_TOKEN: 'ghp-3',
  AWS_SECRET_ACCESS_KEY: 'aws-4',
  AWS_ACCESS_KEY_ID: 'aws-5',
  DB_PASSWORD: 'pw-6',
  PGPASSWORD: 'pw-7',
  SMTP_PASSWD: 'pw-8',
  GOOGLE_APPLICATION_CREDENTIALS: '/creds.json',
  npm_config__auth_token: 'npm-9',
  NODE_OPTIONS: '--require /evil.js',
  NODE_TEST_CONTEXT: 'child-v8',
  VITEST: 'true',
  VITEST_POOL_ID: '1',
  VITEST_WORKER_ID: '2',
  KEYBOARD_LAYOUT: 'us',
  TOKENIZERS_PARALLELISM: 'false',
  MONKEY_MODE: 'on',
};

describe('commandEnv', () => {
  const env = commandEnv('/tmp/area/home', PARENT);

  it.each([
    'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID',
    'DB_PASSWORD', 'PGPASSWORD', 'SMTP_PASSWD', 'GOOGLE_APPLICATION_CREDENTIALS', 'npm_config__auth_token',
  ])('drops the secret %s', (name) => {
    expect(env).not.toHaveProperty(name);
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID'])(
    'drops %s, which would change how a test runner behaves',
    (name) => {
      expect(env).not.toHaveProperty(name);
    },
  );

  it('keeps ordinary variables, even those with KEY or TOKEN inside a word', () => {
    expect(env).toMatchObject({
      PATH: PARENT.PATH,
      LANG: 'C.UTF-8',
      KEYBOARD_LAYOUT: 'us',
      TOKENIZERS_PARALLELISM: 'false',
      MONKEY_MODE: 'on',
    });
    for (const name of ['PATH', 'KEYBOARD_LAYOUT', 'TOKENIZERS_PARALLELISM', 'MONKEY_MODE']) expect(isSecretName(name)).toBe(false);
  });

  it('sets HOME to the given folder and PYTHONDONTWRITEBYTECODE=1', () => {
    expect(env.HOME).toBe('/tmp/area/home');
    expect(env.PYTHONDONTWRITEBYTECODE).toBe('1');
  });

  it('reads process.env by default', () => {
    expect(commandEnv('/h').PATH).toBe(process.env.PATH);
  });
});

describe('commandEnv with runCommand', () => {
  let temp: TempArea;
  const saved = { ...process.env };
  beforeEach(async () => {
    temp = await TempArea.create('stopbench-env-test-');
    process.env.OPENAI_API_KEY = 'sk-must-not-leak';
    process.env.MY_SERVICE_API_KEY = 'sk-must-not-leak-either';
  });
  afterEach(async () => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    await temp.dispose();
  });

  it('hands a command no *_API_KEY even when the parent has one', async () => {
    const r = await runCommand('env', { cwd: temp.root, env: commandEnv(temp.home), timeoutMs: 5_000, sandbox: testSandbox() });
    expect(r.exitCode).toBe(0);
    const names = r.stdout.split('\n').map((line) => line.split('=')[0]);
    expect(names).toContain('PATH');
    expect(names.filter((name) => /_API_KEY$/.test(name ?? ''))).toEqual([]);
    expect(r.stdout).not.toContain('sk-must-not-leak');
    expect(r.stdout).toContain(`HOME=${temp.home}\n`);
    expect(r.stdout).toContain('PYTHONDONTWRITEBYTECODE=1\n');
  });
});
