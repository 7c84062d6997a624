/**
 * support-policy: which versions are supported and until when, how often updates ship, how users
 * apply them, and how much notice is given before support ends. Read from SECURITY.md, SUPPORT.md,
 * support sections of the README and docs, documents those link to, and endoflife-style YAML.
 */
import type { CheckOutcome, ClaimVerdict, Evidence, Finding } from '../model/types.js';
import { quote } from '../evidence/locate.js';
import {
  daysBetween,
  describeDuration,
  findRelativeStatements,
  isAtLeastOneYear,
  isoDay,
  ONE_YEAR_DAYS,
  type FoundDate,
  type RelativeStatement,
} from '../evidence/dates.js';
import {
  MARKDOWN_MEMO,
  type MarkdownDocument,
  type MarkdownTable,
  mayMention,
  type ProseInterest,
  type Sentence,
  sentenceEvidence,
  sentences,
} from '../evidence/markdown.js';
import {
  isSupportedVersionsSection,
  isSupportTable,
  mayBeSupportTable,
  sentenceEntries,
  SUPPORT_SENTENCE,
  tableEntries,
  yamlEntries,
  type DatedEntry,
} from '../evidence/support-schedule.js';
import { isSupportSource, supportDocuments, type SupportDocuments } from '../evidence/support-documents.js';
import { findingAt, type CheckContext, type FileCheck, statusFromClaims } from './check.js';
import { frequencyVerdict, upgradeDocsVerdict } from './support-updates.js';

const ID = 'support-policy';

const NOTICE_REMEDIATION =
  'Publish end-of-support dates for every supported version (e.g. a "Supported versions" table in SECURITY.md or SUPPORT.md) and commit to at least 12 months\' notice before a version\'s support ends.';

/**
 * Words one of which every sentence this check reads holds: SUPPORT_SENTENCE, the notice and
 * support words of findRelativeStatements, and FREQUENCY, VERSIONING and UPGRADE_SENTENCE
 * (support-updates.ts) each match only text holding one of them ("end of life" holds "life",
 * "semantic versioning" "version"). A sentence without any is read only in a supported-versions
 * section, where any date counts. bench/prose-interest-parity.mjs holds this to real pages.
 */
export const READ_WORDS =
  /support|maintain|life|eol|security|retire|deprecat|sunset|notice|advance|ahead|prior|announce|warn|receive|get|lts|release|update|patch|version|fix|semver|backport|upgrade/i;

/**
 * Of the support sections of documentation pages, the prose this check reads: sentences that may
 * hold one of its words, everything in a supported-versions section, and every row of a table
 * that may list supported versions. Upgrade guides are read whole for their sections, and most of
 * their paragraphs, tables and lists say none of it.
 */
export const SUPPORT_PROSE: ProseInterest = {
  name: 'the support policy',
  mayHold: (source, section) => isSupportedVersionsSection(section) || mayMention(source, READ_WORDS),
  wholeTable: mayBeSupportTable,
};

export const supportPolicy: FileCheck = {
  id: ID,
  source: 'files',
  memoFamilies: MARKDOWN_MEMO,
  needs: (path) => (isSupportSource(path) ? 'text' : undefined),
  run: (ctx) => assess(ctx),
};

/** A relative statement ("12 months' notice") with the sentence it was read from. */
type Statement = RelativeStatement & { sentence: Sentence };

/** What the documents publish about support, as the verdicts read it. */
interface Published {
  /** Versions with the date their support ends. */
  dated: DatedEntry[];
  /** Dates on secondary pages whose every date has passed: perhaps history, so judged as if absent. */
  lapsed: DatedEntry[];
  /** The first table of supported versions, with or without dates. */
  supportTable?: { doc: MarkdownDocument; table: MarkdownTable };
  /** Notice given before support ends. */
  notices: Statement[];
  /** How long each release is supported. */
  periods: Statement[];
}

