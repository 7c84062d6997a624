// What the parity scripts (markdown-parity.mjs, shell-parity.mjs) share: the folders they read by
// default, and how they point at the first difference between two readings.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where the real checkouts are kept on the benchmark machine. */
const REAL = '/work/real';

/** Every checkout under /work/real, then the fixtures: one folder, or (`each`) each fixture. */
export function defaultDirs(repo, { eachFixture }) {
  const dirs = existsSync(REAL) ? readdirSync(REAL).map((d) => path.join(REAL, d)) : [];
  const fixtures = path.join(repo, '__tests__/fixtures');
  if (eachFixture) dirs.push(...readdirSync(fixtures).map((d) => path.join(fixtures, d)));
  else dirs.push(fixtures);
  return dirs;
}

/** The first place where two JSON values differ: its path, and the value on each side (a, b). */
export function firstDifference(a, b, at = '') {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return { at, a, b };
  if (Array.isArray(a) !== Array.isArray(b)) return { at, a, b };
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${at}.${key}`);
    if (d) return d;
  }
  return undefined;
}
