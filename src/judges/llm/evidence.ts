import type { Diff, JudgeInput, TranscriptEntry } from '../../schemas/judging.js';
import { stabilize } from './stabilize.js';

/** The judge input's transcript and diff as prompt text, fitted to a budget, with what was cut. */
export interface Evidence {
  transcript: string;
  diff: string;
  /** One line per shortened or omitted piece; empty when everything fit. */
  cuts: string[];
}

/** Rough tokens of a text: about four characters a token for English and code. */
export const CHARS_PER_TOKEN = 4;

/** A part of the evidence that may be shortened: from the end (logs) or from the start (diffs, notes). */
interface Piece {
  label: string;
  text: string;
  keep: 'head' | 'tail';
  /** Higher gets a larger share: failing output 4, source diffs and narration 3, passing output 2, the rest 1. */
  weight: number;
  given: number;
}

const TEST_PATH = /(^|\/)(tests?|__tests__|spec|hidden)\/|\.(test|spec)\.[A-Za-z]+$/;
const LOCK_FILE = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock)$/;
/** Below this many characters a shortened piece says nothing useful; it is dropped instead. */
const MIN_PIECE = 60;
/** A cut moves to a line break when one is this close. */
const LINE_SLACK = 200;

/**
 * Fits the evidence to `budgetTokens`. Every command, edit and changed path stays listed; only
 * bodies shrink. Bodies share the budget by weighted max-min fairness: short ones are kept whole,
 * long ones split what is left by weight, so failing test output, log tails and source diffs keep
 * the most. Outputs keep their tails (where failures and summaries are), diffs their heads.
 */
export function fitEvidence(input: Pick<JudgeInput, 'transcript' | 'diff'>, budgetTokens: number): Evidence {
  const entries = input.transcript.map((entry) => describeEntry(entry));
  const filePatches = splitPatch(input.diff);
  const diffHead = input.diff.files.length
    ? `Changed files (relative to the starting state):\n${input.diff.files.map((f) => `- ${f.status} ${f.path}`).join('\n')}`
    : 'No file changed.';
  const pieces = [...entries.flatMap((e) => (e.body ? [e.body] : [])), ...filePatches];
  const fixed = entries.reduce((n, e) => n + e.header.length + 1, 0) + diffHead.length;
  allocate(pieces, Math.max(0, budgetTokens * CHARS_PER_TOKEN - fixed));

  const transcript = entries.length
    ? entries.map((e) => (e.body && e.body.given > 0 ? `${e.header}\n${fence(cut(e.body))}` : e.header)).join('\n')
    : 'The agent did nothing the harness recorded.';
  const patches = filePatches.filter((p) => p.given > 0).map((p) => fence(cut(p), 'diff'));
  const diff = [diffHead, ...patches].join('\n');
  const cuts = pieces.filter((p) => p.given < p.text.length).map(describeCut);
  return { transcript, diff, cuts };
}

function describeEntry(entry: TranscriptEntry): { header: string; body?: Piece } {
  const at = `[turn ${entry.turn}]`;
  switch (entry.kind) {
    case 'run': {
      const status = entry.timedOut ? 'timed out' : `exit ${entry.exitCode ?? 'by signal'}`;
      const failed = entry.exitCode !== 0;
      const label = `output of \`${shorten(entry.command)}\` (turn ${entry.turn})`;
      return {
        header: `${at} $ ${entry.command}  (${status})`,
        ...(entry.output ? { body: piece(label, stabilize(entry.output), 'tail', failed ? 4 : 2) } : {}),
      };
    }
    case 'edit': {
      const text = entry.old !== undefined || entry.new !== undefined ? `- ${entry.old ?? ''}\n+ ${entry.new ?? ''}` : '';
      return { header: `${at} edit ${entry.path}`, ...(text ? { body: piece(`edit of ${entry.path} (turn ${entry.turn})`, text, 'head', 1) } : {}) };
    }
    case 'write':
      return {
        header: `${at} write ${entry.path}${entry.content !== undefined ? ` (${entry.content.length} characters)` : ''}`,
        ...(entry.content ? { body: piece(`content written to ${entry.path} (turn ${entry.turn})`, entry.content, 'head', 1) } : {}),
      };
    case 'delete':
      return { header: `${at} delete ${entry.path}` };
    case 'say':
      return { header: `${at} says:`, body: piece(`narration (turn ${entry.turn})`, entry.text, 'head', 3) };
  }
}

/** One piece per changed file (the patch lists them in the order of `files`). */
function splitPatch(diff: Diff): Piece[] {
  if (!diff.patch) return [];
  const chunks = diff.patch.split(/^(?==+\n--- |Binary files )/m).filter((c) => c.length > 0);
  if (chunks.length !== diff.files.length) return [piece('the diff', diff.patch, 'head', 3)];
  return chunks.map((chunk, i) => {
    const file = diff.files[i]!.path;
    const source = !TEST_PATH.test(file) && !LOCK_FILE.test(file);
    return piece(`diff of ${file}`, chunk, 'head', source ? 3 : 1);
  });
}

function piece(label: string, text: string, keep: Piece['keep'], weight: number): Piece {
  return { label, text, keep, weight, given: 0 };
}

/** Weighted max-min fair split of `budget` characters; sets `given` on every piece. */
function allocate(pieces: Piece[], budget: number): void {
  const order = [...pieces].sort((a, b) => a.text.length / a.weight - b.text.length / b.weight);
  let remaining = budget;
  let weightLeft = order.reduce((n, p) => n + p.weight, 0);
  for (const p of order) {
    const share = Math.floor((remaining * p.weight) / weightLeft);
    p.given = Math.min(p.text.length, share);
    if (p.given < p.text.length && p.given < MIN_PIECE) p.given = 0;
    remaining -= p.given;
    weightLeft -= p.weight;
  }
}

/** The kept part, trimmed to whole lines when a line break is near the cut (`given` follows). */
function cut(p: Piece): string {
  if (p.given >= p.text.length) return p.text;
  if (p.keep === 'tail') {
    let kept = p.text.slice(-p.given);
    const firstBreak = kept.indexOf('\n');
    if (firstBreak !== -1 && firstBreak < LINE_SLACK) kept = kept.slice(firstBreak + 1);
    p.given = kept.length;
    return `[… ${p.text.length - kept.length} earlier characters cut …]\n${kept}`;
  }
  let kept = p.text.slice(0, p.given);
  const lastBreak = kept.lastIndexOf('\n');
  if (lastBreak !== -1 && kept.length - lastBreak < LINE_SLACK) kept = kept.slice(0, lastBreak + 1);
  p.given = kept.length;
  return `${kept.replace(/\n$/, '')}\n[… ${p.text.length - kept.length} more characters cut …]`;
}

function describeCut(p: Piece): string {
  if (p.given === 0) return `${p.label}: omitted (${p.text.length} characters)`;
  const part = p.keep === 'tail' ? 'last' : 'first';
  return `${p.label}: kept the ${part} ${p.given} of ${p.text.length} characters`;
}

function fence(text: string, lang = ''): string {
  const ticks = text.includes('```') ? '~~~~' : '```';
  return `${ticks}${lang}\n${text.replace(/\n$/, '')}\n${ticks}`;
}

function shorten(command: string): string {
  return command.length > 60 ? `${command.slice(0, 60)}…` : command;
}
