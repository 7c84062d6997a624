/**
 * The online scan, in a process of its own (the fake GitHub API and its latency proxy run in the
 * driver, so their work does not count as the scan's). Warms up offline and online, then times an
 * offline scan and an online scan of the same tree.
 *
 * Usage: node api-child.js ROOT WARM_URL API_URL   (prints one JSON line)
 */
import { FULL } from '../__tests__/support/fake-github/fixtures.js';
import { TODAY } from '../__tests__/support/fake-github/scenarios.js';
import { scan } from '../src/scan.js';

const [root, warmUrl, apiUrl] = process.argv.slice(2) as [string, string, string];

const time = async (f: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const online = (url: string) =>
  scan({
    root,
    today: TODAY,
    github: { repository: FULL, token: 'bench-token', apiUrl: url, client: { timeoutMs: 10_000 } },
  });

// Warm-up: JIT, the rule pack, the page cache, and the client's code (against the fake without latency).
await scan({ root, today: TODAY });
await online(warmUrl);
const offlineMs = Math.min(
  await time(() => scan({ root, today: TODAY })),
  await time(() => scan({ root, today: TODAY })),
);
let apiRequests: number | undefined;
const onlineMs = await time(async () => {
  apiRequests = (await online(apiUrl)).report.metadata.apiRequests;
});
process.stdout.write(`${JSON.stringify({ offlineMs, onlineMs, apiRequests })}\n`);
