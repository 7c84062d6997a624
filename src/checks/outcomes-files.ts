/**
 * Outcome builders for the file checks: one shape for "nothing here to judge" and "could not be
 * observed", instead of the literal written out at each check.
 */
import type { CheckOutcome, Evidence, Finding } from '../model/types.js';

/** Nothing in the repository for the check to judge (no workflows, no Dockerfiles…). */
export function notApplicable(summary: string, evidence: Evidence[] = []): CheckOutcome {
  return { status: 'not-applicable', summary, findings: [], evidence };
}

/** The check could not observe what it judges: why, and what would make it observable. */
export function unknownOutcome(
  summary: string,
  unknown: { reason: string; howToObserve: string },
  observed: { findings?: Finding[]; evidence?: Evidence[] } = {},
): CheckOutcome {
  return {
    status: 'unknown',
    summary,
    findings: observed.findings ?? [],
    evidence: observed.evidence ?? [],
    unknown,
  };
}

/**
 * Two evidence lists of per-file entries, each in path order, as one list in path order. The walk leaves files that do not parse out of a
 * check's per-file evidence; this puts them back where a loop over every file had them.
 */
export function mergeByPath(a: readonly Evidence[], b: readonly Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (a[i]!.path ?? '') <= (b[j]!.path ?? ''));
    out.push(takeA ? a[i++]! : b[j++]!);
  }
  return out;
}
