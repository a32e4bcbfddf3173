import { readdir, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { OracleSchema, type OracleSpec } from '../schemas/oracle.js';
import type { Task } from '../schemas/task.js';
import { TrajectorySchema, type Trajectory } from '../schemas/trajectory.js';
import { isWithin } from '../text/paths.js';
import { readTaskFile } from './task-file.js';
import { readYamlFile } from './yaml.js';

export interface NamedTrajectory {
  /** The file name without `.yaml`. */
  name: string;
  file: string;
  trajectory: Trajectory;
}

/** A fixture as loaded from disk (SPEC section 2), checked as a whole. */
export interface Fixture {
  id: string;
  dir: string;
  repoDir: string;
  task: Task;
  oracle: OracleSpec;
  /** oracle/files, laid over a copy before `run` checks; null when absent. */
  oracleFilesDir: string | null;
  /** solution/, laid over repo/ for the reference complete state; null when absent. */
  solutionDir: string | null;
  trajectories: NamedTrajectory[];
}

export async function loadFixture(dir: string): Promise<Fixture> {
  const taskFile = path.join(dir, 'task.yaml');
  const task = await readTaskFile(taskFile, { fixture: true });
  const folderName = path.basename(path.resolve(dir));
  if (task.id !== folderName) throw new InputError(`${taskFile}: id: "${task.id}" must equal the folder name "${folderName}"`);

  const repoDir = path.join(dir, 'repo');
  if (!(await isDirectory(repoDir))) throw new InputError(`${repoDir}: missing (expected the fixture's starting repository folder)`);
  await refuseOutwardLinks(repoDir, repoDir);

  const oracle = await readYamlFile(path.join(dir, 'oracle', 'oracle.yaml'), OracleSchema);
  const oracleFilesDir = path.join(dir, 'oracle', 'files');
  const solutionDir = path.join(dir, 'solution');
  const hasSolution = await isDirectory(solutionDir);
  if (hasSolution && !task.solvable) throw new InputError(`${solutionDir}: an unsolvable fixture (solvable: false) has no solution`);

  return {
    id: task.id,
    dir,
    repoDir,
    task,
    oracle,
    oracleFilesDir: (await isDirectory(oracleFilesDir)) ? oracleFilesDir : null,
    solutionDir: hasSolution ? solutionDir : null,
    trajectories: await loadTrajectories(path.join(dir, 'trajectories'), task),
  };
}

async function loadTrajectories(dir: string, task: Task): Promise<NamedTrajectory[]> {
  if (!(await isDirectory(dir))) return [];
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const out: NamedTrajectory[] = [];
  for (const fileName of names) {
    const file = path.join(dir, fileName);
    const trajectory = await readYamlFile(file, TrajectorySchema);
    if (trajectory.turns.length > task.limits.turns) {
      throw new InputError(`${file}: turns: ${trajectory.turns.length} turns, more than limits.turns (${task.limits.turns})`);
    }
    const expected = trajectory.expect?.complete;
    if (expected && expected.length !== trajectory.turns.length) {
      throw new InputError(`${file}: expect.complete: ${expected.length} labels for ${trajectory.turns.length} turns (expected one per turn)`);
    }
    out.push({ name: fileName.replace(/\.ya?ml$/, ''), file, trajectory });
  }
  return out;
}

/** A symlink in repo/ that points outside it would let a workspace reach the host's files. */
async function refuseOutwardLinks(root: string, dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const target = path.resolve(dir, await readlink(full));
      if (!isWithin(root, target)) throw new InputError(`${full}: symlink points outside repo/ (to ${target})`);
    } else if (entry.isDirectory()) {
      await refuseOutwardLinks(root, full);
    }
  }
}

export async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
