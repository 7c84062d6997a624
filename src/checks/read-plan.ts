/** What the collector reads for a set of checks, from what each declares it needs. */
import type { FileNeed, FileVisitor } from '../repo/files.js';
import type { Check } from './check.js';

/** What the collector reads for a set of checks: what to keep of each file, and the per-file passes. */
export interface ReadPlan {
  /** The strongest need any check declares for the path (a `text` need wins). */
  needOf(path: string): FileNeed | undefined;
  visitors: FileVisitor[];
  /** Whether the path is opened at all: kept by a need, or read for a visitor. */
  reads(path: string): boolean;
}

export function readPlan(checks: readonly Check[]): ReadPlan {
  const needOf = (p: string): FileNeed | undefined => {
    let need: FileNeed | undefined;
    for (const check of checks) {
      const n = check.needs?.(p);
      if (n === 'text') return 'text';
      need ??= n;
    }
    return need;
  };
  const visitors = checks.flatMap((c) => (c.source === 'files' && c.visitor ? [c.visitor] : []));
  return { needOf, visitors, reads: (p) => needOf(p) !== undefined || visitors.some((v) => v.wants(p)) };
}
