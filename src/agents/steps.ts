import { lstat, readFile, rm } from 'node:fs/promises';
import { FixtureError } from '../errors.js';
import type { TranscriptEntry } from '../schemas/judging.js';
import type { Step } from '../schemas/trajectory.js';
import { PathEscapeError, resolveInside } from '../workspace/paths.js';
import { writeFileDeep, type Workspace } from '../workspace/workspace.js';
import { checkLimits } from '../workspace/exec.js';
import type { CommandCache } from '../cache/command-cache.js';
import { runStepCommand } from './step-command.js';
import { separateStreams } from './streams.js';

/** Where a step sits, for error messages: `fixtures/x/trajectories/lazy.yaml: turn 2, step 3 (edit src/a.js)`. */
export interface StepPlace {
  file: string;
  turn: number;
  step: number;
}

/**
 * Applies one trajectory step to the workspace and returns its transcript entry. Steps that cannot be
 * applied as written (an edit's text missing or not unique, a path leaving the workspace) are errors in
 * the fixture, never skipped. With `commands`, a `run` step that changes no file may come from the
 * command cache (see runStepCommand).
 */
export async function applyStep(step: Step, workspace: Workspace, place: StepPlace, timeoutMs: number, signal?: AbortSignal, commands?: CommandCache): Promise<TranscriptEntry> {
  const { turn } = place;
  const fail = (why: string): never => {
    throw new FixtureError(`${place.file}: turn ${turn}, step ${place.step} (${describeStep(step)}): ${why}`);
  };
  const inside = async (relPath: string) => {
    try {
      return await resolveInside(workspace.dir, relPath);
    } catch (error) {
      if (error instanceof PathEscapeError) return fail(error.message);
      throw error;
    }
  };

  switch (step.kind) {
    case 'run': {
      const run = checkLimits(await runStepCommand(workspace, step.command, { timeoutMs, signal }, commands));
      if (run.aborted) signal?.throwIfAborted();
      return {
        turn, kind: 'run', command: step.command, exitCode: run.exitCode, output: run.output, ...separateStreams(run),
        ...(run.timedOut ? { timedOut: true } : {}), durationMs: run.durationMs,
      };
    }
    case 'edit': {
      const file = await inside(step.path);
      const text = await readFile(file, 'utf8').catch(() => fail('file not found'));
      const count = text.split(step.old).length - 1;
      if (count === 0) fail('old text not found in the file');
      if (count > 1) fail(`old text found ${count} times; it must be unique`);
      await writeFileDeep(file, text.replace(step.old, () => step.new));
      return { turn, kind: 'edit', path: step.path, old: step.old, new: step.new };
    }
    case 'write': {
      await writeFileDeep(await inside(step.path), step.content);
      return { turn, kind: 'write', path: step.path, content: step.content };
    }
    case 'delete': {
      const target = await inside(step.path);
      if (!(await lstat(target).catch(() => undefined))) fail('path does not exist');
      await rm(target, { recursive: true, force: true });
      return { turn, kind: 'delete', path: step.path };
    }
    case 'say':
      return { turn, kind: 'say', text: step.text };
  }
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'run':
      return `run ${step.command.length > 40 ? `${step.command.slice(0, 40)}…` : step.command}`;
    case 'edit':
    case 'write':
    case 'delete':
      return `${step.kind} ${step.path}`;
    case 'say':
      return 'say';
  }
}
