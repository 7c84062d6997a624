/**
 * One request's answer, and what it means for a fact: the value its schema admits, or unknown
 * with why (GitHub's refusal, an outage, an unexpected shape) and what would make it visible.
 */
import type * as z from 'zod';
import { UserError } from '../../errors.js';
import type { Unknown } from '../../model/types.js';
import { GitHubStatusError, GitHubUnavailableError, type UnavailableKind } from '../client.js';
import { isKnown, known, unobserved, type Fact } from '../fact.js';

export type Answer =
  | { ok: true; status: number; data: unknown }
  | { ok: false; status?: number; message: string; unavailable?: GitHubUnavailableError };
export type Refusal = Extract<Answer, { ok: false }>;

/** Runs one request; a 401 (UserError) propagates, anything else becomes an answer. */
export async function ask(call: () => Promise<{ status: number; data: unknown }>): Promise<Answer> {
  try {
    const { status, data } = await call();
    return { ok: true, status, data };
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (error instanceof GitHubStatusError)
      return { ok: false, status: error.status, message: error.message };
    if (error instanceof GitHubUnavailableError)
      return { ok: false, message: error.message, unavailable: error };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const RETRY_LATER = 're-run the scan; if it persists, check https://www.githubstatus.com';
/** What would make a fact visible that GitHub could not give (or sscop would not take). */
const AFTER: Record<UnavailableKind, string> = {
  timeout: RETRY_LATER,
  'server-error': RETRY_LATER,
  network: RETRY_LATER,
  'rate-limited': 're-run when the rate limit resets, or use a token with a higher limit',
  'time-budget':
    're-run when GitHub answers faster, or give the API more time (--api-timeout, or the api-timeout input)',
  refused:
    'check that GITHUB_API_URL is the GitHub API: sscop reads answers only from its host, and only up to a size cap',
  incomplete: 'the list is longer than sscop reads; review it on GitHub',
};

/** Why an answer did not give the fact, as an unknown with what would make it visible. */
export function notVisible(answer: Refusal, what: string, permission: string): { unknown: Unknown } {
  if (answer.unavailable) return unobserved(`${what}: ${answer.message}`, AFTER[answer.unavailable.kind]);
  return unobserved(
    `${what}: GitHub answered ${answer.status ?? 'an error'} (${answer.message})`,
    `needs a token with ${permission}`,
  );
}

/**
 * A 403 that says the token lacks the permission (not a rate limit, a plan limit or a disabled
 * feature): every other request needing that permission would be refused the same way.
 */
export function refusesPermission(answer: Answer): boolean {
  return (
    !answer.ok &&
    answer.status === 403 &&
    /not accessible by|must have admin rights|requires? admin/i.test(answer.message)
  );
}

export function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): Fact<T> {
  const result = schema.safeParse(data);
  if (result.success) return known(result.data);
  const issue = result.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return unobserved(
    `${what}: GitHub's answer had an unexpected shape (${issue?.message ?? 'invalid'}${at})`,
    'report this to sscop with the GitHub version (GHES?) you scan; re-running may help if the answer was cut off',
  );
}

export function mapFact<T, U>(fact: Fact<T>, f: (value: T) => U): Fact<U> {
  return isKnown(fact) ? known(f(fact.value)) : fact;
}
