import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readResults } from '../runner/results-file.js';
import { renderSummaryJson } from '../reporters/json.js';
import { summaryRows } from '../reporters/csv.js';
import { summarize } from '../metrics/summary.js';
import { DeleteEntrySchema, EditEntrySchema, JudgeInputSchema, RunEntrySchema, SayEntrySchema, VerdictSchema, WriteEntrySchema } from '../schemas/judging.js';
import { OracleSchema } from '../schemas/oracle.js';
import { EpisodeResultSchema, type EpisodeResult } from '../schemas/result.js';
import { SuiteSchema } from '../schemas/suite.js';
import { ContractFileSchema, TaskSchema } from '../schemas/task.js';
import { TrajectorySchema } from '../schemas/trajectory.js';
import { jsonFields, schemaFields, type FieldRow } from './format-fields.js';
import { markedBlockNames, rewriteMarkedBlocks } from './marked-blocks.js';

/**
 * docs/*.md describe stopbench's file formats. Each field table sits between
 * `<!-- fields:NAME -->` and `<!-- /fields:NAME -->`; its rows and type column come from the zod
 * schema (or, for summary.json and summary.csv, from what the reporters write), and only the meaning
 * column is written by hand. `npm run docs` rewrites the tables; a test fails when a committed table
 * differs, so a field cannot be added, removed or retyped without the docs saying so.
 */
export function formatTables(sample: readonly EpisodeResult[]): Record<string, FieldRow[]> {
  const groups = summarize(sample);
  // Rendered as if run twice (`--repeat 2`), so the optional `groups[].repeats` is documented too.
  const twice = [...sample, ...sample.map((e) => ({ ...e, repeat: e.repeat + 1 }))];
  const summary = JSON.parse(renderSummaryJson('sample', summarize(twice), twice)) as unknown;
  return {
    task: schemaFields(TaskSchema),
    'contract-file': schemaFields(ContractFileSchema, { depth: 1 }),
    oracle: schemaFields(OracleSchema),
    trajectory: schemaFields(TrajectorySchema),
    suite: schemaFields(SuiteSchema),
    'judge-input': schemaFields(JudgeInputSchema, { stopAt: ['contract'] }),
    'transcript-run': schemaFields(RunEntrySchema),
    'transcript-edit': schemaFields(EditEntrySchema),
    'transcript-write': schemaFields(WriteEntrySchema),
    'transcript-delete': schemaFields(DeleteEntrySchema),
    'transcript-say': schemaFields(SayEntrySchema),
    verdict: schemaFields(VerdictSchema),
    result: schemaFields(EpisodeResultSchema),
    'summary-json': jsonFields(summary, { 'groups[].byTag': 'TAG' }),
    'summary-csv': Object.keys(summaryRows(groups)[0] ?? {}).map((field) => ({ field, type: null })),
  };
}

/** Written in the meaning column of a field the docs do not describe yet; the docs test refuses it. */
export const UNDESCRIBED = 'TODO: describe this field';

interface HandWritten {
  type: string;
  meaning: string;
}

/** The hand-written cells of a committed table, by field. */
function readTable(block: string): Map<string, HandWritten> {
  const out = new Map<string, HandWritten>();
  for (const line of block.split('\n')) {
    const cells = splitRow(line);
    const field = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (field) out.set(field, { type: cells[1] ?? '', meaning: cells[2] ?? '' });
  }
  return out;
}

function splitRow(line: string): string[] {
  if (!line.startsWith('|')) return [];
  return line.slice(1, line.endsWith('|') ? -1 : undefined).split(/(?<!\\)\|/).map((cell) => cell.trim());
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/** One table: the schema's rows in the schema's order, each with its committed meaning. */
export function renderTable(rows: readonly FieldRow[], committed: Map<string, HandWritten>): string {
  const lines = ['| field | type | meaning |', '| --- | --- | --- |'];
  for (const row of rows) {
    const old = committed.get(row.field);
    const type = row.type === null ? (old?.type || UNDESCRIBED) : escapeCell(row.type);
    lines.push(`| \`${row.field}\` | ${type} | ${old?.meaning || UNDESCRIBED} |`);
  }
  return lines.join('\n');
}

/** The text with every fields block rebuilt; an unknown block name is an error. */
export function rewriteFieldTables(text: string, tables: Record<string, FieldRow[]>, file = 'docs'): string {
  return rewriteMarkedBlocks(text, 'fields', (name, old) => {
    const rows = tables[name];
    if (!rows) throw new Error(`${file}: fields block "${name}" names no format (known: ${Object.keys(tables).join(', ')})`);
    return renderTable(rows, readTable(old));
  });
}

/** The names of the fields blocks a text holds. */
export function fieldTableNames(text: string): string[] {
  return markedBlockNames(text, 'fields');
}

/** The results the summary tables are taken from: a small committed run the reporter tests also read. */
export const DOCS_SAMPLE = 'tests/fixtures/results/results.jsonl';

export interface RenderedDoc {
  file: string;
  text: string;
  rendered: string;
}

/** Every docs/*.md of the checkout at `root`, as committed and as its tables render now. */
export async function renderDocs(root: string): Promise<RenderedDoc[]> {
  const tables = formatTables((await readResults(path.join(root, DOCS_SAMPLE))).results);
  const dir = path.join(root, 'docs');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(names.map(async (name) => {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8');
    return { file, text, rendered: rewriteFieldTables(text, tables, file) };
  }));
}
