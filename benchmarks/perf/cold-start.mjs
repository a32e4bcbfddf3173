// CLI cold start: `stopbench --help` in a new process, best and median of 9 (target 300 ms).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export function measureColdStart(root, runs = 9) {
  const starts = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [path.join(root, 'dist/cli/bin.js'), '--help'], { stdio: 'ignore' });
    starts.push(performance.now() - t);
  }
  starts.sort((a, b) => a - b);
  return { bestMs: Math.round(starts[0]), medianMs: Math.round(starts[Math.floor(runs / 2)]), targetMs: 300 };
}

export const describeColdStart = (c) => `CLI cold start (--help):  best ${c.bestMs} ms, median ${c.medianMs} ms (target <= ${c.targetMs} ms)`;
