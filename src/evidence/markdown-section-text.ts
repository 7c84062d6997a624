/**
 * A page's sections under matching headings, parsed without the rest of the page. Checks that read
 * only certain sections of many documentation pages (ownSections) parse only those sections' lines:
 * on argo-cd they are a fifth of the pages' text.
 *
 * The text given to the parser keeps every line of each such section, from its heading to the
 * heading that ends it, and blanks the others, so every line keeps its number. That reads the kept
 * sections exactly as a parse of the whole page does when each cut falls on a line that is certainly
 * an ATX heading at the top level: such a heading ends any paragraph, list or quote before it, and
 * nothing after it depends on what came before, unless it is inside a fenced code block or an HTML
 * block, or a link definition elsewhere on the page gives a link its target. Where any of that
 * cannot be ruled out from the raw lines, the whole page is parsed instead.
 */
import type { EvidenceContext } from './context.js';
import {
  DOCUMENT_MEMO,
  markdownDocument,
  MAX_DOCUMENT_CHARS,
  MAX_LINE,
  parseMarkdown,
} from './markdown-document.js';
import type { MarkdownDocument, MarkdownSection, ProseInterest } from './markdown-document.js';

/**
 * Kept sections holding more than this share of a page are not worth a parse of their own: the
 * whole page is parsed, once for every check that reads it.
 */
const MOST_OF_THE_PAGE = 0.5;

/**
 * A parse of `path` that holds every section whose heading matches `topic`, with everything inside
 * it, as a parse of the whole page reads them (the whole page where it cannot be cut). Sections,
 * blocks, tables and links outside them may be missing, and the document's `language` and `words`
 * describe only what was parsed: read it through ownSections or sectionsMatching with the same
 * `topic`. With an `interest`, only the prose it may need is read (ProseInterest), in the sections
 * and in a page parsed whole alike. Memoised per page, topic and interest.
 */
export function documentForSections(
  ctx: EvidenceContext,
  path: string,
  topic: RegExp,
  interest?: ProseInterest,
): MarkdownDocument | undefined {
  const text = ctx.files.text(path);
  if (text === undefined) return undefined;
  // A path never holds a NUL, and an interest's name no `/`, so no page's key can be another's.
  const reader = interest ? `\u0000${interest.name}` : '';
  const cut = ctx.memo(`${DOCUMENT_MEMO}:${path}\u0000${topic.source}/${topic.flags}${reader}`, () => {
    const sections = sectionText(text, topic);
    return sections === undefined ? undefined : parseMarkdown(path, sections, interest);
  });
  if (cut) return cut;
  return interest
    ? ctx.memo(`${DOCUMENT_MEMO}:${path}${reader}`, () => parseMarkdown(path, text, interest))
    : markdownDocument(ctx, path);
}

/**
 * The text of the sections of `text` under headings that may match `topic`, every other line
 * blank; undefined when the page must be parsed whole (it cannot be cut safely, or the sections
 * are most of it).
 */
export function sectionText(text: string, topic: RegExp): string | undefined {
  if (!readAsLines(text)) return undefined;
  const lines = text.split('\n');
  const headings = cutPoints(lines, (heading) => mayMatch(heading, topic));
  if (!headings) return undefined;
  const keep = new Uint8Array(lines.length);
  let kept = 0;
  let reference = false;
  let keptTo = -1;
  for (const { line, end } of sectionRanges(headings, lines.length)) {
    // A fence's content is placed on the line after the fence, so an empty one just before a kept
    // heading (in a list item the heading ends) would be placed on it: the line before a section
    // must be blank, or kept itself.
    if (line - 1 > keptTo && lines[line - 1]!.trim() !== '') return undefined;
    for (let i = Math.max(line, keptTo + 1); i <= end; i++) {
      keep[i] = 1;
      kept += lines[i]!.length + 1;
      reference ||= MAY_USE_DEFINITION.test(lines[i]!);
    }
    keptTo = Math.max(keptTo, end);
  }
  if (kept > text.length * MOST_OF_THE_PAGE) return undefined;
  // A link definition anywhere gives a reference in a kept section its target; with no reference
  // in the kept lines, what the others define cannot matter.
  if (reference && text.includes(']:')) return undefined;
  return lines.map((line, i) => (keep[i] === 1 ? line : '')).join('\n');
}

