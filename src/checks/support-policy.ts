/**
 * support-policy: which versions are supported and until when, how often updates ship, how users
 * apply them, and how much notice is given before support ends. Read from SECURITY.md, SUPPORT.md,
 * support sections of the README and docs, documents those link to, and endoflife-style YAML.
 */
import type { CheckOutcome, CheckStatus, ClaimVerdict, Evidence, Finding } from '../model/types.js';
import { findCommunityFiles, isCommunityFile, quote, splitLines, splitPath } from '../evidence/locate.js';
import {
  daysBetween,
  describeDuration,
  findDates,
  findRelativeStatements,
  isAtLeastOneYear,
  isoDay,
  parseDate,
  ONE_YEAR_DAYS,
  type FoundDate,
  type RelativeStatement,
} from '../evidence/dates.js';
import {
  blocksIn,
  documentationMarkdownPaths,
  isDocumentationMarkdown,
  linkedDocuments,
  markdownDocument,
  MAX_LINE,
  sectionsMatching,
  sectionsOnly,
  sentenceEvidence,
  sentences,
  type MarkdownDocument,
  type MarkdownTable,
  type Sentence,
  mayHaveHeading,
} from '../evidence/markdown.js';
import { BUDGETS, parseYamlData, recordOverBudget } from '../evidence/parse-budget.js';
import { finding, type CheckContext, type FileCheck, statusFromClaims } from './check.js';

const ID = 'support-policy';

const NOTICE_REMEDIATION =
  'Publish end-of-support dates for every supported version (e.g. a "Supported versions" table in SECURITY.md or SUPPORT.md) and commit to at least 12 months\' notice before a version\'s support ends.';

/** Headings under which README and docs pages describe support, versions and updates. */
const SUPPORT_HEADING =
  /\bsupport|\bend[- ]of[- ](?:life|support)|\beol\b|\blife-?cycle|\bmaintenance\b|\bmaintained versions|\brelease (?:policy|cadence|schedule|cycle|process)|\bversioning\b|\bupgrad|\bupdating\b|\bmigrat|\bdeprecation/i;
/** Documentation files that are about support as a whole. */
const SUPPORT_FILE =
  /support|life-?cycle|\beol\b|end-of-life|maintenance|release-policy|versioning|upgrad|migrat/i;
/** endoflife.date-style YAML: release cycles with their end-of-life dates. */
const EOL_YAML = /^\.?(?:endoflife|end-of-life|eol|lifecycle|support)\.ya?ml$/i;

const VERSION_COLUMN = /version|release|branch|series|cycle|\bline\b|product|component|\bv\b/i;
const END_COLUMN = /\bend\b|\beol\b|until|expir|ends?\b|last (?:day|date)|retire|sunset|\bthrough\b/i;
const STATUS_COLUMN = /support|status|maintained|security|\bstate\b|active/i;
const START_COLUMN = /\brelease(?:d| date)\b|\bga\b|published|\bstart|\binitial|\bfirst\b/i;
const SUPPORTED_CELL =
  /✅|✔|☑|:white_check_mark:|:heavy_check_mark:|\byes\b|\bsupported\b|\bactive\b|\blts\b|\bmaintained\b|\bcurrent\b|security fixes/i;
const UNSUPPORTED_CELL =
  /❌|✖|✗|:x:|:no_entry:|\bno\b|\bunsupported\b|\bnot supported\b|\beol\b|end[- ]of[- ]life|\bended\b|\bdeprecated\b|\bretired\b/i;
const SUPPORT_SENTENCE =
  /\bsupport|\bmaintain|\bend[- ]of[- ](?:life|support)|\beol\b|security (?:fixes|updates|patches)|\bretire|\bdeprecat|\bsunset/i;
const FREQUENCY =
  /\b(?:release|update|patch|version|fix)[a-z]{0,4}\b.{0,80}?(?:\bevery\b|\beach (?:week|month|quarter|year)\b|\bweekly\b|\bmonthly\b|\bquarterly\b|\bannually\b|\byearly\b|\bbiweekly\b|\bfortnightly\b|\btwice a\b|\bonce a\b|\bper (?:week|month|quarter|year)\b|\bcadence\b|\bregular schedule\b|\bregularly\b|\bas soon as\b|\bas needed\b)/i;
const FREQUENCY_HEADING = /release (?:cadence|schedule|cycle|frequency)|update (?:policy|frequency|cadence)/i;
const VERSIONING = /\bsemantic versioning\b|\bsemver\b|\bbackport/i;
const UPGRADE_HEADING =
  /\bupgrad|\bupdating\b|\bhow to update\b|\bmigrat|\bapplying updates\b|\binstalling updates\b|\bupdate guide\b/i;
