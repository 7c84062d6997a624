/**
 * The fetch under every API request. It sends requests only to the API's origin, so the token in
 * their headers never reaches another host (a pagination `Link` or a redirect pointing elsewhere
 * included); it follows redirects itself, and only on that origin; and it reads at most
 * `maxBytes` of an answer, never holding a larger one whole.
 */

/** The fetch the GitHub client is configured with (undici's, through the toolkit's proxy). */
export type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** sscop refused an answer or a request: its content must not be taken as a GitHub fact. */
export class RefusedAnswerError extends Error {
  override name = 'RefusedAnswerError';
}

/** Same-origin redirects (a renamed repository) are followed this many times at most. */
export const MAX_REDIRECTS = 5;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NO_BODY = new Set([204, 205, 304]);

export function guardedFetch(base: Fetch, origin: string, maxBytes: number): Fetch {
  return async (input, init = {}) => {
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    for (let hop = 0; ; hop++) {
      if (url.origin !== origin) {
        throw new RefusedAnswerError(
          `sscop sends API requests only to ${origin}, not to ${url.origin} (a link or redirect pointed there)`,
        );
      }
      const response = await base(url, { ...init, method, body, redirect: 'manual' });
      if (!REDIRECTS.has(response.status)) return readCapped(response, maxBytes);
      await response.body?.cancel();
      // A caller that asked for the redirect itself (an artifact's download URL) gets its Location;
      // nothing is sent there with the token.
      if (init.redirect === 'manual') return redirectAnswer(response);
      const location = response.headers.get('location');
      if (location === null)
        throw new RefusedAnswerError(`GitHub answered ${response.status} without a Location`);
      if (hop >= MAX_REDIRECTS) throw new RefusedAnswerError(`more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, url);
      if (next.origin !== origin) {
        throw new RefusedAnswerError(
          `GitHub redirected to ${next.origin}; sscop follows redirects only on ${origin}`,
        );
      }
      // As fetch does: 303, and 301/302 after a POST, become a GET without the body; 307/308 keep both.
      if (response.status === 303 || (response.status <= 302 && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  };
}

/** The answer with its body read into memory, or a refusal as soon as it passes `maxBytes`. */
export async function readCapped(response: Response, maxBytes: number): Promise<Response> {
  const tooLarge = () =>
    new RefusedAnswerError(`the answer is larger than ${formatBytes(maxBytes)}, the most sscop reads`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    // Leaving the loop early (the throw) cancels the stream: the rest is never downloaded.
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  }
  const status = response.status;
  let copy: Response;
  try {
    copy = new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), {
      status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch {
    throw new RefusedAnswerError(`GitHub answered with HTTP status ${status}, which is not a valid answer`);
  }
  // Octokit reports the answer's URL; a constructed Response has none of its own.
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

/** A redirect as the caller sees it: status and headers, the body left unread. */
function redirectAnswer(response: Response): Response {
  const copy = new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}