function assess(ctx: CheckContext): CheckOutcome {
  const corpus = supportDocuments(ctx, SUPPORT_PROSE);
  const today = ctx.today;
  const published = readPublished(ctx, corpus, today);
  const evidence = publishedEvidence(published);
  const findings = [...stillMarkedSupported(published.dated, today), ...lapsedPages(published)];
  const claims: Record<string, ClaimVerdict> = {
    '4.1.1': endOfSupportVerdict(
      published.dated,
      published.supportTable !== undefined,
      published.periods,
      today,
    ),
    '4.1.2': frequencyVerdict(corpus.docs, evidence),
    '4.1.3': upgradeDocsVerdict(corpus, evidence),
    '4.2.1': noticeVerdict(published.dated, published.notices, published.periods, today),
  };
  const notEnglish = policiesNotInEnglish(corpus);
  if (notEnglish) qualifyForLanguage(claims, notEnglish);
  findings.push(...claimFindings(claims, published, today));
  return {
    status: statusFromClaims(claims),
    summary: summarise(claims),
    findings,
    evidence,
    claims,
    ...(notEnglish
      ? {
          unknown: {
            reason: `${notEnglish.join(', ')} is written in a language other than English`,
            howToObserve:
              'publish the support policy in English, or attest claims 4.1.1–4.2.1 in .github/sscop.yml',
          },
        }
      : {}),
  };
}

function readPublished(ctx: CheckContext, corpus: SupportDocuments, today: Date): Published {
  const entries = [
    ...corpus.docs.flatMap(tableEntries),
    ...corpus.docs.flatMap(sentenceEntries),
    ...corpus.yaml.flatMap((file) => yamlEntries(ctx, file)),
  ];
  const dated = entries.filter((e): e is DatedEntry => e.end !== undefined);
  const lapsed = lapsedSecondaryPages(corpus, dated, today);
  // A policy's own table first; none from a page whose dates have all lapsed.
  const tables = [...corpus.primary, ...corpus.docs.filter((d) => !lapsed.has(d.path))].flatMap((d) =>
    d.tables.filter((t) => isSupportTable(t)).map((t) => ({ doc: d, table: t })),
  );
  const supportTable = tables[0];
  const relative = corpus.docs.flatMap((doc) =>
    sentences(doc).flatMap((s) => findRelativeStatements(s.text).map((r) => ({ ...r, sentence: s }))),
  );
  // The policies themselves speak first; support sections elsewhere only when they say nothing.
  const primary = new Set(corpus.primary.map((d) => d.path));
  const preferPrimary = (list: Statement[]): Statement[] => {
    const fromPolicies = list.filter((r) => primary.has(r.sentence.path));
    return fromPolicies.length > 0 ? fromPolicies : list;
  };
  return {
    dated: dated.filter((e) => !lapsed.has(e.path)),
    lapsed: dated.filter((e) => lapsed.has(e.path)),
    supportTable,
    notices: preferPrimary(relative.filter((r) => r.kind === 'notice' && SUPPORT_SENTENCE.test(r.text))),
    periods: preferPrimary(relative.filter((r) => r.kind === 'support-period')),
  };
}

/** The secondary pages with end-of-support dates that have all passed. */
function lapsedSecondaryPages(
  corpus: SupportDocuments,
  dated: readonly DatedEntry[],
  today: Date,
): Set<string> {
  const current = new Set(dated.filter((e) => daysBetween(today, e.end.end) >= 0).map((e) => e.path));
  return new Set(dated.map((e) => e.path).filter((p) => corpus.secondary.has(p) && !current.has(p)));
}

/**
 * A page outside the policies whose end-of-support dates have all passed may be a list gone stale,
 * or history (release notes, an old guide): said at low confidence, and only when no policy
 * publishes dates of its own.
 */
function lapsedPages({ dated, lapsed }: Published): Finding[] {
  const first = lapsed[0];
  if (!first || dated.length > 0) return [];
  return [
    findingAt(ID, first, {
      severity: 'medium',
      confidence: 'low',
      message: `Every end-of-support date on ${first.path} has passed (latest ${latest(lapsed)}): if it lists the supported versions, the list looks out of date.`,
      remediation:
        'Publish the current versions and their end-of-support dates in SECURITY.md or SUPPORT.md, or mark the page as history.',
    }),
  ];
}