/**
 * The first heading of `text` whose parsed text matches `pattern` (anchored or not), read from
 * its own line alone, when the first raw line that may be one (`index`, from 0) is certainly an
 * ATX heading at the top level, no heading before it may read as a match, and its text needs
 * nothing from elsewhere on the page (no link reference): a long changelog need not be parsed up
 * to its first "Security" heading. Undefined when that cannot be told from the raw lines.
 */
export function headingAlone(
  path: string,
  text: string,
  index: number,
  pattern: RegExp,
): Pick<MarkdownSection, 'heading' | 'line'> | undefined {
  if (!readAsLines(text)) return undefined;
  const lines = text.split('\n');
  const line = lines[index];
  if (line === undefined || line.includes(']')) return undefined;
  const headings = cutPoints(lines, (heading) => mayReadAs(heading, pattern), index + 1);
  const last = headings?.[headings.length - 1];
  if (!headings || last?.line !== index || headings.slice(0, -1).some((h) => h.matches)) return undefined;
  const [section] = parseMarkdown(path, line).sections;
  return section && pattern.test(section.heading) ? { heading: section.heading, line: index + 1 } : undefined;
}

/**
 * Whether the parser reads `text` line by line as its raw lines are: not when it is longer than the
 * parser reads (the rest is cut off), and not when a NUL makes it binary, a lone carriage return
 * ends a line the parser's way but not here, or a byte order mark hides its first line's heading.
 */
function readAsLines(text: string): boolean {
  return text.length <= MAX_DOCUMENT_CHARS && !text.includes('\u0000') && !/\r(?!\n)|^\uFEFF/.test(text);
}

/**
 * Whether an ATX heading whose raw text is `raw` may read as `pattern` (which may be anchored):
 * any markup or reference may change its text, so it may; otherwise its text is the raw text
 * without the closing run of `#`.
 */
