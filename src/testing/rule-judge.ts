import { answerJson, callTools, failure, type RecordedRequest, type Reply } from './fake-llm-server.js';

/** The answers the rule judge gives: the verdict of `llm` and `llm-agent`, a prompt/agent hook's `{ok, reason}`. */
const ANSWERS = ['verdict', 'hook_answer'] as const;

/**
 * The fake server's default answer, for rehearsals: accepts the agent's claim when the last command
 * shown in the prompt exited 0, else sends the agent back (an exit-code judge behind the LLM wire
 * format). It answers verdict requests (`llm`, `llm-agent`) and the `{ok, reason}` of Claude Code
 * prompt and agent hooks; a request that offers tools (an agent judge or hook) first gets one tool
 * call (`diff`, else `list_files`), then the answer. Token counts are estimated from the sizes.
 */
export function ruleJudge(request: RecordedRequest): Reply {
  const forced = forcedAnswer(request);
  const offered = offeredTools(request);
  const answer = forced ?? ANSWERS.find((name) => offered.includes(name));
  if (!answer) return failure(400, { message: 'fake LLM server: the rule judge answers verdict and hook requests only' })(request);
  const messages = (request.body.messages ?? []) as Array<{ role: string; content: unknown }>;
  const prompt = messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
  const system = typeof request.body.system === 'string' ? request.body.system : JSON.stringify(request.body.system ?? '');
  const tokens = (out: unknown) => ({ input: Math.ceil((prompt.length + system.length) / 4), output: Math.ceil(JSON.stringify(out).length / 4) });
  const sawToolResult = messages.some((m) => m.role === 'tool' || /"tool_result"/.test(JSON.stringify(m.content)));
  const look = ['diff', 'list_files'].find((name) => offered.includes(name));
  if (!forced && look && !sawToolResult) return run(callTools([{ name: look, args: {} }], tokens(look)), request);

  const claim = /\bClaim: (done|blocked)\b/.exec(prompt)?.[1] ?? 'done';
  const exits = [...prompt.matchAll(/\((exit (-?\d+|by signal)|timed out)\)/g)].map((m) => m[2] ?? 'timeout');
  const last = exits.at(-1);
  const passed = last === '0';
  const feedback = passed
    ? 'The last command exited 0.'
    : last === undefined ? 'No command was run; run the verification commands.' : `The last command ended with ${last}; fix it and rerun.`;
  const value = answer === 'hook_answer'
    ? { ok: passed, reason: feedback }
    : { decision: passed ? claim : 'continue', feedback, criteria: [{ id: 'last-command', met: passed, evidence: last === undefined ? 'no command' : `exit ${last}` }] };
  return run(forced ? answerJson(value, tokens(value)) : callTools([{ name: answer, args: value }], tokens(value)), request);
}

function run(script: ReturnType<typeof answerJson>, request: RecordedRequest): Reply {
  return (script as (r: RecordedRequest) => Reply)(request);
}

/** The structured answer the request forces: OpenAI's response_format name, Anthropic's tool_choice. */
function forcedAnswer(request: RecordedRequest): string | undefined {
  const format = request.body.response_format as { type?: string; json_schema?: { name?: string } } | undefined;
  const choice = request.body.tool_choice as { type?: string; name?: string } | undefined;
  const name = format?.json_schema?.name ?? (choice?.type === 'tool' ? choice.name : undefined);
  if (name) return name;
  return format?.type === 'json_object' ? 'verdict' : undefined;
}

function offeredTools(request: RecordedRequest): string[] {
  const tools = (request.body.tools ?? []) as Array<{ name?: string; function?: { name?: string } }>;
  return tools.map((t) => t.function?.name ?? t.name ?? '');
}
