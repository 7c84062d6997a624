/**
 * The sections of a Markdown document: those whose heading matches, what they hold, and a cheap
 * test of whether a document may have such a heading at all before it is parsed.
 */
import type { EvidenceContext } from './context.js';
import { columnZeroFenceCloser, headingAlone } from './markdown-section-text.js';
import {
  markdownDocument,
  MAX_LINE,
  parseMarkdown,
  type MarkdownDocument,
  type MarkdownSection,
  type TextBlock,
} from './markdown-document.js';

/**
 * The part of `doc` under headings that match `pattern` (nested sections included), or undefined
 * when no heading matches: for reading only the "Support" section of a README.
 */
export function sectionsOnly(doc: MarkdownDocument, pattern: RegExp): MarkdownDocument | undefined {
  const matched = sectionsMatching(doc, pattern);
  if (matched.length === 0) return undefined;
  const within = (line: number): boolean => matched.some((s) => inSection(s, line));
  return {
    ...doc,
    sections: doc.sections.filter((s) => within(s.line)),
    blocks: doc.blocks.filter((b) => within(b.line)),
    tables: doc.tables.filter((t) => within(t.line)),
    links: doc.links.filter((l) => within(l.line)),
  };
}

/** The sections whose heading matches `pattern`. */
export function sectionsMatching(doc: MarkdownDocument, pattern: RegExp): MarkdownSection[] {
  return doc.sections.filter((s) => pattern.test(s.heading));
}

/** The blocks inside a section (its heading included), nested sections too. */
export function blocksIn(doc: MarkdownDocument, section: MarkdownSection): TextBlock[] {
  return doc.blocks.filter((b) => b.line >= section.line && b.line <= section.endLine);
}

/** True when `line` falls inside `section`. */
export function inSection(section: MarkdownSection, line: number): boolean {
  return line >= section.line && line <= section.endLine;
}

/**
 * Whether a document may have a heading matching `pattern`, judged from its raw lines (ATX `#`
 * headings, setext underlines, HTML `<h1>`–`<h6>`) without parsing it. Checks that only want
 * certain sections of the many documentation pages of a large repository parse only the pages that
 * pass this: most pages have no such heading. Conservative: anything that might be a heading is
 * tested. Memoised per document and pattern.
 */
export function mayHaveHeading(ctx: EvidenceContext, path: string, pattern: RegExp): boolean {
  return headingCandidates(ctx, path).some((c) => pattern.test(c.text));
}

/**
 * The first heading of `path` that matches `pattern`, and its line, as a parse of the whole page
 * finds them, parsing no further than the line after the first raw line that could be such a
 * heading (a setext underline or a table's delimiter row there decides what that line is): a long
 * changelog with one "Security" heading near its top is parsed only that far. Later lines can
 * still change a heading's text through a link or footnote definition ("]:"), and a NUL anywhere
 * makes the page binary, so such a page is parsed whole, as is one whose shortened parse finds no
 * matching heading. Where the raw lines show that the heading is certainly a top-level ATX heading
 * with no heading before it that may read as a match, only its own line is parsed (headingAlone).
 * Where the section ends is not known, so it is not given.
 */
export function firstHeadingMatching(
  ctx: EvidenceContext,
  path: string,
  pattern: RegExp,
): Pick<MarkdownSection, 'heading' | 'line'> | undefined {
  const candidate = headingCandidates(ctx, path).find((c) => pattern.test(c.text));
  const text = candidate && ctx.files.text(path);
  if (!candidate || text === undefined) return undefined;
  const alone = headingAlone(path, text, candidate.index, pattern);
  if (alone) return alone;
  const end = offsetAfterLine(text, candidate.index + 1);
  if (end !== undefined && !text.includes(']:', end) && !text.includes('\u0000')) {
    const [early] = sectionsMatching(parseMarkdown(path, text.slice(0, end)), pattern);
    if (early) return { heading: early.heading, line: early.line };
  }
  const doc = markdownDocument(ctx, path);
  const [section] = doc ? sectionsMatching(doc, pattern) : [];
  return section && { heading: section.heading, line: section.line };
}

/** The offset just past line `index` (from 0) of `text` and its newline; undefined past the last. */
function offsetAfterLine(text: string, index: number): number | undefined {
  let at = 0;
  for (let line = 0; line <= index; line++) {
    const newline = text.indexOf('\n', at);
    if (newline < 0) return undefined;
    at = newline + 1;
  }
  return at;
}

/** The memo family heading candidates are kept in. */
export const HEADING_MEMO = 'heading-candidates';

/** The lines of a document that might be headings, as heading text: found once per document. */
function headingCandidates(ctx: EvidenceContext, path: string): Array<{ index: number; text: string }> {
  return ctx.memo(`${HEADING_MEMO}:${path}`, () => {
    const text = ctx.files.text(path);
    return text === undefined ? [] : headingCandidatesIn(text);
  });
}

/**
 * The heading candidates of `text`, line by line as `text.split('\n')` gives them. Pages of prose
 * are mostly lines that can be neither a heading nor a fence: such a line is passed over by its
 * first characters, without a string or a pattern of its own (`mayMatter`).
 */
