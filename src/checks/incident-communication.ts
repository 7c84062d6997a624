/**
 * incident-communication: an incident response or support plan published for customers, and the
 * channel through which they are told about incidents and vulnerabilities that affect them
 * (security advisories, a mailing list, a status page, release notes marked as security).
 */
import type { CheckOutcome, CheckStatus, ClaimVerdict, Evidence, Finding, Location } from '../model/types.js';
import { findCommunityFiles, isCommunityFile, splitPath } from '../evidence/locate.js';
import { findTimeLimits, spanOf, type TimeLimit } from '../evidence/dates.js';
import {
  blocksIn,
  documentationMarkdownPaths,
  documentForSections,
  findSentence,
  firstHeadingMatching,
  isDocumentationMarkdown,
  linkedDocuments,
  MARKDOWN_MEMO,
  type MarkdownDocument,
  markdownDocument,
  type MarkdownSection,
  mayHaveHeading,
  sectionsMatching,
  type Sentence,
  sentenceEvidence,
  sentences,
} from '../evidence/markdown.js';
import { isDiscussionPage, ownSections } from '../evidence/own-policy-sections.js';
import { findingAt, type CheckContext, type FileCheck } from './check.js';

const ID = 'incident-communication';

/** Channels through which a project tells its users about incidents and fixed vulnerabilities. */
const CHANNELS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  {
    name: 'security advisories',
    pattern: /\bsecurity advisor(?:y|ies)\b|\bGHSA\b|\/security\/advisories(?!\/new)|\badvisory database\b/i,
  },
  { name: 'CVE records', pattern: /\bCVEs?\b|\bNVD\b/ },
  {
    name: 'a mailing list',
    pattern:
      /\bmailing[- ]list|\bannounce(?:ment)?s? (?:list|channel)|groups\.google\.com|\blists\.[a-z0-9-]{1,63}\.|\boss-security\b/i,
  },
  {
    name: 'a status page',
    pattern: /\bstatus page\b|\bstatus\.[a-z0-9-]{1,63}\.[a-z]{2,24}\b|\bstatuspage\.io\b/i,
  },
  {
    name: 'release notes',
    pattern: /\brelease notes?\b|\bchange ?log\b|\bgithub releases?\b|\breleases page\b/i,
  },
  { name: 'a blog', pattern: /\bblog\b/i },
  { name: 'a feed', pattern: /\bRSS\b|\batom feed\b/i },
  { name: 'social media', pattern: /\btwitter\b|\bmastodon\b|\bsocial media\b|\bbluesky\b/i },
  {
    name: 'direct email to customers',
    pattern:
      /\bemail (?:to )?(?:all |affected )?(?:users|customers)\b|\b(?:users|customers) (?:by|via) e-?mail\b/i,
  },
];

const TELL =
  /\b(?:inform|notif|tell|alert|announc|advis|warn|publish|disclos|communicat|post|send|email)[a-z]{0,8}\b/i;
/** Who is told; a word in a compound ("user-friendly", "public-facing") is not an audience. */
const AUDIENCE =
  /\b(?:users?|customers?|consumers?|downstream|community|public|publicly|everyone|operators?|subscribers?|integrators?)\b(?!-)/i;