const UPGRADE_SENTENCE =
  /\bto (?:upgrade|update)\b.{0,80}\b(?:run|install|use|download|pull)\b|\bupgrade (?:to|by|with|using)\b|\bupdate (?:to the latest|by running|with)\b/i;
const UPGRADE_FILE = /^(?:upgrad|migrat|updating)/i;

function isSource(path: string): boolean {
  return (
    isCommunityFile(path, 'SECURITY') ||
    isCommunityFile(path, 'SUPPORT') ||
    isDocumentationMarkdown(path) ||
    isEolYaml(path)
  );
}

/** The root, .github/ and docs/ itself (not its subfolders). */
function isNearRoot(dir: string): boolean {
  return dir === '' || dir === '.github' || dir === 'docs';
}

function isEolYaml(path: string): boolean {
  const { dir, name } = splitPath(path);
  return (dir === '' || dir === '.github' || dir === 'docs') && EOL_YAML.test(name);
}

export const supportPolicy: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) => (isSource(path) ? 'text' : undefined),
  run: (ctx) => assess(ctx),
};

/** A version and when its support ends, as a table row, list item, sentence or YAML entry states it. */
interface SupportEntry {
  version?: string;
  /** True when marked supported, false when marked unsupported, undefined when not marked. */
  supported?: boolean;
  end?: FoundDate;
  path: string;
  line: number;
  quote: string;
}

interface Corpus {
  docs: MarkdownDocument[];
  /** Documents read because of their name or a link; their whole text counts. */
  primary: MarkdownDocument[];
  yaml: Array<{ path: string; text: string }>;
}

function gatherCorpus(ctx: CheckContext): Corpus {
  const { files } = ctx;
  const corpus: Corpus = { docs: [], primary: [], yaml: [] };
  const seen = new Set<string>();
  const addWhole = (doc: MarkdownDocument | undefined): void => {
    if (!doc || seen.has(doc.path)) return;
    seen.add(doc.path);
    corpus.primary.push(doc);
    corpus.docs.push(doc);
  };
  const roots: MarkdownDocument[] = [];
  for (const base of ['SECURITY', 'SUPPORT']) {
    const [path] = findCommunityFiles(files, base);
    const doc = path ? markdownDocument(ctx, path) : undefined;
    if (doc) roots.push(doc);
    addWhole(doc);
  }
  const readmePath = files.inDir('').find((p) => /^readme(?:\.(?:md|markdown))?$/i.test(p));
  const readme = readmePath ? markdownDocument(ctx, readmePath) : undefined;
  for (const root of [...roots, ...(readme ? [readme] : [])]) {
    // From a README only links in its support sections count; a policy's links all do.
    const from = root === readme ? sectionsOnly(root, SUPPORT_HEADING) : root;
    if (from) for (const linked of linkedDocuments(ctx, from)) addWhole(linked);
  }
  for (const path of documentationMarkdownPaths(files)) {
    if (seen.has(path)) continue;
    const { dir, name } = splitPath(path);
    // Deep in docs/, a page named "browser-support" is rarely the support policy: read its sections only.
    if (isNearRoot(dir) && (SUPPORT_FILE.test(name) || UPGRADE_FILE.test(name))) {
      addWhole(markdownDocument(ctx, path));
      continue;
    }
    if (/^(?:changelog|changes|history)/i.test(splitPath(path).name)) continue;
    if (!mayHaveHeading(ctx, path, SUPPORT_HEADING)) continue;
    const doc = markdownDocument(ctx, path);
    const part = doc && sectionsOnly(doc, SUPPORT_HEADING);
    if (part) {
      seen.add(path);
      corpus.docs.push(part);
    }
  }
  for (const path of ['', '.github', 'docs'].flatMap((d) => files.inDir(d)).sort()) {
    const text = isEolYaml(path) ? files.text(path) : undefined;
    if (text !== undefined) corpus.yaml.push({ path, text });
  }
  return corpus;
}

