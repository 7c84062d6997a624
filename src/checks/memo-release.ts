/**
 * When the scan lets a family of its memo go: after the last check, in the order they run, that
 * names it in `memoFamilies`. Parsed Markdown, for one, is read by the policy checks that run
 * first, and would otherwise stay in memory through every other check and the report.
 */
import type { Check } from './check.js';

/** For each check, the memo families no check after it names: the scan drops them once it has run. */
export function memoReleases(order: readonly Check[]): Map<Check, string[]> {
  const last = new Map<string, Check>();
  for (const check of order) {
    if (check.source !== 'files') continue;
    for (const family of check.memoFamilies ?? []) last.set(family, check);
  }
  const releases = new Map<Check, string[]>();
  for (const [family, check] of last) releases.set(check, [...(releases.get(check) ?? []), family]);
  return releases;
}
