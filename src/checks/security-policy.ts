/**
 * security-policy: a published vulnerability disclosure policy (SECURITY.md where GitHub looks for
 * it, and the documents in the repository it links to) that says how to report a vulnerability
 * through a private channel, what happens after a report and how fast, how reporters are credited,
 * and how affected users are told.
 */
import type { CheckOutcome, CheckStatus, ClaimVerdict, Evidence, Finding, Location } from '../model/types.js';
import { findCommunityFiles, isCommunityFile } from '../evidence/locate.js';
import { findTimeLimits, spanOf, type TimeLimit } from '../evidence/dates.js';
import {
  isDocumentationMarkdown,
  linkedDocuments,
  MARKDOWN_MEMO,
  markdownDocument,
  type MarkdownDocument,
  type Sentence,
  sentenceEvidence,
  sentences,
  type SentenceSpan,
} from '../evidence/markdown.js';
import { findingAt, type CheckContext, type FileCheck, type FindingText, statusFromClaims } from './check.js';
import { customerNotice, usersInformedVerdict } from './incident-communication.js';
import { unknown } from './outcome.js';

const ID = 'security-policy';

// Bounded quantifiers only: these run over text a stranger controls (lines are cut at 2000 chars).
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/;
/** An address written against scrapers: `security at python dot org`, `security[at]example[dot]com`. */
const SPELLED_EMAIL =
  /\b[A-Za-z0-9._%+-]{1,64} ?(?:\(at\)|\[at\]|\{at\}| at ) ?[A-Za-z0-9-]{1,63}(?: ?(?:\(dot\)|\[dot\]|\{dot\}| dot ) ?[A-Za-z0-9-]{1,63}){0,7} ?(?:\(dot\)|\[dot\]|\{dot\}| dot ) ?[A-Za-z]{2,24}\b/i;
/** A sentence that hands the policy, or how to report, to another page. */
const POLICY_ELSEWHERE =
  /\b(?:policy|policies|guidelines?|instructions|process|how to report|report(?:ing)? (?:a |security )?(?:vulnerabilit|issue|problem))/i;
const PRIVATE_URL =
  /(?:\/security\/advisories\/new|hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.(?:dev|com)|\/\.well-known\/security\.txt|msrc\.microsoft\.com|security\.[a-z0-9-]{1,63}\.[a-z]{2,24})/i;
const PRIVATE_PHRASE =
  /private(?:ly)? (?:vulnerability )?report|report a vulnerability (?:button|link|form)|security advisor(?:y|ies) (?:tab|page|form)|draft (?:a )?(?:new )?security advisory|security contact form|\bpgp\b|\bgpg\b|encrypted (?:e-?mail|message)/i;
const PUBLIC_ISSUE =
  /(?:open|create|file|raise|submit) (?:a |an )?(?:new )?(?:github )?issue|github\.com\/[\w.-]{1,100}\/[\w.-]{1,100}\/issues(?!\/?\?)|issue tracker/i;
