/**
 * The client's limits against hostile or broken API servers (two local servers: the API and
 * another host): pagination stops at a page cap and says the list is incomplete; requests, links
 * and redirects go only to the API's origin, so the token never reaches another host; answers are
 * read up to a size cap; all API work fits in one time budget, retry waits included.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../../src/errors.js';
import {
  ApiTimeBudget,
  createGitHubClient,
  GitHubUnavailableError,
  MAX_PAGES,
  type GitHubClient,
  type GitHubClientOptions,
} from '../../src/github/client.js';

const TOKEN = 'ghp_edgeTokenMustStayOnTheApiHost0123456789';
const servers: Server[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

interface Host {
  url: string;
  seen: { path: string; method: string; authorization?: string }[];
}

async function host(
  handler: (req: IncomingMessage, res: ServerResponse, url: string) => void,
): Promise<Host> {
  const seen: Host['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', method: req.method ?? '', authorization: req.headers.authorization });
    handler(req, res, url);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen };
}

/** A host that answers everything with a small JSON body (and records that it was asked). */
const elsewhere = () =>
  host((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));

const json = (res: ServerResponse, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

const client = (apiUrl: string, options: Partial<GitHubClientOptions> = {}): GitHubClient =>
  createGitHubClient({ token: TOKEN, apiUrl, sleep: async () => {}, ...options });

const listFiles = (c: GitHubClient) =>
  c.octokit.paginate(c.octokit.rest.pulls.listFiles, {
    owner: 'a',
    repo: 'b',
    pull_number: 1,
    per_page: 100,
  });

async function failure(promise: Promise<unknown>): Promise<GitHubUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubUnavailableError);
  return error as GitHubUnavailableError;
}

describe('pagination', () => {
  it('stops an endless rel="next" at the page cap and reports the list as incomplete', async () => {
    const api = await host((req, res, url) =>
      json(res, [{ filename: 'a.ts' }], { link: `<${url}${req.url}&page=2>; rel="next"` }),
    );
    const c = client(api.url);
    const error = await failure(listFiles(c));
    expect(error.kind).toBe('incomplete');
    expect(error.message).toMatch(/more than 30 pages.*incomplete/);
    expect(api.seen).toHaveLength(MAX_PAGES);
  });

  it('returns a listing that ends within the cap, whole', async () => {
    const api = await host((req, res, url) => {
      const page = Number(new URL(req.url!, url).searchParams.get('page') ?? 1);
      json(
        res,
        [{ filename: `f${page}` }],
        page < 3 ? { link: `<${url}/p?page=${page + 1}>; rel="next"` } : {},
      );
    });
    const files = await listFiles(client(api.url));
    expect(files.map((f) => f.filename)).toEqual(['f1', 'f2', 'f3']);
  });

  it('does not follow a Link to another host: the token stays on the API host', async () => {
    const other = await elsewhere();
    const api = await host((_req, res) =>
      json(res, [{ filename: 'a.ts' }], { link: `<${other.url}/steal?page=2>; rel="next"` }),
    );
    const error = await failure(listFiles(client(api.url)));
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/only to http:\/\/127\.0\.0\.1:\d+, not to http:\/\/127\.0\.0\.1:\d+/);
    expect(api.seen).toHaveLength(1);
    expect(other.seen).toEqual([]);
  });
});

describe('redirects', () => {
  it('a redirect to another host is an error answer, for a GET and for a POST (307)', async () => {
    const other = await elsewhere();
    const api = await host((req, res) =>
      res.writeHead(req.method === 'POST' ? 307 : 302, { location: `${other.url}/elsewhere` }).end(),
    );
    const c = client(api.url);
    const get = await failure(c.octokit.rest.repos.get({ owner: 'a', repo: 'b' }));
    expect(get.kind).toBe('refused');
    expect(get.message).toMatch(/redirected to http:\/\/127\.0\.0\.1:\d+; sscop follows redirects only on/);
    const post = await failure(
      c.octokit.rest.checks.create({ owner: 'a', repo: 'b', name: 'x', head_sha: 'f'.repeat(40) }),
    );
    expect(post.kind).toBe('refused');
    expect(other.seen).toEqual([]);
    // Not retried: a refusal is an answer, not a transient failure.
    expect(api.seen).toHaveLength(2);
  });

  it('follows a redirect on the API host (a renamed repository), token and all', async () => {
    const api = await host((req, res) => {
      if (req.url === '/repos/a/old') res.writeHead(301, { location: '/repositories/7' }).end();
      else json(res, { enabled: true });
    });
    const { data } = await client(api.url).octokit.request('GET /repos/{owner}/{repo}', {
      owner: 'a',
      repo: 'old',
    });
    expect(data).toEqual({ enabled: true });
    expect(api.seen.map((s) => [s.path, s.authorization])).toEqual([
      ['/repos/a/old', `token ${TOKEN}`],
      ['/repositories/7', `token ${TOKEN}`],
    ]);
  });
});

