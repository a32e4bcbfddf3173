import type { Command } from 'commander';
import { resolveSandbox, type SandboxMode } from '../../sandbox/settings.js';
import { describeSkipped } from '../../formats/session.js';
import { importSession, type SessionTool } from '../../import/import-session.js';
import { EXIT } from '../exit.js';
import type { CliIo } from '../output.js';

interface ImportFlags {
  fixture: string;
  name?: string;
  repoRoot?: string;
  persona?: string;
  overwrite: boolean;
  sandbox: SandboxMode;
}

const TOOLS: Array<{ tool: SessionTool; what: string }> = [
  { tool: 'claude-code', what: 'a Claude Code session transcript (~/.claude/projects/<project>/<session>.jsonl)' },
  { tool: 'codex', what: 'a Codex CLI rollout (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl)' },
];

export function registerImport(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const group = program.command('import').description("turn a recorded agent session into a fixture trajectory labelled by the fixture's oracle");
  for (const { tool, what } of TOOLS) {
    group
      .command(tool)
      .description(`import ${what}: replay its edits and commands on the fixture's repo, label every stop, write trajectories/NAME.yaml`)
      .argument('<file>', 'the session file (JSONL)')
      .requiredOption('--fixture <dir>', 'the fixture the session worked on (its repo/ is the starting state)')
      .option('--name <name>', `trajectory file name without .yaml (default: ${tool}-<session id>)`)
      .option('--repo-root <path>', "the repository's folder as the session saw it (default: the session's cwd)")
      .option('--persona <persona>', 'the trajectory\'s persona label (default: imported)')
      .option('--overwrite', 'replace an existing trajectory of that name', false)
      .option('--sandbox <mode>', 'auto (bubblewrap when it works), bwrap (required) or none', 'auto')
      .action(async (file: string, flags: ImportFlags) => {
        const sandbox = resolveSandbox({ mode: flags.sandbox, onWarning: (m) => io.stderr.write(`warning: ${m}\n`) });
        const result = await importSession({
          sandbox,
          tool, file, fixtureDir: flags.fixture, name: flags.name, repoRoot: flags.repoRoot, persona: flags.persona, overwrite: flags.overwrite,
        });
        const turns = result.trajectory.turns.length;
        io.stdout.write(
          `${result.file}: ${turns} turn${turns === 1 ? '' : 's'}, ${result.steps} steps, labels [${result.labels.join(', ')}]; skipped: ${describeSkipped(result.skipped)}\n`,
        );
        setExit(EXIT.ok);
      });
  }
}
