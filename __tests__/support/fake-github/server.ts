/**
 * A fake GitHub REST API: a real `node:http` server on 127.0.0.1 (random port) that serves a named
 * scenario's responses. Every response it serves and every request body it receives is checked
 * against GitHub's OpenAPI description; a scenario whose fixtures do not conform fails at start.
 * It records each request (method, path, query, time, body) so tests can assert counts,
 * concurrency and bodies.
 *
 * Point the real client at it with `GITHUB_API_URL=server.url` (or the client's `apiUrl`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator, type MatchedOperation } from './openapi.js';

/**
 * One answer. `raw` bodies are deliberately malformed and skip validation; `hang` never answers.
 * `{server}` in a header value becomes the server's own URL (for `Link` and `Location` headers).
 */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string;
  hang?: boolean;
}

/**
 * Routes by `"METHOD /path"` (no query string). A list is served in order, its last entry
 * repeating (e.g. a 503, then success).
 */
export type RouteTable = Record<string, FakeResponse | FakeResponse[]>;

export interface Scenario {
  name: string;
  description: string;
  routes: RouteTable;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  operationId?: string;
  /** ms since the server started, when the request arrived and when it was answered. */
  receivedAt: number;
  answeredAt?: number;
  status?: number;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface FakeGitHub {
  url: string;
  scenario: Scenario;
  requests: RecordedRequest[];
  /** Spec violations seen at run time (responses or request bodies); tests expect none. */
  violations: string[];
  /** Largest number of requests that were open at the same time. */
  maxConcurrent: number;
  close(): Promise<void>;
}

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };

let sharedValidator: OpenApiValidator | undefined;

/** One validator per test file: building it parses the 13 MB description. */
export function openApiValidator(): OpenApiValidator {
  sharedValidator ??= new OpenApiValidator();
  return sharedValidator;
}

/** Throws with every problem when a scenario's fixtures do not conform to the description. */
export function assertScenarioConforms(scenario: Scenario, validator = openApiValidator()): void {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(scenario.routes)) {
    const [method, path] = splitKey(key);
    const op = validator.match(method, path);
    if (!op) {
      problems.push(`${key}: not an operation in GitHub's OpenAPI description`);
      continue;
    }
    for (const response of [value].flat()) {
      if (response.raw !== undefined || response.hang) continue;
      for (const p of validator.validateResponse(op, response.status, response.body)) {
        problems.push(`${key} → ${response.status}: ${p}`);
      }
    }
  }
  if (problems.length) {
    throw new Error(
      `Scenario "${scenario.name}" does not conform to GitHub's OpenAPI description:\n- ${problems.join('\n- ')}`,
    );
  }
}

export interface FakeGitHubOptions {
  /** Delay before each answer, so overlapping (concurrent) requests can be observed. */
  latencyMs?: number;
}

export async function startFakeGitHub(
  scenario: Scenario,
  options: FakeGitHubOptions = {},
): Promise<FakeGitHub> {
  const validator = openApiValidator();
  assertScenarioConforms(scenario, validator);
  const served = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const started = performance.now();
  let open = 0;
  const state = { maxConcurrent: 0 };

  let ownUrl = '';
  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      receivedAt: performance.now() - started,
      headers: req.headers,
    };
    requests.push(record);
    open++;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    const text = await readBody(req);
    const op = validator.match(method, url.pathname);
    record.operationId = op?.operationId;
    if (text) {
      try {
        record.body = JSON.parse(text);
      } catch {
        record.body = text;
        violations.push(`${method} ${url.pathname}: request body is not JSON`);
      }
    }
    if (op) {
      for (const p of validator.validateRequestBody(op, record.body))
        violations.push(`${method} ${url.pathname} request: ${p}`);
    }
    // Routes are keyed by the decoded path (a contents path's `/` arrives as %2F).
    const response = pick(`${method} ${decodeURIComponent(url.pathname)}`, record);
    if (response.hang) return; // never answers; closed with the server
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    send(res, op, record, response);
  }

  function pick(key: string, record: RecordedRequest): FakeResponse {
    const entry = scenario.routes[key];
    if (entry === undefined) {
      if (record.operationId === undefined)
        violations.push(`${key}: not an operation in GitHub's OpenAPI description`);
      return { status: 404, body: NOT_FOUND };
    }
    const list = [entry].flat();
    const n = served.get(key) ?? 0;
    served.set(key, n + 1);
    return list[Math.min(n, list.length - 1)]!;
  }

  function send(
    res: ServerResponse,
    op: MatchedOperation | undefined,
    record: RecordedRequest,
    response: FakeResponse,
  ): void {
    if (op && response.raw === undefined) {
      for (const p of validator.validateResponse(op, response.status, response.body)) {
        violations.push(`${record.method} ${record.path} → ${response.status}: ${p}`);
      }
    }
    const payload = response.raw ?? (response.body === undefined ? '' : JSON.stringify(response.body));
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...response.headers,
    };
    for (const [name, value] of Object.entries(headers)) headers[name] = value.split('{server}').join(ownUrl);
    res.writeHead(response.status, headers);
    res.end(payload, () => {
      record.answeredAt = performance.now() - started;
      record.status = response.status;
      open--;
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  ownUrl = `http://127.0.0.1:${port}`;
  return {
    url: ownUrl,
    scenario,
    requests,
    violations,
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function splitKey(key: string): [string, string] {
  const space = key.indexOf(' ');
  return [key.slice(0, space), key.slice(space + 1)];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
