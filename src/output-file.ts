/**
 * Writes a report or evidence pack the user asked for (`--output`, the `report-file` input): I/O at
 * the edge for the CLI and the action alike. Content given in pieces (JSON: see
 * report/json-chunks.ts) is written as it is produced, in 64 KB writes, never joined whole.
 */
import { promises as fs } from 'node:fs';
import { gather } from './report/json-chunks.js';

export async function writeOutputFile(file: string, content: string | Iterable<string>): Promise<void> {
  if (typeof content === 'string') return fs.writeFile(file, content);
  const handle = await fs.open(file, 'w');
  try {
    for (const piece of gather(content)) await handle.write(piece);
  } finally {
    await handle.close();
  }
}
