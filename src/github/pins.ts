/**
 * Verifies SHA pins against the action repositories: the release named in a pin's comment must
 * resolve to the pinned commit (a mismatch means the comment misleads reviewers and update tools,
 * or the SHA is not the release at all), and a pin without a version must at least exist.
 *
 * A commit that merely exists is weak evidence — GitHub also serves commits of forks through the
 * parent repository ("imposter commits") — so the tag comparison is the verification that counts.
 * Requests run concurrently, one per distinct pin (two when a tag does not match), capped per run.
 *
 * Beside the pins, each distinct action repository is looked up once (whether it is archived, and
 * whether the token can read it, which tells a missing commit from a repository out of reach), and
 * each distinct branch-or-tag reference is classified (one request, two when it names a branch:
 * whether the name is both a branch and a tag). Each kind has its own cap of the same size. The
 * advisories of the actions a check names are read beside them, in batches (action-advisories.ts).
 */
import { errorMessage } from '../errors.js';
import { lookupActionAdvisories, unansweredAdvisories, type AdvisoryLookup } from './action-advisories.js';
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

/** A reference by branch or tag name (`@v4`, `@main`) whose kind is to be checked. */
export interface RefRequest {
  repository: string;
  ref: string;
}

/** The advisories that name an action: `owner/repo`, or `owner/repo/path` for one in a folder. */
export interface AdvisoryRequest {
  repository: string;
  advisoriesOf: string;
}

/**
 * What a check asks GitHub about an action it references: a SHA pin, a named ref, its advisories,
 * or its repository alone.
 */
export type ActionLookup = PinRequest | RefRequest | AdvisoryRequest | { repository: string };

export interface RepositoryLookup {
  repository: string;
  /** Unset when GitHub did not say (no access, an error). */
  archived?: boolean;
  note?: string;
}

export interface RefLookup {
  repository: string;
  ref: string;
  /** Whether the name is both a branch and a tag; unset when GitHub did not say. */
  branchAndTag?: boolean;
  note?: string;
}

export interface PinVerificationResult {
  results: PinVerification[];
  /** Distinct pins left unverified because of the cap. */
  skipped: number;
  /** Each action repository looked up (every distinct one, within the cap). */
  repositories: RepositoryLookup[];
  /** Each named ref classified (every distinct one, within the cap). */
  refs: RefLookup[];
  /** Distinct repositories and named refs left unchecked because of the cap. */
  unchecked: { repositories: number; refs: number };
  /** The advisories of the actions named by advisory requests; unset when there were none. */
  advisories?: AdvisoryLookup;
  requests: number;
}

export async function verifyPins(
  client: GitHubClient,
  lookups: readonly ActionLookup[],
): Promise<PinVerificationResult> {
  const todo = lookupsToMake(lookups);
  const before = client.requestCount;
  const known = new Map<string, Promise<RepositoryAnswer>>();
  for (const name of todo.repositories) repositoryAnswer(client, name, known);
  const [results, refs, advisories] = await Promise.all([
    Promise.all(todo.pins.map((p) => verifyOne(client, p, known))),
    Promise.all(todo.refs.map((r) => classifyRef(client, r))),
    todo.advisoryNames.length ? lookupActionAdvisories(client, todo.advisoryNames) : undefined,
  ]);
  const repositories = await Promise.all(
    [...known].map(async ([, answer]) => repositoryLookup(await answer)),
  );
  return {
    results,
    skipped: todo.skipped,
    repositories,
    refs,
    unchecked: todo.unchecked,
    ...(advisories && { advisories }),
    requests: client.requestCount - before,
  };
}

/** Every lookup unanswered for one reason (no client could be made). */
export function unverifiedPins(lookups: readonly ActionLookup[], note: string): PinVerificationResult {
  const todo = lookupsToMake(lookups);
  const results = todo.pins.map((p): PinVerification => ({
    repository: p.repository,
    sha: p.sha,
    version: p.version,
    verdict: 'unverified',
    note,
  }));
  return {
    results,
    skipped: todo.skipped,
    repositories: todo.repositories.map((repository) => ({ repository, note })),
    refs: todo.refs.map((r) => ({ ...r, note })),
    unchecked: todo.unchecked,
    ...(todo.advisoryNames.length ? { advisories: unansweredAdvisories(todo.advisoryNames, note) } : {}),
    requests: 0,
  };
}

/**
 * The distinct pins, named refs and repositories within their caps, and how many each cap leaves
 * out; the action names whose advisories to read (capped and batched by action-advisories.ts).
 */
function lookupsToMake(lookups: readonly ActionLookup[]): {
  pins: PinRequest[];
  refs: RefRequest[];
  repositories: string[];
  advisoryNames: string[];
  skipped: number;
  unchecked: { repositories: number; refs: number };
} {
  const pins = new Map<string, PinRequest>();
  const refs = new Map<string, RefRequest>();
  const repositories = new Map<string, string>();
  const advisoryNames = new Set<string>();
  for (const l of lookups) {
    const name = l.repository.toLowerCase();
    if ('sha' in l) pins.set(`${name}@${l.sha}#${l.version ?? ''}`, l);
    else if ('ref' in l) refs.set(`${name}@${l.ref}`, l);
    else if ('advisoriesOf' in l) advisoryNames.add(l.advisoriesOf.toLowerCase());
    if (!repositories.has(name)) repositories.set(name, l.repository);
  }
  const capped = <T>(all: Map<string, T>) => [...all.values()].slice(0, MAX_PINS_VERIFIED);
  const left = (all: Map<string, unknown>) => Math.max(0, all.size - MAX_PINS_VERIFIED);
  return {
    pins: capped(pins),
    refs: capped(refs),
    repositories: capped(repositories),
    advisoryNames: [...advisoryNames],
    skipped: left(pins),
    unchecked: { repositories: left(repositories), refs: left(refs) },
  };
}

