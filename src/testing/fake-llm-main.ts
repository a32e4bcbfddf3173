import { spawn } from 'node:child_process';
import { FakeLlmServer } from './fake-llm-server.js';
import { ruleJudge } from './rule-judge.js';

/**
 * `npm run fake-llm [-- --port N] [-- command ...]`: the local test server with a rule-based judge,
 * for rehearsing LLM-judge suites without a key or the network. With a command, it runs the command
 * against the server (STOPBENCH_OPENAI_BASE_URL, STOPBENCH_ANTHROPIC_BASE_URL and fake keys set) and
 * exits with its code; without one, it serves until interrupted.
 */

async function main(argv: string[]): Promise<number> {
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const portFlag = own.indexOf('--port');
  const port = portFlag === -1 ? 0 : Number(own[portFlag + 1]);
  if (!Number.isInteger(port) || port < 0) {
    process.stderr.write('fake-llm: --port expects a whole number\n');
    return 2;
  }
  const server = await FakeLlmServer.start({ port, fallback: ruleJudge });
  process.stderr.write(`fake LLM server on ${server.url} (OpenAI base URL ${server.openaiBaseURL}, Anthropic base URL ${server.anthropicBaseURL})\n`);
  if (!command.length) {
    process.stdout.write(`STOPBENCH_OPENAI_BASE_URL=${server.openaiBaseURL}\nSTOPBENCH_ANTHROPIC_BASE_URL=${server.anthropicBaseURL}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  }
  const env = {
    ...process.env,
    STOPBENCH_OPENAI_BASE_URL: server.openaiBaseURL,
    STOPBENCH_ANTHROPIC_BASE_URL: server.anthropicBaseURL,
    // Fake keys, so a real key is never sent anywhere by a rehearsal.
    OPENAI_API_KEY: 'fake-llm-key',
    ANTHROPIC_API_KEY: 'fake-llm-key',
  };
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? 1)));
  process.stderr.write(`fake LLM server answered ${server.requests.length} requests\n`);
  await server.close();
  return code;
}

process.exitCode = await main(process.argv.slice(2));
