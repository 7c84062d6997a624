/**
 * The one seam that creates the GitHub API client. Everything that talks to GitHub gets its client
 * from `createGitHubClient`, so tests point it at a local fake server and nothing else changes.
 *
 * The client: `getOctokit` from `@actions/github` (undici, proxy support from the toolkit), base
 * URL from the option or `GITHUB_API_URL` (GHES), a per-request timeout inside one time budget
 * for all API work, bounded retries on 5xx, network errors and rate limits (honouring
 * `retry-after`, giving up beyond a cap or the budget), a request counter, and a 401 that ends the
 * run as a `UserError`. Requests go only to the API's origin and answers are read up to a size
 * cap (guarded-fetch.ts); pagination stops at a page cap and says the list is incomplete. The
 * token never appears in an error and is never sent to another host.
 */
import { getOctokit } from '@actions/github';
import { errorMessage, UserError } from '../errors.js';
import { shorten } from '../shorten.js';
import { VERSION } from '../version.js';
import { guardedFetch, readCapped, RefusedAnswerError, type Fetch } from './guarded-fetch.js';

export type Octokit = ReturnType<typeof getOctokit>;

export const DEFAULT_API_URL = 'https://api.github.com';
/** All API work of a run (facts, pins, pull request files, check run) gets this long by default. */
export const DEFAULT_API_TIME_BUDGET_MS = 120_000;
/** The largest answer read; GitHub's answers that sscop reads are well under 1 MiB. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Pages read of one listing: 3,000 items at 100 a page, the most GitHub lists of a pull request's files. */
export const MAX_PAGES = 30;
/** Sets the first retry backoff in ms (e.g. for fault tests); the `retryBaseDelayMs` option wins. */
export const RETRY_BASE_ENV = 'SSCOP_RETRY_BASE_MS';

export interface GitHubClientOptions {
  token: string;
  /** API base URL; defaults to `GITHUB_API_URL`, then api.github.com. */
  apiUrl?: string;
  /** Per-request timeout (each attempt). Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt for transient failures. Default 3. */
  maxRetries?: number;
  /** First backoff for 5xx and network errors, doubled per retry. Default `SSCOP_RETRY_BASE_MS`, else 1 s. */
  retryBaseDelayMs?: number;
  /** A wait longer than this (e.g. a far `retry-after` or rate-limit reset) gives up instead. Default 60 s. */
  maxRetryDelayMs?: number;
  /** How to wait between retries; tests inject a recorder. */
  sleep?: (ms: number) => Promise<void>;
  /** Environment to read `GITHUB_API_URL` and `SSCOP_RETRY_BASE_MS` from; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Shared by every client of a run; a client given none gets one of the default length. */
  timeBudget?: ApiTimeBudget;
  /** Largest answer read, in bytes. Default `MAX_RESPONSE_BYTES`. */
  maxResponseBytes?: number;
  /** Pages read of one listing by `paginate`. Default `MAX_PAGES`. */
  maxPages?: number;
  /** Where the token came from, for the message when GitHub rejects it. Default: the CLI's sources. */
  tokenSource?: string;
}

/** Where the CLI takes its token from. */
export const CLI_TOKEN_SOURCE = 'GITHUB_TOKEN or --token';

/**
 * One allowance of time for all the API work of a run, shared by its clients. The clock starts
 * at the first request; once it has run out, what was not asked is unknown.
 */
export class ApiTimeBudget {
  private deadline: number | undefined;
  constructor(readonly ms: number = DEFAULT_API_TIME_BUDGET_MS) {
    if (!(Number.isFinite(ms) && ms > 0))
      throw new UserError(`The API time budget must be positive, not ${ms}`);
  }
  remainingMs(now = Date.now()): number {
    this.deadline ??= now + this.ms;
    return Math.max(0, this.deadline - now);
  }
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
  /**
   * GETs a URL an API answer handed out (an artifact's signed download URL, on another host):
   * without the token, within the run's time budget, reading at most `maxBytes`.
   */
  download(url: string, maxBytes: number): Promise<Uint8Array>;
}

