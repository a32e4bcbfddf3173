import os from 'node:os';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A run's temp folders: `<tmpdir>/stopbench-XXXXXX/<name>-XXXXXX/` (see workspace/temp-area.ts). */
const TEMP_DIR = new RegExp(`(?:file://)?${escape(os.tmpdir())}/stopbench-[A-Za-z0-9]+/[^/\\s'"]+/`, 'g');

/** Timings test runners print: node's `duration_ms 12.3` and `(12.3ms)`, unittest's `in 0.004s`. */
const TIMINGS: Array<[RegExp, string]> = [
  [/\bduration_ms:? [\d.]+/g, 'duration_ms *'],
  [/\((\d+(?:\.\d+)?)\s?ms\)/g, '(*ms)'],
  [/\b(Ran \d+ tests? in )[\d.]+s\b/g, '$1*s'],
];

/**
 * Command output with what changes from run to run and says nothing about the work (temp folder
 * names, timings) replaced by placeholders. The same state then gives the same prompt, so a rerun of
 * the same episodes is answered from the cache instead of being paid for again.
 */
export function stabilize(output: string): string {
  let text = output.replace(TEMP_DIR, '<workspace>/');
  for (const [pattern, replacement] of TIMINGS) text = text.replace(pattern, replacement);
  return text;
}
