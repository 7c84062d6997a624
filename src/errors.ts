/**
 * A small error taxonomy: a `UserError` is something the user can fix (bad input, bad config,
 * bad credentials) and ends the run with exit code 2 and its one-line message; anything else is
 * our bug or the platform's, reported as an internal error.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** A configuration problem at a known place in a file. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly key: string | undefined,
    readonly problem: string,
  ) {
    const where = line ? `${file}:${line}${column ? `:${column}` : ''}` : file;
    super(`${where}: ${key ? `${key}: ` : ''}${problem}`);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
