import { answerJson, failure, type RecordedRequest, type Reply } from './fake-llm-server.js';

/**
 * The fake server's default answer to a verdict request, for rehearsals: accepts the agent's claim
 * when the last command shown in the prompt exited 0, else sends the agent back (an exit-code judge
 * behind the LLM wire format). Token counts are estimated from the request and answer sizes.
 */
export function ruleJudge(request: RecordedRequest): Reply {
  if (!request.body.response_format && !request.body.tool_choice) {
    return failure(400, { message: 'fake LLM server: the rule judge answers verdict requests only' })(request);
  }
  const messages = (request.body.messages ?? []) as Array<{ role: string; content: unknown }>;
  const prompt = messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
  const claim = /\bClaim: (done|blocked)\b/.exec(prompt)?.[1] ?? 'done';
  const exits = [...prompt.matchAll(/\((exit (-?\d+|by signal)|timed out)\)/g)].map((m) => m[2] ?? 'timeout');
  const last = exits.at(-1);
  const verdict = last === '0'
    ? { decision: claim, feedback: 'The last command exited 0.', criteria: [{ id: 'last-command', met: true, evidence: 'exit 0' }] }
    : {
        decision: 'continue',
        feedback: last === undefined ? 'No command was run; run the verification commands.' : `The last command ended with ${last}; fix it and rerun.`,
        criteria: [{ id: 'last-command', met: false, evidence: last === undefined ? 'no command' : `exit ${last}` }],
      };
  const system = typeof request.body.system === 'string' ? request.body.system : JSON.stringify(request.body.system ?? '');
  const tokens = { input: Math.ceil((prompt.length + system.length) / 4), output: Math.ceil(JSON.stringify(verdict).length / 4) };
  return (answerJson(verdict, tokens) as (r: RecordedRequest) => Reply)(request);
}

