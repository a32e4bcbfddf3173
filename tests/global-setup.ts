import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The CLI tests run the built `dist/cli/bin.js`, as users do: build it once before the tests. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
