/**
 * The plan of an organisation-wide scan: which repositories (after the filters), in matrix chunks
 * of at most 256 entries (GitHub's limit on one matrix), the order to run the chunks in, what the
 * filters left out, and which repositories could not be seen and why. The choosing is pure
 * (`planFromListing`); `planOrganisation` adds the API calls.
 */
import { UserError } from '../errors.js';
import { ApiTimeBudget, createGitHubClient, type GitHubClientOptions } from '../github/client.js';
import {
  listRepositories,
  ORG_LISTING_MAX_PAGES,
  probeRepositories,
  type ListingSource,
  type OrgRepository,
  type UnseenRepository,
} from './repositories.js';
import { collate } from '../collate.js';

export const PLAN_SCHEMA_VERSION = '1.0';
/** GitHub runs at most 256 jobs from one matrix. */
export const MAX_CHUNK_SIZE = 256;
/** Listing 100,000 repositories takes 1,000 requests; ten minutes is ample on a healthy API. */
export const PLAN_API_TIME_BUDGET_MS = 600_000;

export type Visibility = 'public' | 'private' | 'all';

export interface PlanFilters {
  includeArchived: boolean;
  includeForks: boolean;
  visibility: Visibility;
  /** Repositories must carry every one of these topics. */
  topics: string[];
  namePattern?: RegExp;
  /** Lower-cased `OWNER/NAME` entries from a list file: only these are planned. */
  only?: ReadonlySet<string>;
}

/** One matrix entry: what the scan job needs to check out a repository and name its artifact. */
export interface MatrixEntry {
  repository: string;
  name: string;
  visibility: OrgRepository['visibility'];
}

export interface Plan {
  schemaVersion: string;
  organisation: string;
  source: ListingSource;
  chunkSize: number;
  /** Repositories planned, over every chunk. */
  repositories: number;
  /** Chunks by name order, so a repository stays in the same chunk from run to run. */
  chunks: { index: number; include: MatrixEntry[] }[];
  /** Chunk indices, the chunk holding the most recently pushed repository first. */
  order: number[];
  /** How many listed repositories each filter left out (a repository counts under its first). */
  excluded: Record<ExclusionReason, number>;
  unseen: UnseenRepository[];
  /** API requests the plan spent, retries included. */
  requests: number;
}

export type ExclusionReason = 'archived' | 'fork' | 'visibility' | 'topic' | 'name-pattern' | 'not-listed';

/** Why a repository is left out by the filters, or undefined when it is planned. */
export function exclusionOf(repository: OrgRepository, filters: PlanFilters): ExclusionReason | undefined {
  if (repository.archived && !filters.includeArchived) return 'archived';
  if (repository.fork && !filters.includeForks) return 'fork';
  if (filters.visibility === 'public' && repository.visibility !== 'public') return 'visibility';
  if (filters.visibility === 'private' && repository.visibility === 'public') return 'visibility';
  const topics = new Set(repository.topics.map((t) => t.toLowerCase()));
  if (filters.topics.some((t) => !topics.has(t.toLowerCase()))) return 'topic';
  if (filters.namePattern && !filters.namePattern.test(repository.name)) return 'name-pattern';
  if (filters.only && !filters.only.has(repository.fullName.toLowerCase())) return 'not-listed';
  return undefined;
}