/** Instructions to reporters ("do not disclose publicly") are not promises to users. */
const INSTRUCTION = /\b(?:do not|don't|never|please|avoid|refrain)\b/i;
const SECURITY_TOPIC = /\bvulnerab|\bsecurity\b|\bCVE\b|\badvisor|\bexploit|\bincident|\bbreach/i;

/** How a set of documents says users are told: through a named channel, by a bare promise, or not at all. */
export interface CustomerNotice {
  /** A sentence that promises to tell users through a named channel. */
  channel?: { sentence: Sentence; name: string };
  /** A sentence that promises to tell users without naming how. */
  promise?: Sentence;
}

/**
 * Finds how `docs` say users are told about security problems. `topic` narrows the sentences to
 * those about vulnerabilities (for 3.4.2); the sentence or its section heading must match it.
 */
export function customerNotice(docs: readonly MarkdownDocument[], topic?: RegExp): CustomerNotice {
  const notice: CustomerNotice = {};
  for (const doc of docs) {
    for (const sentence of sentences(doc)) {
      if (sentence.block.kind === 'code' || INSTRUCTION.test(sentence.text)) continue;
      if (topic && !topic.test(sentence.text) && !topic.test(sentence.block.section?.heading ?? '')) continue;
      const isHeading = sentence.block.kind === 'heading';
      if (!isHeading && !TELL.test(sentence.text)) continue;
      const channel = CHANNELS.find((c) => c.pattern.test(sentence.text));
      if (channel && !isHeading && !notice.channel) notice.channel = { sentence, name: channel.name };
      if (!channel && !isHeading && AUDIENCE.test(sentence.text) && !notice.promise)
        notice.promise = sentence;
      if (notice.channel) return notice;
    }
  }
  return notice;
}

/** A verdict for "affected users are informed" (3.4.2) from what the documents say. */
export function usersInformedVerdict(notice: CustomerNotice): ClaimVerdict {
  if (notice.channel) {
    return {
      status: 'pass',
      note: `users are told through ${notice.channel.name} (${where(notice.channel.sentence)})`,
    };
  }
  if (notice.promise) {
    return {
      status: 'partial',
      note: `users are promised notice but no channel is named (${where(notice.promise)})`,
    };
  }
  return { status: 'fail', note: 'nothing says how affected users are informed' };
}

/** "within three (3) business days", "no later than 72 hours": the deadline a sentence sets. */
function deadlineIn(sentence: Sentence): TimeLimit | undefined {
  return findTimeLimits(sentence.text).find((l) => l.deadline);
}

function where(sentence: Sentence): string {
  return `${sentence.path}:${sentence.line}`;
}

/**
 * Headings of sections, on pages other than the policies, about how the project handles incidents
 * and tells users. A bare "Notifications" or "Advisories" heads API pages and pages about
 * advisory data as often: only headings that say security or incident count.
 */
export const INCIDENT_HEADING =
  /\bincidents?\b|\bbreach (?:response|notification)|\boutages?\b|\b(?:security|vulnerability|CVE) (?:response|updates?|notifications?|announcements?|advisor(?:y|ies)|bulletins?|alerts?)\b/i;
const PLAN_HEADING =
  /\bincident (?:response|handling|management|support|communication|process|plan|policy)\b|\bsecurity incidents?\b|\bincidents?\b(?=.{0,40}\b(?:plan|process|response|policy|procedure)\b)|\bbreach response\b/i;
const PLAN_SENTENCE =
  /\b(?:in the event of|if (?:there is|we (?:detect|discover|suffer|experience)))\b.{0,80}\b(?:incident|breach|compromise)\b|\bincident (?:response|handling|management) (?:plan|process|procedure|policy)\b/i;
const TIMING =
  /\bpromptly\b|\bas soon as\b|\bimmediately\b|\bwithout (?:undue )?delay\b|\btimely\b|\bat the same time\b/i;
/** An incident plan with fewer words than this names a plan without describing it. */
const MIN_PLAN_WORDS = 40;
const INCIDENT_FILE = /incident|security[-_ ]?response|outage|breach/i;

/** Root README, community SECURITY/SUPPORT files, and Markdown under docs/ (for incident sections). */
function isSource(path: string): boolean {
  return (
    isCommunityFile(path, 'SECURITY') || isCommunityFile(path, 'SUPPORT') || isDocumentationMarkdown(path)
  );
}

export const incidentCommunication: FileCheck = {
  id: ID,
  source: 'files',
  memoFamilies: MARKDOWN_MEMO,
  needs: (path) => (isSource(path) ? 'text' : undefined),
  run: (ctx) => assess(ctx),
};

interface Corpus {
  /** Documents read whole (policies, incident pages, and what they link to). */
  whole: MarkdownDocument[];
  /** Incident and notification sections of other documents. */
  sections: MarkdownDocument[];
  /** Security sections of the changelog (release notes marked as security). */
  changelogSecurity?: Pick<MarkdownSection, 'heading' | 'line'> & { path: string };
  unread: string[];
}

function gatherCorpus(ctx: CheckContext): Corpus {
  const { files } = ctx;
  const corpus: Corpus = { whole: [], sections: [], unread: [] };
  const seen = new Set<string>();
  const addWhole = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const doc = markdownDocument(ctx, path);
    if (!doc) {
      corpus.unread.push(path);
      return;
    }
    corpus.whole.push(doc);
    for (const linked of linkedDocuments(ctx, doc)) {
      if (!seen.has(linked.path)) {
        seen.add(linked.path);
        corpus.whole.push(linked);
      }
    }
  };
  for (const path of findCommunityFiles(files, 'SECURITY').slice(0, 1)) addWhole(path);
  for (const path of findCommunityFiles(files, 'SUPPORT').slice(0, 1)) addWhole(path);
  const docPaths = documentationMarkdownPaths(files);
  for (const path of docPaths) {
    const { dir, name } = splitPath(path);
    // Only near the root is a file named for incidents taken as the plan; deeper pages count by section.
    const nearRoot = dir === '' || dir === '.github' || dir === 'docs';
    if (nearRoot && INCIDENT_FILE.test(name)) addWhole(path);
  }
  for (const path of docPaths) {
    if (seen.has(path) || isDiscussionPage(path)) continue;
    if (/^changelog|^changes|^history/i.test(splitPath(path).name)) {
      // Only the first changelog's first Security heading is reported: nothing more is read for it.
      const security = corpus.changelogSecurity ? undefined : firstHeadingMatching(ctx, path, /^security$/i);
      if (security) corpus.changelogSecurity = { ...security, path };
      continue;
    }
    if (!mayHaveHeading(ctx, path, INCIDENT_HEADING)) continue;
    const doc = documentForSections(ctx, path, INCIDENT_HEADING);
    if (!doc) continue;
    const part = ownSections(doc, INCIDENT_HEADING);
    if (part) corpus.sections.push(part);
  }
  return corpus;
}

