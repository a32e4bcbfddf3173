import { UsageError } from '../errors.js';
import { csvReporter } from './csv.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import type { FileReporter } from './types.js';

/**
 * Report formats by their `--format` name (each reporter's `name`), in the order `report --help`
 * lists them. `run` writes every one, `report` the ones asked for, and a fresh run clears the files
 * of every one. A new format is one file plus a line here.
 */
export const reportFormats: Record<string, FileReporter> = {
  md: markdownReporter,
  html: htmlReporter,
  csv: csvReporter,
  json: jsonReporter,
  junit: junitReporter,
};

export function formatNames(): string[] {
  return Object.keys(reportFormats);
}

/** The reporters of these formats, in the order given; an unknown name is bad usage naming the known ones. */
export function reportersFor(names: readonly string[], option = '--format'): FileReporter[] {
  const unknown = names.filter((n) => !Object.hasOwn(reportFormats, n));
  if (unknown.length) throw new UsageError(`${option}: unknown format ${unknown.join(', ')} (expected ${formatNames().join(', ')})`);
  return names.map((n) => reportFormats[n]!);
}

/** Every file a format writes into an output folder. */
export function reportFiles(): string[] {
  return Object.values(reportFormats).flatMap((r) => r.files);
}
