// Rewrites the field tables of docs/*.md from the zod schemas: `npm run docs`. Only the meaning
// column is kept from the committed text; a new field gets "TODO: describe this field", which the
// docs test refuses until someone describes it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderDocs, UNDESCRIBED } from '../dist/docs/format-docs.js';

const root = path.resolve(import.meta.dirname, '..');
for (const doc of await renderDocs(root)) {
  if (doc.rendered === doc.text) continue;
  await writeFile(doc.file, doc.rendered);
  const todo = doc.rendered.split('\n').filter((line) => line.includes(UNDESCRIBED)).length;
  console.log(`${path.relative(root, doc.file)} rewritten${todo ? `; ${todo} fields to describe` : ''}`);
}