export type UnavailableKind =
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'network'
  /** The run's API time budget ran out. */
  | 'time-budget'
  /** sscop refused the answer: a redirect to another host, or larger than the cap. */
  | 'refused'
  /** A listing had more pages than the cap. */
  | 'incomplete';

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
  const tokenSource = options.tokenSource ?? CLI_TOKEN_SOURCE;
  if (!token) throw new UserError(`A GitHub token is required: set ${tokenSource}`);
  const apiOrigin = originOf(apiUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 3;
  const baseDelay = options.retryBaseDelayMs ?? retryBaseFromEnv(env) ?? 1000;
  const maxDelay = options.maxRetryDelayMs ?? 60_000;
  const budget = options.timeBudget ?? new ApiTimeBudget();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Scrubbed whole, then cut (a token straddling the cut would survive in part).
  const scrub = (text: string): string => shorten(scrubToken(text, token), MAX_QUOTED_MESSAGE);

  const octokit = getOctokit(token, {
    baseUrl: apiUrl,
    userAgent: `sscop/${VERSION}`,
    // Octokit logs deprecations and warnings to the console by default; library code stays quiet.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const baseFetch = (octokit.request.endpoint.DEFAULTS.request?.fetch as Fetch | undefined) ?? fetch;
  const fetchOnApi = guardedFetch(baseFetch, apiOrigin, options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
  capPagination(octokit, options.maxPages ?? MAX_PAGES);
  const requests: RequestRecord[] = [];
  const waits: number[] = [];

  octokit.hook.wrap('request', async (request, endpoint) => {
    const route = `${endpoint.method} ${routeOf(endpoint.url, apiUrl)}`;
    const outOfTime = (why?: string) =>
      new GitHubUnavailableError(
        'time-budget',
        `${route}: ${why ? `${why}; ` : ''}the API time budget ran out (${formatSeconds(budget.ms)} for all API requests)`,
      );
    const outer = endpoint.request?.signal;
    for (let attempt = 0; ; attempt++) {
      const remaining = budget.remainingMs();
      if (remaining <= 0) throw outOfTime();
      const limit = Math.min(timeoutMs, remaining);
      const timeout = AbortSignal.timeout(limit);
      const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
      requests.push({ method: endpoint.method, url: endpoint.url, startedAt: Date.now(), attempt });
      // Hooks share one options object (earlier wrappers, like auth, were bound to it): set the signal on it.
      endpoint.request = { ...endpoint.request, signal, fetch: fetchOnApi };
      try {
        return await request(endpoint);
      } catch (error) {
        const refused = refusalOf(error);
        if (refused) throw new GitHubUnavailableError('refused', `${route}: ${scrub(refused.message)}`);
        if (timeout.aborted) {
          if (limit < timeoutMs) throw outOfTime(`GitHub had not answered`);
          throw new GitHubUnavailableError(
            'timeout',
            `GitHub did not answer ${route} within ${formatSeconds(timeoutMs)}`,
          );
        }
        const status = statusOf(error);
        const headers = headersOf(error);
        if (status === 401) {
          throw new UserError(
            `GitHub rejected the token (401 ${scrub(apiMessage(error) ?? 'Bad credentials')}): check ${tokenSource}, and that it has not expired`,
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
        // Never sleep past the budget: give up now rather than wake up with no time left.
        if (retry.delayMs >= budget.remainingMs()) {
          throw outOfTime(`${retry.reason}, and a wait of ${formatSeconds(retry.delayMs)} would pass it`);
        }
        waits.push(retry.delayMs);
        await sleep(retry.delayMs);
      }
    }
  });

  return {
    octokit,
    apiUrl,
    download: (url, maxBytes) =>
      downloadWithoutToken(baseFetch, url, maxBytes, () => {
        const remaining = budget.remainingMs();
        return remaining > 0 ? AbortSignal.timeout(Math.min(timeoutMs, remaining)) : undefined;
      }),
    get requestCount() {
      return requests.length;
    },
    requests,
    waits,
  };
}

/** One GET with no credentials, no retries; errors name the host and path, never the signed query. */
async function downloadWithoutToken(
  base: Fetch,
  url: string,
  maxBytes: number,
  timeout: () => AbortSignal | undefined,
): Promise<Uint8Array> {
  const target = new URL(url);
  const where = `${target.origin}${target.pathname}`;
  const signal = timeout();
  if (!signal) throw new GitHubUnavailableError('time-budget', `${where}: the API time budget ran out`);
  try {
    const response = await base(target, { redirect: 'follow', signal });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new GitHubStatusError(response.status, `${where} answered HTTP ${response.status}`, {});
    }
    return new Uint8Array(await (await readCapped(response, maxBytes)).arrayBuffer());
  } catch (error) {
    if (error instanceof GitHubStatusError) throw error;
    if (error instanceof RefusedAnswerError)
      throw new GitHubUnavailableError('refused', `${where}: ${error.message}`);
    if (signal.aborted) throw new GitHubUnavailableError('timeout', `${where} did not answer in time`);
    throw new GitHubUnavailableError('network', `${where}: ${errorMessage(error)}`);
  }
}

/**
 * Replaces `octokit.paginate` (and its iterator) with versions that read at most `maxPages` pages
 * of a listing. A listing with more is not cut silently: asking past the cap throws, so the
 * caller treats the list as unknown rather than complete.
 */
function capPagination(octokit: Octokit, maxPages: number): void {
  const original = octokit.paginate.iterator;
  const iterator = (...args: Parameters<typeof original>) => {
    const pages = original(...args)[Symbol.asyncIterator]();
    let served = 0;
    let last: { headers: { link?: string } } | undefined;
    return {
      [Symbol.asyncIterator]: () => ({
        async next() {
          if (served >= maxPages) {
            if (last && /<[^<>]+>;\s*rel="next"/.test(last.headers.link ?? '')) {
              throw new GitHubUnavailableError(
                'incomplete',
                `the listing has more than ${maxPages} pages, the most sscop reads, so it is incomplete`,
              );
            }
            return { done: true as const, value: undefined };
          }
          const result = await pages.next();
          if (!result.done) {
            served++;
            last = result.value;
          }
          return result;
        },
      }),
    };
  };
  // What the plugin's paginate does, over the capped iterator: gather pages until done() or the end.
  const paginate = async (route: unknown, parameters?: unknown, mapFn?: unknown): Promise<unknown[]> => {
    if (typeof parameters === 'function') [mapFn, parameters] = [parameters, undefined];
    const map = mapFn as ((response: { data: unknown }, done: () => void) => unknown) | undefined;
    const pages = iterator(route as never, parameters as never)[Symbol.asyncIterator]();
    let results: unknown[] = [];
    for (;;) {
      const page = await pages.next();
      if (page.done) return results;
      let stop = false;
      results = results.concat(map ? map(page.value, () => (stop = true)) : page.value.data);
      if (stop) return results;
    }
  };
  octokit.paginate = Object.assign(paginate, { iterator }) as unknown as Octokit['paginate'];
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

function originOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).origin;
  } catch {
    throw new UserError(`The GitHub API URL is not a URL: "${apiUrl.slice(0, 200)}"`);
  }
}

/** The refusal behind an error, when sscop refused the request or its answer (Octokit wraps it). */
function refusalOf(error: unknown): RefusedAnswerError | undefined {
  if (error instanceof RefusedAnswerError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof RefusedAnswerError ? cause : undefined;
}

function retryBaseFromEnv(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env[RETRY_BASE_ENV]?.trim();
  if (!raw) return undefined;
  if (!/^\d{1,6}$/.test(raw))
    throw new UserError(
      `${RETRY_BASE_ENV} must be a whole number of milliseconds, not "${raw.slice(0, 40)}"`,
    );
  return Number(raw);
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
