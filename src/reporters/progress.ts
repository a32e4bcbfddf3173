import cliProgress from 'cli-progress';
import type { Reporter } from './types.js';

/**
 * A progress bar on a terminal; elsewhere (CI logs, pipes) a line at every tenth of the run, so logs
 * stay short but a long run still shows it is alive.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  let bar: cliProgress.SingleBar | undefined;
  let lastTenth = -1;
  return {
    name: 'progress',
    onRunStart({ total, skipped }) {
      if (skipped > 0) stream.write(`Resuming: ${skipped} episodes already finished.\n`);
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar(
          { stream, format: 'episodes {bar} {value}/{total} | {fixture} × {judge}', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { fixture: '', judge: '' });
      } else {
        stream.write(`Running ${total} episodes.\n`);
      }
    },
    onEpisodeEnd(result, finished, total) {
      if (bar) {
        bar.update(finished, { fixture: result.fixture, judge: result.judge });
        return;
      }
      const tenth = Math.floor((finished * 10) / total);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`  ${finished}/${total} episodes\n`);
      }
    },
    onRunEnd() {
      bar?.stop();
    },
    onRunInterrupted() {
      bar?.stop();
    },
  };
}
