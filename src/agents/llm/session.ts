import { rm } from 'node:fs/promises';
import type { Fixture } from '../../load/fixture.js';
import { addUsage, type ModelClient } from '../../llm/client.js';
import { ModelFailure, withUsage } from '../../llm/failure.js';
import type { ChatMessage } from '../../llm/types.js';
import type { TranscriptEntry, Usage } from '../../schemas/judging.js';
import type { Workspace } from '../../workspace/workspace.js';
import { renderTask } from '../task-prompt.js';
import type { AgentSession, TurnEnd } from '../types.js';
import { runTool, TOOL_SPECS } from './tools.js';

/** Per-episode limits of an LLM agent. */
export interface AgentBudget {
  /** Output-token limit of one answer. */
  maxTokens: number;
  /** Model calls per episode. */
  maxSteps: number;
  /** Input plus output tokens per episode. */
  maxEpisodeTokens: number;
  /** Longest tool output returned to the model, in characters. */
  maxToolOutputChars: number;
}

const SYSTEM = [
  'You are a coding agent working in a git repository; every path is relative to its root.',
  'Use the tools to read, change and test the code. When the goal is met, call `finish` with claim',
  '`done` and a report; if it cannot be met as specified, call `finish` with claim `blocked` and say',
  'why. A judge reviews each `finish` and may send you back with feedback.',
].join(' ');

const NUDGE = 'Use the tools to work on the task; call `finish` to end your turn.';

/**
 * One live episode: a tool-calling loop in the episode's workspace. A turn ends when the model calls
 * `finish`; the judge's feedback opens the next turn. Running out of steps or tokens is an agent
 * failure (the episode ends as `error`, the tokens spent still counted).
 */
export class LlmAgentSession implements AgentSession {
  private readonly messages: ChatMessage[];
  private readonly transcript: TranscriptEntry[] = [];
  private readonly snapshots: string[] = [];
  private turn = 0;
  private steps = 0;
  private tokens = 0;

  constructor(
    private readonly agentId: string,
    private readonly fixture: Fixture,
    private readonly workspace: Workspace,
    private readonly client: ModelClient,
    private readonly budget: AgentBudget,
    private readonly repeat: number,
  ) {
    this.messages = [{ role: 'user', content: renderTask(fixture.task.contract) }];
  }

  async next(feedback: string | undefined, signal: AbortSignal): Promise<TurnEnd | null> {
    if (this.turn >= this.fixture.task.limits.turns) return null;
    const turn = ++this.turn;
    if (turn > 1) {
      this.messages.push({ role: 'user', content: `A judge reviewed your stop attempt and sent you back:\n\n${feedback ?? 'The goal is not met yet.'}` });
    }
    let usage: Usage | undefined;
    try {
      for (;;) {
        this.checkBudget(turn, usage);
        this.steps += 1;
        const call = await this.client.call(
          { system: SYSTEM, messages: [...this.messages], temperature: this.client.temperature, maxTokens: this.budget.maxTokens, tools: TOOL_SPECS },
          this.repeat,
          signal,
        );
        usage = addUsage(usage, call.usage);
        this.tokens += call.usage.inputTokens + call.usage.outputTokens;
        const { text, toolCalls } = call.response;
        if (text.trim()) this.transcript.push({ turn, kind: 'say', text: text.trim() });
        this.messages.push({ role: 'assistant', content: text, ...(toolCalls.length ? { toolCalls } : {}) });
        if (!toolCalls.length) {
          this.messages.push({ role: 'user', content: NUDGE });
          continue;
        }
        let finish: { claim: 'done' | 'blocked'; report: string } | undefined;
        for (const toolCall of toolCalls) {
          // Every call gets a result (both APIs require it), even those after `finish`.
          const outcome = finish
            ? { content: 'error: skipped, `finish` was already called', isError: true }
            : await runTool(toolCall, {
                workspace: this.workspace, turn, commandTimeoutMs: this.fixture.task.limits.commandTimeoutMs,
                maxOutputChars: this.budget.maxToolOutputChars, signal,
              });
          if ('entry' in outcome && outcome.entry) this.transcript.push(outcome.entry);
          if ('finish' in outcome && outcome.finish) finish = outcome.finish;
          this.messages.push({
            role: 'tool', toolCallId: toolCall.id, name: toolCall.name, content: outcome.content, ...(outcome.isError ? { isError: true } : {}),
          });
        }
        if (finish) return await this.endTurn(turn, finish, usage);
      }
    } catch (error) {
      signal.throwIfAborted();
      return withUsage(error, usage);
    }
  }

  private checkBudget(turn: number, usage: Usage | undefined): void {
    const spent = usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    if (this.steps >= this.budget.maxSteps) {
      throw new ModelFailure(`step budget exhausted: ${this.budget.maxSteps} model calls used by turn ${turn}`, spent);
    }
    if (this.tokens >= this.budget.maxEpisodeTokens) {
      throw new ModelFailure(`token budget exhausted: ${this.tokens} of ${this.budget.maxEpisodeTokens} tokens used by turn ${turn}`, spent);
    }
  }

  /** Snapshots and diffs the workspace at a stop attempt. */
  private async endTurn(turn: number, finish: { claim: 'done' | 'blocked'; report: string }, usage: Usage | undefined): Promise<TurnEnd> {
    const diff = await this.workspace.diff();
    const stateDir = await this.workspace.copyTo(`state-${this.fixture.id}-${this.agentId}-r${this.repeat}-t${turn}`);
    this.snapshots.push(stateDir);
    return {
      turn, claim: finish.claim, report: finish.report, transcript: [...this.transcript], diff, stateDir,
      ...(usage ? { usage } : {}),
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.workspace.dir, ...this.snapshots].map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