/** The plan from what was listed (pure: no API). */
export function planFromListing(input: {
  organisation: string;
  source: ListingSource;
  repositories: readonly OrgRepository[];
  filters: PlanFilters;
  chunkSize: number;
  unseen?: UnseenRepository[];
  requests?: number;
}): Plan {
  const { filters, chunkSize } = input;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE)
    throw new UserError(`--chunk-size must be a whole number from 1 to ${MAX_CHUNK_SIZE}, got ${chunkSize}`);
  const excluded: Plan['excluded'] = {
    archived: 0,
    fork: 0,
    visibility: 0,
    topic: 0,
    'name-pattern': 0,
    'not-listed': 0,
  };
  const seen = new Set<string>();
  const planned: OrgRepository[] = [];
  for (const repository of input.repositories) {
    const key = repository.fullName.toLowerCase();
    if (seen.has(key)) continue; // a page that shifted under a concurrent change repeats an item
    seen.add(key);
    const reason = exclusionOf(repository, filters);
    if (reason) excluded[reason]++;
    else planned.push(repository);
  }
  planned.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  const chunks: Plan['chunks'] = [];
  const newest: string[] = [];
  for (let start = 0; start < planned.length; start += chunkSize) {
    const members = planned.slice(start, start + chunkSize);
    chunks.push({
      index: chunks.length,
      include: members.map((r) => ({ repository: r.fullName, name: r.name, visibility: r.visibility })),
    });
    newest.push(members.reduce((max, r) => (r.pushedAt && r.pushedAt > max ? r.pushedAt : max), ''));
  }
  const order = chunks.map((c) => c.index).sort((a, b) => collate(newest[b]!, newest[a]!) || a - b);
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    organisation: input.organisation,
    source: input.source,
    chunkSize,
    repositories: planned.length,
    chunks,
    order,
    excluded,
    unseen: input.unseen ?? [],
    requests: input.requests ?? 0,
  };
}

export interface PlanOptions {
  organisation: string;
  token: string;
  apiUrl?: string;
  /** Default: an installation token (`ghs_…`) lists the installation's repositories. */
  source?: ListingSource;
  filters: PlanFilters;
  chunkSize: number;
  client?: Omit<GitHubClientOptions, 'token' | 'apiUrl'>;
}

/** Lists, filters, asks about what a list file names but the listing lacks, and chunks. */
export async function planOrganisation(options: PlanOptions): Promise<Plan> {
  const client = createGitHubClient({
    timeBudget: new ApiTimeBudget(PLAN_API_TIME_BUDGET_MS),
    ...options.client,
    maxPages: ORG_LISTING_MAX_PAGES,
    token: options.token,
    apiUrl: options.apiUrl,
  });
  const source = options.source ?? sourceForToken(options.token);
  const org = options.organisation;
  const listing = await listRepositories(client, org, source);
  const repositories = [...listing.repositories];
  const unseen: UnseenRepository[] = [];
  const only = options.filters.only;
  if (only) {
    const listed = new Set(repositories.map((r) => r.fullName.toLowerCase()));
    const missing: string[] = [];
    for (const name of only) {
      if (!name.startsWith(`${org.toLowerCase()}/`))
        unseen.push({ repository: name, status: null, reason: `not a repository of ${org}` });
      else if (!listed.has(name)) missing.push(name);
    }
    const probed = await probeRepositories(client, missing);
    repositories.push(...probed.found);
    unseen.push(...probed.unseen);
  }
  return planFromListing({
    organisation: org,
    source,
    repositories,
    filters: options.filters,
    chunkSize: options.chunkSize,
    unseen,
    requests: client.requestCount,
  });
}

/** GitHub App installation tokens start `ghs_`; they cannot list an organisation's private repositories by `/orgs`. */
export function sourceForToken(token: string): ListingSource {
  return token.startsWith('ghs_') ? 'installation' : 'organisation';
}

/**
 * A list file: one `NAME` or `OWNER/NAME` a line, `#` comments and blank lines ignored. Names are
 * lower-cased (GitHub's names are case-insensitive) and given the organisation when bare.
 */
export function parseRepositoryList(text: string, organisation: string, file: string): Set<string> {
  const names = new Set<string>();
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const full = line.includes('/') ? line : `${organisation}/${line}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/.test(full) || /\/\.{1,2}$/.test(full))
      throw new UserError(`${file}:${i + 1}: expected NAME or OWNER/NAME, got "${line.slice(0, 120)}"`);
    names.add(full.toLowerCase());
  }
  return names;
}
