import path from 'node:path';
import { findFixtureDirs } from '../load/discover.js';
import { readTaskFile } from '../load/task-file.js';
import type { Contract, Task } from '../schemas/task.js';

/** A fixture's own words, for reports: results.jsonl names fixtures but does not copy their contracts. */
export interface FixtureInfo {
  title: string;
  contract: Contract;
}

export function fixtureInfo(task: Task): FixtureInfo {
  return { title: task.title, contract: task.contract };
}

/**
 * Reads only the task.yaml of each fixture found at `locations` (SPEC section 8 rules), so a report
 * can show contracts without loading trajectories or oracles.
 */
export async function loadFixtureInfo(locations: readonly string[]): Promise<Map<string, FixtureInfo>> {
  const out = new Map<string, FixtureInfo>();
  for (const dir of await findFixtureDirs(locations)) {
    const task = await readTaskFile(path.join(dir, 'task.yaml'), { fixture: true });
    out.set(task.id, fixtureInfo(task));
  }
  return out;
}
