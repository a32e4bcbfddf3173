import { formatIssues } from '../../load/issues.js';
import { VerdictSchema, type JudgeInput, type Verdict } from '../../schemas/judging.js';
import { checkLimits, runCommand, type RunOptions } from '../../workspace/exec.js';

/**
 * The `stopbench` protocol: the judge input (SPEC section 4) as JSON on stdin, a verdict as JSON on
 * stdout. A timeout, a non-zero exit or output that is not a valid verdict is a failed judgement: it
 * throws, and the runner records an `error` checkpoint.
 */
export async function runStopbenchProtocol(command: string, input: JudgeInput, options: RunOptions): Promise<Verdict> {
  const result = await runCommand(command, { ...options, stdin: JSON.stringify(input), purpose: 'judge' });
  if (result.aborted) options.signal?.throwIfAborted();
  checkLimits(result);
  if (result.timedOut) throw new Error(`command judge timed out after ${options.timeoutMs} ms`);
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited ${result.exitCode}`;
    const said = (result.stderr.trim() || result.stdout.trim()).slice(-500);
    throw new Error(`command judge ${how}${said ? `: ${said}` : ''}`);
  }
  return parseVerdictOutput(result.stdout, result.truncated);
}

/**
 * The verdict in a judge command's stdout: the whole output as JSON, or else its last non-empty line
 * (a command may log progress before it answers).
 */
export function parseVerdictOutput(stdout: string, truncated = false): Verdict {
  const text = stdout.trim();
  const lastLine = text.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  const value = parseJson(text) ?? parseJson(lastLine);
  if (value === undefined) {
    const cut = truncated ? ' (the output was cut at maxOutputBytes)' : '';
    const shown = text ? `"${text.slice(0, 200)}${text.length > 200 ? '…' : ''}"` : 'nothing';
    throw new Error(`command judge printed no JSON verdict${cut}: ${shown}`);
  }
  const parsed = VerdictSchema.safeParse(value);
  if (!parsed.success) throw new Error(`command judge printed an invalid verdict: ${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}

function parseJson(text: string): unknown {
  if (!text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
