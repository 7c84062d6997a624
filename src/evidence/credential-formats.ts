/**
 * Credential formats specific enough to report with high confidence: private key blocks and tokens
 * whose format belongs to one issuer (GitHub, AWS, Slack, Google, Stripe, npm, PyPI, GitLab), with
 * the tests that tell a real one from documentation (checksums, placeholders) and the masking every
 * value goes through before it is shown.
 */
import type { Severity } from '../model/types.js';
import { anyOfPattern, literalSearch, type LiteralSearcher } from './literal-search.js';

export type CredentialKind =
  | 'private-key'
  | 'aws-access-key'
  | 'github-token'
  | 'github-fine-grained-token'
  | 'slack-token'
  | 'google-api-key'
  | 'stripe-live-key'
  | 'npm-token'
  | 'pypi-token'
  | 'gitlab-token';

export interface Detector {
  kind: CredentialKind;
  label: string;
  /** Cheap substring tests before the pattern runs: one must be present. */
  markers: readonly string[];
  /** Bounded pattern (no nested quantifiers); must be global. */
  pattern: RegExp;
  severity: Severity;
  /** The fixed prefix shown in the masked value. */
  prefixLength: number;
  /** Extra validation (checksums); false rejects the match. */
  valid?: (token: string) => boolean;
}

// Token prefixes are assembled from fragments so that this file itself holds nothing a secret
// scanner (GitHub push protection, or this check run on sscop) would take for a credential.
const U = '_';
const GH_CLASSIC = ['ghp', 'gho', 'ghu', 'ghs', 'ghr'].map((p) => p + U);
const NOT_TOKEN_BEFORE = '(?<![A-Za-z0-9_])';
const NOT_TOKEN_AFTER = '(?![A-Za-z0-9_])';

export const DETECTORS: readonly Detector[] = [
  {
    kind: 'github-token',
    label: 'GitHub token',
    markers: GH_CLASSIC,
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}gh[pousr]${U}[A-Za-z0-9]{36}${NOT_TOKEN_AFTER}`, 'g'),
    severity: 'critical',
    prefixLength: 4,
    valid: (t) => GH_CLASSIC.includes(t.slice(0, 4)) && hasValidCrc32Checksum(t.slice(4)),
  },
  {
    kind: 'github-fine-grained-token',
    label: 'GitHub fine-grained personal access token',
    markers: ['github' + U + 'pat' + U],
    pattern: new RegExp(
      `${NOT_TOKEN_BEFORE}github${U}pat${U}[A-Za-z0-9]{22}${U}[A-Za-z0-9]{59}${NOT_TOKEN_AFTER}`,
      'g',
    ),
    severity: 'critical',
    prefixLength: 11,
  },
  {
    kind: 'aws-access-key',
    label: 'AWS access key id',
    markers: ['AKIA', 'ASIA'],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}(?:AKIA|ASIA)[A-Z2-7]{16}${NOT_TOKEN_AFTER}`, 'g'),
    // On its own the id cannot authenticate; with its secret in the same file it is critical.
    severity: 'low',
    prefixLength: 4,
  },
  {
    kind: 'slack-token',
    label: 'Slack token',
    markers: ['xox'],
    pattern: new RegExp(
      `${NOT_TOKEN_BEFORE}xox[abpr]-[0-9]{8,15}-[A-Za-z0-9-]{10,120}${NOT_TOKEN_AFTER}`,
      'g',
    ),
    severity: 'critical',
    prefixLength: 5,
  },
  {
    kind: 'google-api-key',
    label: 'Google API key',
    markers: ['AIza'],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])`, 'g'),
    severity: 'low',
    prefixLength: 4,
  },
  {
    kind: 'stripe-live-key',
    label: 'Stripe live secret key',
    markers: [`${U}live${U}`],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}[sr]k${U}live${U}[A-Za-z0-9]{24,247}${NOT_TOKEN_AFTER}`, 'g'),
    severity: 'critical',
    prefixLength: 8,
  },
  {
    kind: 'npm-token',
    label: 'npm access token',
    markers: ['npm' + U],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}npm${U}[A-Za-z0-9]{36}${NOT_TOKEN_AFTER}`, 'g'),
    severity: 'critical',
    prefixLength: 4,
    valid: (t) => hasValidCrc32Checksum(t.slice(4)),
  },
  {
    kind: 'pypi-token',
    label: 'PyPI API token',
    markers: ['pypi-'],
    // The macaroon's first bytes always encode "pypi.org" the same way.
    pattern: new RegExp(
      `${NOT_TOKEN_BEFORE}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])`,
      'g',
    ),
    severity: 'critical',
    prefixLength: 5,
  },
  {
    kind: 'gitlab-token',
    label: 'GitLab personal access token',
    markers: ['glpat-'],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}glpat-[A-Za-z0-9_-]{20,300}(?![A-Za-z0-9_-])`, 'g'),
    severity: 'critical',
    prefixLength: 6,
  },
];

