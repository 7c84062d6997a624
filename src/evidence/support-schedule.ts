/**
 * Published support schedules: which versions are supported and until when, as support tables,
 * sentences in support sections and endoflife.date-style YAML state them. Each entry keeps where it
 * was read and a quotation of it.
 */
import { findDates, parseDate, type FoundDate } from './dates.js';
import type { EvidenceContext } from './context.js';
import { quote, splitLines } from './locate.js';
import {
  MAX_LINE,
  type MarkdownDocument,
  type MarkdownSection,
  type MarkdownTable,
} from './markdown-document.js';
import { sentences } from './markdown-prose.js';
import { isOwnHeading, OTHER_SUBJECT_HEADING } from './own-policy-sections.js';
import { BUDGETS, parseYamlData, recordOverBudget } from './parse-budget.js';

/**
 * Headings under which README and docs pages describe support, versions and updates. A heading
 * that also names a platform, channel or other product is about that (see `isOwnHeading`); a bare
 * "Deprecation" is about features, and only a deprecation policy is about support.
 */
export const SUPPORT_HEADING =
  /\bsupport|\bend[- ]of[- ](?:life|support)|\beol\b|\blife-?cycle|\bmaintenance\b|\bmaintained versions|\brelease (?:policy|cadence|schedule|cycle|process)|\bversioning\b|\bupgrad|\bupdating\b|\bmigrat|\bdeprecation polic/i;
/**
 * Headings of sections whose tables and dates are about versions' support. A release schedule,
 * versioning scheme or upgrade guide dates releases and steps, not ends of support, and "Support
 * for SSH keys" or "Getting support" is about features and help.
 */
const SUPPORTED_VERSIONS_HEADING =
  /\bsupported (?:versions?|releases?|branches|series)\b|\b(?:version|release|security|maintenance|long[- ]term|extended|lts) support\b|\bsupport (?:policy|policies|lifecycle|life cycle|periods?|window|schedule|timeline|status|matrix|horizon|terms|levels?)\b|^\W*support\W*$|\bend[- ]of[- ](?:life|support)\b|\beol\b|\blife-?cycle\b|\bmaintenance\b|\bmaintained (?:versions|releases|branches)\b|\blts\b|\blong[- ]term\b/i;
/** Sentences about support: what is supported, maintained or retired, and until when. */
export const SUPPORT_SENTENCE =
  /\bsupport|\bmaintain|\bend[- ]of[- ](?:life|support)|\beol\b|security (?:fixes|updates|patches)|\bretire|\bdeprecat|\bsunset/i;

const VERSION_COLUMN = /version|release|branch|series|cycle|\bline\b|product|component|\bv\b/i;
const END_COLUMN = /\bend\b|\beol\b|until|expir|ends?\b|last (?:day|date)|retire|sunset|\bthrough\b/i;
const STATUS_COLUMN = /support|status|maintained|security|\bstate\b|active/i;
const START_COLUMN = /\brelease(?:d| date)\b|\bga\b|published|\bstart|\binitial|\bfirst\b/i;
const SUPPORTED_CELL =
  /✅|✔|☑|:white_check_mark:|:heavy_check_mark:|\byes\b|\bsupported\b|\bactive\b|\blts\b|\bmaintained\b|\bcurrent\b|security fixes/i;
const UNSUPPORTED_CELL =
  /❌|✖|✗|:x:|:no_entry:|\bno\b|\bunsupported\b|\bnot supported\b|\beol\b|end[- ]of[- ]life|\bended\b|\bdeprecated\b|\bretired\b/i;

/** A version and when its support ends, as a table row, list item, sentence or YAML entry states it. */
export interface SupportEntry {
  version?: string;
  /** True when marked supported, false when marked unsupported, undefined when not marked. */
  supported?: boolean;
  end?: FoundDate;
  path: string;
  line: number;
  quote: string;
}

/** A support entry that names the date its support ends. */
export type DatedEntry = SupportEntry & { end: FoundDate };

/**
 * Whether a table lists the project's versions and their support: a version column, and a support
 * column or a section about support. A table led by a platform or product ("OS | Supported Versions") lists what
 * the project runs on, as does one under a heading that names such a subject.
 */
export function isSupportTable(table: MarkdownTable): boolean {
  const header = table.header.cells;
  if (!mayBeSupportTable(header, table.section) || !leadsWithVersions(table)) return false;
  const inSupportSection = isSupportedVersionsSection(table.section);
  const hasSupportColumn = header.some((c) => STATUS_COLUMN.test(c) || END_COLUMN.test(c));
  return inSupportSection || hasSupportColumn;
}

/**
 * What a table's header and section must show for it to be a support table, whatever its rows
 * hold: a version column, and no other subject first or above it.
 */
export function mayBeSupportTable(header: readonly string[], section: MarkdownSection | undefined): boolean {
  if (OTHER_SUBJECT_HEADING.test(header[0] ?? '')) return false;
  if (section && OTHER_SUBJECT_HEADING.test(section.heading)) return false;
  return header.some((c) => VERSION_COLUMN.test(c));
}

/** Whether `section` is about the project's own supported versions: every dated sentence in it counts. */
export function isSupportedVersionsSection(section: MarkdownSection | undefined): boolean {
  return section !== undefined && isOwnHeading(section.heading, SUPPORTED_VERSIONS_HEADING);
}

/**
 * Whether a table's first column holds versions: by its header, or by its cells. A table led by
 * names ("Alpine Linux", "Google Distroless") lists other products, whatever its other columns say.
 */
function leadsWithVersions(table: MarkdownTable): boolean {
  if (VERSION_COLUMN.test(table.header.cells[0] ?? '')) return true;
  const first = table.rows.map((r) => r.cells[0] ?? '');
  return first.filter((c) => VERSION_IN_TEXT.test(c)).length * 2 > first.length;
}

/** The rows of a document's support tables. */
export function tableEntries(doc: MarkdownDocument): SupportEntry[] {
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

/** Sentences of a document that date the end of support, in support sentences or support sections. */
export function sentenceEntries(doc: MarkdownDocument): SupportEntry[] {
  const out: SupportEntry[] = [];
  for (const s of sentences(doc)) {
    if (s.block.kind === 'table-row' || s.block.kind === 'heading') continue;
    const heading = s.block.section?.heading ?? '';
    // "Windows 7 support ended in 2020" under "Supported platforms" dates a platform, not a release.
    if (OTHER_SUBJECT_HEADING.test(heading)) continue;
    const inSupportSection = isSupportedVersionsSection(s.block.section);
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
/** The release cycles of an endoflife.date-style YAML file; none when it does not parse or is over budget. */
export function yamlEntries(
  ctx: Pick<EvidenceContext, 'memo'>,
  { path, text }: { path: string; text: string },
): SupportEntry[] {
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
