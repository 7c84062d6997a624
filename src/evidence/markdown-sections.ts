/**
 * The sections of a Markdown document: those whose heading matches, what they hold, and a cheap
 * test of whether a document may have such a heading at all before it is parsed.
 */
import type { EvidenceContext } from './context.js';
import {
  MAX_LINE,
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
  return headingCandidates(ctx, path).some((heading) => pattern.test(heading));
}

/** The lines of a document that might be headings, as heading text: found once per document. */
function headingCandidates(ctx: EvidenceContext, path: string): string[] {
  return ctx.memo(`heading-candidates:${path}`, () => {
    const text = ctx.files.text(path);
    if (text === undefined) return [];
    const out: string[] = [];
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
      if (heading !== undefined) out.push(heading.trim());
    }
    return out;
  });
}

/** A fence that opens at column 0: backticks with no backtick after them, or tildes. */
const COLUMN_ZERO_FENCE = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;
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
