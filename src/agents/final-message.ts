import { z } from 'zod';
import type { Claim } from '../schemas/trajectory.js';

/** The trailing JSON block an external agent may end its final message with. */
const ClaimBlockSchema = z.looseObject({
  claim: z.enum(['done', 'blocked']),
  report: z.string().optional(),
});

/** Most `{` positions tried from the end when looking for the trailing JSON block. */
const MAX_TRIES = 200;

/**
 * Reads the claim and report from an external agent's final message (the convention of the `command`
 * agent and of `stopbench hook claude-code`), first match wins:
 * 1. a trailing JSON object `{"claim": "done"|"blocked", "report": "..."}`, optionally in a ```json
 *    fence; the report defaults to the text before the block;
 * 2. `<promise>DONE</promise>` or `<promise>BLOCKED</promise>` (the last one counts); the report is
 *    the message without the tag;
 * 3. otherwise the claim is `done` and the report is the whole message.
 */
export function parseFinalMessage(message: string): { claim: Claim; report: string } {
  const text = message.trim();
  const block = trailingClaimBlock(text);
  if (block) return block;
  const promises = [...text.matchAll(/<promise>\s*(DONE|BLOCKED)\s*<\/promise>/gi)];
  const last = promises.at(-1);
  if (last) {
    const claim: Claim = last[1]!.toUpperCase() === 'BLOCKED' ? 'blocked' : 'done';
    const report = text.replace(/<promise>[\s\S]*?<\/promise>/gi, '').trim();
    return { claim, report };
  }
  return { claim: 'done', report: text };
}

function trailingClaimBlock(text: string): { claim: Claim; report: string } | null {
  const body = text.replace(/\n?```\s*$/, '').trimEnd();
  if (!body.endsWith('}')) return null;
  let at = body.length;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    at = body.lastIndexOf('{', at - 1);
    if (at < 0) return null;
    let value: unknown;
    try {
      value = JSON.parse(body.slice(at));
    } catch {
      continue;
    }
    const parsed = ClaimBlockSchema.safeParse(value);
    if (!parsed.success) return null;
    const before = body.slice(0, at).replace(/```(?:json)?\s*$/i, '').trim();
    return { claim: parsed.data.claim, report: parsed.data.report ?? before };
  }
  return null;
}
