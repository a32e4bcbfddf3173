/**
 * Names that look like credentials: never handed to a fixture, agent or judge command. A password
 * counts anywhere in the name (PGPASSWORD has no separator).
 */
const SECRET_NAME = /(^|_)(KEY|TOKEN|SECRET|CREDENTIALS?)(_|$)|PASSW(OR)?D/i;

/**
 * Variables of the harness's own process that would change how a fixture's commands behave (a test
 * runner inside a test runner reports as a subtest; NODE_OPTIONS could preload anything).
 */
const LEAKY_NAME = /^(NODE_OPTIONS|NODE_TEST_CONTEXT|VITEST.*|NODE_V8_COVERAGE|FORCE_COLOR|GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE)$/;

/** The environment of every command stopbench runs: the user's, less secrets, with HOME in the temp area. */
export function commandEnv(home: string, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || SECRET_NAME.test(name) || LEAKY_NAME.test(name)) continue;
    env[name] = value;
  }
  Object.assign(env, {
    HOME: home,
    PYTHONDONTWRITEBYTECODE: '1',
    NO_COLOR: '1',
    GIT_AUTHOR_NAME: 'stopbench',
    GIT_AUTHOR_EMAIL: 'stopbench@localhost',
    GIT_COMMITTER_NAME: 'stopbench',
    GIT_COMMITTER_EMAIL: 'stopbench@localhost',
    GIT_CONFIG_NOSYSTEM: '1',
  });
  return env;
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
