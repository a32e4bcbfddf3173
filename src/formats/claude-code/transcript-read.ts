import path from 'node:path';
import type { z } from 'zod';
import type { TranscriptEntry } from '../../schemas/judging.js';
import { toPosix } from '../../workspace/paths.js';
import { EMPTY_BASH_RESULT } from './transcript-write.js';
import { messageText, TranscriptRecordSchema, type ContentBlock } from './records.js';

/** What a Claude Code transcript says, in stopbench's terms (SPEC section 4). */
export interface ReadTranscript {
  entries: TranscriptEntry[];
  /** Text of the last assistant message that had text: the report. Null when there is none. */
  lastAssistantText: string | null;
  /** The first user prompt: the task. */
  firstUserText: string | null;
  /** User prompts after the first (new requests, `Stop hook feedback:`) each start a turn. */
  turns: number;
}

type Block = ContentBlock;
const LineSchema = TranscriptRecordSchema;

/**
 * Reads a Claude Code session transcript (JSONL): `Bash` tool uses with their results are `run`
 * entries (exit code from `is_error` and an `Exit code N` prefix), `Write` is `write`, `Edit` and each
 * edit of a `MultiEdit` are `edit`, assistant text is `say`, except the last, which is the report. A
 * user prompt after the first, or a meta `Stop hook feedback:` message (a blocked stop), starts a
 * new turn. Subagent (sidechain) lines, other meta lines, `system` records,
 * unknown tools and lines that are not JSON are skipped; a failed Write or Edit changed nothing and is
 * dropped. `cwd` makes absolute file paths relative.
 */
export function parseClaudeTranscript(text: string, cwd: string): ReadTranscript {
  const entries: TranscriptEntry[] = [];
  const pending = new Map<string, TranscriptEntry[]>();
  const dropped = new Set<TranscriptEntry>();
  let turn = 1;
  let firstUserText: string | null = null;
  let lastAssistant: { id: string | undefined; text: string } | null = null;
  let lastSays: TranscriptEntry[] = [];

  for (const raw of text.split('\n')) {
    const line = parseLine(raw);
    if (!line || line.isSidechain || !line.message) continue;
    const content = line.message.content ?? [];
    if (line.isMeta) {
      // Claude Code writes a blocked stop's feedback as a meta user message: the agent's next turn
      // starts there. Other meta lines (caveats, skill bodies) are not the agent's work.
      if (line.type === 'user' && firstUserText !== null && messageText(content).startsWith(STOP_FEEDBACK)) turn += 1;
      continue;
    }
    if (line.type === 'assistant' && Array.isArray(content)) {
      const texts = content.filter((b) => b.type === 'text').map((b) => str(b.text)).filter(Boolean);
      const says: TranscriptEntry[] = texts.map((text) => ({ turn, kind: 'say', text }));
      entries.push(...says);
      if (texts.length) {
        // Claude Code may write one line per content block of the same message: join them.
        const previous: string | null = lastAssistant && line.message.id !== undefined && lastAssistant.id === line.message.id ? lastAssistant.text : null;
        const joined = texts.join('\n');
        lastAssistant = { id: line.message.id, text: previous === null ? joined : `${previous}\n${joined}` };
        lastSays = previous === null ? says : [...lastSays, ...says];
      }
      for (const block of content.filter((b) => b.type === 'tool_use')) {
        const made = toolEntries(block, turn, cwd);
        entries.push(...made);
        if (typeof block.id === 'string') pending.set(block.id, made);
      }
    } else if (line.type === 'user') {
      const results = Array.isArray(content) ? content.filter((b) => b.type === 'tool_result') : [];
      for (const result of results) applyResult(result, pending, dropped);
      const prompt = messageText(content);
      if (results.length === 0 && prompt.trim()) {
        if (firstUserText === null) firstUserText = prompt;
        else turn += 1;
      }
    }
  }
  // The last assistant text is the report, not narration: left out when nothing came after it.
  const tail = entries.slice(entries.length - lastSays.length);
  if (lastSays.length && tail.every((e, i) => e === lastSays[i])) for (const say of lastSays) dropped.add(say);
  return { entries: entries.filter((e) => !dropped.has(e)), lastAssistantText: lastAssistant?.text ?? null, firstUserText, turns: turn };
}

/** How Claude Code starts the message that carries a Stop hook's block reason. */
const STOP_FEEDBACK = 'Stop hook feedback:';

function parseLine(raw: string): z.infer<typeof LineSchema> | null {
  if (!raw.trim()) return null;
  try {
    const parsed = LineSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // a half-written last line while Claude Code is still writing
  }
}

function toolEntries(block: Block, turn: number, cwd: string): TranscriptEntry[] {
  const input = (block.input ?? {}) as Record<string, unknown>;
  const file = relative(cwd, str(input.file_path));
  switch (block.name) {
    case 'Bash':
      return [{ turn, kind: 'run', command: str(input.command), exitCode: null, output: '' }];
    case 'Write':
      return [{ turn, kind: 'write', path: file, content: str(input.content) }];
    case 'Edit':
      return [{ turn, kind: 'edit', path: file, old: str(input.old_string), new: str(input.new_string) }];
    case 'MultiEdit': {
      const edits = Array.isArray(input.edits) ? (input.edits as Array<Record<string, unknown>>) : [];
      return edits.map((e) => ({ turn, kind: 'edit', path: file, old: str(e.old_string), new: str(e.new_string) }));
    }
    default:
      return [];
  }
}

function applyResult(result: Block, pending: Map<string, TranscriptEntry[]>, dropped: Set<TranscriptEntry>): void {
  const made = typeof result.tool_use_id === 'string' ? pending.get(result.tool_use_id) : undefined;
  if (!made) return;
  const isError = result.is_error === true;
  const output = resultText(result.content);
  for (const entry of made) {
    if (entry.kind === 'run') {
      // `Exit code N`, `Exit code unknown` (killed) or `Command timed out` heads a failed command's output.
      const code = /^(?:Error: )?(?:Exit code (\d+|unknown)|(Command timed out))/.exec(output);
      entry.exitCode = !isError ? 0 : code?.[2] || code?.[1] === 'unknown' ? null : code ? Number(code[1]) : 1;
      const body = code ? output.slice(code[0].length).replace(/^\n/, '') : output;
      entry.output = body === EMPTY_BASH_RESULT ? '' : body;
      if (code?.[2]) entry.timedOut = true;
    } else if (isError) {
      dropped.add(entry);
    }
  }
}

/** A tool result's content: a string or an array of text (and image) blocks. */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b: unknown) => (b && typeof b === 'object' && 'text' in b ? str((b as { text: unknown }).text) : '')).join('\n');
}

function relative(cwd: string, file: string): string {
  if (!file || !path.isAbsolute(file)) return toPosix(file);
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? toPosix(file) : toPosix(rel);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