/**
 * A pin is checked against its repository. Only a definite answer makes a finding: the repository
 * is readable and the commit is not in it. A repository that answers 404 is private or out of the
 * token's reach, and then nothing is known about the pin.
 */
async function verifyOne(
  client: GitHubClient,
  pin: PinRequest,
  readable: Map<string, Promise<RepositoryAnswer>>,
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

/** What GitHub said of an action repository: readable (and whether archived), not found, or no answer. */
type RepositoryAnswer =
  | { repository: string; found: true; archived: boolean }
  | { repository: string; found: false }
  | { repository: string; failed: string };

/** Asks GitHub about a repository once per scan; the answer never rejects (a failure is an answer). */
function repositoryAnswer(
  client: GitHubClient,
  repository: string,
  cache: Map<string, Promise<RepositoryAnswer>>,
): Promise<RepositoryAnswer> {
  const key = repository.toLowerCase();
  let answer = cache.get(key);
  if (!answer) {
    const [owner = '', repo = ''] = repository.split('/');
    answer =
      !owner || !repo
        ? Promise.resolve({ repository, failed: 'not an owner/repo action' })
        : client.octokit.request('GET /repos/{owner}/{repo}', { owner, repo }).then(
            (response): RepositoryAnswer => {
              const archived = (response.data as { archived?: unknown }).archived;
              return typeof archived === 'boolean'
                ? { repository, found: true, archived }
                : {
                    repository,
                    failed: `GitHub's answer for ${repository} does not say whether it is archived`,
                  };
            },
            (error: unknown): RepositoryAnswer =>
              (error as { status?: number }).status === 404
                ? { repository, found: false }
                : { repository, failed: errorMessage(error).split('\n')[0]! },
          );
    cache.set(key, answer);
  }
  return answer;
}

/** Whether the token can read the repository; throws when GitHub gave no answer. */
async function isReadable(
  client: GitHubClient,
  owner: string,
  repo: string,
  cache: Map<string, Promise<RepositoryAnswer>>,
): Promise<boolean> {
  const answer = await repositoryAnswer(client, `${owner}/${repo}`, cache);
  if ('failed' in answer) throw new Error(answer.failed);
  return answer.found;
}

function repositoryLookup(answer: RepositoryAnswer): RepositoryLookup {
  if ('failed' in answer) return { repository: answer.repository, note: answer.failed };
  if (!answer.found) {
    return {
      repository: answer.repository,
      note: `GitHub answered 404 for ${answer.repository}: the repository is private, or the token cannot read it`,
    };
  }
  return { repository: answer.repository, archived: answer.archived };
}

/**
 * Whether a named ref is both a branch and a tag. The branch is asked first: most action refs are
 * tags and no branch, and then one request settles it. A name git would refuse as a ref (`..`,
 * control characters) is not sent at all, so a hostile reference cannot steer the request path.
 */
async function classifyRef(client: GitHubClient, request: RefRequest): Promise<RefLookup> {
  const [owner, repo] = request.repository.split('/');
  const base = { repository: request.repository, ref: request.ref };
  if (!owner || !repo) return { ...base, note: 'not an owner/repo action' };
  if (!isPlainRefName(request.ref)) return { ...base, note: 'not a valid branch or tag name' };
  try {
    if (!(await refExists(client, owner, repo, 'heads', request.ref)))
      return { ...base, branchAndTag: false };
    return { ...base, branchAndTag: await refExists(client, owner, repo, 'tags', request.ref) };
  } catch (error) {
    const status = (error as { status?: number }).status;
    const note =
      status === 404
        ? `GitHub answered 404 for ${request.repository}: the repository is private, or the token cannot read it`
        : errorMessage(error).split('\n')[0]!;
    return { ...base, note };
  }
}

/** A name git accepts as a branch or tag (git check-ref-format, the parts that matter here). */
function isPlainRefName(ref: string): boolean {
  return (
    ref.length > 0 &&
    ref.length <= 255 &&
    // eslint-disable-next-line no-control-regex -- control characters are what git refuses
    !/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|^[/.]|[/.]$|\.lock$/.test(ref) &&
    !ref.split('/').some((part) => part.startsWith('.'))
  );
}

/** Whether `refs/{kind}/{name}` exists (matching-refs lists refs by prefix; only an exact name counts). */
async function refExists(
  client: GitHubClient,
  owner: string,
  repo: string,
  kind: 'heads' | 'tags',
  name: string,
): Promise<boolean> {
  // The client encodes the whole ref as one path segment (`heads%2Fv4`), as GitHub expects.
  const response = await client.octokit.request('GET /repos/{owner}/{repo}/git/matching-refs/{ref}', {
    owner,
    repo,
    ref: `${kind}/${name}`,
  });
  const data: unknown = response.data;
  if (!Array.isArray(data))
    throw new Error(`GitHub's answer for ${owner}/${repo} refs/${kind}/${name} is not a list`);
  return data.some((r) => (r as { ref?: unknown } | null)?.ref === `refs/${kind}/${name}`);
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
