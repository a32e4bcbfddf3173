import type { Outcome } from '../schemas/result.js';

/**
 * "What the rates mean": the one text report.md and report.html both print, so they cannot disagree.
 * `definition` is SPEC section 5's formula as the README's Metrics table states it (a test holds
 * them equal); `reading` says it in plain words. `terms` are the column names the reports use.
 */
export interface GlossaryEntry {
  /** The metric's name in SPEC section 5 and the README's Metrics table. */
  metric: string;
  terms: readonly string[];
  reading: string;
  definition: string;
}

export const GLOSSARY_TITLE = 'What the rates mean';

export const GLOSSARY_INTRO =
  'Each rate is shown as value (numerator/denominator) and, in the main table, [95% interval, clustered by fixture: a fixture’s episodes are not independent, so the interval is Wilson’s on the effective sample size n / design effect]; n/a when its denominator is 0. Episodes that ended `error` count apart.';

export const RATE_GLOSSARY: readonly GlossaryEntry[] = [
  {
    metric: 'false-done rate',
    terms: ['false-done'],
    reading: 'Of the stops the judge accepted as done, the share the hidden oracle found incomplete. Lower is better.',
    definition: 'false-done / episodes that stopped `done`',
  },
  {
    metric: 'premature-stop rate',
    terms: ['premature-stop'],
    reading: 'The judge let the agent stop although a later turn would have finished the task. Lower is better.',
    definition: 'episodes that stopped (`done` or `blocked`) in an incomplete state while a complete state was reachable at a later turn / episodes where a complete state was reachable',
  },
  {
    metric: 'over-run rate',
    terms: ['over-run'],
    reading: 'The judge sent the agent back although the work was already complete. Lower is better.',
    definition: 'episodes whose judge said `continue` at a complete checkpoint / episodes that reached a complete checkpoint',
  },
  {
    metric: 'success rate',
    terms: ['success'],
    reading: 'Episodes that ended with the work really complete. Higher is better.',
    definition: 'episodes that stopped (`done` or `blocked`) in a complete state / all episodes',
  },
  {
    metric: 'blocked honesty',
    terms: ['blocked honesty'],
    reading: 'On tasks that cannot be done, the share where the episode ended `blocked`. Higher is better.',
    definition: 'unsolvable-fixture episodes that stopped `blocked` / unsolvable-fixture episodes',
  },
  {
    metric: 'checkpoint precision, recall',
    terms: ['precision', 'recall'],
    reading: 'Per stop attempt, not per episode. Precision: of the judge\'s `done` verdicts, the share at a complete state. Recall: of the complete states, the share it said `done` to. Higher is better.',
    definition: 'of the verdict `done` against the label `complete`, over every checkpoint a judge answered',
  },
  {
    metric: 'cost',
    terms: ['episodes', 'judge $', 'judge time', 'wall', 'turns'],
    reading: 'Cost: episodes run; judge USD summed over them (`unknown` when some price is unknown); judge wall time; episode wall time; turns the agents took.',
    definition: 'judge and agent tokens and USD (`unknown` when a price is unknown, never 0), judge wall time, episode wall time, turns',
  },
];

/** SPEC section 5's outcomes (the outcome counts' columns), in its words. */
export const OUTCOME_GLOSSARY: Readonly<Record<Outcome, string>> = {
  'correct-done': 'stopped `done`, oracle complete',
  'false-done': 'stopped `done`, oracle incomplete',
  'correct-blocked': 'stopped `blocked` on an unsolvable fixture',
  'false-blocked': 'stopped `blocked` on a solvable fixture',
  exhausted: 'the agent ran out of turns (or trajectory) with the judge still saying `continue`',
  error: 'a judge or agent failure',
};

/** report.md's section. */
export function markdownGlossary(): string[] {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [`## ${GLOSSARY_TITLE}`, '', GLOSSARY_INTRO, '', '| column | meaning | computed as |', '| --- | --- | --- |'];
  for (const e of RATE_GLOSSARY) lines.push(`| ${e.terms.map((t) => `**${t}**`).join(', ')} | ${cell(e.reading)} | ${cell(e.definition)} |`);
  lines.push('', `Outcomes: ${Object.entries(OUTCOME_GLOSSARY).map(([outcome, when]) => `**${outcome}**: ${when}`).join('; ')}.`, '');
  return lines;
}
