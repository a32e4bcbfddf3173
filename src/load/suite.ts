import path from 'node:path';
import { SuiteSchema, type Suite } from '../schemas/suite.js';
import { readYamlFile } from './yaml.js';

export interface LoadedSuite {
  file: string;
  /** The suite file's folder: fixture locations and judge paths are relative to it. */
  baseDir: string;
  suite: Suite;
}

export async function loadSuite(file: string): Promise<LoadedSuite> {
  const suite = await readYamlFile(file, SuiteSchema);
  return { file, baseDir: path.dirname(path.resolve(file)), suite };
}
