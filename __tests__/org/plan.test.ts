/** `sscop org plan` against the fake GitHub serving an organisation of 5,000 repositories. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_CHUNK_SIZE, type Plan } from '../../src/org/plan.js';
import {
  estate,
  estateRoutes,
  repositoryAnswer,
  type EstateRepository,
} from '../support/fake-github/estate.js';
import { OWNER } from '../support/fake-github/fixtures.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import type { FakeResponse, RouteTable } from '../support/fake-github/server.js';
import { RETRY_BASE_ENV } from '../../src/github/client.js';
import { runCliCaptured, type CliRun } from '../support/run-cli.js';

const TOKEN = 'github_pat_orgPlanTokenNeverPrinted0000000';
const APP_TOKEN = 'ghs_orgPlanInstallationToken000000000000';
const REPOS = estate(5000);
let server: FakeGitHub | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sscop-org-plan-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function plan(args: string[], routes: RouteTable, token = TOKEN): Promise<{ run: CliRun; plan: Plan }> {
  server = await startFakeGitHub({ name: 'estate', description: '5,000 repositories', routes });
  const output = path.join(dir, 'plan.json');
  await rm(output, { force: true });
  const run = await runCliCaptured(['org', 'plan', '--org', OWNER, '--output', output, ...args], {
    cwd: dir,
    env: { GITHUB_TOKEN: token, GITHUB_API_URL: server.url },
  });
  expect(run.stderr).not.toContain(token);
  expect(server.violations).toEqual([]);
  const text = run.code === 0 ? await readFile(output, 'utf8') : '{}';
  expect(text).not.toContain(token);
  return { run, plan: JSON.parse(text) as Plan };
}

const planned = (p: Plan): string[] => p.chunks.flatMap((c) => c.include.map((e) => e.repository));
const count = (keep: (r: EstateRepository) => boolean): number => REPOS.filter(keep).length;
const active = (r: EstateRepository): boolean => !r.archived && !r.fork;

describe('sscop org plan', () => {
  it('reads all 50 pages of the organisation’s listing, one request each', async () => {
    const { run, plan: p } = await plan([], estateRoutes(REPOS));
    expect(run.code).toBe(0);
    const listing = server!.requests.filter((q) => q.path === `/orgs/${OWNER}/repos`);
    expect(listing).toHaveLength(50);
    expect(server!.requests).toHaveLength(50);
    expect(listing[0]!.query).toMatchObject({ per_page: '100', type: 'all' });
    expect(p.requests).toBe(50);
    expect(p.source).toBe('organisation');
  });

  it('leaves archived repositories and forks out by default, and counts them', async () => {
    const { plan: p } = await plan([], estateRoutes(REPOS));
    expect(p.repositories).toBe(count(active));
    expect(p.excluded.archived).toBe(count((r) => r.archived));
    expect(p.excluded.fork).toBe(count((r) => r.fork && !r.archived));
    expect(planned(p)).not.toContain(`${OWNER}/repo-0010`);
    expect(planned(p)).not.toContain(`${OWNER}/repo-0007`);
    expect(planned(p)).toContain(`${OWNER}/repo-0001`);
  });

  it('writes chunks of at most 256 entries that cover every planned repository once, in name order', async () => {
    const { plan: p } = await plan(['--include-archived', '--include-forks'], estateRoutes(REPOS));
    expect(p.repositories).toBe(5000);
    expect(p.chunks).toHaveLength(Math.ceil(5000 / MAX_CHUNK_SIZE));
    expect(Math.max(...p.chunks.map((c) => c.include.length))).toBe(MAX_CHUNK_SIZE);
    const names = planned(p);
    expect(new Set(names).size).toBe(5000);
    expect(names).toEqual([...names].sort());
    expect(p.chunks[0]!.include[0]).toEqual({
      repository: `${OWNER}/repo-0000`,
      name: 'repo-0000',
      visibility: 'private',
    });
  });

  it('orders the chunks by their most recently pushed repository', async () => {
    const args = ['--include-archived', '--include-forks', '--chunk-size', '250'];
    const chunks = Array.from({ length: 20 }, (_, i) => i);
    // repo-0000 is the most recent push, repo-4999 the oldest: chunks in name order are newest first.
    expect((await plan(args, estateRoutes(REPOS))).plan.order).toEqual(chunks);
    await server?.close();
    const oldestFirst = REPOS.map((r, i) => ({ ...r, pushedAt: REPOS[4999 - i]!.pushedAt }));
    expect((await plan(args, estateRoutes(oldestFirst))).plan.order).toEqual([...chunks].reverse());
  });

  it('applies visibility, topic and name-pattern filters together', async () => {
    const { plan: p } = await plan(
      ['--visibility', 'public', '--topic', 'product', '--name-pattern', '^repo-[0-4]'],
      estateRoutes(REPOS),
    );
    const expected = REPOS.filter(
      (r) => active(r) && !r.private && r.topics.includes('product') && /^repo-[0-4]/.test(r.name),
    );
    expect(planned(p)).toEqual(expected.map((r) => `${OWNER}/${r.name}`));
    expect(p.excluded.visibility).toBe(count((r) => active(r) && r.private));
  });

  it('refuses a chunk size above GitHub’s matrix limit', async () => {
    const { run } = await plan(['--chunk-size', '257'], estateRoutes(REPOS.slice(0, 10)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--chunk-size must be a whole number from 1 to 256/);
  });

  it('says which repositories of a list file it could not see, and why', async () => {
    const list = [
      'repo-0001',
      `${OWNER}/repo-0002`,
      'sso-locked',
      'gone',
      'other-org/thing',
      '# a comment',
      '',
    ];
    await writeFile(path.join(dir, 'repos.txt'), list.join('\n'));
    const routes = {
      ...estateRoutes(REPOS),
      [`GET /repos/${OWNER}/sso-locked`]: repositoryAnswer('sso'),
      [`GET /repos/${OWNER}/gone`]: repositoryAnswer('not-found'),
    };
    const { plan: p } = await plan(['--repos', 'repos.txt'], routes);
    expect(planned(p)).toEqual([`${OWNER}/repo-0001`, `${OWNER}/repo-0002`]);
    expect(p.requests).toBe(52);
    const why = Object.fromEntries(p.unseen.map((u) => [u.repository, u]));
    expect(why[`${OWNER}/sso-locked`]).toMatchObject({ status: 403 });
    expect(why[`${OWNER}/sso-locked`]!.reason).toMatch(/SAML single sign-on/);
    expect(why[`${OWNER}/gone`]).toMatchObject({ status: 404 });
    expect(why[`${OWNER}/gone`]!.reason).toMatch(/does not exist, or the token cannot see it/);
    expect(why['other-org/thing']!.reason).toBe(`not a repository of ${OWNER}`);
  });

  it('lists an App installation’s repositories with an installation token, and finds a public one it was not granted', async () => {
    const installed = REPOS.slice(0, 250);
    await writeFile(path.join(dir, 'repos.txt'), 'repo-0001\nrepo-4001\n');
    const routes = {
      ...estateRoutes(REPOS, installed),
      [`GET /repos/${OWNER}/repo-4001`]: repositoryAnswer(REPOS[4001]!),
    };
    const { plan: p } = await plan(['--repos', 'repos.txt'], routes, APP_TOKEN);
    expect(p.source).toBe('installation');
    expect(server!.requests.filter((q) => q.path === '/installation/repositories')).toHaveLength(3);
    expect(server!.requests.some((q) => q.path.startsWith('/orgs/'))).toBe(false);
    expect(planned(p)).toEqual([`${OWNER}/repo-0001`, `${OWNER}/repo-4001`]);
    expect(p.unseen).toEqual([]);
  });

  it('retries a listing page GitHub fails to serve, and counts the retries as requests spent', async () => {
    const routes = estateRoutes(REPOS.slice(0, 500));
    const listing = routes[`GET /orgs/${OWNER}/repos`] as FakeResponse[];
    const failure: FakeResponse = {
      status: 502,
      body: { message: 'Bad Gateway', documentation_url: 'https://docs.github.com/rest' },
    };
    listing.splice(2, 0, failure, failure);
    process.env[RETRY_BASE_ENV] = '1';
    try {
      const { plan: p } = await plan(['--include-archived', '--include-forks'], routes);
      expect(p.repositories).toBe(500);
      expect(p.requests).toBe(7);
    } finally {
      delete process.env[RETRY_BASE_ENV];
    }
  });

  it('fails with the reason when the token is rejected', async () => {
    const { run } = await plan([], {
      [`GET /orgs/${OWNER}/repos`]: {
        status: 401,
        body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
      },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/GitHub rejected the token/);
  });
});
