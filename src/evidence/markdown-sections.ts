/**
 * The sections of a Markdown document: those whose heading matches, what they hold, and a cheap
 * test of whether a document may have such a heading at all before it is parsed.
 */
import type { EvidenceContext } from './context.js';
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
 * matching heading. Where the section ends is not known, so it is not given.
 */
export function firstHeadingMatching(
  ctx: EvidenceContext,
  path: string,
  pattern: RegExp,
): Pick<MarkdownSection, 'heading' | 'line'> | undefined {
  const candidate = headingCandidates(ctx, path).find((c) => pattern.test(c.text));
  const text = candidate && ctx.files.text(path);
  if (!candidate || text === undefined) return undefined;
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

/** The lines of a document that might be headings, as heading text: found once per document. */
function headingCandidates(ctx: EvidenceContext, path: string): Array<{ index: number; text: string }> {
  return ctx.memo(`heading-candidates:${path}`, () => {
    const text = ctx.files.text(path);
    if (text === undefined) return [];
    const out: Array<{ index: number; text: string }> = [];
    const lines = text.split('\n');
    const inFence = fencedLines(lines);
    for (let i = 0; i < lines.length; i++) {
      if (inFence[i]) continue;
      const line = lines[i]!.slice(0, 1000);
      let heading: string | undefined;
      const atx = /^ {0,3}#{1,6}(?:[ \t]|$)/.exec(line);
      if (atx) heading = line.slice(atx[0].length);
      else if (/<h[1-6]\b/i.test(line)) heading = line.replace(/<[^>]{0,200}>/g, ' ');
      else if (line.trim() !== '' && /^ {0,3}(?:=+|-+)[ \t]*\r?$/.test(lines[i + 1] ?? '')) heading = line;
      if (heading !== undefined) out.push({ index: i, text: heading.trim() });
    }
    return out;
  });
}

/** A fence that opens at column 0: backticks with no backtick after them, or tildes. */
// `(?!~)` ends the tilde run where it ends, so a long line of tildes is matched in linear time.
const COLUMN_ZERO_FENCE = /^(?:(`{3,})[^`]*|(~{3,})(?!~).*)$/;
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
 * parse. Lines are cut as the parser cuts them.
 */
export function fencedLines(lines: readonly string[]): boolean[] {
  const fenced = new Array<boolean>(lines.length).fill(false);
  let closer: RegExp | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '').slice(0, MAX_LINE);
    // A lone carriage return ends a line for the parser but not here: stop following.
    if (line.includes('\r')) break;
    if (closer) {
      fenced[i] = true;
      if (closer.test(line)) closer = undefined;
      continue;
    }
    if (FENCE_DOUBT.test(line)) break;
    const open = COLUMN_ZERO_FENCE.exec(line);
    if (!open) continue;
    fenced[i] = true;
    const [char, length] = open[1] ? ['`', open[1].length] : ['~', open[2]!.length];
    closer = new RegExp(`^ {0,3}${char}{${length},}[ \\t]*$`);
  }
  return fenced;
}
