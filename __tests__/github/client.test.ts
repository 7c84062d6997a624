import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../../src/errors.js';
import {
  createGitHubClient,
  GitHubUnavailableError,
  parseRetryAfter,
  scrubToken,
} from '../../src/github/client.js';

const TOKEN = 'ghp_secretSecretSecret0123456789abcdef';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the GitHub client', () => {
  it('takes its base URL from GITHUB_API_URL, so GitHub Enterprise Server works', async () => {
    const paths: string[] = [];
    const url = await listen((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"enabled":true}');
    });
    const client = createGitHubClient({ token: TOKEN, env: { GITHUB_API_URL: `${url}/api/v3/` } });
    expect(client.apiUrl).toBe(`${url}/api/v3`);
    await client.octokit.rest.repos.checkPrivateVulnerabilityReporting({ owner: 'acme', repo: 'widgets' });
    expect(paths).toEqual(['/api/v3/repos/acme/widgets/private-vulnerability-reporting']);
    expect(client.requestCount).toBe(1);
  });

  it('refuses to start without a token', () => {
    expect(() => createGitHubClient({ token: '' })).toThrow(UserError);
  });

  it('turns 401 into a UserError that does not show the token', async () => {
    const url = await listen((_req, res) => {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `Bad credentials for ${TOKEN}` }));
    });
    const client = createGitHubClient({ token: TOKEN, apiUrl: url });
    const error = await client.octokit.rest.repos.get({ owner: 'a', repo: 'b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^GitHub rejected the token \(401 Bad credentials for \*\*\*\)/);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('retries a refused connection with bounded backoff, then gives up as unavailable', async () => {
    const url = await listen(() => {});
    server!.close();
    const waits: number[] = [];
    const client = createGitHubClient({
      token: TOKEN,
      apiUrl: url,
      maxRetries: 2,
      retryBaseDelayMs: 10,
      sleep: async (ms) => void waits.push(ms),
    });
    const error = await client.octokit.rest.repos.get({ owner: 'a', repo: 'b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubUnavailableError);
    expect((error as GitHubUnavailableError).kind).toBe('network');
    expect(waits).toEqual([10, 20]);
    expect(client.requestCount).toBe(3);
    server = undefined;
  });

  it('does not retry a 403 that is not a rate limit', async () => {
    let hits = 0;
    const url = await listen((_req, res) => {
      hits++;
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end('{"message":"Resource not accessible by integration"}');
    });
    const client = createGitHubClient({ token: TOKEN, apiUrl: url, sleep: async () => {} });
    await client.octokit.rest.repos.get({ owner: 'a', repo: 'b' }).catch(() => undefined);
    expect(hits).toBe(1);
  });

  it('waits until an exhausted primary rate limit resets, when that is soon enough', async () => {
    let hits = 0;
    const url = await listen((_req, res) => {
      hits++;
      if (hits === 1) {
        res
          .writeHead(403, {
            'content-type': 'application/json',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 5),
          })
          .end('{"message":"API rate limit exceeded"}');
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"enabled":false}');
    });
    const waits: number[] = [];
    const client = createGitHubClient({
      token: TOKEN,
      apiUrl: url,
      sleep: async (ms) => void waits.push(ms),
    });
    const { data } = await client.octokit.rest.repos.checkPrivateVulnerabilityReporting({
      owner: 'a',
      repo: 'b',
    });
    expect(data).toEqual({ enabled: false });
    expect(waits[0]).toBeGreaterThan(3000);
    expect(waits[0]).toBeLessThanOrEqual(6000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')),
    ).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('scrubToken', () => {
  it('removes the token and anything shaped like an Authorization value', () => {
    expect(scrubToken(`auth ${TOKEN} failed`, TOKEN)).toBe('auth *** failed');
    expect(scrubToken('header: token abcdefgh12345678', 'other')).toBe('header: token ***');
  });
});

describe('scrubToken with a short string', () => {
  it('leaves text alone rather than mangling words', () => {
    expect(scrubToken('Branch not protected', 't')).toBe('Branch not protected');
  });
});
