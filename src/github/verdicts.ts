/**
 * Small pure helpers the API checks share: naming where a setting came from, rolling
 * requirement results up into a status, and ages in days.
 */
import type { CheckStatus, Unknown } from '../model/types.js';
import { isKnown, type Fact } from './fact.js';
import type { GitHubFacts, RulesetFacts } from './facts.js';

/** A requirement's result: met, not met, or not observable (with why). */
export type Met = true | false | { unknown: Unknown };

export function isUnknownMet(m: Met): m is { unknown: Unknown } {
  return typeof m === 'object';
}

/** all met → pass; none met → fail; some not met → partial; otherwise (only unknowns besides met) → unknown. */
export function statusOf(results: readonly Met[]): CheckStatus {
  if (results.length === 0) return 'unknown';
  if (results.every((r) => r === true)) return 'pass';
  if (results.every((r) => r === false)) return 'fail';
  if (results.some((r) => r === false)) return 'partial';
  return 'unknown';
}

/** `ruleset "main" (id 42)`, or for an organization ruleset `organization ruleset "base" (id 7, acme)`. */
export function rulesetLabel(ruleset: RulesetFacts | undefined, id: number): string {
  if (!ruleset) return `ruleset id ${id}`;
  const org = ruleset.sourceType === 'Organization';
  const name = ruleset.name ? `"${ruleset.name}" ` : '';
  return `${org ? 'organization ' : ''}ruleset ${name}(id ${id}${org && ruleset.source ? `, ${ruleset.source}` : ''})`;
}

export const CLASSIC = 'classic branch protection';

export function daysBetween(fromIso: string, to: Date): number {
  return Math.floor((to.getTime() - Date.parse(fromIso)) / 86_400_000);
}

/** The first unknown among facts, for an outcome's `unknown`. */
export function firstUnknown(...facts: (Fact<unknown> | undefined)[]): Unknown | undefined {
  for (const f of facts) if (f && !isKnown(f)) return f.unknown;
  return undefined;
}

/** `acme/widgets@main` for summaries. */
export function where(github: GitHubFacts): string {
  return `${github.repository}@${github.branch}`;
}
