/**
 * committed-secrets: high-confidence credentials committed to the tree — private key blocks with a
 * body and tokens whose format is specific to one issuer (GitHub, AWS, Slack, Google, Stripe, npm,
 * PyPI, GitLab). Every value is masked before it reaches a finding or evidence.
 */
import type { CheckOutcome, Evidence, Finding, Severity } from '../model/types.js';
import { isTestDataPath, lowerName, quote, splitLines } from '../evidence/locate.js';
import type { FileVisitor, LinkIntoGit } from '../repo/files.js';
import { finding, type FileCheck } from './check.js';

const ID = 'committed-secrets';

/** Files larger than this are not scanned: real credential files are small, bundles and data are not. */
export const MAX_SCAN_BYTES = 1024 * 1024;
/** How far into a file a NUL marks it as binary (git looks at the first 8,000 bytes). */
const BINARY_SNIFF_CHARS = 8000;
/** Long lines are scanned in windows of this size (overlapping), which bounds the work per match. */
const WINDOW = 4000;
const OVERLAP = 400;
/** Lines after a key header searched for its base64 body. */
const BODY_LOOKAHEAD = 3;

const TEXT_EXTENSIONS = new Set(
  (
    'env pem key p8 ppk json jsonc json5 yml yaml toml ini cfg conf config properties xml plist ' +
    'js mjs cjs jsx ts mts cts tsx vue svelte py rb go java kt kts scala groovy gradle cs fs vb php rs swift ' +
    'm mm c cc cpp cxx h hpp dart lua pl pm r ex exs erl clj sql ipynb ' +
    'sh bash zsh fish ps1 psm1 bat cmd tf tfvars hcl nomad tpl j2 jinja dockerfile'
  ).split(' '),
);

/** Credential files that usually have no extension, or one that says nothing. */
const CREDENTIAL_NAMES = new Set([
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  '.dockercfg',
  '.s3cfg',
  '.boto',
  '.pgpass',
  '.htpasswd',
  'credentials',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  'dockerfile',
  'containerfile',
  'jenkinsfile',
  'vagrantfile',
  'makefile',
]);

/** Lockfiles: long, machine-written, full of hashes, never a place for a credential. */
const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'composer.lock',
  'gemfile.lock',
  'cargo.lock',
  'poetry.lock',
  'pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'go.sum',
  'packages.lock.json',
  'paket.lock',
  'pubspec.lock',
  'podfile.lock',
  'package.resolved',
  'flake.lock',
  'mix.lock',
  'gradle.lockfile',
]);

/** Folders that hold build output, vendored packages or VCS data rather than the project's source. */
const SKIPPED_DIR = /(?:^|\/)(?:dist|node_modules|\.git|bower_components|\.yarn)\//i;

/** True for files this check reads: text by extension or credential file name, minus build output. */
export function isSecretScanCandidate(path: string): boolean {
  if (!isCandidateName(lowerName(path))) return false;
  return !SKIPPED_DIR.test(path);
}

/** Files whose purpose is to hold credentials: env files, key files, tool credential files. */
function isCredentialFile(path: string): boolean {
  const name = lowerName(path);
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return true;
  if (/\.(?:pem|key|p8|ppk)$/.test(name)) return true;
  return CREDENTIAL_NAMES.has(name) && !CODE_NAMES.has(name);
}

/** Names in CREDENTIAL_NAMES that are build files (scanned, but large ones are not credential files). */
const CODE_NAMES = new Set(['dockerfile', 'containerfile', 'jenkinsfile', 'vagrantfile', 'makefile']);

function isCandidateName(name: string): boolean {
  if (LOCKFILES.has(name)) return false;
  if (/[.-]min\.(?:js|mjs|cjs|css)$|\.bundle\.js$|\.chunk\.js$|\.map$/.test(name)) return false;
  if (CREDENTIAL_NAMES.has(name)) return true;
  // .env, .env.local, production.env, .env.example…
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return true;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return false;
  return TEXT_EXTENSIONS.has(name.slice(dot + 1));
}

type Kind =
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

