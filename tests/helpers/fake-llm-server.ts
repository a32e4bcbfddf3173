/**
 * The local OpenAI/Anthropic wire-protocol server the LLM tests drive the real SDK clients against.
 * It lives in src/testing so that `npm run fake-llm` can start the same server from dist/.
 */
export * from '../../src/testing/fake-llm-server.js';
export { ruleJudge } from '../../src/testing/rule-judge.js';
