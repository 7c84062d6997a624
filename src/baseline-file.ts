/**
 * Reads a baseline report the user provides (`--baseline`, the `baseline` input) or an artifact
 * holds (the default branch's run): I/O and unzipping at the edge, then the pure, schema-checked
 * parse in src/report/baseline.ts. Every problem is a `UserError`.
 */
import { unzipSync, type UnzipFileFilter, type Unzipped } from 'fflate';
import { promises as fs } from 'node:fs';
import { errorFirstLine, errorMessage, UserError } from './errors.js';
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

/** An artifact holding one report has one or a few files; more is not an upload of the report-file. */
export const MAX_ZIP_ENTRIES = 100;

/**
 * Reads the baseline out of an artifact's zip (`display` names it in errors): the entry named
 * `entryName`, else the only `.json` entry. Entries are listed without inflating any; the chosen
 * one is inflated into a buffer of its declared size, at most `MAX_BASELINE_BYTES` (a larger
 * declared size is refused, and inflating never writes past the buffer, so a zip bomb stops there).
 */
export function readBaselineFromZip(zip: Uint8Array, entryName: string, display: string): BaselineReport {
  const entries: Array<{ name: string; size: number }> = [];
  unzipOrExplain(zip, display, (entry) => {
    if (entries.length >= MAX_ZIP_ENTRIES)
      throw new UserError(`${display}: the artifact holds more than ${MAX_ZIP_ENTRIES} files`);
    entries.push({ name: entry.name, size: entry.originalSize });
    return false;
  });
  const jsonEntries = entries.filter((e) => e.name.toLowerCase().endsWith('.json'));
  const chosen =
    entries.find((e) => e.name === entryName) ?? (jsonEntries.length === 1 ? jsonEntries[0] : undefined);
  if (!chosen)
    throw new UserError(
      `${display}: the artifact has no ${entryName} and ${jsonEntries.length ? 'more than one' : 'no'} JSON file`,
    );
  if (chosen.size > MAX_BASELINE_BYTES)
    throw new UserError(`${display}: the baseline is larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MiB`);
  const files = unzipOrExplain(zip, display, (entry) => entry.name === chosen.name);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(files[chosen.name]);
  } catch {
    throw new UserError(`${display}: ${chosen.name} is not UTF-8 text`);
  }
  return parseBaseline(text, `${display}: ${chosen.name}`);
}

function unzipOrExplain(zip: Uint8Array, display: string, filter: UnzipFileFilter): Unzipped {
  try {
    return unzipSync(zip, { filter });
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${display}: not a readable zip archive (${errorFirstLine(error)})`);
  }
}
