/**
 * Verifies SHA pins against the action repositories: the release named in a pin's comment must
 * resolve to the pinned commit (a mismatch means the comment misleads reviewers and update tools,
 * or the SHA is not the release at all), and a pin without a version must at least exist.
 *
 * A commit that merely exists is weak evidence — GitHub also serves commits of forks through the
 * parent repository ("imposter commits") — so the tag comparison is the verification that counts.
 * Requests run concurrently, one per distinct pin (two when a tag does not match, and one per
 * repository that answers 404, to tell a missing commit from a repository the token cannot read),
 * capped per run.
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
  const readable = new Map<string, Promise<boolean>>();
  const results = await Promise.all(todo.map((p) => verifyOne(client, p, readable)));
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

/**
 * A pin is checked against its repository. Only a definite answer makes a finding: the repository
 * is readable and the commit is not in it. A repository that answers 404 is private or out of the
 * token's reach, and then nothing is known about the pin.
 */
async function verifyOne(
  client: GitHubClient,
  pin: PinRequest,
  readable: Map<string, Promise<boolean>>,
): Promise<PinVerification> {
  const [owner, repo] = pin.repository.split('/');
  const base = { repository: pin.repository, sha: pin.sha, version: pin.version };
  if (!owner || !repo) return { ...base, verdict: 'unverified', note: 'not an owner/repo action' };
  try {
    const resolved = pin.version ? await commitSha(client, owner, repo, pin.version) : undefined;
    if (resolved === pin.sha) return { ...base, verdict: 'verified' };
    const pinned = await commitSha(client, owner, repo, pin.sha);
    if (typeof pinned !== 'string') {
      if (pinned === 404 && !(await isReadable(client, owner, repo, readable))) {
        return {
          ...base,
          verdict: 'unverified',
          note: `GitHub answered 404 for ${pin.repository}: the repository is private, or the token cannot read it`,
        };
      }
      return { ...base, verdict: 'sha-not-found' };
    }
    if (!pin.version) return { ...base, verdict: 'exists' };
    return typeof resolved === 'string'
      ? { ...base, verdict: 'version-mismatch', versionSha: resolved }
      : { ...base, verdict: 'version-not-found' };
  } catch (error) {
    return { ...base, verdict: 'unverified', note: errorMessage(error).split('\n')[0] };
  }
}

/** Whether the token can read the repository (asked once per repository per scan). */
function isReadable(
  client: GitHubClient,
  owner: string,
  repo: string,
  cache: Map<string, Promise<boolean>>,
): Promise<boolean> {
  const key = `${owner}/${repo}`.toLowerCase();
  let readable = cache.get(key);
  if (!readable) {
    readable = client.octokit.request('GET /repos/{owner}/{repo}', { owner, repo }).then(
      () => true,
      (error: unknown) => {
        if ((error as { status?: number }).status === 404) return false;
        throw error;
      },
    );
    cache.set(key, readable);
  }
  return readable;
}

/**
 * The commit SHA a ref (tag, branch or SHA) resolves to, or GitHub's status when there is none:
 * 422 ("No commit found") is an answer from a readable repository; 404 is that, or a repository
 * the token cannot see.
 */
async function commitSha(
  client: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
): Promise<string | 404 | 422> {
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
    if (typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha)) return sha;
    throw new Error(`GitHub's answer for ${owner}/${repo}@${ref} names no commit SHA`);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 422) return status;
    throw error;
  }
}
