/**
 * Lists an organisation's repositories through the API client (client.ts: retries, time budget,
 * page cap, token scrubbing), and asks about the ones a list file names but the listing lacks.
 * An App installation token lists what the installation was granted (`GET /installation/repositories`);
 * any other token lists what it can see of the organisation (`GET /orgs/{org}/repos`).
 */
import * as z from 'zod';
import { UserError } from '../errors.js';
import { GitHubStatusError, GitHubUnavailableError, type GitHubClient } from '../github/client.js';

/**
 * Pages read of an organisation's listing: 100,000 repositories at 100 a page. The client's default
 * (30 pages) is sized for one pull request's files; an estate is larger, and a cut listing would
 * silently leave repositories out of the plan.
 */
export const ORG_LISTING_MAX_PAGES = 1000;
/** Repositories named in a list file but missing from the listing that are asked about one by one. */
export const MAX_PROBES = 100;

export type ListingSource = 'installation' | 'organisation';

/** What the plan needs of a repository; everything else GitHub sends is ignored. */
export interface OrgRepository {
  name: string;
  fullName: string;
  owner: string;
  archived: boolean;
  fork: boolean;
  visibility: 'public' | 'private' | 'internal';
  topics: string[];
  pushedAt: string | null;
}

/** A repository the plan wanted but could not see, and why. */
export interface UnseenRepository {
  repository: string;
  status: number | null;
  reason: string;
}

const repositorySchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  full_name: z.string(),
  owner: z.object({ login: z.string() }),
  archived: z.boolean().optional(),
  fork: z.boolean(),
  private: z.boolean(),
  visibility: z.string().optional(),
  topics: z.array(z.string()).optional(),
  pushed_at: z.string().nullable().optional(),
});

/** A listing item as the plan's shape; undefined when GitHub's answer is not a repository. */
export function toOrgRepository(item: unknown): OrgRepository | undefined {
  const parsed = repositorySchema.safeParse(item);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  const visibility =
    r.visibility === 'public' || r.visibility === 'private' || r.visibility === 'internal'
      ? r.visibility
      : r.private
        ? 'private'
        : 'public';
  return {
    name: r.name,
    fullName: `${r.owner.login}/${r.name}`,
    owner: r.owner.login,
    archived: r.archived ?? false,
    fork: r.fork,
    visibility,
    topics: r.topics ?? [],
    pushedAt: r.pushed_at ?? null,
  };
}

export interface Listing {
  source: ListingSource;
  repositories: OrgRepository[];
  /** Items GitHub sent that were not repositories, or belonged to another owner. */
  ignored: number;
}

/** Every repository of `org` the token can list, from the source its kind of token uses. */
export async function listRepositories(
  client: GitHubClient,
  org: string,
  source: ListingSource,
): Promise<Listing> {
  const { octokit } = client;
  let items: unknown[];
  try {
    items =
      source === 'installation'
        ? await octokit.paginate('GET /installation/repositories', { per_page: 100 })
        : await octokit.paginate('GET /orgs/{org}/repos', { org, type: 'all', per_page: 100 });
  } catch (error) {
    throw listingError(error, org, source);
  }
  const repositories: OrgRepository[] = [];
  let ignored = 0;
  const lowerOrg = org.toLowerCase();
  for (const item of items) {
    const repository = toOrgRepository(item);
    if (repository && repository.owner.toLowerCase() === lowerOrg) repositories.push(repository);
    else ignored++;
  }
  return { source, repositories, ignored };
}

/** A listing that failed ends the plan: without it there is nothing to plan. */
function listingError(error: unknown, org: string, source: ListingSource): Error {
  const what =
    source === 'installation' ? 'the App installation’s repositories' : `the repositories of ${org}`;
  if (error instanceof GitHubStatusError) {
    return new UserError(`GitHub refused to list ${what} (${error.status} ${error.message}): ${hint(error)}`);
  }
  if (error instanceof GitHubUnavailableError)
    return new UserError(`Could not list ${what}: ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}

/** What to change when GitHub answers 403 or 404 for a repository or a listing. */
function hint(error: GitHubStatusError): string {
  if (error.headers['x-github-sso']?.startsWith('required'))
    return 'the organisation enforces SAML single sign-on and the token is not authorised for it (authorise it under the token’s SSO settings)';
  if (error.status === 404)
    return 'it does not exist, or the token cannot see it (grant the fine-grained token or the App installation access to it)';
  if (/not accessible by integration/i.test(error.message))
    return 'the App installation or fine-grained token lacks Metadata: read on it';
  if (/IP allow list/i.test(error.message)) return 'the organisation’s IP allow list refuses this runner';
  return 'the token lacks access to it';
}

/**
 * Asks about repositories a list file names that the listing did not return, one request each, up
 * to `MAX_PROBES`; a repository seen here joins the plan, the rest are unseen with the reason.
 */
export async function probeRepositories(
  client: GitHubClient,
  names: readonly string[],
): Promise<{ found: OrgRepository[]; unseen: UnseenRepository[] }> {
  const found: OrgRepository[] = [];
  const unseen: UnseenRepository[] = [];
  for (const [i, fullName] of names.entries()) {
    if (i >= MAX_PROBES) {
      unseen.push({
        repository: fullName,
        status: null,
        reason: `not in the listing, and not asked about: only the first ${MAX_PROBES} missing repositories are`,
      });
      continue;
    }
    const [owner, repo] = fullName.split('/') as [string, string];
    try {
      const { data } = await client.octokit.request('GET /repos/{owner}/{repo}', { owner, repo });
      const repository = toOrgRepository(data);
      if (repository) found.push(repository);
      else unseen.push({ repository: fullName, status: 200, reason: 'GitHub’s answer was not a repository' });
    } catch (error) {
      unseen.push(probeFailure(fullName, error));
    }
  }
  return { found, unseen };
}

function probeFailure(repository: string, error: unknown): UnseenRepository {
  if (error instanceof GitHubStatusError)
    return { repository, status: error.status, reason: `${error.status} ${error.message}: ${hint(error)}` };
  if (error instanceof GitHubUnavailableError) return { repository, status: null, reason: error.message };
  throw error;
}
