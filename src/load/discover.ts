import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from '../errors.js';
import { isDirectory, loadFixture, type Fixture } from './fixture.js';

/**
 * Fixture folders named by locations (SPEC section 8): a folder holding task.yaml is a fixture;
 * otherwise each of its subfolders holding task.yaml is one. A location may be a glob.
 */
export async function findFixtureDirs(locations: readonly string[], baseDir = process.cwd()): Promise<string[]> {
  const dirs: string[] = [];
  for (const location of locations) {
    const matches = isDynamicPattern(location)
      ? await glob(location, { cwd: baseDir, onlyDirectories: true, absolute: true, expandDirectories: false })
      : [path.resolve(baseDir, location)];
    if (matches.length === 0) throw new InputError(`${location}: no folder matches`);
    for (const dir of matches.sort()) {
      if (!(await isDirectory(dir))) throw new InputError(`${dir}: fixture folder not found`);
      if (await hasTask(dir)) {
        dirs.push(dir);
        continue;
      }
      const children = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
      const fixtures = [];
      for (const child of children.sort()) if (await hasTask(child)) fixtures.push(child);
      if (fixtures.length === 0 && !isDynamicPattern(location)) throw new InputError(`${dir}: no task.yaml in it or in its subfolders`);
      dirs.push(...fixtures);
    }
  }
  return [...new Set(dirs)];
}

/** Loads every fixture; two fixtures with one id are an error. */
export async function loadFixtures(locations: readonly string[], baseDir?: string): Promise<Fixture[]> {
  const fixtures: Fixture[] = [];
  const seen = new Map<string, string>();
  for (const dir of await findFixtureDirs(locations, baseDir)) {
    const fixture = await loadFixture(dir);
    const other = seen.get(fixture.id);
    if (other) throw new InputError(`${dir}: fixture id "${fixture.id}" is also used by ${other}`);
    seen.set(fixture.id, dir);
    fixtures.push(fixture);
  }
  return fixtures;
}

async function hasTask(dir: string): Promise<boolean> {
  return access(path.join(dir, 'task.yaml')).then(() => true, () => false);
}
