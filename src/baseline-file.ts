/**
 * Reads a baseline report the user provides (`--baseline`, the `baseline` input): I/O at the edge,
 * then the pure, schema-checked parse in src/report/baseline.ts. Every problem is a `UserError`.
 */
import { promises as fs } from 'node:fs';
import { errorMessage, UserError } from './errors.js';
import { MAX_BASELINE_BYTES, parseBaseline, type BaselineReport } from './report/baseline.js';

export async function readBaselineFile(file: string, display: string): Promise<BaselineReport> {
  let text: string;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new UserError(`${display}: the baseline must be a regular file`);
    if (st.size > MAX_BASELINE_BYTES)
      throw new UserError(`${display}: the baseline is larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MiB`);
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${display}: cannot read the baseline (${code ?? errorMessage(error)})`);
  }
  return parseBaseline(text, display);
}
