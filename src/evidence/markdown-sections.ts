/**
 * The sections of a Markdown document: those whose heading matches, what they hold, and a cheap
 * test of whether a document may have such a heading at all before it is parsed.
 */
import type { EvidenceContext } from './context.js';
import type { MarkdownDocument, MarkdownSection, TextBlock } from './markdown-document.js';

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
    for (let i = 0; i < lines.length; i++) {
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
