/**
 * committed-secrets: high-confidence credentials committed to the tree — private key blocks with a
 * body and tokens whose format is specific to one issuer (GitHub, AWS, Slack, Google, Stripe, npm,
 * PyPI, GitLab). Every value is masked before it reaches a finding or evidence.
 */
import type { CheckOutcome, Evidence, Finding, Severity } from '../model/types.js';
import { lowerName, quote, splitLines } from '../evidence/locate.js';
import { testMaterial, type TestMaterial } from '../evidence/test-material.js';
import type { FileVisitor, LinkIntoGit } from '../repo/files.js';
import { hasUtf16Bom } from '../repo/read-file.js';
import {
  ANY_CREDENTIAL_MARKER,
  bytesHoldMarker,
  DETECTORS,
  hasBase64Run,
  isAwsSecretLine,
  isPlaceholder,
  mask,
  PRIVATE_KEY_HEADER,
  type CredentialKind,
} from '../evidence/credential-formats.js';
import { findingAt, type FileCheck } from './check.js';
import { notApplicable } from './outcome.js';

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

/** What stands before an AWS key id in a pre-signed URL, which exposes nothing secret. */
const PRESIGNED_CREDENTIAL = /(?:X-Amz-Credential=|AWSAccessKeyId=)$/i;

interface Hit {
  kind: CredentialKind;
  label: string;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  masked: string;
  note?: string;
  /** Set when the file is vendored code or test material: reported, never counted against the repository. */
  material?: TestMaterial;
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
  showsNothingIn: (path, bytes, size) => {
    if (size > MAX_SCAN_BYTES && !isCredentialFile(path)) return false;
    // UTF-16 text (a byte-order mark) holds its markers in two bytes a character.
    if (hasUtf16Bom(bytes)) return false;
    // A NUL where the decoded text may have it in its first BINARY_SNIFF_CHARS characters: a UTF-8
    // character (or undecodable run) is at most 3 bytes for each UTF-16 unit it decodes to.
    // (Buffer's indexOf looks for one byte with memchr, several times faster than `includes`.)
    const sniffed = Math.min(bytes.length, 3 * BINARY_SNIFF_CHARS + 3);
    if (Buffer.from(bytes.buffer, bytes.byteOffset, sniffed).indexOf(0) >= 0) return false;
    // Every marker is ASCII, which UTF-8 writes as itself and never hides in a longer sequence, so
    // the bytes hold a marker exactly when the decoded text does.
    return !bytesHoldMarker(bytes);
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
    return notApplicable('No source or configuration files to scan for secrets.', evidence);
  }
  const findings: Finding[] = hits.map(hitFinding);
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
  // Vendored code and test material never fail the repository: they are listed, not counted.
  const counted = hits.filter((h) => !h.material);
  const serious = counted.filter((h) => h.severity !== 'info' && h.severity !== 'low');
  const minor = counted.filter((h) => h.severity === 'low');
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
      ? `No live-looking secret in ${scanned} file(s); ${hits.length} credential(s) in vendored code or test material noted (low confidence).`
      : `No high-confidence secret in ${scanned} scanned file(s).`,
    findings,
    evidence,
  };
}

function hitFinding(h: Hit): Finding {
  const finding = findingAt(
    ID,
    { path: h.path, line: h.line, column: h.column, endLine: h.line, endColumn: h.endColumn },
    {
      severity: h.severity,
      message: `${h.label} committed (${h.masked})${h.note ? `: ${h.note}` : ''}.`,
      remediation: remediationFor(h),
    },
  );
  return h.material ? { ...finding, confidence: 'low' } : finding;
}

/**
 * A committed link into `.git` has no use in a project's tree, and a tool or workflow step that
 * follows it would read git's config, where the checkout's token lives. sscop never follows it.
 */
function linkIntoGitFinding(link: LinkIntoGit): Finding {
  return findingAt(
    ID,
    { path: link.path },
    {
      severity: 'high',
      message: `Symbolic link into the .git folder (-> ${quote(link.target, 120)}): git's config can hold the checkout's token, and a tool that follows the link would read or publish it. sscop did not follow it.`,
      remediation:
        'Remove the link (git rm). If a pull request added it, treat the pull request as hostile: do not run it with secrets.',
    },
  );
}

function remediationFor(hit: Hit): string {
  if (hit.material) {
    return 'If this credential protects anything real, revoke it and replace it with one generated at test time; otherwise no action is needed (suppress the finding to say so).';
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
  /** Vendored code, test data, tests or examples: what is found there is reported at low confidence. */
  material: TestMaterial | undefined;
  serviceAccount: boolean;
  /** Whether the file holds an AWS secret access key (computed once, on the first key id). */
  awsSecret: () => boolean;
  hits: Hit[];
}

/** Scans one file's text; exported for tests of the scanner alone. */
export function scanText(path: string, text: string): Hit[] {
  if (!ANY_CREDENTIAL_MARKER.test(text)) return [];
  const lines = splitLines(text);
  let awsSecret: boolean | undefined;
  const file: FileScan = {
    path,
    lines,
    material: testMaterial(path),
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
  const { path, lines } = file;
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
      record(file, hit);
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
      record(file, hit);
    }
  }
}

/**
 * Keeps a hit; in vendored code or test material it is kept at low severity with the reason, since
 * keys and tokens for tests are expected there and a library's test keys are not the project's.
 */
function record(file: FileScan, hit: Hit): void {
  if (file.material) {
    hit.material = file.material;
    hit.severity = 'low';
    hit.note = `looks like ${file.material.kind === 'vendored' ? 'vendored code' : 'test material'}, ${file.material.reason}; expected there as long as it protects nothing real`;
  }
  file.hits.push(hit);
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

/** Whether any line holds an AWS secret access key (see isAwsSecretLine). */
function hasAwsSecret(lines: string[]): boolean {
  return lines.some((line) => isAwsSecretLine(line.slice(0, WINDOW)));
}
