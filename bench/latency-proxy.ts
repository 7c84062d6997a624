/** A reverse proxy that answers every request `delayMs` late, recording when each arrived and was answered. */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Span {
  start: number;
  end: number;
}

export interface LatencyProxy {
  url: string;
  spans: Span[];
  close(): Promise<void>;
}

export async function latencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Longest chain of requests where each was sent after the previous one was answered. */
export function chainDepth(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((s, i) => {
    let best = 0;
    for (let j = 0; j < i; j++) if (sorted[j]!.end <= s.start) best = Math.max(best, depth[j]!);
    depth.push(best + 1);
  });
  return Math.max(0, ...depth);
}