export function headingCandidatesIn(text: string): Array<{ index: number; text: string }> {
  const out: Array<{ index: number; text: string }> = [];
  const fences = new FenceFollower();
  const cursor = new LineCursor(text);
  for (let start = 0, end = cursor.endOf(0), index = 0; start <= text.length; index++) {
    const next = end + 1;
    const nextEnd = next <= text.length ? cursor.endOf(next) : -1;
    if (cursor.mayMatter(start, end, nextEnd < 0 ? -1 : next)) {
      const line = text.slice(start, end);
      if (!fences.inFence(line)) {
        const heading = headingText(line, nextEnd < 0 ? undefined : text.slice(next, nextEnd));
        if (heading !== undefined) out.push({ index, text: heading });
      }
    }
    start = next;
    end = nextEnd;
  }
  return out;
}

/** The heading a raw line may be (ATX, HTML or a setext heading's text), trimmed. */
function headingText(raw: string, nextLine: string | undefined): string | undefined {
  const line = raw.slice(0, 1000);
  let heading: string | undefined;
  const atx = /^ {0,3}#{1,6}(?:[ \t]|$)/.exec(line);
  if (atx) heading = line.slice(atx[0].length);
  else if (/<h[1-6]\b/i.test(line)) heading = line.replace(/<[^>]{0,200}>/g, ' ');
  else if (line.trim() !== '' && /^ {0,3}(?:=+|-+)[ \t]*\r?$/.test(nextLine ?? '')) heading = line;
  return heading?.trim();
}

const SPACE = 0x20;
/**
 * By character code, whether a line whose first character after up to three spaces it is may be a
 * fence line or an ATX heading (`` ` ``, `~`, `#`), or start an HTML block (`<`).
 */
const FENCE_OR_ATX_LEAD = new Uint8Array(128);
for (const c of '`~#<') FENCE_OR_ATX_LEAD[c.charCodeAt(0)] = 1;

/** Line ends, and the next `<` and carriage return, each found once in a linear pass. */
class LineCursor {
  private lt = -2;
  private cr = -2;
  constructor(private readonly text: string) {}

  endOf(start: number): number {
    const end = this.text.indexOf('\n', start);
    return end < 0 ? this.text.length : end;
  }

  /**
   * Whether the line [start, end) can be a heading candidate or change what is fenced. It can be
   * neither when its first character after up to three spaces is none of `#`, `<`, a backtick or
   * `~`, it holds no `<` and no carriage return before its last character, and its next line (at
   * `next`, or -1) is no setext underline.
   */
  mayMatter(start: number, end: number, next: number): boolean {
    if (FENCE_OR_ATX_LEAD[this.text.charCodeAt(this.lead(start))] === 1) return true;
    if (next >= 0 && this.isUnderline(this.lead(next))) return true;
    if (this.lt < start && this.lt !== -1) this.lt = this.text.indexOf('<', start);
    if (this.lt !== -1 && this.lt < end) return true;
    if (this.cr < start && this.cr !== -1) this.cr = this.text.indexOf('\r', start);
    return this.cr !== -1 && this.cr < end - 1;
  }

  /** Whether a run of `=` or `-` from `at`, then blanks and a carriage return, ends the line (a setext underline). */
  private isUnderline(at: number): boolean {
    const { text } = this;
    const mark = text.charCodeAt(at);
    if (mark !== 0x3d && mark !== 0x2d) return false;
    let i = at + 1;
    while (text.charCodeAt(i) === mark) i++;
    while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === 0x09) i++;
    if (text.charCodeAt(i) === 0x0d) i++;
    return i === text.length || text.charCodeAt(i) === 0x0a;
  }

  /** Where a line's first character after up to three spaces is. */
  private lead(start: number): number {
    let at = start;
    while (at < start + 3 && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }
}

/**
 * Lines after which a column-0 fence may not be what it seems: an HTML block (which a fence line
 * does not end) or a fence indented 1–3 spaces (whose closing line could pass for an opening one).
 */
const FENCE_DOUBT = /^ {0,3}<|^ {1,3}(?:`{3}|~{3})/;

/**
 * Which lines are certainly inside a top-level fenced code block (its fence lines included), so
 * that a shell or YAML comment there ("# Upgrade the chart") is not taken for a heading. Only
 * fences opened at column 0 are followed: such a line is never a list item's or a quote's
 * continuation, so it opens a fence wherever it stands, unless an HTML block is open or a fence
 * this scan did not follow is. From the first line that could mean either, nothing more is
 * marked: a line wrongly marked would hide a real heading, one wrongly left unmarked only costs a
 * parse. Lines are cut as the parser cuts them. It is shown only the lines `mayMatter` lets
 * through: inside a fence or out, the others can neither open, close nor doubt one.
 */
class FenceFollower {
  private closer: RegExp | undefined;
  private stopped = false;

  /** Whether `raw`, the next line, is inside a followed fence (its fence lines included). */
  inFence(raw: string): boolean {
    if (this.stopped) return false;
    const line = raw.replace(/\r$/, '').slice(0, MAX_LINE);
    // A lone carriage return ends a line for the parser but not here: stop following.
    if (line.includes('\r')) return this.stop();
    if (this.closer) {
      if (this.closer.test(line)) this.closer = undefined;
      return true;
    }
    if (FENCE_DOUBT.test(line)) return this.stop();
    this.closer = columnZeroFenceCloser(line);
    return this.closer !== undefined;
  }

  private stop(): false {
    this.stopped = true;
    return false;
  }
}
