import type { GroupSummary } from '../metrics/summary.js';
import type { EpisodeResult } from '../schemas/result.js';
import type { FixtureInfo } from './fixture-info.js';

/** Everything a report is built from: the finished episodes and their summary. */
export interface ReportContext {
  outDir: string;
  suite: string;
  results: readonly EpisodeResult[];
  summary: readonly GroupSummary[];
  /** What results.jsonl does not hold (title, goal contract), by fixture id, when the fixtures are known. */
  fixtures?: ReadonlyMap<string, FixtureInfo> | undefined;
}

/**
 * A reporter plugin: every hook is optional. File reporters write in `onRunEnd`; live ones (progress)
 * listen to episodes as they finish.
 */
export interface Reporter {
  readonly name: string;
  /** The files it writes into the output folder, if any (see FileReporter). */
  readonly files?: readonly string[];
  onRunStart?(info: { total: number; skipped: number; outDir: string }): void;
  onEpisodeEnd?(result: EpisodeResult, finished: number, total: number): void;
  onRunEnd?(context: ReportContext): Promise<void> | void;
  /** The run was interrupted (no reports are written): a live reporter tidies the terminal. */
  onRunInterrupted?(): void;
}

/** A reporter that writes files into the run's output folder; `name` is its `--format` name. */
export interface FileReporter extends Reporter {
  /** What it writes, relative to the output folder; a fresh run clears these before it starts. */
  readonly files: readonly string[];
  onRunEnd(context: ReportContext): Promise<void>;
}
