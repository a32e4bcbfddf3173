/**
 * Known errors carry a `code` and the exit code the CLI ends with; they print as one line.
 * Anything else is a bug and prints with its stack.
 */
export class StopbenchError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: a file, a field or a value that is not what was expected. Exit 2. */
export class InputError extends StopbenchError {
  constructor(message: string) {
    super(message, 'E_INPUT', 2);
  }
}

/** Bad command-line usage. Exit 2. */
export class UsageError extends StopbenchError {
  constructor(message: string) {
    super(message, 'E_USAGE', 2);
  }
}

/**
 * A fixture that cannot be replayed as written (an edit whose text is missing, a path that leaves the
 * workspace). Inside a run it ends one episode as `error`; in `validate` it is a failed fixture.
 */
export class FixtureError extends StopbenchError {
  constructor(message: string) {
    super(message, 'E_FIXTURE', 1);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
