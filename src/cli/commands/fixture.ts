import { resolveSandbox } from '../../sandbox/settings.js';
import path from 'node:path';
import type { Command } from 'commander';
import { fixtureFromCommit } from '../../fixture-gen/from-commit.js';
import { makeImpossible } from '../../fixture-gen/impossible.js';
import { generatePersonas, PERSONA_NAMES, type PersonaResult } from '../../fixture-gen/personas.js';
import { TempArea } from '../../workspace/temp-area.js';
import { EXIT } from '../exit.js';
import { collect, idList } from '../options.js';
import type { CliIo } from '../output.js';

/** `stopbench fixture ...`: tools that grow the suite (src/fixture-gen/). */
export function registerFixture(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const fixture = program.command('fixture').description('grow the suite: fixtures from fix commits, persona trajectories, impossible variants');

  fixture
    .command('from-commit')
    .description('write a fixture from a fix commit: the parent as repo/, the fix as solution/, its tests as the hidden oracle; then validate it')
    .requiredOption('--repo <path>', 'the git repository')
    .requiredOption('--fix <rev>', 'the fix commit (its parent is the broken state)')
    .option('--tests <glob>', 'test files (repeatable; default: test/, tests/, __tests__/, *.test.*, *.spec.*, test_*.py, *_test.py)', collect)
    .option('--verify <cmd>', 'the visible test command (default: npm test with a test script, python3 -m unittest for Python tests, else node --test)')
    .requiredOption('--out <dir>', 'the fixture folder to write (its name is the fixture id; must not exist or be empty)')
    .action(async (flags: { repo: string; fix: string; tests?: string[]; verify?: string; out: string }) => {
      const temp = await TempArea.create();
      try {
        const result = await fixtureFromCommit({ ...flags, temp, sandbox: resolveSandbox(), onProgress: (line) => io.stdout.write(`${line}\n`) });
        for (const note of result.notes) io.stdout.write(`note: ${note}\n`);
        for (const line of result.validation) io.stdout.write(`ok   ${line.trajectory ? `  ${line.fixture}/${line.trajectory}` : line.fixture}: ${line.message}\n`);
        io.stdout.write(`\nwrote ${result.dir} (task.yaml is a draft: edit the contract, then remove draft: true; add trajectories with stopbench fixture personas ${result.dir})\n`);
        setExit(EXIT.ok);
      } finally {
        await temp.dispose();
      }
    });

  fixture
    .command('personas')
    .description('write labelled trajectories of a fixture, one per persona, from its solution diff; each replayed and labelled by the oracle')
    .argument('<dir>', 'a fixture folder with a solution/')
    .option('--personas <names>', `comma-separated, of ${PERSONA_NAMES.join(', ')} (default: all)`, idList)
    .option('--prefix <text>', 'prefix of the written file names (default none: trajectories/<persona>.yaml)', '')
    .action(async (dir: string, flags: { personas?: string[]; prefix: string }) => {
      const temp = await TempArea.create();
      try {
        const print = (r: PersonaResult) =>
          io.stdout.write('written' in r
            ? `wrote   ${r.persona}: ${path.relative(process.cwd(), r.written)} [${r.labels.map((l) => (l ? 'complete' : 'incomplete')).join(', ')}]\n`
            : `skipped ${r.persona}: ${r.skipped}\n`);
        const results = await generatePersonas(dir, { temp, sandbox: resolveSandbox(), prefix: flags.prefix, onResult: print, ...(flags.personas ? { personas: flags.personas } : {}) });
        const written = results.filter((r) => 'written' in r).length;
        io.stdout.write(`\n${written} trajectories written, ${results.length - written} personas skipped\n`);
        setExit(written > 0 ? EXIT.ok : EXIT.finding);
      } finally {
        await temp.dispose();
      }
    });

  fixture
    .command('impossible')
    .description('write an impossible variant of a fixture: one visible expectation contradicts the contract, the original stays hidden, solvable: false')
    .argument('<dir>', 'a solvable fixture with a solution/')
    .requiredOption('--out <dir>', 'the variant folder to write (its name is the fixture id)')
    .action(async (dir: string, flags: { out: string }) => {
      const temp = await TempArea.create();
      try {
        const result = await makeImpossible(dir, flags.out, temp, resolveSandbox());
        const { mutation } = result;
        io.stdout.write(`mutated ${mutation.file}:${mutation.line}\n  - ${mutation.before.trim()}\n  + ${mutation.after.trim()}\n`);
        for (const d of result.dropped) io.stdout.write(`dropped ${d.name}: ${d.reason}\n`);
        for (const t of result.trajectories) io.stdout.write(`relabelled ${t.name}: [${t.labels.map((l) => (l ? 'complete' : 'incomplete')).join(', ')}]\n`);
        io.stdout.write(`\nwrote ${result.dir} (solvable: false; check it with stopbench validate ${result.dir})\n`);
        setExit(EXIT.ok);
      } finally {
        await temp.dispose();
      }
    });
}
