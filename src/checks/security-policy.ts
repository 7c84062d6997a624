/**
 * security-policy: a published vulnerability disclosure policy (SECURITY.md where GitHub looks for
 * it) that gives reporters a private channel, and says which versions are supported and how fast
 * reports are answered.
 */
import type { CheckOutcome, ClaimVerdict, Evidence, Finding } from '../model/types.js';
import { findCommunityFiles, isCommunityFile, quote, splitLines } from '../evidence/locate.js';
import { finding, type FileCheck } from './check.js';

const ID = 'security-policy';

/** Lines longer than this are cut before pattern matching, which bounds the work per line. */
const MAX_LINE = 2000;

// Bounded quantifiers only: these run over text a stranger controls.
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/;
const PRIVATE_URL =
  /(?:\/security\/advisories\/new|hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.(?:dev|com)|\/\.well-known\/security\.txt|msrc\.microsoft\.com|security\.[a-z0-9-]{1,63}\.[a-z]{2,24})/i;
const PRIVATE_PHRASE =
  /private(?:ly)? (?:vulnerability )?report|report a vulnerability|security advisor(?:y|ies) (?:tab|page|form)|draft (?:a )?security advisory|do not (?:open|create|file) (?:a |an )?(?:public )?(?:github )?issue|encrypted|pgp|gpg/i;
const PUBLIC_ISSUE =
  /(?:open|create|file|raise|submit) (?:a |an )?(?:new )?(?:github )?issue|github\.com\/[\w.-]{1,100}\/[\w.-]{1,100}\/issues(?!\/?\?)/i;
const SUPPORTED_VERSIONS = /supported versions?|version support|versions? (?:that are |which are )?supported/i;
const TIMELINE =
  /\b\d{1,3}(?: ?(?:-|to) ?\d{1,3})? ?(?:business |working |calendar )?(?:hours?|days?|weeks?)\b|\b(?:one|two|three|five|seven|ten|fourteen|thirty|ninety) (?:business |working |calendar )?(?:hours?|days?|weeks?)\b/i;

export const securityPolicy: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) => (isCommunityFile(path, 'SECURITY') ? 'text' : undefined),
  run: ({ files }) => {
    const candidates = findCommunityFiles(files.paths, 'SECURITY');
    if (candidates.length === 0) {
      return {
        status: 'fail',
        summary: 'No security policy (SECURITY.md) in the root, .github/ or docs/.',
        findings: [
          finding(ID, {
            severity: 'high',
            message: 'No SECURITY.md: reporters have no published way to disclose a vulnerability privately.',
          }),
        ],
        evidence: [],
        claims: {
          '3.2.1': { status: 'fail', note: 'no disclosure policy was found' },
          '3.2.2': { status: 'fail', note: 'no confidential reporting channel is published' },
        },
      };
    }
    const path = candidates[0]!;
    const text = files.text(path);
    if (text === undefined) {
      const skip = files.skipped.find((s) => s.path === path);
      return {
        status: 'unknown',
        summary: `${path} exists but could not be read.`,
        findings: [],
        evidence: [{ summary: 'security policy present but unread', path }],
        unknown: {
          reason: `${path} ${skip?.reason ?? 'could not be read'}`,
          howToObserve: 'make the policy a regular text file inside the repository',
        },
      };
    }
    return assessPolicy(path, text, candidates.slice(1));
  },
};

function assessPolicy(path: string, text: string, shadowed: string[]): CheckOutcome {
  const evidence: Evidence[] = [{ summary: 'security policy', path, line: 1 }];
  const findings: Finding[] = [];
  const lines = splitLines(text);
  let privateChannel: Evidence | undefined;
  let publicIssue: Evidence | undefined;
  let versions: Evidence | undefined;
  let timeline: Evidence | undefined;

  lines.forEach((raw, index) => {
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    const at = (summary: string): Evidence => ({ summary, path, line: index + 1, quote: quote(line) });
    const email = EMAIL.exec(line);
    if (!privateChannel && email && !/noreply/i.test(email[0])) privateChannel = at(`private channel: email ${email[0]}`);
    if (!privateChannel && PRIVATE_URL.test(line)) privateChannel = at('private channel: reporting form or platform');
    if (!privateChannel && PRIVATE_PHRASE.test(line)) privateChannel = at('private channel: private reporting');
    if (!publicIssue && PUBLIC_ISSUE.test(line) && !/\b(?:not|never|don't|do not)\b/i.test(line)) {
      publicIssue = at('asks reporters to open a public issue');
    }
    if (!versions && SUPPORTED_VERSIONS.test(line)) versions = at('states supported versions');
    if (!timeline && TIMELINE.test(line)) timeline = at('states a response timeline');
  });

  const meaningful = text.replace(/[#*_`>\-\s]/g, '').length;
  if (meaningful < 20) {
    findings.push(finding(ID, { severity: 'high', path, line: 1, message: `${path} is empty or almost empty.` }));
    return {
      status: 'fail',
      summary: `${path} is empty.`,
      findings,
      evidence,
      claims: {
        '3.2.1': { status: 'fail', note: 'the policy is empty' },
        '3.2.2': { status: 'fail', note: 'the policy is empty' },
      },
    };
  }

  for (const e of [privateChannel, versions, timeline]) if (e) evidence.push(e);
  if (!privateChannel) {
    findings.push(
      finding(ID, {
        severity: 'high',
        path,
        line: publicIssue?.line ?? 1,
        message: publicIssue
          ? 'The policy sends reporters to the public issue tracker, which discloses the vulnerability before a fix.'
          : 'The policy gives no private way to report a vulnerability (no email, form, or private vulnerability reporting).',
        remediation:
          'Name a security email address or link GitHub private vulnerability reporting (Security → Report a vulnerability).',
      }),
    );
  }
  if (!versions) {
    findings.push(
      finding(ID, {
        severity: 'low',
        path,
        line: 1,
        message: 'The policy does not say which versions receive security fixes.',
        remediation: 'Add a "Supported versions" section, e.g. a table of versions and whether they are supported.',
      }),
    );
  }
  if (!timeline) {
    findings.push(
      finding(ID, {
        severity: 'low',
        path,
        line: 1,
        message: 'The policy does not say how quickly reports are acknowledged or fixed.',
        remediation: 'State a response time, e.g. "We acknowledge reports within 3 working days".',
      }),
    );
  }
  for (const other of shadowed) {
    findings.push(
      finding(ID, {
        severity: 'info',
        path: other,
        line: 1,
        message: `GitHub shows ${path}, not this file; keep one security policy to avoid contradictions.`,
      }),
    );
  }

  const claims: Record<string, ClaimVerdict> = {
    '3.2.1': { status: 'pass', note: `${path} publishes a disclosure policy` },
    '3.2.2': privateChannel
      ? { status: 'pass', note: privateChannel.summary }
      : { status: 'fail', note: publicIssue ? 'only a public issue tracker is offered' : 'no private channel is named' },
  };
  const status = privateChannel ? 'pass' : 'partial';
  const extras = [versions ? null : 'supported versions', timeline ? null : 'a response timeline'].filter(Boolean);
  return {
    status,
    summary: privateChannel
      ? `${path} gives a private reporting channel${extras.length ? `; it does not state ${extras.join(' or ')}` : ''}.`
      : `${path} exists but gives no private reporting channel.`,
    findings,
    evidence,
    claims,
  };
}
