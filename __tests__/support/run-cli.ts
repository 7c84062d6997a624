/** Runs the `sscop` CLI in-process, capturing what it writes (no process spawned). */
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Pretend stdout is a terminal (colour, escapes) — the most dangerous case for injection tests. */
  stdoutIsTTY?: boolean;
  /** Pretend stderr is a terminal (where progress is shown). */
  stderrIsTTY?: boolean;
}

export async function runCliCaptured(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: options.env ?? {},
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
