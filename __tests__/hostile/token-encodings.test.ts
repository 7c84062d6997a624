/**
 * An API error message can quote the token, whole or encoded (a proxy echoing the Authorization
 * header as base64 of `x-access-token:TOKEN`, a URL with it percent-encoded). No part of it that
 * could be put back together may survive in what sscop reports, whatever the message's length.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitHubClient, GitHubStatusError, scrubToken } from '../../src/github/client.js';

const TOKEN = 'ghp_Zq8rT2mKx9Lw4Vb7Np3Hc6Jd1Fs5Gy0Ae2R';
const BASIC = `x-access-token:${TOKEN}`;

/** Whether `text` holds six or more consecutive characters of the token, plain or in any base64 alignment. */
function leaksToken(text: string): boolean {
  const chunks = Array.from({ length: TOKEN.length - 5 }, (_, i) => TOKEN.slice(i, i + 6));
  const readings = [text];
  for (const run of text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
    const standard = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let skip = 0; skip < 4; skip++)
      readings.push(Buffer.from(standard.slice(skip), 'base64').toString('latin1'));
  }
  return readings.some((r) => chunks.some((c) => r.includes(c)));
}

describe('scrubToken and encodings of the token', () => {
  const base64 = (s: string, url = false) => Buffer.from(s).toString(url ? 'base64url' : 'base64');

  it.each([
    ['base64 of x-access-token:TOKEN', (p: string) => base64(`${p}${BASIC}!`)],
    ['base64 of the token alone', (p: string) => base64(`${p}${TOKEN}!`)],
    ['base64url of x-access-token:TOKEN', (p: string) => base64(`${p}${BASIC}!`, true)],
    ['URL-encoded x-access-token:TOKEN', (p: string) => `${p}${encodeURIComponent(BASIC)}`],
  ])('%s, at every alignment inside longer text, is removed', (_, encode) => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'Authorization: Basic ', '{"h":"']) {
      const text = `proxy said: ${encode(prefix)} (rejected)`;
      expect(leaksToken(text)).toBe(true);
      const scrubbed = scrubToken(text, TOKEN);
      expect(leaksToken(scrubbed)).toBe(false);
      expect(scrubbed).toContain('***');
    }
  });

  it('a token with characters that URLs encode is removed in its percent-encoded forms too', () => {
    const token = 'tok+en/with=odd:chars';
    const upper = encodeURIComponent(token);
    const lower = upper.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    for (const form of [token, upper, lower])
      expect(scrubToken(`GET /x?access_token=${form}&y=1`, token)).toBe('GET /x?access_token=***&y=1');
  });

  it('leaves ordinary base64 and text alone', () => {
    const text = `digest ${Buffer.from('some other payload entirely').toString('base64')} done`;
    expect(scrubToken(text, TOKEN)).toBe(text);
  });
});

describe('API messages quoting the token', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('a token straddling the length limit of a message is scrubbed before the message is cut', async () => {
    for (const before of [290, 295, 299]) {
      server = createServer((_req, res) => {
        res
          .writeHead(403, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: `${'x'.repeat(before)}${TOKEN} is not allowed` }));
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = createGitHubClient({ token: TOKEN, apiUrl: url, sleep: async () => {} });
      const error = await client.octokit.rest.repos.get({ owner: 'a', repo: 'b' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitHubStatusError);
      expect(leaksToken((error as Error).message)).toBe(false);
      expect((error as Error).message.length).toBeLessThanOrEqual(300);
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
      server = undefined;
    }
  });
});
