import path from 'node:path';
import type { FileReporter, ReportContext } from './types.js';
import { writeFileAtomic } from './write-atomic.js';

/**
 * A format that renders one file: its name and file are stated here once, and the registry, `run`,
 * `report` and the runner read them from the reporter. Written atomically, so no reader sees half;
 * a large file may come in pieces.
 */
export function singleFileReporter(name: string, file: string, render: (context: ReportContext) => string | Iterable<string>): FileReporter {
  return {
    name,
    files: [file],
    async onRunEnd(context: ReportContext) {
      await writeFileAtomic(path.join(context.outDir, file), render(context));
    },
  };
}
