/**
 * Runs `scan()` in-process on a tree (bundled from src/ at bench time) and writes which files it
 * read, beside the set of files some check declares it needs or visits, for the floor and the read targets.
 *
 * Usage: node scan-child.js ROOT OUT.json
 */
import { writeFileSync } from 'node:fs';
import { ALL_CHECKS } from '../src/checks/index.js';
import { readPlan } from '../src/checks/read-plan.js';
import { scan } from '../src/scan.js';
import { listPlain, type ReadEntry, type ScanChildResult } from './lib.js';

const [root, out] = process.argv.slice(2) as [string, string];

const { report, readPaths } = await scan({ root });
const plan = readPlan(ALL_CHECKS);
const needed: ReadEntry[] = [];
for (const p of listPlain(root)) {
  // A file read for a visitor is read whole, whatever is kept of it.
  const need = plan.visitors.some((v) => v.wants(p)) ? 'text' : plan.needOf(p);
  if (need) needed.push([p, need]);
}
const result: ScanChildResult = {
  readPaths,
  needed,
  listed: report.metadata.filesListed,
  skipped: report.skippedFiles.map((s) => s.path),
  filesRead: report.metadata.filesRead,
  durationMs: report.metadata.durationMs,
};
writeFileSync(out, JSON.stringify(result));
