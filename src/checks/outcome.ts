/**
 * Outcome builders: how a check says it could not observe something, or that it does not apply.
 * Checks and the engine build these outcomes here rather than as literals, so they read alike.
 */
import type { Fact } from '../github/fact.js';
import type { CheckOutcome, ClaimVerdict, Evidence, Finding, Unknown } from '../model/types.js';

/** Unknown: what the check could not observe, why, and what would make it observable. */
export function unknown(
  summary: string,
  why: Unknown,
  more: { findings?: Finding[]; evidence?: Evidence[]; claims?: Record<string, ClaimVerdict> } = {},
): CheckOutcome {
  return {
    status: 'unknown',
    summary,
    findings: more.findings ?? [],
    evidence: more.evidence ?? [],
    unknown: why,
    ...(more.claims ? { claims: more.claims } : {}),
  };
}

/** Unknown because a GitHub fact the check judges could not be observed (the fact says why). */
export function notObservable(summary: string, fact: { unknown: Unknown }): CheckOutcome {
  return unknown(summary, fact.unknown);
}

/** The check's question does not arise for this repository. */
export function notApplicable(summary: string, evidence: Evidence[] = []): CheckOutcome {
  return { status: 'not-applicable', summary, findings: [], evidence };
}

/** An API check's outcome when the scan had no GitHub access. */
export function offline(): CheckOutcome {
  return unknown('Not observed: this check reads GitHub settings, and the scan was offline.', {
    reason: 'offline scan',
    howToObserve:
      'run with --repo OWNER/NAME and a token (GITHUB_TOKEN or --token); in the action, set the token input',
  });
}

/**
 * The value of a fact the engine has already found observed (a check's `judges` facts). Reaching
 * an unknown here means the check reads a fact it did not declare: a bug, reported as such.
 */
export function observed<T>(fact: Fact<T>, name: string): T {
  if ('value' in fact) return fact.value;
  throw new Error(`${name} was not observed; declare it in the check's judges`);
}

/**
 * Two evidence lists of per-file entries, each in path order, as one list in path order. The walk
 * leaves files that do not parse out of a check's per-file evidence; this puts them back where a
 * loop over every file had them.
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
