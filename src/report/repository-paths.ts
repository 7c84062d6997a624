/**
 * Where a scanned directory sits in its repository. Checks see paths relative to the directory
 * they scan; GitHub (annotations, SARIF, permalinks, a pull request's changed files) knows only
 * paths from the repository's root. The report is built with repository paths, once, here, so no
 * surface has to remember the prefix.
 */
import path from 'node:path';
import type { CheckResult, Evidence, Finding } from '../model/types.js';
import type { SkippedFile } from '../repo/files.js';

/**
 * The scanned directory relative to the repository's root, in `/` form without `./` or a trailing
 * `/`; undefined for the root itself, and for a directory outside the repository (whose paths
 * GitHub cannot show anyway, so they stay as the scan saw them).
 */
export function pathInRepository(repositoryRoot: string, scannedDir: string): string | undefined {
  const relative = path.relative(path.resolve(repositoryRoot), path.resolve(scannedDir));
  if (
    relative === '' ||
    path.isAbsolute(relative) ||
    relative === '..' ||
    relative.startsWith(`..${path.sep}`)
  )
    return undefined;
  return relative.split(path.sep).join('/');
}

/** `file` (relative to the scanned directory) from the repository's root. */
export function repositoryPath(prefix: string | undefined, file: string): string {
  return prefix ? `${prefix}/${file}` : file;
}

function withPrefix<T extends { path?: string }>(prefix: string, item: T): T {
  return item.path === undefined ? item : { ...item, path: repositoryPath(prefix, item.path) };
}

/** A check's findings and evidence with paths from the repository's root. */
export function checkInRepository<T extends CheckResult>(prefix: string | undefined, check: T): T {
  if (!prefix) return check;
  return {
    ...check,
    findings: check.findings.map((f: Finding) => {
      const moved = withPrefix(prefix, f);
      return f.related ? { ...moved, related: f.related.map((r) => withPrefix(prefix, r)) } : moved;
    }),
    evidence: check.evidence.map((e: Evidence) => withPrefix(prefix, e)),
  };
}

export function skippedInRepository(prefix: string | undefined, skipped: SkippedFile[]): SkippedFile[] {
  return prefix ? skipped.map((s) => withPrefix(prefix, s)) : skipped;
}
