import type { EpisodeResult } from '../schemas/result.js';
import { html, type SafeHtml } from './html/escape.js';

/** What a Stop hook said or how it failed at one stop, for the reports. */
export interface HookNote {
  judge: string;
  fixture: string;
  trajectory: string | null;
  turn: number;
  /** The hook (`command: ./stop.sh`) or `hook-failed-open`. */
  hook: string;
  /** `failed open` or `said`. */
  kind: 'failed open' | 'said';
  text: string;
}

/**
 * The notes worth a reader's eye: a hook that failed and was let through (a crash, an import error,
 * bad output: never a silent pass), and a command hook's systemMessage, stdout or stderr, which
 * Claude Code shows the user. The judges that run hooks (`claude-settings`, `command` with a hook
 * protocol) put them in the checkpoint's criteria; this reads them back from there.
 */
export function hookNotes(results: readonly EpisodeResult[]): HookNote[] {
  let notes = computed.get(results);
  if (!notes) computed.set(results, (notes = collectNotes(results)));
  return notes;
}

/** The notes of a results list already collected: the markdown and HTML reports both ask, HTML twice. */
const computed = new WeakMap<readonly EpisodeResult[], HookNote[]>();

function collectNotes(results: readonly EpisodeResult[]): HookNote[] {
  const notes: HookNote[] = [];
  for (const r of results) {
    for (const c of r.checkpoints) {
      for (const k of c.criteria ?? []) {
        const evidence = k.evidence ?? '';
        const failed = k.id === 'hook-failed-open' && !k.met;
        const said = !failed && (/\bsystemMessage: /.test(evidence) || (/^(command|stop-hook)\b/.test(k.id) && /\b(stdout|stderr): /.test(evidence)));
        if (failed || said) notes.push({ judge: r.judge, fixture: r.fixture, trajectory: r.trajectory, turn: c.turn, hook: k.id, kind: failed ? 'failed open' : 'said', text: evidence });
      }
    }
  }
  // Failures first: they are the ones that change what a result means.
  return notes.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'failed open' ? -1 : 1));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 300);

/** The report.md section; none when no hook failed or said anything. */
export function hookNotesMarkdown(results: readonly EpisodeResult[], limit = 25): string[] {
  const notes = hookNotes(results);
  if (!notes.length) return [];
  const lines = [
    '## Hook messages and failures', '',
    'Stop hooks that failed and were let through (as Claude Code does), and what command hooks printed or sent as systemMessage.', '',
    '| judge | fixture | trajectory | turn | hook | what | detail |', '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const n of notes.slice(0, limit)) lines.push(`| ${[n.judge, n.fixture, n.trajectory ?? '-', n.turn, cell(n.hook), n.kind, cell(n.text)].join(' | ')} |`);
  if (notes.length > limit) lines.push('', `… and ${notes.length - limit} more in results.jsonl (the checkpoints' criteria).`);
  lines.push('');
  return lines;
}

/** The report.html section's body. */
export function hookNotesHtml(results: readonly EpisodeResult[], limit = 200): SafeHtml {
  const notes = hookNotes(results);
  if (!notes.length) return html`<p class="note">No hook failed, and no command hook printed anything or sent a systemMessage.</p>`;
  return html`<p class="note">Stop hooks that failed and were let through (as Claude Code does), and what command hooks printed or sent as systemMessage.</p>
<table><thead><tr><th class="name">judge</th><th class="name">episode</th><th>turn</th><th class="name">hook</th><th class="name">what</th><th class="name">detail</th></tr></thead>
<tbody>${notes.slice(0, limit).map((n) => html`<tr><td class="name">${n.judge}</td><td class="name">${n.fixture}/${n.trajectory ?? 'live'}</td><td>${n.turn}</td><td class="name">${n.hook}</td><td class="name">${n.kind}</td><td class="name">${n.text}</td></tr>`)}</tbody></table>
${notes.length > limit ? html`<p class="note">… and ${notes.length - limit} more in results.jsonl.</p>` : ''}`;
}