describe('an artifact download: the redirect handed back, the address fetched without the token', () => {
  it('gives a caller that asks for the redirect its Location, and sends nothing there', async () => {
    const other = await elsewhere();
    const api = await host((_req, res) =>
      res.writeHead(302, { location: `${other.url}/blob?sig=s` }).end('moved'),
    );
    const answer = await client(api.url).octokit.rest.actions.downloadArtifact({
      owner: 'a',
      repo: 'b',
      artifact_id: 1,
      archive_format: 'zip',
      request: { redirect: 'manual' },
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(`${other.url}/blob?sig=s`);
    expect(other.seen).toEqual([]);
  });

  it('downloads without the Authorization header, and stops at the cap', async () => {
    const blob = await host((_req, res) => res.writeHead(200).end(Buffer.alloc(2048, 1)));
    const c = client('http://127.0.0.1:9');
    expect((await c.download(`${blob.url}/a.zip?sig=s`, 4096)).length).toBe(2048);
    expect(blob.seen[0]!.authorization).toBeUndefined();
    const error = await failure(c.download(`${blob.url}/a.zip?sig=secret`, 1024));
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/a\.zip: the answer is larger than 1024 bytes/);
    expect(error.message).not.toContain('secret');
  });

  it('a download in a spent time budget is not sent', async () => {
    const blob = await host((_req, res) => res.writeHead(200).end('x'));
    const budget = new ApiTimeBudget(1);
    budget.remainingMs(Date.now() - 10);
    const error = await failure(
      client('http://127.0.0.1:9', { timeBudget: budget }).download(`${blob.url}/a`, 10),
    );
    expect(error.kind).toBe('time-budget');
    expect(blob.seen).toEqual([]);
  });
});

describe('answer size', () => {
  it('stops reading an endless answer at the cap, without buffering it whole', async () => {
    let sent = 0;
    let closed = false;
    const api = await host((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!closed && sent < 1024 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      res.on('close', () => (closed = true));
      res.write('[');
      pump();
    });
    const error = await failure(client(api.url).octokit.rest.repos.listCommits({ owner: 'a', repo: 'b' }));
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/larger than 8 MiB, the most sscop reads/);
    // What was written before the client hung up: the cap plus what sat in socket buffers.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap at once, and an error body over it too', async () => {
    const api = await host((req, res) => {
      const status = req.url?.includes('commits') ? 200 : 500;
      res
        .writeHead(status, { 'content-type': 'application/json', 'content-length': '2000' })
        .end(' '.repeat(2000));
    });
    const c = client(api.url, { maxResponseBytes: 1000, maxRetries: 0 });
    expect((await failure(c.octokit.rest.repos.listCommits({ owner: 'a', repo: 'b' }))).kind).toBe('refused');
    expect((await failure(c.octokit.rest.repos.get({ owner: 'a', repo: 'b' }))).kind).toBe('refused');
  });
});

describe('the API time budget', () => {
  it('gives up on a 502 asking to retry after 59 s when the wait would pass the budget, without sleeping', async () => {
    const api = await host((_req, res) =>
      res
        .writeHead(502, { 'content-type': 'application/json', 'retry-after': '59' })
        .end('{"message":"Bad Gateway"}'),
    );
    const waits: number[] = [];
    const c = client(api.url, {
      timeBudget: new ApiTimeBudget(30_000),
      sleep: async (ms) => void waits.push(ms),
    });
    const error = await failure(c.octokit.rest.repos.get({ owner: 'a', repo: 'b' }));
    expect(error.kind).toBe('time-budget');
    expect(error.message).toMatch(
      /HTTP 502, and a wait of 59 s would pass it; the API time budget ran out \(30 s/,
    );
    expect(waits).toEqual([]);
    expect(api.seen).toHaveLength(1);
  });

  it('cuts a hanging request at the budget, not at the per-request timeout', async () => {
    const api = await host(() => {});
    const started = performance.now();
    const c = client(api.url, { timeBudget: new ApiTimeBudget(300), timeoutMs: 30_000 });
    const error = await failure(c.octokit.rest.repos.get({ owner: 'a', repo: 'b' }));
    expect(error.kind).toBe('time-budget');
    expect(error.message).toMatch(/the API time budget ran out/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('is shared: once one client spent it, another sends nothing', async () => {
    const api = await host(() => {});
    const timeBudget = new ApiTimeBudget(200);
    await failure(client(api.url, { timeBudget }).octokit.rest.repos.get({ owner: 'a', repo: 'b' }));
    const second = await failure(
      client(api.url, { timeBudget }).octokit.rest.repos.get({ owner: 'a', repo: 'c' }),
    );
    expect(second.kind).toBe('time-budget');
    expect(api.seen).toHaveLength(1);
  });
});

describe('retry delays', () => {
  it('take their first backoff from SSCOP_RETRY_BASE_MS', async () => {
    const api = await host((_req, res) =>
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"Service Unavailable"}'),
    );
    const waits: number[] = [];
    const c = client(api.url, {
      env: { SSCOP_RETRY_BASE_MS: '5' },
      sleep: async (ms) => void waits.push(ms),
    });
    await failure(c.octokit.rest.repos.get({ owner: 'a', repo: 'b' }));
    expect(waits).toEqual([5, 10, 20]);
  });

  it('refuses a SSCOP_RETRY_BASE_MS that is not a number of milliseconds', () => {
    expect(() => createGitHubClient({ token: TOKEN, env: { SSCOP_RETRY_BASE_MS: 'soon' } })).toThrow(
      UserError,
    );
  });
});