const NEGATED = /\b(?:not|never|don't|do not|instead of|rather than)\b/i;
const HOW_TO_REPORT = /\breport(?:ing|s|ed)?\b|\bsubmit\b|\bcontact\b|\bsend\b|\bdisclose\b/i;
const REPORT_TOPIC = /\bvulnerab|\bsecurity\b|\bexploit/i;
const NEXT_STEP =
  /\b(?:acknowledg|triag|investigat|assess|confirm|validat|reproduc|fix|patch|release|advisor|coordinat|disclos|respond|reply|get back|keep you|update you|credit|embargo)/i;
const FIRST_PERSON = /\b(?:we|we'll|we will|the (?:team|maintainers?)|maintainers will|you will|you'll)\b/i;
const PROCESS_HEADING =
  /what (?:to expect|happens)|process|response|handling|timeline|after (?:you )?report|disclosure policy|next steps/i;
const RESPONSE_VERB =
  /\b(?:acknowledg|respond|response|reply|replies|triag|confirm|fix|patch|release|resolv|answer|contact|hear|update|assess|get back|follow[- ]up)/i;
const CREDIT =
  /\bcredit(?:s|ed|ing)?\b|\bhall of fame\b|\backnowledg(?:e|ements?) (?:you|reporters?|researchers?|the reporter|contributors?) (?:in|on)\b|\brecogni[sz]e (?:you|reporters?|researchers?)\b|\bthank (?:you|reporters?|researchers?) (?:in|publicly)\b|\bbug bounty\b/i;
const SUPPORTED_VERSIONS =
  /supported versions?|version support|versions? (?:that are |which are )?supported/i;

export const securityPolicy: FileCheck = {
  id: ID,
  source: 'files',
  memoFamilies: MARKDOWN_MEMO,
  // The policy itself, and the Markdown documents in the repository it may link to.
  needs: (path) => (isCommunityFile(path, 'SECURITY') || isDocumentationMarkdown(path) ? 'text' : undefined),
  run: (ctx) => {
    const { files } = ctx;
    const candidates = findCommunityFiles(files, 'SECURITY');
    if (candidates.length === 0) return noPolicyInRepository();
    const path = candidates[0]!;
    const doc = markdownDocument(ctx, path);
    if (doc === undefined || doc.note?.startsWith('binary') || doc.note?.startsWith('could not')) {
      const skip = files.skipped.find((s) => s.path === path);
      const reason = doc?.note ?? skip?.reason ?? 'could not be read';
      return unknown(
        `${path} exists but could not be read.`,
        {
          reason: `${path} ${reason}`,
          howToObserve: 'make the policy a regular text file inside the repository',
        },
        { evidence: [{ summary: 'security policy present but unread', path }] },
      );
    }
    return assessPolicy(ctx, doc, candidates.slice(1));
  },
};

/**
 * No SECURITY.md in the root, .github/ or docs/. GitHub then shows the owner's default policy,
 * from its `.github` repository, when there is one: many organisations keep a single policy there,
 * and this scan does not read it. The absence is certain, what reporters see is not.
 */
function noPolicyInRepository(): CheckOutcome {
  const note = "not in this repository; the owner's default policy (its .github repository) was not read";
  return unknown(
    'No security policy (SECURITY.md) in the root, .github/ or docs/ of this repository.',
    {
      reason:
        "this repository has no SECURITY.md, and GitHub shows the owner's default policy from its `.github` repository instead when there is one, which this scan does not read",
      howToObserve:
        "add SECURITY.md to this repository (GitHub prefers a repository's own), or, when the owner's default policy applies, record it under `attestations:` in the config for claims 3.2.1, 3.2.2 and 3.4.2 with its URL",
    },
    {
      findings: [
        findingAt(ID, undefined, {
          severity: 'high',
          confidence: 'low',
          message:
            'No SECURITY.md in this repository: unless the owner publishes a default policy in its `.github` repository, reporters have no published way to disclose a vulnerability privately.',
        }),
      ],
      claims: {
        '3.2.1': { status: 'unknown', note },
        '3.2.2': { status: 'unknown', note },
        '3.4.2': { status: 'unknown', note },
      },
    },
  );
}

/** What the policy (and the documents it links to) says, each with the sentence that says it. */
interface PolicyStatements {
  privateChannel?: Evidence;
  /** A page outside the repository the policy sends reporters to (its own policy, or how to report). */
  elsewhere?: { url: string; path: string; line: number };
  publicIssue?: Sentence;
  howToReport?: Sentence;
  nextStep?: Sentence;
  timeline?: Timeline;
  credit?: Sentence;
  versions?: Sentence;
}

/** A sentence that gives a response time, and the period in it. */
interface Timeline {
  sentence: Sentence;
  limit: TimeLimit;
}

/**
 * The response time a sentence gives, if any: a period ahead (not "in the last 12 months"), shorter
 * than a year, in a sentence about responding, acknowledging, fixing…
 */
function responseTime(s: Sentence): Timeline | undefined {
  if (!RESPONSE_VERB.test(s.text)) return undefined;
  const limits = findTimeLimits(s.text).filter((l) => l.duration.unit !== 'year');
  const limit = limits.find((l) => l.deadline) ?? limits[0];
  return limit && { sentence: s, limit };
}

/**
 * A body sentence (not a heading) that says `what` about the subject at hand: the sentence itself
 * shows it (`inSentence`), or the heading of its section does (`inHeading`).
 */
function bodySays(s: Sentence, what: RegExp, inSentence: RegExp, inHeading: RegExp): boolean {
  return (
    s.block.kind !== 'heading' &&
    what.test(s.text) &&
    (inSentence.test(s.text) || inHeading.test(s.block.section?.heading ?? ''))
  );
}

function readStatements(docs: readonly MarkdownDocument[]): PolicyStatements {
  const found: PolicyStatements = {};
  for (const doc of docs) {
    for (const link of doc.links) {
      if (found.privateChannel) break;
      const summary =
        /^mailto:/i.test(link.url) && !/noreply/i.test(link.url)
          ? `private channel: email ${link.url.slice(7).split('?')[0]}`
          : PRIVATE_URL.test(link.url)
            ? 'private channel: reporting form or platform'
            : undefined;
      if (summary) found.privateChannel = { summary, path: doc.path, line: link.line, quote: link.url };
    }
  }
  found.elsewhere = policyElsewhere(docs);
  for (const doc of docs) {
    for (const s of sentences(doc)) {
      const text = s.text;
      const email = EMAIL.exec(text) ?? SPELLED_EMAIL.exec(text);
      if (!found.privateChannel && email && !/noreply/i.test(email[0])) {
        found.privateChannel = sentenceEvidence(`private channel: email ${email[0]}`, s);
      }
      if (!found.privateChannel && PRIVATE_URL.test(text))
        found.privateChannel = sentenceEvidence('private channel: reporting form or platform', s);
      if (!found.privateChannel && PRIVATE_PHRASE.test(text))
        found.privateChannel = sentenceEvidence('private channel: private reporting', s);
      if (!found.publicIssue && PUBLIC_ISSUE.test(text) && !NEGATED.test(text)) found.publicIssue = s;
      if (!found.howToReport && bodySays(s, HOW_TO_REPORT, REPORT_TOPIC, REPORT_TOPIC)) found.howToReport = s;
      if (!found.nextStep && bodySays(s, NEXT_STEP, FIRST_PERSON, PROCESS_HEADING)) found.nextStep = s;
      // A deadline ("within three (3) business days") wins over a bare period said earlier.
      if (!found.timeline?.limit.deadline) found.timeline = responseTime(s) ?? found.timeline;
      if (!found.credit && CREDIT.test(text) && !/\bcredit card/i.test(text)) found.credit = s;
      if (!found.versions && SUPPORTED_VERSIONS.test(text)) found.versions = s;
    }
  }
  return found;
}

/**
 * The first external page a sentence of the policy hands the policy, or reporting, to
 * (`The security policy, including how to report vulnerabilities, can be found here: <url>`).
 */
function policyElsewhere(docs: readonly MarkdownDocument[]): PolicyStatements['elsewhere'] {
  for (const doc of docs) {
    const bySentence = sentences(doc);
    for (const link of doc.links) {
      if (
        !/^https?:\/\//i.test(link.url) ||
        /github\.com\/[^/]{1,100}\/[^/]{1,100}\/(?:issues|pulls|discussions)/i.test(link.url)
      )
        continue;
      // The link's own paragraph, or the one just before it ("… can be found here:" then the link).
      const around = bySentence.filter((s) => s.block.line <= link.line && link.line <= s.block.endLine + 2);
      if (around.some((s) => POLICY_ELSEWHERE.test(s.text) && REPORT_TOPIC.test(s.text)))
        return { url: link.url, path: doc.path, line: link.line };
    }
  }
  return undefined;
}

function assessPolicy(ctx: CheckContext, doc: MarkdownDocument, shadowed: string[]): CheckOutcome {
  const path = doc.path;
  const linked = linkedDocuments(ctx, doc);
  const docs = [doc, ...linked];
  const evidence: Evidence[] = [{ summary: 'security policy', path, line: 1 }];
  for (const l of linked)
    evidence.push({ summary: 'linked from the security policy', path: l.path, line: 1 });
  const findings: Finding[] = [];

  const meaningful = docs.reduce(
    (n, d) => n + d.blocks.reduce((m, b) => m + b.text.replace(/[\s#*_`>-]/g, '').length, 0),
    0,
  );
  if (meaningful < 20) {
    findings.push(
      findingAt(ID, { path, line: 1 }, { severity: 'high', message: `${path} is empty or almost empty.` }),
    );
    return {
      status: 'fail',
      summary: `${path} is empty.`,
      findings,
      evidence,
      claims: {
        '3.2.1': { status: 'fail', note: 'the policy is empty' },
        '3.2.2': { status: 'fail', note: 'the policy is empty' },
        '3.4.2': { status: 'fail', note: 'the policy is empty' },
      },
    };
  }

  const found = readStatements(docs);
  const notice = customerNotice(docs);
  if (found.privateChannel) evidence.push(found.privateChannel);
  const timeline = found.timeline;
  const quoted: Array<[string, Sentence | undefined, SentenceSpan?]> = [
    ['says how to report', found.howToReport],
    ['says what happens after a report', found.nextStep],
    ['states a response timeline', timeline?.sentence, timeline && spanOf(timeline.limit.duration)],
    ['says how reporters are credited', found.credit],
    ['states supported versions', found.versions],
  ];
  for (const [summary, sentence, span] of quoted)
    if (sentence) evidence.push(sentenceEvidence(summary, sentence, span));
  if (notice.channel)
    evidence.push(
      sentenceEvidence(`affected users are told through ${notice.channel.name}`, notice.channel.sentence),
    );
  else if (notice.promise)
    evidence.push(sentenceEvidence('promises to inform affected users', notice.promise));

  const claims: Record<string, ClaimVerdict> = {
    '3.2.1': disclosureVerdict(path, found),
    '3.2.2': found.privateChannel
      ? {
          status: 'pass',
          note: `${found.privateChannel.summary} (${found.privateChannel.path}:${found.privateChannel.line})`,
        }
      : {
          status: 'fail',
          note: found.publicIssue ? 'only a public issue tracker is offered' : 'no private channel is named',
        },
    '3.4.2': usersInformedVerdict(notice),
  };

  const english = doc.language !== 'other';
  if (!english) {
    // Words we look for are English; an email address or a form link is not, so it still counts,
    // but cautiously: nothing in a policy we cannot read is taken as a pass.
    claims['3.2.1'] = {
      status: 'unknown',
      note: `${path} is not in English; its disclosure process could not be read`,
    };
    claims['3.2.2'] = found.privateChannel
      ? {
          status: 'partial',
          note: `${found.privateChannel.summary}, in a policy not in English: its use for vulnerability reports was not confirmed`,
        }
      : { status: 'unknown', note: `${path} is not in English; no private channel was recognised` };
    claims['3.4.2'] = {
      status: 'unknown',
      note: `${path} is not in English; how users are informed could not be read`,
    };
  } else {
    if (found.elsewhere) deferToPageElsewhere(claims, found.elsewhere.url);
    pushFindings(findings, path, found, claims);
  }
  for (const other of shadowed) {
    findings.push(
      findingAt(
        ID,
        { path: other, line: 1 },
        {
          severity: 'info',
          message: `GitHub shows ${path}, not this file; keep one security policy to avoid contradictions.`,
        },
      ),
    );
  }

  const status: CheckStatus = statusFromClaims(claims);
  return {
    status,
    summary: english
      ? summarise(path, found, claims)
      : `${path} is not in English; it could only be read for contact addresses and links.`,
    findings,
    evidence,
    claims,
    ...(english
      ? elsewhereUnknown(found, claims)
      : {
          unknown: {
            reason: `${path} is written in a language other than English`,
            howToObserve:
              'add an English version of the policy, or attest claims 3.2.1 and 3.4.2 in .github/sscop.yml',
          },
        }),
  };
}

/** Why claims are unknown when the policy defers to a page outside the repository. */
function elsewhereUnknown(
  found: PolicyStatements,
  claims: Record<string, ClaimVerdict>,
): Pick<CheckOutcome, 'unknown'> {
  const unread = Object.entries(claims).filter(([, v]) => v.status === 'unknown');
  if (!found.elsewhere || unread.length === 0) return {};
  return {
    unknown: {
      reason: `the policy refers to ${found.elsewhere.url} for ${unread.map(([id]) => id).join(', ')}, and pages outside the repository are not read`,
      howToObserve:
        'say it in the repository policy too, or attest those claims in .github/sscop.yml with the page as the evidence URL',
    },
  };
}

/**
 * A policy that hands reporters to a page outside the repository may say there what it leaves out
 * here: what the scan could not read is unknown, not missing.
 */
function deferToPageElsewhere(claims: Record<string, ClaimVerdict>, url: string): void {
  for (const id of ['3.2.1', '3.2.2', '3.4.2']) {
    if (claims[id]?.status === 'fail')
      claims[id] = {
        status: 'unknown',
        note: `not said here; the policy refers to ${url}, which was not read`,
      };
  }
}

function disclosureVerdict(path: string, found: PolicyStatements): ClaimVerdict {
  const how = found.howToReport ?? (found.privateChannel ? undefined : found.publicIssue);
  if ((how || found.privateChannel) && found.nextStep) {
    return {
      status: 'pass',
      note: `${path} says how to report and what happens next (${found.nextStep.path}:${found.nextStep.line})`,
    };
  }
  if (how || found.privateChannel)
    return { status: 'partial', note: `${path} says how to report but not what happens after a report` };
  if (found.nextStep) return { status: 'partial', note: `${path} describes handling but not how to report` };
  return { status: 'fail', note: `${path} says neither how to report a vulnerability nor what happens next` };
}

/** What the policy leaves out, one finding each: at the sentence that shows it, or the policy's first line. */
function pushFindings(
  findings: Finding[],
  path: string,
  found: PolicyStatements,
  claims: Record<string, ClaimVerdict>,
): void {
  const informed = claims['3.4.2']!.status;
  const gaps: { missing: boolean; at?: Sentence; text: FindingText }[] = [
    {
      missing: !found.privateChannel,
      at: found.publicIssue,
      text: {
        severity: 'high',
        message: found.publicIssue
          ? 'The policy sends reporters to the public issue tracker, which discloses the vulnerability before a fix.'
          : 'The policy gives no private way to report a vulnerability (no email, form, or private vulnerability reporting).',
        remediation:
          'Name a security email address or link GitHub private vulnerability reporting (Security → Report a vulnerability).',
      },
    },
    {
      missing: !found.nextStep,
      text: {
        severity: 'medium',
        message:
          'The policy does not say what happens after a report (acknowledgement, assessment, fix, disclosure).',
        remediation:
          'Describe the steps after a report: when you acknowledge it, how you assess and fix it, and when you disclose.',
      },
    },
    {
      missing: !found.timeline,
      text: {
        severity: 'low',
        message: 'The policy does not say how quickly reports are acknowledged or fixed.',
        remediation: 'State a response time, e.g. "We acknowledge reports within 3 working days".',
      },
    },
    {
      missing: !found.credit,
      text: {
        severity: 'info',
        message: 'The policy does not say how reporters are credited.',
        remediation:
          'Say whether and where reporters are credited, e.g. "We credit reporters in the advisory unless they ask us not to".',
      },
    },
    {
      missing: !found.versions,
      text: {
        severity: 'low',
        message: 'The policy does not say which versions receive security fixes.',
        remediation:
          'Add a "Supported versions" section, e.g. a table of versions and whether they are supported.',
      },
    },
    {
      missing: informed !== 'pass',
      text: {
        severity: 'medium',
        message:
          informed === 'partial'
            ? 'The policy promises to inform affected users but does not say how.'
            : 'The policy does not say whether or how affected users are informed of a vulnerability.',
        remediation:
          'Say how users learn of fixed vulnerabilities, e.g. "We publish a GitHub security advisory and a CVE for every confirmed vulnerability".',
      },
    },
  ];
  for (const gap of gaps) {
    if (!gap.missing) continue;
    const where: Location = gap.at ? { path: gap.at.path, line: gap.at.line } : { path, line: 1 };
    // What the page it refers to says was not read: the gap may be filled there.
    const text: FindingText = found.elsewhere
      ? {
          ...gap.text,
          confidence: 'low',
          message: `${gap.text.message} It refers reporters to ${found.elsewhere.url}, which this scan did not read.`,
        }
      : gap.text;
    findings.push(findingAt(ID, where, text));
  }
}

function summarise(path: string, found: PolicyStatements, claims: Record<string, ClaimVerdict>): string {
  if (!found.privateChannel) return `${path} exists but gives no private reporting channel.`;
  const missing = [
    claims['3.2.1']!.status === 'pass' ? null : 'what happens after a report',
    found.timeline ? null : 'a response timeline',
    claims['3.4.2']!.status === 'pass' ? null : 'how affected users are told',
  ].filter((m): m is string => m !== null);
  return `${path} gives a private reporting channel${missing.length ? `; it does not state ${missing.join(', ')}` : ''}.`;
}
