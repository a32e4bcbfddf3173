import path from 'node:path';
import { findFixtureDirs } from '../load/discover.js';
import { readYamlFile } from '../load/yaml.js';
import { TaskSchema, type Contract, type Task } from '../schemas/task.js';

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
    const task = await readYamlFile(path.join(dir, 'task.yaml'), TaskSchema);
    out.set(task.id, fixtureInfo(task));
  }
  return out;
}
