/**
 * The one seam that creates the GitHub API client. Everything that talks to GitHub gets its client
 * from `createGitHubClient`, so tests point it at a local fake server and nothing else changes.
 *
 * The client: `getOctokit` from `@actions/github` (undici, proxy support from the toolkit), base
 * URL from the option or `GITHUB_API_URL` (GHES), a per-request timeout, bounded retries on 5xx,
 * network errors and rate limits (honouring `retry-after`, giving up beyond a cap), a request
 * counter, and a 401 that ends the run as a `UserError`. The token never appears in an error.
 */
import { getOctokit } from '@actions/github';
import { errorMessage, UserError } from '../errors.js';
import { shorten } from '../shorten.js';
import { VERSION } from '../version.js';

export type Octokit = ReturnType<typeof getOctokit>;

export const DEFAULT_API_URL = 'https://api.github.com';

export interface GitHubClientOptions {
  token: string;
  /** API base URL; defaults to `GITHUB_API_URL`, then api.github.com. */
  apiUrl?: string;
  /** Per-request timeout (each attempt). Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt for transient failures. Default 3. */
  maxRetries?: number;
  /** First backoff for 5xx and network errors, doubled per retry. Default 1 s. */
  retryBaseDelayMs?: number;
  /** A wait longer than this (e.g. a far `retry-after` or rate-limit reset) gives up instead. Default 60 s. */
  maxRetryDelayMs?: number;
  /** How to wait between retries; tests inject a recorder. */
  sleep?: (ms: number) => Promise<void>;
  /** Environment to read `GITHUB_API_URL` from; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** One HTTP request the client sent (each retry is its own request). */
export interface RequestRecord {
  method: string;
  url: string;
  startedAt: number;
  attempt: number;
}

export interface GitHubClient {
  readonly octokit: Octokit;
  readonly apiUrl: string;
  /** HTTP requests sent so far, retries included. */
  readonly requestCount: number;
  readonly requests: readonly RequestRecord[];
  /** Waits the client asked for between retries, in ms. */
  readonly waits: readonly number[];
}

export type UnavailableKind = 'timeout' | 'rate-limited' | 'server-error' | 'network';

/** GitHub could not answer (after retries): the fact it was asked for becomes unknown. */
export class GitHubUnavailableError extends Error {
  override name = 'GitHubUnavailableError';
  constructor(
    readonly kind: UnavailableKind,
    message: string,
  ) {
    super(message);
  }
}

/** An HTTP error answer that is not retried (403, 404, 422…), with the token scrubbed from its message. */
export class GitHubStatusError extends Error {
  override name = 'GitHubStatusError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const env = options.env ?? process.env;
  const apiUrl = (options.apiUrl ?? env.GITHUB_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const token = options.token;
  if (!token) throw new UserError('A GitHub token is required: set GITHUB_TOKEN or pass --token');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 3;
  const baseDelay = options.retryBaseDelayMs ?? 1000;
  const maxDelay = options.maxRetryDelayMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Scrubbed whole, then cut (a token straddling the cut would survive in part).
  const scrub = (text: string): string => shorten(scrubToken(text, token), MAX_QUOTED_MESSAGE);

  const octokit = getOctokit(token, {
    baseUrl: apiUrl,
    userAgent: `sscop/${VERSION}`,
    // Octokit logs deprecations and warnings to the console by default; library code stays quiet.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const requests: RequestRecord[] = [];
  const waits: number[] = [];

  octokit.hook.wrap('request', async (request, endpoint) => {
    const route = `${endpoint.method} ${routeOf(endpoint.url, apiUrl)}`;
    const outer = endpoint.request?.signal;
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
      requests.push({ method: endpoint.method, url: endpoint.url, startedAt: Date.now(), attempt });
      // Hooks share one options object (earlier wrappers, like auth, were bound to it): set the signal on it.
      endpoint.request = { ...endpoint.request, signal };
      try {
        return await request(endpoint);
      } catch (error) {
        if (timeout.aborted) {
          throw new GitHubUnavailableError(
            'timeout',
            `GitHub did not answer ${route} within ${formatSeconds(timeoutMs)}`,
          );
        }
        const status = statusOf(error);
        const headers = headersOf(error);
        if (status === 401) {
          throw new UserError(
            `GitHub rejected the token (401 ${scrub(apiMessage(error) ?? 'Bad credentials')}): check GITHUB_TOKEN or --token, and that it has not expired`,
          );
        }
        const retry = retryPlan(status, headers, error, attempt, baseDelay);
        if (!retry) {
          if (status !== undefined)
            throw new GitHubStatusError(status, scrub(apiMessage(error) ?? `HTTP ${status}`), headers);
          throw new GitHubUnavailableError('network', `${route}: ${scrub(errorMessage(error))}`);
        }
        if (attempt >= maxRetries) {
          throw new GitHubUnavailableError(
            retry.kind,
            `${route}: ${retry.reason}, still failing after ${attempt + 1} attempts`,
          );
        }
        if (retry.delayMs > maxDelay) {
          throw new GitHubUnavailableError(
            retry.kind,
            `${route}: ${retry.reason}; GitHub asked to wait ${formatSeconds(retry.delayMs)}, longer than the ${formatSeconds(maxDelay)} sscop waits`,
          );
        }
        waits.push(retry.delayMs);
        await sleep(retry.delayMs);
      }
    }
  });

  return {
    octokit,
    apiUrl,
    get requestCount() {
      return requests.length;
    },
    requests,
    waits,
  };
}

interface RetryPlan {
  kind: UnavailableKind;
  reason: string;
  delayMs: number;
}

/** Whether (and how long after) a failed request is worth repeating; undefined = do not retry. */
function retryPlan(
  status: number | undefined,
  headers: Record<string, string>,
  error: unknown,
  attempt: number,
  baseDelay: number,
): RetryPlan | undefined {
  const backoff = baseDelay * 2 ** attempt;
  const retryAfter = parseRetryAfter(headers['retry-after']);
  if (status === undefined)
    return { kind: 'network', reason: `network error (${errorMessage(error)})`, delayMs: backoff };
  if (status === 429 || (status === 403 && isRateLimit(headers, error))) {
    if (retryAfter !== undefined)
      return { kind: 'rate-limited', reason: `rate limited (HTTP ${status})`, delayMs: retryAfter };
    const reset = Number(headers['x-ratelimit-reset']);
    if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) {
      return {
        kind: 'rate-limited',
        reason: 'API rate limit exhausted',
        delayMs: Math.max(0, reset * 1000 - Date.now()),
      };
    }
    // Secondary limit without a hint: GitHub asks for at least a minute.
    return {
      kind: 'rate-limited',
      reason: `secondary rate limit (HTTP ${status})`,
      delayMs: Math.max(60_000, backoff),
    };
  }
  if (status >= 500 && status !== 501) {
    return { kind: 'server-error', reason: `GitHub answered HTTP ${status}`, delayMs: retryAfter ?? backoff };
  }
  return undefined;
}

function isRateLimit(headers: Record<string, string>, error: unknown): boolean {
  if (headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0') return true;
  return /rate limit/i.test(apiMessage(error) ?? '');
}

/** `retry-after` in seconds or as an HTTP date, as milliseconds. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // Octokit reports network failures as status 500 without a response; those are not HTTP answers.
  const response = (error as { response?: unknown }).response;
  const status = (error as { status?: unknown }).status;
  return response !== undefined && typeof status === 'number' ? status : undefined;
}

function headersOf(error: unknown): Record<string, string> {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (typeof headers !== 'object' || headers === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (typeof v === 'string' || typeof v === 'number') out[k.toLowerCase()] = String(v);
  return out;
}

/** The `message` of GitHub's JSON error body, when there is one. */
function apiMessage(error: unknown): string | undefined {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  if (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { message?: unknown }).message === 'string'
  ) {
    return (data as { message: string }).message;
  }
  return undefined;
}

function routeOf(url: string, apiUrl: string): string {
  const path = url.startsWith(apiUrl) ? url.slice(apiUrl.length) : url;
  return path.split('?')[0] ?? path;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** API messages are quoted in errors and reports up to this length. */
const MAX_QUOTED_MESSAGE = 300;

/**
 * Removes the token from text — as it is, percent-encoded, and in base64 (of the token and of the
 * `x-access-token:TOKEN` a Basic header carries) — and anything that looks like an Authorization
 * header value. Scrub whole text, then cut it: a cut first could leave part of the token behind.
 */
export function scrubToken(text: string, token: string): string {
  let out = text;
  // A real token is long; scrubbing a short string would mangle ordinary words instead.
  if (token.length >= 8) for (const form of tokenForms(token)) out = out.split(form).join('***');
  return out.replace(/\b(token|bearer)\s+[A-Za-z0-9_.-]{8,}/gi, '$1 ***');
}

/** The strings that give the token away, longest first. */
function tokenForms(token: string): string[] {
  const encoded = encodeURIComponent(token);
  const forms = new Set([token, encoded, encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]);
  for (const secret of [`x-access-token:${token}`, token])
    for (const middle of base64Middles(Buffer.from(secret))) {
      forms.add(middle);
      forms.add(middle.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Inside longer base64, how `bytes` is encoded depends on its offset modulo 3, and the characters
 * at its two ends mix in its neighbours' bits. For each of the three offsets, the characters that
 * encode only `bytes` are the same wherever it stands: those are what to look for.
 */
function base64Middles(bytes: Buffer): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const firstOwn = Math.ceil((8 * offset) / 6);
    const endOwn = Math.floor((8 * (offset + bytes.length)) / 6);
    return encoded.slice(firstOwn, endOwn);
  });
}