/** Every detector's markers and the private-key header. */
const MARKERS: readonly string[] = ['PRIVATE KEY', ...DETECTORS.flatMap((d) => d.markers)];

/**
 * Every marker as one pattern: most files hold none, and one pass of the regex engine over the
 * whole text clears them without splitting lines.
 */
export const ANY_CREDENTIAL_MARKER = anyOfPattern(MARKERS);

/**
 * The three bytes of each marker the byte search looks for first, and their buckets (see
 * literal-search.ts). They change its speed, never its answer. Chosen on moby's 98 MB of source
 * (docs/performance.md): windows rare in source code ("E K", not "PRI"; "b_p" of the fine-grained
 * token, not "git", which every Go import holds), and buckets found by a search for the fewest
 * positions to compare (2,100 blocks, against 45,700 with the windows given buckets in turn). A
 * marker not listed is searched by its first three bytes.
 */
const MARKER_WINDOWS: ReadonlyArray<[window: string, bucket: number]> = [
  ['E K', 0],
  ['ghp', 6],
  ['ho' + U, 4],
  ['ghu', 3],
  ['hs' + U, 3],
  ['ghr', 6],
  ['b' + U + 'p', 7],
  ['KIA', 5],
  ['SIA', 5],
  ['xox', 4],
  ['Iza', 1],
  ['ve' + U, 2],
  ['pm' + U, 4],
  ['pyp', 1],
  ['glp', 6],
];

/**
 * Whether bytes (of any encoding that writes ASCII as itself) hold a marker. The searcher (a
 * WebAssembly module and its memory) is built on the first call: commands that never scan files
 * do not build it.
 */
export function bytesHoldMarker(bytes: Uint8Array): boolean {
  markerSearch ??= literalSearch(
    MARKERS.map((text) => {
      const tuned = MARKER_WINDOWS.find(([window]) => text.includes(window));
      return tuned
        ? { text, window: text.indexOf(tuned[0]), bucket: tuned[1] }
        : { text, window: 0, bucket: 7 };
    }),
  );
  return markerSearch(bytes);
}

let markerSearch: LiteralSearcher | undefined;

export const PRIVATE_KEY_HEADER =
  /-----BEGIN ((?:RSA |EC |OPENSSH |DSA |ENCRYPTED |PGP )?)PRIVATE KEY(?: BLOCK)?-----/;
/** Runs of base64 long enough to be key material, not a placeholder like `...` or `<key>`. */
const BASE64_RUN = /[A-Za-z0-9+/]{40,4000}/g;
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;
const AWS_SECRET_HINT = /secret|aws_?sk|sk_?aws/i;
/** Words that mark a value as documentation or a fixture rather than a credential. */
const PLACEHOLDER_WORD = /example|dummy|fake|sample|placeholder|redacted|changeme|your[-_]?(?:token|key)/i;

/** Key material mixes digits and both cases; a long path or identifier (`src/main/java/…`) does not. */
export function hasBase64Run(text: string): boolean {
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0];
    if (/[0-9]/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run) && !run.includes('//')) return true;
  }
  return false;
}

/** A line that names a secret and holds a 40-character AWS-style secret access key. */
export function isAwsSecretLine(line: string): boolean {
  if (!AWS_SECRET_HINT.test(line)) return false;
  const m = AWS_SECRET.exec(line);
  return !!m && !isPlaceholder(m[0], 0) && /[0-9]/.test(m[0]) && /[a-z]/.test(m[0]) && /[A-Z]/.test(m[0]);
}

/**
 * Documentation and fixture values: a marker word, one character repeated, or an ascending run
 * (`1234567`, `abcdefg`) — each vanishingly unlikely in a random token.
 */
export function isPlaceholder(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength);
  if (PLACEHOLDER_WORD.test(token)) return true;
  if (/(.)\1{4}/.test(body)) return true;
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    run = body.charCodeAt(i) === body.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 7) return true;
  }
  return false;
}

/** Shows the issuer prefix and the last four characters only: `ghp_…a1b2`. */
export function mask(token: string, prefixLength: number): string {
  return `${token.slice(0, prefixLength)}…${token.slice(-4)}`;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * GitHub and npm tokens end in a CRC32 of their random part, base62-encoded in six characters: a
 * made-up token almost never has a valid checksum.
 */
export function hasValidCrc32Checksum(body: string): boolean {
  if (body.length !== 36) return false;
  let crc = crc32(body.slice(0, 30));
  let encoded = '';
  for (let i = 0; i < 6; i++) {
    encoded = BASE62[crc % 62]! + encoded;
    crc = Math.floor(crc / 62);
  }
  return encoded === body.slice(30);
}

let crcTable: Uint32Array | undefined;

function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
