#!/usr/bin/env node
// A Ralph-style Claude Code Stop hook: the agent may stop only once its last message holds the
// completion promise; otherwise the hook blocks and feeds the original prompt back, as the Ralph
// loop does.
//
// The promise is `<promise>DONE</promise>` (change it with --promise TEXT). Agents that were never
// told about the tag, such as the recorded trajectories stopbench replays, make their completion
// promise in words: with --words, a last message that says the checks "pass" ("all tests pass",
// "node --test passes", "passed") also counts. That is exactly what a Ralph loop checks: that the
// agent said it is finished, not that it is.
//
// Reads the last assistant message the way the Ralph loop's own hook does: the last transcript line
// with "role":"assistant" and text blocks (falling back to last_assistant_message). Node built-ins only.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const promise = args.includes('--promise') ? args[args.indexOf('--promise') + 1] : 'DONE';
const words = args.includes('--words');

const input = JSON.parse(readFileSync(0, 'utf8'));
const lines = readTranscript(input.transcript_path);
const lastText = lastAssistantText(lines) ?? input.last_assistant_message ?? '';
const firstPrompt = firstUserText(lines) ?? 'Continue working on the task.';

const tagged = new RegExp(`<promise>\\s*${escape(promise)}\\s*</promise>`, 'i').test(lastText);
const said = words && /\bpass(?:es|ed)?\b/i.test(lastText);
if (tagged || said) process.exit(0); // promise kept: let the stop through

process.stdout.write(JSON.stringify({
  decision: 'block',
  reason: `${firstPrompt}\n\n(Stop hook: output <promise>${promise}</promise> only when the task is complete.)`,
}));

function readTranscript(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return null; } }).filter(Boolean);
  } catch {
    return [];
  }
}

function lastAssistantText(all) {
  for (const line of [...all].reverse()) {
    if (line.message?.role !== 'assistant' || !Array.isArray(line.message.content)) continue;
    const text = line.message.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
    if (text) return text;
  }
  return null;
}

function firstUserText(all) {
  const first = all.find((l) => l.type === 'user' && typeof l.message?.content === 'string');
  return first ? first.message.content : null;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
