/** What the collector reads for a set of checks, from what each declares it needs. */
import { rememberLast } from '../evidence/locate.js';
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

type Needs = (path: string) => FileNeed | undefined;

/**
 * The plan asks every path of the checkout, so its cost grows with the tree: each distinct `needs`
 * is asked once per path (the workflow checks share one), and the last path's answer is kept for
 * the visitors that ask whether a path is read after the collector has asked what it needs.
 */
export function readPlan(checks: readonly Check[]): ReadPlan {
  const asks: Needs[] = [...new Set(checks.flatMap((c): Needs[] => (c.needs ? [c.needs] : [])))];
  const needOf = rememberLast((p: string): FileNeed | undefined => {
    let need: FileNeed | undefined;
    for (const needs of asks) {
      const n = needs(p);
      if (n === 'text') return 'text';
      need ??= n;
    }
    return need;
  });
  const visitors = checks.flatMap((c) => (c.source === 'files' && c.visitor ? [c.visitor] : []));
  return { needOf, visitors, reads: (p) => needOf(p) !== undefined || visitors.some((v) => v.wants(p)) };
}