function assess(ctx: CheckContext): CheckOutcome {
  const corpus = gatherCorpus(ctx);
  const docs = [...corpus.whole, ...corpus.sections];
  const evidence: Evidence[] = [];
  const findings: Finding[] = [];

  const plan = incidentPlan(docs);
  if (plan.evidence) evidence.push(plan.evidence);
  const notice = customerNotice(docs);
  const vulnerabilityNotice = customerNotice(docs, SECURITY_TOPIC);
  if (notice.channel)
    evidence.push(
      sentenceEvidence(`customers are told through ${notice.channel.name}`, notice.channel.sentence),
    );
  else if (notice.promise)
    evidence.push(sentenceEvidence('customers are promised notice (no channel named)', notice.promise));
  if (vulnerabilityNotice.channel && vulnerabilityNotice.channel.sentence !== notice.channel?.sentence) {
    evidence.push(
      sentenceEvidence(
        `vulnerabilities are announced through ${vulnerabilityNotice.channel.name}`,
        vulnerabilityNotice.channel.sentence,
      ),
    );
  }
  const changelog = corpus.changelogSecurity;
  if (changelog) {
    evidence.push({
      summary: 'release notes have a Security section',
      path: changelog.path,
      line: changelog.line,
      quote: changelog.heading,
    });
  }
  const timing = notice.channel
    ? findSentence(docs, (s) => TELL.test(s.text) && (TIMING.test(s.text) || deadlineIn(s) !== undefined))
    : undefined;
  const deadline = timing && deadlineIn(timing);
  const timingEvidence =
    timing && sentenceEvidence('says when customers are told', timing, deadline && spanOf(deadline.duration));
  if (timingEvidence) evidence.push(timingEvidence);

  const nonEnglish = corpus.whole.filter((d) => d.language === 'other').map((d) => d.path);
  const claims: Record<string, ClaimVerdict> = {
    '4.3.1': plan.verdict,
    '4.3.2': notificationVerdict(
      notice,
      changelog,
      timing && timingEvidence && { sentence: timing, at: timingEvidence },
    ),
    '3.4.2': usersInformedVerdict(vulnerabilityNotice),
  };
  if (claims['3.4.2']!.status === 'fail' && changelog) {
    claims['3.4.2'] = {
      status: 'partial',
      note: `release notes mark security fixes (${changelog.path}:${changelog.line}) but no policy says affected users are told`,
    };
  }
  if (nonEnglish.length > 0) {
    for (const [id, verdict] of Object.entries(claims)) {
      if (verdict.status === 'fail') {
        claims[id] = {
          status: 'unknown',
          note: `${nonEnglish.join(', ')} is not in English; ${verdict.note} in the English text that could be read`,
        };
      }
    }
  }

  if (claims['4.3.1']!.status !== 'pass') {
    findings.push(
      findingAt(ID, plan.evidence, {
        severity: 'medium',
        message:
          claims['4.3.1']!.status === 'partial'
            ? 'An incident process is mentioned but not described: customers cannot tell what happens in an incident.'
            : 'No incident response plan is published for customers.',
        remediation:
          'Add an "Incident response" section (e.g. in SECURITY.md) saying how incidents are assessed, who is told, through which channel and how fast.',
      }),
    );
  }
  if (claims['4.3.2']!.status !== 'pass') {
    findings.push(
      findingAt(ID, notice.promise, {
        severity: 'medium',
        message: notice.promise
          ? 'The documents promise to inform customers but do not say through which channel.'
          : 'Nothing says how customers are informed of incidents (security advisories, a mailing list, a status page).',
        remediation:
          'Name the channel customers should watch, e.g. "We publish a GitHub security advisory for every fixed vulnerability and announce it on the releases page".',
      }),
    );
  }

  const statuses = Object.values(claims).map((c) => c.status);
  const status = overall(statuses, docs.length === 0 && corpus.unread.length > 0);
  const unknown =
    status === 'unknown'
      ? {
          reason: nonEnglish.length
            ? `${nonEnglish.join(', ')} is not in English, so what it says about incidents could not be read`
            : `${corpus.unread.join(', ')} could not be read`,
          howToObserve:
            'publish the incident and notification policy in English, or attest claims 4.3.1 and 4.3.2 in .github/sscop.yml',
        }
      : undefined;
  return {
    status,
    summary: summarise(claims),
    findings,
    evidence,
    claims,
    ...(unknown ? { unknown } : {}),
  };
}

