import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';

/** The templates shipped with the package: benchmarks/prompts/<name>.md. */
export const PROMPTS_DIR = path.resolve(import.meta.dirname, '../../../benchmarks/prompts');

/** Placeholders a template may use, `{{name}}`; any other is an error when the template loads. */
export const PLACEHOLDERS = ['fixture', 'turn', 'contract', 'done_criteria', 'claim', 'report', 'transcript', 'diff', 'cuts', 'goal_condition'] as const;
export type TemplateValues = Record<(typeof PLACEHOLDERS)[number], string>;

export interface Template {
  /** Where it was read from, for messages. */
  file: string;
  text: string;
}

/**
 * A template by name (`checklist` → benchmarks/prompts/checklist.md) or by path (anything with a
 * slash or ending in .md, relative to the suite file's folder). Read at config time, so a missing
 * template or a misspelt placeholder fails before any episode runs.
 */
export function loadTemplate(prompt: string, baseDir: string, where: string): Template {
  const byPath = prompt.includes('/') || prompt.endsWith('.md');
  const file = byPath ? path.resolve(baseDir, prompt) : path.join(PROMPTS_DIR, `${prompt}.md`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const known = byPath ? '' : ` (shipped templates: ${shippedTemplates().join(', ')}; or give a path to a .md file)`;
    throw new InputError(`${where}: prompt: template "${prompt}" not found at ${file}${known}`);
  }
  const unknown = [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length) {
    throw new InputError(`${file}: unknown placeholder {{${unknown[0]}}} (expected one of ${PLACEHOLDERS.join(', ')})`);
  }
  return { file, text };
}

export function shippedTemplates(): string[] {
  try {
    return readdirSync(PROMPTS_DIR).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  } catch {
    return [];
  }
}

/** Fills every `{{name}}`; values are inserted as they are (no further substitution inside them). */
export function renderTemplate(template: Template, values: TemplateValues): string {
  return template.text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name: string) => values[name as keyof TemplateValues] ?? '');
}