function assess(ctx: CheckContext): CheckOutcome {
  const corpus = gatherCorpus(ctx);
  const today = ctx.today;
  const evidence: Evidence[] = [];
  const findings: Finding[] = [];

  const entries = [
    ...corpus.docs.flatMap(tableEntries),
    ...corpus.docs.flatMap(sentenceEntries),
    ...corpus.yaml.flatMap((file) => yamlEntries(ctx, file)),
  ];
  const supportTable = corpus.docs.flatMap((d) =>
    d.tables.filter((t) => isSupportTable(t)).map((t) => ({ doc: d, table: t })),
  )[0];
  const relative = corpus.docs.flatMap((doc) =>
    sentences(doc).flatMap((s) => findRelativeStatements(s.text).map((r) => ({ ...r, sentence: s }))),
  );
  // The policies themselves speak first; support sections elsewhere only when they say nothing.
  const primary = new Set(corpus.primary.map((d) => d.path));
  const preferPrimary = <T extends { sentence: Sentence }>(list: T[]): T[] => {
    const fromPolicies = list.filter((r) => primary.has(r.sentence.path));
    return fromPolicies.length > 0 ? fromPolicies : list;
  };
  const notices = preferPrimary(relative.filter((r) => r.kind === 'notice' && SUPPORT_SENTENCE.test(r.text)));
  const periods = preferPrimary(relative.filter((r) => r.kind === 'support-period'));

  const dated = entries.filter((e): e is SupportEntry & { end: FoundDate } => e.end !== undefined);
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

  // Rows still marked supported after their end date: the published table is out of date.
  for (const e of dated) {
    if (e.supported === true && daysBetween(today, e.end.end) < 0) {
      findings.push(
        finding(ID, {
          severity: 'medium',
          path: e.path,
          line: e.line,
          message: `${e.version ?? 'A version'} is marked supported but its end of support (${e.end.text}) has passed.`,
          remediation: 'Mark the version unsupported, or publish its new end-of-support date.',
        }),
      );
    }
  }

  const claims: Record<string, ClaimVerdict> = {
    '4.1.1': endOfSupportVerdict(dated, supportTable !== undefined, periods, today),
    '4.1.2': frequencyVerdict(corpus.docs, evidence),
    '4.1.3': upgradeDocsVerdict(corpus, evidence),
    '4.2.1': noticeVerdict(dated, notices, periods, today),
  };

  const primaryLanguages = corpus.primary.filter((d) => d.language === 'other').map((d) => d.path);
  const nonEnglish = primaryLanguages.length > 0 && corpus.primary.every((d) => d.language !== 'english');
  if (nonEnglish) {
    for (const [id, verdict] of Object.entries(claims)) {
      if (verdict.status === 'pass') {
        claims[id] = {
          status: 'partial',
          note: `${verdict.note}; read from ${primaryLanguages.join(', ')}, which is not in English, so only dates and tables were understood`,
        };
      } else if (verdict.status === 'fail') {
        claims[id] = {
          status: 'unknown',
          note: `${primaryLanguages.join(', ')} is not in English: ${verdict.note} in what could be read`,
        };
      }
    }
  }
  addClaimFindings(
    findings,
    claims,
    notices,
    periods,
    dated,
    today,
    supportTable?.doc.path,
    supportTable?.table.line,
  );

  const status: CheckStatus = statusFromClaims(claims);
  return {
    status,
    summary: summarise(claims),
    findings,
    evidence,
    claims,
    ...(nonEnglish
      ? {
          unknown: {
            reason: `${primaryLanguages.join(', ')} is written in a language other than English`,
            howToObserve:
              'publish the support policy in English, or attest claims 4.1.1–4.2.1 in .github/sscop.yml',
          },
        }
      : {}),
  };
}

function isSupportTable(table: MarkdownTable): boolean {
  const header = table.header.cells;
  const hasVersion = header.some((c) => VERSION_COLUMN.test(c));
  const inSupportSection = table.section ? SUPPORT_HEADING.test(table.section.heading) : false;
  const hasSupportColumn = header.some((c) => STATUS_COLUMN.test(c) || END_COLUMN.test(c));
  return hasVersion && (inSupportSection || hasSupportColumn);
}

function tableEntries(doc: MarkdownDocument): SupportEntry[] {
  const out: SupportEntry[] = [];
  for (const table of doc.tables) {
    if (!isSupportTable(table)) continue;
    const header = table.header.cells;
    const versionColumn = Math.max(
      0,
      header.findIndex((c) => VERSION_COLUMN.test(c) && !END_COLUMN.test(c)),
    );
    const endColumn = header.findIndex((c) => END_COLUMN.test(c));
    const statusColumn = header.findIndex(
      (c, i) => i !== endColumn && i !== versionColumn && STATUS_COLUMN.test(c),
    );
    for (const row of table.rows) {
      const dateCells =
        endColumn >= 0
          ? [row.cells[endColumn] ?? '']
          : row.cells.filter((_, i) => i !== versionColumn && !START_COLUMN.test(header[i] ?? ''));
      const dates = dateCells.flatMap((c) => findDates(c));
      const statusCell =
        statusColumn >= 0
          ? (row.cells[statusColumn] ?? '')
          : row.cells.filter((_, i) => i !== versionColumn).join(' ');
      const supported = UNSUPPORTED_CELL.test(statusCell)
        ? false
        : SUPPORTED_CELL.test(statusCell)
          ? true
          : undefined;
      out.push({
        version: row.cells[versionColumn]?.trim() || undefined,
        supported,
        end: dates[dates.length - 1],
        path: doc.path,
        line: row.line,
        quote: quote(row.cells.join(' | ')),
      });
    }
  }
  return out;
}