interface Detector {
  kind: Kind;
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

const DETECTORS: readonly Detector[] = [
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

const PRIVATE_KEY_HEADER =
  /-----BEGIN ((?:RSA |EC |OPENSSH |DSA |ENCRYPTED |PGP )?)PRIVATE KEY(?: BLOCK)?-----/;
/** Runs of base64 long enough to be key material, not a placeholder like `...` or `<key>`. */
const BASE64_RUN = /[A-Za-z0-9+/]{40,4000}/g;
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;
const AWS_SECRET_HINT = /secret|aws_?sk|sk_?aws/i;
const EXAMPLE_DIR = /^(?:examples?|samples?|demos?)$/i;
const PRESIGNED_CREDENTIAL = /(?:X-Amz-Credential=|AWSAccessKeyId=)$/i;
/** Words that mark a value as documentation or a fixture rather than a credential. */
const PLACEHOLDER_WORD = /example|dummy|fake|sample|placeholder|redacted|changeme|your[-_]?(?:token|key)/i;

interface Hit {
  kind: Kind;
  label: string;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  masked: string;
  note?: string;
}

/** What scanning one file found: its hits, or why it was not scanned; undefined for nothing found. */
type FileScanResult = { hits: Hit[] } | { notScanned: 'too-large' | 'binary' };

/**
 * The per-file pass: it runs as each file is read, so the engine keeps the hits (nearly always
 * none) rather than the text of every source file in the tree.
 */
export const secretScanner: FileVisitor<FileScanResult> = {
  id: ID,
  wants: isSecretScanCandidate,
  visit: (path, text, size) => {
    // Padding a credential file past the limit must not hide it: those are scanned whole.
    if (size > MAX_SCAN_BYTES && !isCredentialFile(path)) return { notScanned: 'too-large' };
    // Binary content under a text name: a NUL in the first 8,000 characters, git's own test.
    if (text.lastIndexOf('\u0000', BINARY_SNIFF_CHARS - 1) >= 0) return { notScanned: 'binary' };
    const hits = scanText(path, text);
    return hits.length ? { hits } : undefined;
  },
};

export const committedSecrets: FileCheck = {
  id: ID,
  source: 'files',
  // Nothing is kept: every candidate goes through the visitor as it is read.
  needs: () => undefined,
  visitor: secretScanner,
  run: ({ files }) => {
    const visited = files.visited(secretScanner);
    const hits: Hit[] = [];
    let scanned = visited.files;
    const notScanned: string[] = [];
    for (const [path, result] of visited.results) {
      if ('hits' in result) {
        hits.push(...result.hits);
        continue;
      }
      scanned--;
      if (result.notScanned === 'too-large') notScanned.push(path);
    }
    // Candidates the collector could not read (too large for it, unreadable, links out).
    for (const { path } of files.skipped) if (isSecretScanCandidate(path)) notScanned.push(path);
    // Files arrive in the collector's order; report in path order (the sort is stable within a file).
    hits.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    notScanned.sort();
    return judge(hits, scanned, notScanned, files.linksIntoGit);
  },
};

function judge(
  hits: Hit[],
  scanned: number,
  notScanned: string[],
  linksIntoGit: readonly LinkIntoGit[],
): CheckOutcome {
  const evidence: Evidence[] = [
    { summary: `scanned ${scanned} text file(s) for high-confidence credential formats` },
  ];
  if (notScanned.length) {
    evidence.push({
      summary: `${notScanned.length} candidate file(s) not scanned (over ${MAX_SCAN_BYTES / 1024 / 1024} MiB or unreadable), e.g. ${notScanned.slice(0, 3).join(', ')}`,
    });
  }
  if (scanned === 0 && hits.length === 0 && linksIntoGit.length === 0) {
    return {
      status: 'not-applicable',
      summary: 'No source or configuration files to scan for secrets.',
      findings: [],
      evidence,
    };
  }
  const findings: Finding[] = hits.map((h) =>
    finding(ID, {
      severity: h.severity,
      path: h.path,
      line: h.line,
      column: h.column,
      endLine: h.line,
      endColumn: h.endColumn,
      message: `${h.label} committed (${h.masked})${h.note ? `: ${h.note}` : ''}.`,
      remediation: remediationFor(h),
    }),
  );
  for (const h of hits) evidence.push({ summary: `${h.label} (${h.masked})`, path: h.path, line: h.line });
  findings.push(...linksIntoGit.map(linkIntoGitFinding));
  if (linksIntoGit.length) {
    return {
      status: 'fail',
      summary: `${linksIntoGit.length} symbolic link(s) into .git: git's config can hold credentials; remove the link(s).`,
      findings,
      evidence,
    };
  }
  const serious = hits.filter((h) => h.severity !== 'info' && h.severity !== 'low');
  const minor = hits.filter((h) => h.severity === 'low');
  if (serious.length) {
    const files = new Set(serious.map((h) => h.path)).size;
    return {
      status: 'fail',
      summary: `${serious.length} committed credential(s) in ${files} file(s); revoke and remove them.`,
      findings,
      evidence,
    };
  }
  if (minor.length) {
    return {
      status: 'partial',
      summary: `${minor.length} low-risk key(s) committed (see findings); no high-confidence secret.`,
      findings,
      evidence,
    };
  }
  return {
    status: 'pass',
    summary: hits.length
      ? `No live-looking secret in ${scanned} file(s); ${hits.length} key(s) in test data noted.`
      : `No high-confidence secret in ${scanned} scanned file(s).`,
    findings,
    evidence,
  };
}

/**
 * A committed link into `.git` has no use in a project's tree, and a tool or workflow step that
 * follows it would read git's config, where the checkout's token lives. sscop never follows it.
 */
function linkIntoGitFinding(link: LinkIntoGit): Finding {
  return finding(ID, {
    severity: 'high',
    path: link.path,
    message: `Symbolic link into the .git folder (-> ${quote(link.target, 120)}): git's config can hold the checkout's token, and a tool that follows the link would read or publish it. sscop did not follow it.`,
    remediation:
      'Remove the link (git rm). If a pull request added it, treat the pull request as hostile: do not run it with secrets.',
  });
}

function remediationFor(hit: Hit): string {
  if (hit.severity === 'info') {
    return 'If this key protects anything real, replace it with one generated at test time; otherwise no action is needed.';
  }
  const rotate =
    'Revoke or rotate the credential first (removing it from the tree does not remove it from git history), ' +
    'then delete it and load it at run time from a secret store or an environment variable (e.g. GitHub Actions secrets).';
  if (hit.kind === 'google-api-key') {
    return 'Google API keys used by client apps are not secret on their own; restrict this key (API and referrer/app restrictions) in the Google Cloud console, or rotate it if it is a server key.';
  }
  return rotate;
}

/** What scanning one file needs to know beyond the chunk at hand. */
interface FileScan {
  path: string;
  lines: string[];
  testData: boolean;
  /** Under examples/, samples/ or demo/: keys there are for showing, like test keys. */
  exampleData: boolean;
  serviceAccount: boolean;
  /** Whether the file holds an AWS secret access key (computed once, on the first key id). */
  awsSecret: () => boolean;
  hits: Hit[];
}

/**
 * Every detector's markers and the private-key header as one pattern: most files hold none, and one
 * pass of the regex engine over the whole text clears them without splitting lines.
 */
const ANY_MARKER = new RegExp(
  ['PRIVATE KEY', ...DETECTORS.flatMap((d) => d.markers)]
    .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);

/** Scans one file's text; exported for tests of the scanner alone. */
export function scanText(path: string, text: string): Hit[] {
  if (!ANY_MARKER.test(text)) return [];
  const lines = splitLines(text);
  let awsSecret: boolean | undefined;
  const file: FileScan = {
    path,
    lines,
    testData: isTestDataPath(path),
    exampleData: path
      .split('/')
      .slice(0, -1)
      .some((segment) => EXAMPLE_DIR.test(segment)),
    serviceAccount: /"type"\s{0,20}:\s{0,20}"service_account"/.test(text.slice(0, 4096)),
    awsSecret: () => (awsSecret ??= hasAwsSecret(lines)),
    hits: [],
  };
  lines.forEach((line, index) => {
    for (let start = 0; start < Math.max(line.length, 1); start += WINDOW - OVERLAP) {
      scanChunk(file, line.slice(start, start + WINDOW), start, index);
      if (start + WINDOW >= line.length) break;
    }
  });
  // Overlapping windows can see the same token twice.
  const seen = new Set<string>();
  return file.hits.filter((h) => {
    const key = `${h.line}:${h.column}:${h.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function scanChunk(file: FileScan, chunk: string, offset: number, index: number): void {
  const { path, lines, hits } = file;
  const lineNo = index + 1;
  if (chunk.includes('PRIVATE KEY')) {
    const m = PRIVATE_KEY_HEADER.exec(chunk);
    if (m && hasKeyBody(chunk.slice(m.index + m[0].length), lines, index)) {
      const type = (m[1] ?? '').trim();
      const encrypted =
        type === 'ENCRYPTED' ||
        lines.slice(index + 1, index + 3).some((l) => /Proc-Type:\s{0,4}4,ENCRYPTED/.test(l));
      const label = file.serviceAccount
        ? 'Google Cloud service account private key'
        : `${type && type !== 'ENCRYPTED' ? `${type} ` : ''}private key${encrypted ? ' (encrypted)' : ''}`;
      const hit: Hit = {
        kind: 'private-key',
        label: label.charAt(0).toUpperCase() + label.slice(1),
        severity: encrypted ? 'medium' : 'critical',
        path,
        line: lineNo,
        column: offset + m.index + 1,
        endColumn: offset + m.index + m[0].length + 1,
        masked: `-----BEGIN ${type ? `${type} ` : ''}PRIVATE KEY----- …`,
      };
      if (file.testData || file.exampleData) {
        hit.severity = 'info';
        hit.note = file.testData
          ? 'in test data — keys for tests are expected, as long as they protect nothing real'
          : 'in example code — demo keys are expected, as long as they protect nothing real';
      }
      hits.push(hit);
    }
  }
  for (const d of DETECTORS) {
    if (!d.markers.some((marker) => chunk.includes(marker))) continue;
    d.pattern.lastIndex = 0;
    for (let m = d.pattern.exec(chunk); m; m = d.pattern.exec(chunk)) {
      const token = m[0];
      if (isPlaceholder(token, d.prefixLength) || (d.valid && !d.valid(token))) continue;
      // A pre-signed S3 URL names the key id next to an expiring signature: nothing secret is exposed.
      if (
        d.kind === 'aws-access-key' &&
        PRESIGNED_CREDENTIAL.test(chunk.slice(Math.max(0, m.index - 20), m.index))
      ) {
        continue;
      }
      const hit: Hit = {
        kind: d.kind,
        label: d.label,
        severity: d.severity,
        path,
        line: lineNo,
        column: offset + m.index + 1,
        endColumn: offset + m.index + token.length + 1,
        masked: mask(token, d.prefixLength),
      };
      if (d.kind === 'aws-access-key') {
        if (file.awsSecret()) {
          hit.label = 'AWS access key id with its secret access key';
          hit.severity = 'critical';
        } else {
          hit.note =
            'no secret access key was found in the same file; the id alone does not authenticate, but check where its secret is kept';
        }
      }
      if (d.kind === 'google-api-key') {
        hit.note =
          'keys for client apps (Firebase, Maps) are meant to ship, but only with API and app restrictions';
      }
      hits.push(hit);
    }
  }
}

/** The key header is followed (on its line after a literal `\n`, or on the next lines) by base64. */
function hasKeyBody(rest: string, lines: string[], index: number): boolean {
  if (hasBase64Run(rest.slice(0, WINDOW))) return true;
  for (let i = index + 1; i <= Math.min(lines.length - 1, index + BODY_LOOKAHEAD); i++) {
    const line = (lines[i] ?? '').slice(0, WINDOW);
    const end = line.indexOf('-----END');
    if (end >= 0) return hasBase64Run(line.slice(0, end));
    if (hasBase64Run(line)) return true;
  }
  return false;
}

/** Key material mixes digits and both cases; a long path or identifier (`src/main/java/…`) does not. */
function hasBase64Run(text: string): boolean {
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0];
    if (/[0-9]/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run) && !run.includes('//')) return true;
  }
  return false;
}

/** A line that names a secret and holds a 40-character AWS-style secret access key. */
function hasAwsSecret(lines: string[]): boolean {
  for (const raw of lines) {
    const line = raw.slice(0, WINDOW);
    if (!AWS_SECRET_HINT.test(line)) continue;
    const m = AWS_SECRET.exec(line);
    if (m && !isPlaceholder(m[0], 0) && /[0-9]/.test(m[0]) && /[a-z]/.test(m[0]) && /[A-Z]/.test(m[0]))
      return true;
  }
  return false;
}

/**
 * Documentation and fixture values: a marker word, one character repeated, or an ascending run
 * (`1234567`, `abcdefg`) — each vanishingly unlikely in a random token.
 */
function isPlaceholder(token: string, prefixLength: number): boolean {
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
