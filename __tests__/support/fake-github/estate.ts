/**
 * An organisation's estate for the fake GitHub: `count` repositories named `repo-0000`…, every
 * tenth archived, every seventh a fork, every third private, every fifth with the topic `product`,
 * pushed one hour apart (repo-0000 the most recent). Served as pages of 100 from the organisation's
 * listing and from the App installation's, each page linking to the next as GitHub does.
 */
import type { JsonObject } from './openapi.js';
import { basicError, OWNER, repository } from './fixtures.js';
import { openApiValidator, type FakeResponse, type RouteTable } from './server.js';

export const ESTATE_PAGE_SIZE = 100;
const NEWEST_PUSH = Date.parse('2026-11-20T12:00:00Z');

export interface EstateRepository {
  name: string;
  archived: boolean;
  fork: boolean;
  private: boolean;
  topics: string[];
  pushedAt: string;
}

export function estateRepository(i: number): EstateRepository {
  return {
    name: `repo-${String(i).padStart(4, '0')}`,
    archived: i % 10 === 0,
    fork: i % 7 === 0,
    private: i % 3 === 0,
    topics: i % 5 === 0 ? ['product'] : [],
    pushedAt: new Date(NEWEST_PUSH - i * 3_600_000).toISOString().replace('.000', ''),
  };
}

export function estate(count: number): EstateRepository[] {
  return Array.from({ length: count }, (_, i) => estateRepository(i));
}

/** The repository as a listing item, from GitHub's own example for that listing. */
function listingItem(base: JsonObject, r: EstateRepository, id: number): JsonObject {
  return {
    ...base,
    id,
    node_id: `R_${id}`,
    name: r.name,
    full_name: `${OWNER}/${r.name}`,
    owner: { ...(base.owner as JsonObject), login: OWNER, type: 'Organization' },
    html_url: `https://github.com/${OWNER}/${r.name}`,
    url: `https://api.github.com/repos/${OWNER}/${r.name}`,
    archived: r.archived,
    fork: r.fork,
    private: r.private,
    visibility: r.private ? 'private' : 'public',
    topics: r.topics,
    pushed_at: r.pushedAt,
  };
}

function pages(
  path: string,
  repos: readonly EstateRepository[],
  base: JsonObject,
  wrap: (items: JsonObject[]) => unknown,
): FakeResponse[] {
  const last = Math.max(1, Math.ceil(repos.length / ESTATE_PAGE_SIZE));
  return Array.from({ length: last }, (_, p) => {
    const items = repos
      .slice(p * ESTATE_PAGE_SIZE, (p + 1) * ESTATE_PAGE_SIZE)
      .map((r, k) => listingItem(base, r, 1_000_000 + p * ESTATE_PAGE_SIZE + k));
    const link = (n: number, rel: string) =>
      `<{server}${path}?per_page=${ESTATE_PAGE_SIZE}&page=${n}>; rel="${rel}"`;
    const links = p + 1 < last ? [link(p + 2, 'next'), link(last, 'last')] : [link(1, 'first')];
    return { status: 200, body: wrap(items), headers: { link: links.join(', ') } };
  });
}

/** The listing routes for an estate; the installation sees only `installed` of it. */
export function estateRoutes(
  repos: readonly EstateRepository[],
  installed: readonly EstateRepository[] = repos,
): RouteTable {
  const validator = openApiValidator();
  const minimal = (validator.example('minimal-repository-items') as JsonObject[])[0]!;
  const full = (validator.example('repository-paginated') as { repositories: JsonObject[] }).repositories[0]!;
  // GitHub's example carries fields its schema for this listing does not have.
  for (const field of ['template_repository', 'subscribers_count', 'network_count']) delete full[field];
  return {
    [`GET /orgs/${OWNER}/repos`]: pages(`/orgs/${OWNER}/repos`, repos, minimal, (items) => items),
    'GET /installation/repositories': pages('/installation/repositories', installed, full, (items) => ({
      total_count: installed.length,
      repositories: items,
    })),
  };
}

/** One repository asked about by name: found, gone, or behind single sign-on. */
export function repositoryAnswer(r: EstateRepository | 'not-found' | 'sso'): FakeResponse {
  if (r === 'not-found') return { status: 404, body: basicError('Not Found', 404) };
  if (r === 'sso')
    return {
      status: 403,
      body: basicError('Resource protected by organization SAML enforcement.', 403),
      headers: { 'x-github-sso': 'required; url=https://github.com/orgs/acme/sso?authorization_request=x' },
    };
  return { status: 200, body: listingItem(repository({ private: r.private }), r, 999) };
}