function mayReadAs(raw: string, pattern: RegExp): boolean {
  if (/[\\`*_[\]<>&!~]/.test(raw)) return true;
  return pattern.test(withoutClosingSequence(raw));
}

/** An ATX heading's text without its closing run of `#` (after a space or tab, or alone), trimmed. */
function withoutClosingSequence(raw: string): string {
  const blank = (at: number) => raw.charCodeAt(at) === 0x20 || raw.charCodeAt(at) === 0x09;
  let end = raw.length;
  while (end > 0 && blank(end - 1)) end--;
  let hashes = end;
  while (hashes > 0 && raw.charCodeAt(hashes - 1) === 0x23) hashes--;
  if (hashes < end && (hashes === 0 || blank(hashes - 1))) end = hashes;
  return raw.slice(0, end).trim();
}

/**
 * A `]` that does not open an inline link's destination: what a reference (`[text][label]`,
 * `[label][]`, `[label]`) or a footnote (`[^1]`) ends with, and a few things that are neither.
 */
const MAY_USE_DEFINITION = /\](?!\()/;

/**
 * Each heading that may match, with the line of the heading that ends its section (the next top-level
 * ATX heading as deep or shallower: kept, so that it ends the section in the parse as well), or the
 * last line. In order of lines; found in one pass from the end, remembering the nearest heading of
 * each depth.
 */
function sectionRanges(
  headings: readonly CutPoint[],
  lineCount: number,
): Array<{ line: number; end: number }> {
  const ranges: Array<{ line: number; end: number }> = [];
  const nearest = new Array<number>(7).fill(lineCount - 1);
  for (let h = headings.length - 1; h >= 0; h--) {
    const { line, depth, matches } = headings[h]!;
    if (matches) ranges.push({ line, end: Math.min(...nearest.slice(1, depth + 1)) });
    nearest[depth] = line;
  }
  return ranges.reverse();
}

/** A line that is certainly an ATX heading at the top level: where the page may be cut. */
interface CutPoint {
  line: number;
  depth: number;
  /** Whether the heading may match the topic: its section is kept. */
  matches: boolean;
}

/**
 * Every line (of the first `count`) that is certainly an ATX heading at the top level, and whether
 * its text may match (`mayMatch`, given a heading's raw text); undefined when a heading that may
 * match is not certainly such a line (a setext or HTML heading, one in a list or a quote, or one
 * after a line that leaves fences in doubt).
 */
function cutPoints(
  lines: readonly string[],
  mayMatch: (heading: string) => boolean,
  count = lines.length,
): CutPoint[] | undefined {
  const headings: CutPoint[] = [];
  const blocks = new TopLevelFollower();
  // The lines since the last blank one: a setext heading's text is the whole paragraph above its underline.
  let paragraph: string[] = [];
  for (let i = 0; i < count; i++) {
    const line = lines[i]!.replace(/\r$/, '').slice(0, MAX_LINE);
    const topLevel = blocks.isTopLevel(line);
    // A line with a `|` is a table's header when a delimiter row follows: no place to cut.
    const atx = topLevel && !line.includes('|') ? /^(#{1,6})(?:[ \t]|$)/.exec(line) : null;
    if (atx) {
      headings.push({ line: i, depth: atx[1]!.length, matches: mayMatch(line.slice(atx[0].length)) });
      paragraph = [];
      continue;
    }
    if (blocks.inCode() || line.trim() === '') {
      paragraph = [];
      continue;
    }
    // Without the markers of the lists and quotes it may stand in, as its heading's text would be.
    paragraph.push(line.replace(/^[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$))?/, ''));
    const heading = mayBeHeading(line);
    if (heading !== undefined && mayMatch(heading)) return undefined;
    if (mayBeUnderline(lines[i + 1])) {
      if (mayMatch(paragraph.join(' ').trim())) return undefined;
      paragraph = [];
    }
  }
  return headings;
}

/**
 * Whether a heading's text, as parsed, may match `topic` when its raw text is `raw`: markup inside
 * a word ("Sup**port**", `<span>`, "[Sup](x)port") or a character reference may hide a match the
 * parse shows, so the text is also tried without tags, link destinations and markup characters.
 */
function mayMatch(raw: string, topic: RegExp): boolean {
  if (topic.test(raw) || raw.includes('&')) return true;
  return topic.test(raw.replace(/<[^<>]*>|\]\([^()]*\)|[*_`\\~[\]!]/g, ''));
}

/**
 * The text a line that is not a top-level ATX heading may still have as a heading: an ATX heading
 * indented, or inside a list item or a quote (its text after the markers), or an HTML heading (the
 * whole line); undefined for any other line.
 */
function mayBeHeading(line: string): string | undefined {
  const atx = /^[ \t>*+\-\d.)]*#{1,6}(?:[ \t]|$)/.exec(line);
  if (atx) return line.slice(atx[0].length);
  return /<h[1-6]\b/i.test(line) ? line : undefined;
}

/** Whether a line may be a setext heading's underline, in a quote or list item or not. */
function mayBeUnderline(line: string | undefined): boolean {
  return line !== undefined && /^[ \t>]*(?:=+|-+)[ \t]*\r?$/.test(line);
}

/** HTML block openings (CommonMark's kinds 1 to 5) and the text that ends each. */
const HTML_BLOCK_ENDS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** A fence that opens at column 0: backticks with no backtick after them, or tildes. */
// `(?!~)` ends the tilde run where it ends, so a long line of tildes is matched in linear time.
const COLUMN_ZERO_FENCE = /^(?:(`{3,})[^`]*|(~{3,})(?!~).*)$/;

/** What closes the fence `line` opens at column 0; undefined when it opens none. */
export function columnZeroFenceCloser(line: string): RegExp | undefined {
  const open = COLUMN_ZERO_FENCE.exec(line);
  if (!open) return undefined;
  const [char, length] = open[1] ? ['`', open[1].length] : ['~', open[2]!.length];
  const build = () => new RegExp(`^ {0,3}${char}{${length},}[ \\t]*$`);
  // Documentation pages open thousands of fences, nearly all three backticks long: the pattern for
  // each usual kind and length is built once (they have no flags, so sharing them is safe).
  if (length > MAX_SHARED_FENCE) return build();
  const key = `${char}${length}`;
  let closer = FENCE_CLOSERS.get(key);
  if (!closer) FENCE_CLOSERS.set(key, (closer = build()));
  return closer;
}

const MAX_SHARED_FENCE = 16;

const FENCE_CLOSERS = new Map<string, RegExp>();

/** A line that may open or close a fence, at the top level or in a list item. */
const FENCE_LIKE = /^ {0,3}(?:`{3}|~{3})/;

/**
 * Follows fenced code blocks opened at column 0 and HTML blocks, line by line, to tell which lines
 * are certainly outside both. A line opening a fence with 1–3 spaces before it might belong to a
 * list item, so that its closing line could pass for an opening one: from there nothing is certain.
 *
 * An HTML block of CommonMark's kinds 1 to 5 (`<pre>`, `<!--`…) opened at column 0 runs to its end
 * text whatever it holds. Any other line starting with `<` may open an HTML block that runs to the
 * next blank line, or be a paragraph's line; and one opened with spaces before it may be a list
 * item's, which the next line at column 0 ends. Either way nothing in it is certain until the
 * block would end and a blank line follows, and a fence or a kind 1–5 opening inside it might be
 * real and run on past that point: from such a line, nothing more is certain.
 */
class TopLevelFollower {
  private closer: RegExp | undefined;
  private html: { end: RegExp | 'blank'; certain: boolean } | undefined;
  private doubt = false;

  /** Whether `line`, the next line, is certainly outside any fence or HTML block. */
  isTopLevel(line: string): boolean {
    if (this.doubt) return false;
    if (this.closer) {
      if (this.closer.test(line)) this.closer = undefined;
      return false;
    }
    if (this.html) {
      const { end, certain } = this.html;
      if (!certain && (FENCE_LIKE.test(line) || HTML_BLOCK_ENDS.some(([open]) => open.test(line))))
        return this.inDoubt();
      if (end === 'blank' ? line.trim() === '' : end.test(line)) {
        // A block that may have ended earlier (a list item's) may have left a line starting with
        // `<` to open another, which runs to a blank line.
        this.html = certain || end === 'blank' ? undefined : { end: 'blank', certain: false };
      }
      return false;
    }
    if (/^ {1,3}(?:`{3}|~{3})/.test(line)) return this.inDoubt();
    this.closer = columnZeroFenceCloser(line);
    if (this.closer) return false;
    if (/^ {0,3}</.test(line)) {
      const kind = HTML_BLOCK_ENDS.find(([open]) => open.test(line));
      // The end may be on the opening line itself, after the opening (an overlap such as `<!-->`
      // is not taken for an end: that only keeps more lines in doubt).
      const opening = line.indexOf('<') + 2;
      if (!kind) this.html = { end: 'blank', certain: false };
      else if (!kind[1].test(line.slice(opening))) this.html = { end: kind[1], certain: line[0] === '<' };
      return false;
    }
    return true;
  }

  private inDoubt(): false {
    this.doubt = true;
    return false;
  }

  /** Whether the last line was inside a followed fence, where nothing is a heading. */
  inCode(): boolean {
    return this.closer !== undefined && !this.doubt;
  }
}
