// Rewrites the README's figures blocks from a real run: `npm run readme-figures [-- RUN_DIR]`.
// With RUN_DIR (default reports/latest, what `npm run bench` writes), its summary files are first
// copied to reports/example/, the committed run that the README quotes and a test checks.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderFigureBlocks, rewriteFigureBlocks } from '../dist/docs/readme-figures.js';

const root = path.resolve(import.meta.dirname, '..');
const example = path.join(root, 'reports/example');
const from = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'reports/latest');
if (from !== example) {
  await mkdir(example, { recursive: true });
  for (const name of ['summary.csv', 'summary.json', 'report.md']) await copyFile(path.join(from, name), path.join(example, name));
}
const summary = JSON.parse(await readFile(path.join(example, 'summary.json'), 'utf8'));
const readmeFile = path.join(root, 'README.md');
const readme = await readFile(readmeFile, 'utf8');
await writeFile(readmeFile, rewriteFigureBlocks(readme, renderFigureBlocks(summary)));
console.log(`README.md figures rewritten from ${path.relative(root, example)}/summary.json (${summary.episodes} episodes)`);
