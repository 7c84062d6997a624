/** Runs one check the way the engine does: on a fixture tree read from disk, or on in-memory files. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContext, runCheck, type Check } from '../../src/checks/check.js';
import type { CheckOutcome } from '../../src/model/types.js';
import { collectRepository } from '../../src/repo/collect.js';
import { filesFromRecord } from '../../src/repo/files.js';
import { readPlan } from '../../src/checks/read-plan.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Path of a fixture tree: `fixture('security-policy', 'root-email')`. */
export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** Reads the fixture tree through the real collector (only the files the check needs) and runs the check. */
export async function runCheckOnDir(
  check: Check,
  dir: string,
  today = new Date('2026-11-22T00:00:00Z'),
): Promise<CheckOutcome> {
  const plan = readPlan([check]);
  const { files } = await collectRepository(dir, plan.needOf, { visitors: plan.visitors });
  return runCheck(check, checkContext(files, today));
}

/** Runs the check on in-memory files (every file readable). */
export function runCheckOnFiles(
  check: Check,
  files: Record<string, string>,
  today = new Date('2026-11-22T00:00:00Z'),
): CheckOutcome {
  return runCheck(check, checkContext(filesFromRecord(files), today));
}
