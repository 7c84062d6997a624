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
    super(`${where}: ${key ? `${shownKey(key)}: ` : ''}${problem}`);
  }
}

/**
 * A key path as written in the message: plain ones as they are, any other quoted (line breaks
 * as `\n`) — the key comes from the file, and its message must stay one line in every output.
 */
function shownKey(key: string): string {
  return /^[\w.-]{1,200}$/.test(key) ? key : JSON.stringify(key);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of an error's message: what fits in a note, a reason or a one-line report. */
export function errorFirstLine(error: unknown): string {
  return errorMessage(error).split('\n')[0] || 'unknown error';
}
