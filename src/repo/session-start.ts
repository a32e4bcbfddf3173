/**
 * The session id and start time of a Claude Code transcript (JSONL): the first line that has a
 * `sessionId`, and the first `timestamp`. Lines that are not JSON are skipped.
 */
export function sessionOfTranscript(text: string): { id?: string; startedAt?: string } {
  const out: { id?: string; startedAt?: string } = {};
  for (const raw of text.split('\n')) {
    if (out.id !== undefined && out.startedAt !== undefined) break;
    let line: unknown;
    try {
      line = JSON.parse(raw);
    } catch {
      continue;
    }
    if (!line || typeof line !== 'object') continue;
    const { sessionId, timestamp } = line as { sessionId?: unknown; timestamp?: unknown };
    if (out.id === undefined && typeof sessionId === 'string' && sessionId) out.id = sessionId;
    if (out.startedAt === undefined && typeof timestamp === 'string' && Number.isFinite(Date.parse(timestamp))) out.startedAt = timestamp;
  }
  return out;
}
