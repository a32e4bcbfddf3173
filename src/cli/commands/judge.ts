import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { parseFinalMessage } from '../../agents/final-message.js';
import { InputError } from '../../errors.js';
import { parseClaudeTranscript } from '../../formats/claude-code/transcript-read.js';
import { judgeRepository } from '../../judge-repo.js';
import { selectJudge } from '../../judges/select.js';
import { readTaskFile } from '../../load/task-file.js';
import { resolveSandbox } from '../../sandbox/settings.js';
import type { Verdict } from '../../schemas/judging.js';
import type { Claim } from '../../schemas/trajectory.js';
import { sessionOfTranscript } from '../../repo/session-start.js';
import { EXIT } from '../exit.js';
import type { CliIo } from '../output.js';
import { summaryOf } from './summaries.js';

interface JudgeFlags {
  contract: string;
  workspace: string;
  judge?: string;
  config?: string;
  report?: string;
  claim?: Claim;
  transcript?: string;
  base?: string;
  session?: string;
  json: boolean;
}

/** `stopbench judge`: a real repository's current state as a stop attempt. Exit 0 done, 1 continue, 3 blocked. */
export function registerJudge(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('judge')
    .description(summaryOf('judge'))
    .requiredOption('--contract <file>', 'goal contract (a task.yaml, or a file holding only the contract)')
    .requiredOption('--workspace <dir>', 'the repository (any folder inside it)')
    .option('--judge <id>', 'judge id: a built-in type, or an id of --config (default: verify)')
    .option('--config <file>', 'suite file to take the judge from')
    .option('--report <file>', 'the agent\'s report (- for stdin); default: the transcript\'s last assistant message')
    .option('--claim <claim>', 'done or blocked (default: read from the report\'s <promise> or JSON block, else done)', claimOption)
    .option('--transcript <file>', 'a Claude Code session transcript (JSONL) to read what the agent did from')
    .option('--base <rev>', 'count changes from this revision (default: the session\'s start, else the merge base with the upstream, else HEAD)')
    .option('--session <id>', 'a Claude Code session id whose base the hook recorded (default: the transcript\'s)')
    .option('--json', 'print the verdict as JSON', false)
    .action(async (flags: JudgeFlags) => {
      const transcriptText = flags.transcript ? await readText(flags.transcript, '--transcript') : '';
      const transcript = parseClaudeTranscript(transcriptText, flags.workspace);
      const message = flags.report ? await readText(flags.report, '--report') : (transcript.lastAssistantText ?? '');
      const parsed = parseFinalMessage(message);
      const [task, judge] = await Promise.all([readTaskFile(flags.contract), selectJudge({ id: flags.judge, configFile: flags.config })]);
      const started = sessionOfTranscript(transcriptText);
      const sessionId = flags.session ?? started.id;
      const { verdict, baseRev, baseSource, input } = await judgeRepository({
        task, repoDir: flags.workspace, base: flags.base, claim: flags.claim ?? parsed.claim, report: parsed.report,
        transcript: transcript.entries, judge, contractFile: flags.contract, transcriptMissing: !flags.transcript,
        session: sessionId ? { id: sessionId, startedAt: started.startedAt } : undefined,
        sandbox: resolveSandbox(), // STOPBENCH_SANDBOX, else auto
      });
      const changed = input.diff.files.length;
      io.stdout.write(flags.json ? `${JSON.stringify(verdict, null, 2)}\n` : summary(judge.id, verdict, baseRev, baseSource, changed));
      setExit(verdict.decision === 'done' ? EXIT.ok : verdict.decision === 'blocked' ? EXIT.blocked : EXIT.finding);
    });
}

function summary(judgeId: string, verdict: Verdict, baseRev: string | null, baseSource: string, changed: number): string {
  const base = baseRev ? baseRev.slice(0, 12) : 'an empty tree';
  const changes = changed === 0 ? `no changes since ${base}` : `${changed} changed path${changed === 1 ? '' : 's'} since ${base}`;
  const lines = [`${judgeId}: ${verdict.decision}  (${changes}: ${baseSource})`];
  for (const c of verdict.criteria ?? []) lines.push(`  ${criterionMark(c)} ${c.id}${c.evidence ? `: ${c.evidence.split('\n')[0]}` : ''}`);
  if (verdict.feedback) lines.push('', verdict.feedback);
  if (verdict.usage) lines.push('', `usage: ${verdict.usage.inputTokens} in, ${verdict.usage.outputTokens} out, $${verdict.usage.costUsd ?? '?'}`);
  return `${lines.join('\n')}\n`;
}

function criterionMark(c: NonNullable<Verdict['criteria']>[number]): string {
  if (c.status === 'skipped') return 'skip';
  if (c.status === 'unknown') return '??  ';
  return c.met ? 'ok  ' : 'FAIL';
}

async function readText(file: string, flag: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${flag}: ${file}: ${error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code ?? 'unknown error'})`}`);
  });
}

function claimOption(value: string): Claim {
  if (value !== 'done' && value !== 'blocked') throw new InvalidArgumentError('expected done or blocked');
  return value;
}
