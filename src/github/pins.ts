/**
 * Verifies SHA pins against the action repositories: the release named in a pin's comment must
 * resolve to the pinned commit (a mismatch means the comment misleads reviewers and update tools,
 * or the SHA is not the release at all), and a pin without a version must at least exist.
 *
 * A commit that merely exists is weak evidence — GitHub also serves commits of forks through the
 * parent repository ("imposter commits") — so the tag comparison is the verification that counts.
 * Requests run concurrently, one per distinct pin (two when a tag does not match), capped per run.
 */
import { errorMessage } from '../errors.js';
import type { GitHubClient } from './client.js';

/** At most this many distinct pins are verified per scan; the rest are reported as not verified. */
export const MAX_PINS_VERIFIED = 25;

export type PinVerdict =
  /** The comment's version resolves to the pinned SHA. */
  | 'verified'
  /** The comment's version resolves to another commit; the pinned SHA exists in the repository network. */
  | 'version-mismatch'
  /** The comment's version is not a ref of the repository; the pinned SHA exists. */
  | 'version-not-found'
  /** No version to compare; the pinned SHA exists. */
  | 'exists'
  /** The pinned SHA is not a commit of the repository. */
  | 'sha-not-found'
  /** The API could not answer (rate limit, timeout, no access). */
  | 'unverified';

export interface PinVerification {
  repository: string;
  sha: string;
  version?: string;
  verdict: PinVerdict;
  /** For a mismatch: the commit the version resolves to. */
  versionSha?: string;
  note?: string;
}

export interface PinRequest {
  repository: string;
  sha: string;
  version?: string;
}

export interface PinVerificationResult {
  results: PinVerification[];
  /** Distinct pins left unverified because of the cap. */
  skipped: number;
  requests: number;
}

export async function verifyPins(
  client: GitHubClient,
  pins: readonly PinRequest[],
): Promise<PinVerificationResult> {
  const { todo, skipped } = pinsToVerify(pins);
  const before = client.requestCount;
  const results = await Promise.all(todo.map((p) => verifyOne(client, p)));
  return { results, skipped, requests: client.requestCount - before };
}

/** Every pin unverified for one reason (no client could be made). */
export function unverifiedPins(pins: readonly PinRequest[], note: string): PinVerificationResult {
  const { todo, skipped } = pinsToVerify(pins);
  const results = todo.map((p): PinVerification => ({
    repository: p.repository,
    sha: p.sha,
    version: p.version,
    verdict: 'unverified',
    note,
  }));
  return { results, skipped, requests: 0 };
}

/** The distinct pins within the cap, and how many distinct pins the cap leaves out. */
function pinsToVerify(pins: readonly PinRequest[]): { todo: PinRequest[]; skipped: number } {
  const distinct = new Map<string, PinRequest>();
  for (const p of pins) distinct.set(`${p.repository.toLowerCase()}@${p.sha}#${p.version ?? ''}`, p);
  const todo = [...distinct.values()].slice(0, MAX_PINS_VERIFIED);
  return { todo, skipped: Math.max(0, distinct.size - todo.length) };
}

async function verifyOne(client: GitHubClient, pin: PinRequest): Promise<PinVerification> {
  const [owner, repo] = pin.repository.split('/');
  const base = { repository: pin.repository, sha: pin.sha, version: pin.version };
  if (!owner || !repo) return { ...base, verdict: 'unverified', note: 'not an owner/repo action' };
  try {
    if (pin.version) {
      const resolved = await commitSha(client, owner, repo, pin.version);
      if (resolved === pin.sha) return { ...base, verdict: 'verified' };
      const exists = (await commitSha(client, owner, repo, pin.sha)) !== undefined;
      if (!exists) return { ...base, verdict: 'sha-not-found' };
      return resolved === undefined
        ? { ...base, verdict: 'version-not-found' }
        : { ...base, verdict: 'version-mismatch', versionSha: resolved };
    }
    const exists = (await commitSha(client, owner, repo, pin.sha)) !== undefined;
    return { ...base, verdict: exists ? 'exists' : 'sha-not-found' };
  } catch (error) {
    return { ...base, verdict: 'unverified', note: errorMessage(error).split('\n')[0] };
  }
}

/** The commit SHA a ref (tag, branch or SHA) resolves to; undefined when the repository has no such ref. */
async function commitSha(
  client: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const response = await client.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      owner,
      repo,
      ref,
      // Only the SHA is needed; GitHub answers this media type with the bare SHA (a JSON commit also works).
      mediaType: { format: 'sha' },
    });
    const data: unknown = response.data;
    const sha = typeof data === 'string' ? data.trim() : (data as { sha?: unknown } | null)?.sha;
    return typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
  } catch (error) {
    const status = (error as { status?: number }).status;
    // 404: no such repository or ref; 422: "No commit found for SHA".
    if (status === 404 || status === 422) return undefined;
    throw error;
  }
}