/** Evidence of the dates, the table and the stated periods, a few of each. */
function publishedEvidence({ dated, supportTable, notices, periods }: Published): Evidence[] {
  const evidence: Evidence[] = [];
  for (const e of dated.slice(0, 10)) {
    evidence.push({
      summary: `${e.version ? `${e.version}: ` : ''}end of support ${isoDay(e.end.end)}`,
      path: e.path,
      line: e.line,
      quote: e.quote,
    });
  }
  if (supportTable && dated.length === 0) {
    evidence.push({
      summary: 'supported versions table (no dates)',
      path: supportTable.doc.path,
      line: supportTable.table.line,
      quote: quote(supportTable.table.header.cells.join(' | ')),
    });
  }
  for (const r of [...notices, ...periods].slice(0, 5)) {
    evidence.push(
      sentenceEvidence(
        r.kind === 'notice'
          ? `notice period: ${describeDuration(r.duration)}`
          : `support period: ${describeDuration(r.duration)}`,
        r.sentence,
      ),
    );
  }
  return evidence;
}

/** Rows still marked supported after their end date: the published table is out of date. */
function stillMarkedSupported(dated: readonly DatedEntry[], today: Date): Finding[] {
  return dated
    .filter((e) => e.supported === true && daysBetween(today, e.end.end) < 0)
    .map((e) =>
      findingAt(ID, e, {
        severity: 'medium',
        message: `${e.version ?? 'A version'} is marked supported but its end of support (${e.end.text}) has passed.`,
        remediation: 'Mark the version unsupported, or publish its new end-of-support date.',
      }),
    );
}

/** The policies read whole that are not in English, when none of them is: their paths. */
function policiesNotInEnglish(corpus: SupportDocuments): string[] | undefined {
  const other = corpus.primary.filter((d) => d.language === 'other').map((d) => d.path);
  return other.length > 0 && corpus.primary.every((d) => d.language !== 'english') ? other : undefined;
}

/** Verdicts read from policies not in English: a pass is only partial, a fail is unknown. */
function qualifyForLanguage(claims: Record<string, ClaimVerdict>, paths: readonly string[]): void {
  for (const [id, verdict] of Object.entries(claims)) {
    if (verdict.status === 'pass') {
      claims[id] = {
        status: 'partial',
        note: `${verdict.note}; read from ${paths.join(', ')}, which is not in English, so only dates and tables were understood`,
      };
    } else if (verdict.status === 'fail') {
      claims[id] = {
        status: 'unknown',
        note: `${paths.join(', ')} is not in English: ${verdict.note} in what could be read`,
      };
    }
  }
}

function endOfSupportVerdict(
  dated: readonly DatedEntry[],
  hasTable: boolean,
  periods: readonly RelativeStatement[],
  today: Date,
): ClaimVerdict {
  if (dated.length > 0) {
    const future = dated.filter((e) => daysBetween(today, e.end.end) >= 0);
    const stale = dated.filter((e) => e.supported === true && daysBetween(today, e.end.end) < 0);
    if (future.length === 0) {
      return {
        status: 'partial',
        note: `end-of-support dates are published but all have passed (latest ${latest(dated)}); the list looks out of date`,
      };
    }
    if (stale.length > 0) {
      return {
        status: 'partial',
        note: `end-of-support dates are published, but ${stale.map((e) => e.version ?? 'a version').join(', ')} is still marked supported after its date`,
      };
    }
    return {
      status: 'pass',
      note: `end-of-support dates are published for ${dated.length} version(s), the latest ${latest(dated)} (${dated[0]!.path}:${dated[0]!.line})`,
    };
  }
  const period = periods[0];
  if (period && hasTable) {
    return {
      status: 'pass',
      note: `supported versions are listed and each is supported for ${describeDuration(period.duration)}, from which end dates follow`,
    };
  }
  if (period) {
    return {
      status: 'partial',
      note: `end of support is stated as a rule (${describeDuration(period.duration)}), not as dates per version`,
    };
  }
  if (hasTable)
    return { status: 'partial', note: 'supported versions are listed without end-of-support dates' };
  return { status: 'fail', note: 'no supported versions or end-of-support dates were found' };
}

function latest(entries: ReadonlyArray<{ end: FoundDate }>): string {
  return isoDay(new Date(Math.max(...entries.map((e) => e.end.end.getTime()))));
}