const VERSION_IN_TEXT = /\bv?\d{1,4}(?:\.(?:\d{1,4}|x)){0,3}\b(?: LTS)?/i;

function sentenceEntries(doc: MarkdownDocument): SupportEntry[] {
  const out: SupportEntry[] = [];
  for (const s of sentences(doc)) {
    if (s.block.kind === 'table-row' || s.block.kind === 'heading') continue;
    const inSupportSection = s.block.section ? SUPPORT_HEADING.test(s.block.section.heading) : false;
    if (!SUPPORT_SENTENCE.test(s.text) && !inSupportSection) continue;
    const dates = findDates(s.text);
    const end = dates[dates.length - 1];
    if (!end) continue;
    const withoutDates = dates.reduce((t, d) => t.replace(d.text, ' '), s.text);
    const version = VERSION_IN_TEXT.exec(withoutDates)?.[0];
    out.push({ version, end, path: s.path, line: s.line, quote: quote(s.text) });
  }
  return out;
}

const YAML_VERSION_KEYS = ['releaseCycle', 'cycle', 'version', 'release', 'name'];
const YAML_END_KEYS = [
  'eol',
  'endOfLife',
  'end_of_life',
  'endOfSupport',
  'end_of_support',
  'support',
  'supportEnd',
];

function yamlEntries(ctx: CheckContext, { path, text }: { path: string; text: string }): SupportEntry[] {
  if (text.includes('\u0000')) return [];
  let data: unknown;
  try {
    const parsed = parseYamlData(text, BUDGETS.supportYaml);
    if (!parsed.ok) {
      recordOverBudget(ctx, path, parsed.overBudget);
      return [];
    }
    data = parsed.value;
  } catch {
    return [];
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object'
      ? (['releases', 'cycles', 'versions']
          .map((k) => (data as Record<string, unknown>)[k])
          .find(Array.isArray) ?? [])
      : [];
  const lines = splitLines(text).map((l) => l.slice(0, MAX_LINE));
  const out: SupportEntry[] = [];
  for (const item of list.slice(0, 500)) {
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    const versionKey = YAML_VERSION_KEYS.find((k) => record[k] !== undefined);
    const endKey = YAML_END_KEYS.find((k) => record[k] !== undefined);
    const version = versionKey ? String(record[versionKey]) : undefined;
    const raw = endKey ? record[endKey] : undefined;
    const end =
      raw instanceof Date
        ? parseDate(raw.toISOString().slice(0, 10))
        : typeof raw === 'string'
          ? parseDate(raw)
          : undefined;
    const supported = typeof raw === 'boolean' ? !raw : undefined;
    const needle = end?.text ?? version;
    const index = needle ? lines.findIndex((l) => l.includes(needle)) : -1;
    out.push({
      version,
      supported,
      end,
      path,
      line: index + 1 || 1,
      quote: quote(`${version ?? '?'}: ${endKey ?? 'eol'} ${String(raw)}`),
    });
  }
  return out;
}

function endOfSupportVerdict(
  dated: ReadonlyArray<SupportEntry & { end: FoundDate }>,
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
  dated: ReadonlyArray<SupportEntry & { end: FoundDate }>,
  notices: ReadonlyArray<RelativeStatement & { sentence: Sentence }>,
  periods: ReadonlyArray<RelativeStatement & { sentence: Sentence }>,
  today: Date,
): ClaimVerdict {
  const longest = (list: ReadonlyArray<RelativeStatement & { sentence: Sentence }>) =>
    list.reduce<(RelativeStatement & { sentence: Sentence }) | undefined>(
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

function frequencyVerdict(docs: readonly MarkdownDocument[], evidence: Evidence[]): ClaimVerdict {
  for (const doc of docs) {
    for (const s of sentences(doc)) {
      if (s.block.kind === 'heading' || s.block.kind === 'table-row') continue;
      if (FREQUENCY.test(s.text)) {
        evidence.push(sentenceEvidence('states how often updates ship', s));
        return { status: 'pass', note: `update frequency is stated (${s.path}:${s.line})` };
      }
    }
  }
  for (const doc of docs) {
    const [section] = sectionsMatching(doc, FREQUENCY_HEADING);
    if (section && blocksIn(doc, section).length > 1) {
      evidence.push({
        summary: 'release schedule section',
        path: doc.path,
        line: section.line,
        quote: section.heading,
      });
      return { status: 'pass', note: `a release schedule is published (${doc.path}:${section.line})` };
    }
  }
  for (const doc of docs) {
    const s = sentences(doc).find((x) => VERSIONING.test(x.text));
    if (s) {
      evidence.push(sentenceEvidence('states a versioning or backport policy', s));
      return {
        status: 'partial',
        note: `a versioning policy is stated but not how often updates ship (${s.path}:${s.line})`,
      };
    }
  }
  return { status: 'fail', note: 'no policy on how often updates are released was found' };
}

function upgradeDocsVerdict(corpus: Corpus, evidence: Evidence[]): ClaimVerdict {
  for (const doc of corpus.docs) {
    if (UPGRADE_FILE.test(splitPath(doc.path).name) && doc.blocks.length > 1) {
      evidence.push({ summary: 'upgrade guide', path: doc.path, line: 1 });
      return { status: 'pass', note: `${doc.path} tells users how to upgrade` };
    }
    for (const section of sectionsMatching(doc, UPGRADE_HEADING)) {
      if (blocksIn(doc, section).length > 1) {
        evidence.push({
          summary: 'upgrade instructions',
          path: doc.path,
          line: section.line,
          quote: section.heading,
        });
        return {
          status: 'pass',
          note: `"${section.heading}" (${doc.path}:${section.line}) tells users how to apply updates`,
        };
      }
    }
  }
  for (const doc of corpus.docs) {
    const s = sentences(doc).find((x) => UPGRADE_SENTENCE.test(x.text));
    if (s) {
      evidence.push(sentenceEvidence('mentions how to upgrade', s));
      return {
        status: 'partial',
        note: `a sentence says how to upgrade (${s.path}:${s.line}) but there is no upgrade guide`,
      };
    }
  }
  return { status: 'fail', note: 'no user documentation on applying updates was found' };
}

function addClaimFindings(
  findings: Finding[],
  claims: Record<string, ClaimVerdict>,
  notices: ReadonlyArray<RelativeStatement & { sentence: Sentence }>,
  periods: ReadonlyArray<RelativeStatement & { sentence: Sentence }>,
  dated: readonly SupportEntry[],
  today: Date,
  tablePath: string | undefined,
  tableLine: number | undefined,
): void {
  const eos = claims['4.1.1']!;
  if (eos.status === 'partial' && dated.length === 0) {
    findings.push(
      finding(ID, {
        severity: 'medium',
        path: tablePath ?? periods[0]?.sentence.path,
        line: tableLine ?? periods[0]?.sentence.line,
        message: `End-of-support dates are not published: ${eos.note}.`,
        remediation:
          'Add the date each supported version stops receiving security fixes, e.g. an "End of support" column.',
      }),
    );
  } else if (eos.status === 'partial' && dated.every((e) => e.end && daysBetween(today, e.end.end) < 0)) {
    findings.push(
      finding(ID, {
        severity: 'medium',
        path: dated[0]?.path,
        line: dated[0]?.line,
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
      finding(ID, {
        severity: 'medium',
        path: short?.sentence.path,
        line: short?.sentence.line,
        message: short
          ? `The notice before end of support is ${describeDuration(short.duration)}, under the year the Code asks for.`
          : 'No notice period before end of support and no end-of-support dates are published.',
        remediation: NOTICE_REMEDIATION,
      }),
    );
  }
  if (claims['4.1.2']!.status === 'fail') {
    findings.push(
      finding(ID, {
        severity: 'low',
        message: 'Nothing says how often updates are released.',
        remediation:
          'State your release cadence, e.g. "Patch releases ship monthly; security fixes ship as soon as they are ready".',
      }),
    );
  }
  if (claims['4.1.3']!.status === 'fail') {
    findings.push(
      finding(ID, {
        severity: 'low',
        message: 'No user documentation says how to apply updates.',
        remediation:
          'Add an "Upgrading" section (or UPGRADING.md) with the commands to update and what to check afterwards.',
      }),
    );
  }
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