/** The incident plan's verdict, and the section or sentence it was read from (a place in a file). */
function incidentPlan(docs: readonly MarkdownDocument[]): {
  verdict: ClaimVerdict;
  evidence?: Evidence & Location;
} {
  let mention: Sentence | undefined;
  for (const doc of docs) {
    for (const section of sectionsMatching(doc, PLAN_HEADING)) {
      const body = blocksIn(doc, section).filter((b) => b.kind !== 'heading');
      const words = body.reduce((n, b) => n + (b.text.match(/\p{L}{2,40}/gu)?.length ?? 0), 0);
      const evidence: Evidence & Location = {
        summary: `incident plan section "${section.heading}"`,
        path: doc.path,
        line: section.line,
        quote: section.heading,
      };
      if (words >= MIN_PLAN_WORDS) {
        return {
          verdict: {
            status: 'pass',
            note: `${doc.path}:${section.line} describes the incident response ("${section.heading}")`,
          },
          evidence,
        };
      }
      mention ??= sentences(doc).find((s) => s.line === section.line);
    }
  }
  mention ??= findSentence(docs, (s) => s.block.kind !== 'heading' && PLAN_SENTENCE.test(s.text));
  if (mention) {
    return {
      verdict: {
        status: 'partial',
        note: `an incident process is mentioned at ${where(mention)} but not described`,
      },
      evidence: sentenceEvidence('mentions an incident process', mention),
    };
  }
  return { verdict: { status: 'fail', note: 'no incident response plan was found' } };
}

function notificationVerdict(
  notice: CustomerNotice,
  changelog: Corpus['changelogSecurity'],
  timing: { sentence: Sentence; at: Location } | undefined,
): ClaimVerdict {
  if (notice.channel) {
    const when = timing
      ? `, ${timing.sentence.text.length < 80 ? `"${timing.sentence.text}"` : `timing at ${timing.at.path}:${timing.at.line}`}`
      : '';
    return {
      status: 'pass',
      note: `customers are told through ${notice.channel.name} (${where(notice.channel.sentence)})${when}`,
    };
  }
  if (notice.promise)
    return {
      status: 'partial',
      note: `customers are promised notice without a channel (${where(notice.promise)})`,
    };
  if (changelog) {
    return {
      status: 'partial',
      note: `release notes have a Security section (${changelog.path}:${changelog.line}), but no policy says customers are told`,
    };
  }
  return { status: 'fail', note: 'no channel for telling customers about incidents was found' };
}

function overall(statuses: readonly CheckStatus[], unreadOnly: boolean): CheckStatus {
  if (unreadOnly) return 'unknown';
  if (statuses.every((s) => s === 'pass')) return 'pass';
  if (statuses.some((s) => s === 'pass' || s === 'partial')) return 'partial';
  if (statuses.some((s) => s === 'unknown')) return 'unknown';
  return 'fail';
}

function summarise(claims: Record<string, ClaimVerdict>): string {
  const plan = claims['4.3.1']!.status;
  const tell = claims['4.3.2']!.status;
  const planText =
    plan === 'pass'
      ? 'an incident plan is published'
      : plan === 'partial'
        ? 'an incident process is only mentioned'
        : 'no incident plan is published';
  const tellText =
    tell === 'pass'
      ? 'customers are told through a named channel'
      : tell === 'partial'
        ? 'no channel for telling customers is named'
        : 'nothing says how customers are told';
  return `${planText[0]!.toUpperCase()}${planText.slice(1)}; ${tellText}.`;
}