function noticeVerdict(
  dated: readonly DatedEntry[],
  notices: readonly Statement[],
  periods: readonly Statement[],
  today: Date,
): ClaimVerdict {
  const longest = (list: readonly Statement[]) =>
    list.reduce<Statement | undefined>(
      (best, r) => (!best || r.duration.days > best.duration.days ? r : best),
      undefined,
    );
  const notice = longest(notices);
  if (notice) {
    const at = `${notice.sentence.path}:${notice.sentence.line}`;
    return isAtLeastOneYear(notice.duration)
      ? { status: 'pass', note: `${describeDuration(notice.duration)}' notice is promised (${at})` }
      : {
          status: 'fail',
          note: `the notice period is ${describeDuration(notice.duration)}, under the year the Code asks for (${at})`,
        };
  }
  const horizon = dated.length ? Math.max(...dated.map((e) => daysBetween(today, e.end.end))) : undefined;
  if (horizon !== undefined && horizon >= ONE_YEAR_DAYS) {
    return {
      status: 'pass',
      note: `end of support is published ${Math.floor(horizon / 30.4)} months ahead (${latest(dated)})`,
    };
  }
  const period = longest(periods);
  if (period) {
    const at = `${period.sentence.path}:${period.sentence.line}`;
    return isAtLeastOneYear(period.duration)
      ? {
          status: 'pass',
          note: `each release is supported for ${describeDuration(period.duration)}, so its end is known at least a year ahead (${at})`,
        }
      : {
          status: 'fail',
          note: `releases are supported for only ${describeDuration(period.duration)}, under a year (${at})`,
        };
  }
  if (horizon !== undefined && horizon >= 0) {
    return {
      status: 'partial',
      note: `the published end-of-support dates are less than a year ahead (${latest(dated)}), and no notice period is stated`,
    };
  }
  return { status: 'fail', note: 'no notice period and no future end-of-support date was found' };
}

/** A finding for each claim the documents fail, at the place that shows it where there is one. */
function claimFindings(
  claims: Record<string, ClaimVerdict>,
  { dated, supportTable, notices, periods }: Published,
  today: Date,
): Finding[] {
  const findings: Finding[] = [];
  const eos = claims['4.1.1']!;
  if (eos.status === 'partial' && dated.length === 0) {
    const table = supportTable && { path: supportTable.doc.path, line: supportTable.table.line };
    findings.push(
      findingAt(ID, table ?? periods[0]?.sentence, {
        severity: 'medium',
        message: `End-of-support dates are not published: ${eos.note}.`,
        remediation:
          'Add the date each supported version stops receiving security fixes, e.g. an "End of support" column.',
      }),
    );
  } else if (eos.status === 'partial' && dated.every((e) => daysBetween(today, e.end.end) < 0)) {
    findings.push(
      findingAt(ID, dated[0], {
        severity: 'medium',
        message:
          'Every published end-of-support date has passed: the list of supported versions looks out of date.',
        remediation: 'Add the current versions and their end-of-support dates.',
      }),
    );
  }
  const notice = claims['4.2.1']!;
  if (notice.status === 'fail') {
    const short = [...notices, ...periods].find((r) => !isAtLeastOneYear(r.duration));
    findings.push(
      findingAt(ID, short?.sentence, {
        severity: 'medium',
        message: short
          ? `The notice before end of support is ${describeDuration(short.duration)}, under the year the Code asks for.`
          : 'No notice period before end of support and no end-of-support dates are published.',
        remediation: NOTICE_REMEDIATION,
      }),
    );
  }
  if (claims['4.1.2']!.status === 'fail') {
    findings.push(
      findingAt(ID, undefined, {
        severity: 'low',
        message: 'Nothing says how often updates are released.',
        remediation:
          'State your release cadence, e.g. "Patch releases ship monthly; security fixes ship as soon as they are ready".',
      }),
    );
  }
  if (claims['4.1.3']!.status === 'fail') {
    findings.push(
      findingAt(ID, undefined, {
        severity: 'low',
        message: 'No user documentation says how to apply updates.',
        remediation:
          'Add an "Upgrading" section (or UPGRADING.md) with the commands to update and what to check afterwards.',
      }),
    );
  }
  return findings;
}

function summarise(claims: Record<string, ClaimVerdict>): string {
  const parts = [
    claims['4.1.1']!.status === 'pass'
      ? 'end-of-support dates are published'
      : 'end-of-support dates are missing or incomplete',
    claims['4.2.1']!.status === 'pass' ? "at least a year's notice is given" : "a year's notice is not shown",
  ];
  return `${parts[0]![0]!.toUpperCase()}${parts[0]!.slice(1)}; ${parts[1]}.`;
}
