/**
 * The online scan against the fake GitHub API (__tests__/support/fake-github) with 100 ms of added
 * latency per response (a delaying proxy in front of it), in-process. Counts requests and measures
 * how many round trips deep the scan is: the extra wall time over an offline scan of the same tree
 * divided by the latency, and the longest chain of requests each sent after the previous answered.
 *
 * Usage: node api-child.js ROOT LATENCY_MS SCENARIO...   (prints one JSON line per scenario)
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FULL } from '../__tests__/support/fake-github/fixtures.js';
import { SCENARIOS, TODAY, type ScenarioName } from '../__tests__/support/fake-github/scenarios.js';
import { startFakeGitHub } from '../__tests__/support/fake-github/server.js';
import { scan } from '../src/scan.js';

const [root, latencyArg, ...names] = process.argv.slice(2) as [string, string, ...string[]];
const latencyMs = Number(latencyArg);

interface Span {
  start: number;
  end: number;
}

/** Forwards every request to `target` after `delayMs`, recording when each arrived and was answered. */
async function delayingProxy(target: string, delayMs: number) {
  const spans: Span[] = [];
  const { hostname, port } = new URL(target);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const span: Span = { start: performance.now(), end: 0 };
    spans.push(span);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const upstream = request(
          {
            hostname,
            port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, host: `${hostname}:${port}` },
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            up.on('end', () => (span.end = performance.now()));
          },
        );
        upstream.on('error', () => {
          res.writeHead(502).end();
          span.end = performance.now();
        });
        upstream.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    spans,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Longest chain of requests where each was sent after the previous one was answered. */
function chainDepth(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((s, i) => {
    let best = 0;
    for (let j = 0; j < i; j++) if (sorted[j]!.end <= s.start) best = Math.max(best, depth[j]!);
    depth.push(best + 1);
  });
  return Math.max(0, ...depth);
}

const time = async (f: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

// Warm up (JIT, rule pack, page cache), then time the offline scan of the same tree.
await scan({ root, today: TODAY });
const offlineMs = Math.min(
  await time(() => scan({ root, today: TODAY })),
  await time(() => scan({ root, today: TODAY })),
);

for (const name of names) {
  if (!(name in SCENARIOS)) throw new Error(`unknown scenario ${name}`);
  // Warm-up without latency: loads the client code and compiles the fake server's validators once.
  const warm = await startFakeGitHub(SCENARIOS[name as ScenarioName]());
  await scan({ root, today: TODAY, github: { repository: FULL, token: 'bench-token', apiUrl: warm.url } });
  await warm.close();

  const fake = await startFakeGitHub(SCENARIOS[name as ScenarioName]());
  const proxy = await delayingProxy(fake.url, latencyMs);
  try {
    let apiRequests: number | undefined;
    const onlineMs = await time(async () => {
      const { report } = await scan({
        root,
        today: TODAY,
        github: { repository: FULL, token: 'bench-token', apiUrl: proxy.url, client: { timeoutMs: 10_000 } },
      });
      apiRequests = report.metadata.apiRequests;
    });
    process.stdout.write(
      `${JSON.stringify({
        scenario: name,
        requests: fake.requests.length,
        apiRequests,
        onlineMs,
        offlineMs,
        latencyMs,
        depthByTime: (onlineMs - offlineMs) / latencyMs,
        depthByChain: chainDepth(proxy.spans),
        maxConcurrent: fake.maxConcurrent,
        violations: fake.violations.length,
      })}\n`,
    );
  } finally {
    await proxy.close();
    await fake.close();
  }
}
