import { it, expect } from '@jest/globals';
import { createServer } from 'node:http';
import { createGitHubClient } from '../../src/github/client.js';

it('debug timeout', async () => {
  const server = createServer(() => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as any).port;
  const client = createGitHubClient({ token: 'x', apiUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 });
  const t = Date.now();
  const s = AbortSignal.timeout(100);
  s.addEventListener('abort', () => console.log('plain abort fired', Date.now() - t));
  const e = await client.octokit.rest.repos.get({ owner: 'a', repo: 'b' }).catch((e) => e);
  console.log('got', Date.now() - t, e?.name, e?.message);
  server.closeAllConnections();
  server.close();
  expect(1).toBe(1);
}, 5000);
