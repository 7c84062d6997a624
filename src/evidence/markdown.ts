/**
 * Markdown documents as checks read them: sections by heading with their line ranges, tables with
 * rows and line numbers, links, and prose (paragraphs, list items, table rows) as plain text whose
 * every offset maps back to a line of the file. Parsed with mdast (GFM), once per scan per file.
 *
 * Everything here runs on text a stranger controls: lines are cut before parsing, documents are
 * capped, and nothing throws — a file that cannot be read as Markdown comes back empty with a note.
 */
import type { Nodes, Parent, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Evidence } from '../model/types.js';
import type { RepoFiles } from '../repo/files.js';
import { quote, rememberLast, splitLines, splitPath } from './locate.js';
import { cutText } from '../shorten.js';
import type { EvidenceContext } from './context.js';

/** Lines longer than this are cut before parsing, which bounds the work of every pattern after. */
export const MAX_LINE = 2000;
/** Documents longer than this are parsed up to here only (policies are far smaller). */
export const MAX_DOCUMENT_CHARS = 1024 * 1024;
/** A block's text is cut here; a sentence that matters is never this long. */
const MAX_BLOCK_CHARS = 8000;
/** Block nesting (lists in quotes in lists…) deeper than this is not read. */
const MAX_NESTING = 32;

export interface MarkdownSection {
  heading: string;
  depth: number;
  /** The heading's line. */
  line: number;
  /** The last line before the next heading of the same or a higher level (or the end of the file). */
  endLine: number;
}

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table-row' | 'code';

/** A unit of prose: its plain text (line breaks as spaces, so offsets match) and where it stands. */
export interface TextBlock {
  kind: BlockKind;
  text: string;
  line: number;
  endLine: number;
  /** The innermost section the block belongs to (for a heading: the section it opens). */
  section?: MarkdownSection;
  /** Offsets in `text` where a new source line starts, with that line; sorted by offset. */
  lineStarts: Array<[offset: number, line: number]>;
}

export interface TableRow {
  cells: string[];
  line: number;
}

export interface MarkdownTable {
  header: TableRow;
  rows: TableRow[];
  line: number;
  endLine: number;
  section?: MarkdownSection;
}

export interface MarkdownLink {
  url: string;
  text: string;
  line: number;
}

export type DocumentLanguage = 'english' | 'other' | 'too-short';

export interface MarkdownDocument {
  path: string;
  sections: MarkdownSection[];
  blocks: TextBlock[];
  tables: MarkdownTable[];
  links: MarkdownLink[];
  /** Whether the prose reads as English, judged from common function words. */
  language: DocumentLanguage;
  /** Number of words in paragraphs and list items. */
  words: number;
  /** Why the document is empty or incomplete (binary, too large, unparsable), when it is. */
  note?: string;
}

/** A sentence of a block, with the line it starts on. */
export interface Sentence {
  path: string;
  text: string;
  line: number;
  block: TextBlock;
}

/** The parsed document for `path`, once per scan; undefined when the file's text is not available. */
export function markdownDocument(ctx: EvidenceContext, path: string): MarkdownDocument | undefined {
  return ctx.memo(`markdown:${path}`, () => {
    const text = ctx.files.text(path);
    return text === undefined ? undefined : parseMarkdown(path, text);
  });
}

/** Parses Markdown into the model above; never throws. */
export function parseMarkdown(path: string, text: string): MarkdownDocument {
  const empty: MarkdownDocument = {
    path,
    sections: [],
    blocks: [],
    tables: [],
    links: [],
    language: 'too-short',
    words: 0,
  };
  if (text.includes('\u0000')) return { ...empty, note: 'binary content, not text' };
  let source = text;
  let note: string | undefined;
  if (source.length > MAX_DOCUMENT_CHARS) {
    source = source.slice(0, MAX_DOCUMENT_CHARS);
    note = `only the first ${MAX_DOCUMENT_CHARS} characters were read`;
  }
  source = splitLines(source)
    .map((line) => (line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line))
    .join('\n');
  let root: Root;
  try {
    root = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  } catch (error) {
    return { ...empty, note: `could not be parsed as Markdown (${cutText(String(error), 200)})` };
  }
  const lastLine = source.split('\n').length;
  const builder = new DocumentBuilder(path, lastLine);
  builder.visitChildren(root);
  builder.collectLinks(root);
  const doc = builder.finish();
  return note ? { ...doc, note } : doc;
}

class DocumentBuilder {
  private readonly sections: MarkdownSection[] = [];
  private readonly blocks: TextBlock[] = [];
  private readonly tables: MarkdownTable[] = [];
  private readonly links: MarkdownLink[] = [];

  constructor(
    private readonly path: string,
    private readonly lastLine: number,
  ) {}

  visitChildren(parent: Parent, depth = 0): void {
    // Real documents nest a few levels; deeper content is adversarial and left unread.
    if (depth > MAX_NESTING) return;
    for (const child of parent.children) this.visit(child as RootContent, parent, depth);
  }

  private visit(node: RootContent, parent: Parent, depth: number): void {
    switch (node.type) {
      case 'heading': {
        const block = this.block('heading', node.children, node);
        const section: MarkdownSection = {
          heading: block.text.trim(),
          depth: node.depth,
          line: block.line,
          endLine: this.lastLine,
        };
        for (let i = this.sections.length - 1; i >= 0; i--) {
          const open = this.sections[i]!;
          if (open.endLine === this.lastLine && open.depth >= node.depth) open.endLine = block.line - 1;
        }
        this.sections.push(section);
        this.blocks.push({ ...block, section });
        return;
      }
      case 'paragraph':
        this.blocks.push(
          this.block(parent.type === 'listItem' ? 'list-item' : 'paragraph', node.children, node),
        );
        return;
      case 'code': {
        const line = node.position?.start.line ?? 1;
        const text = cutText(node.value, MAX_BLOCK_CHARS);
        const lineStarts: TextBlock['lineStarts'] = [[0, line + 1]];
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
          lineStarts.push([i + 1, lineStarts.length + line + 1]);
        this.blocks.push({
          kind: 'code',
          text: text.replace(/\n/g, ' '),
          line: line + 1,
          endLine: node.position?.end.line ?? line,
          section: this.currentSection(),
          lineStarts,
        });
        return;
      }
      case 'table':
        this.table(node);
        return;
      case 'html':
        return;
      default:
        if ('children' in node) this.visitChildren(node as Parent, depth + 1);
    }
  }

  private table(node: Table): void {
    const rows = node.children.map((row) => {
      const cells = row.children.map((cell) => plainText(cell.children).text.replace(/\n/g, ' ').trim());
      return { cells, line: row.position?.start.line ?? 1 };
    });
    const [header, ...body] = rows;
    if (!header) return;
    const section = this.currentSection();
    this.tables.push({
      header,
      rows: body,
      line: header.line,
      endLine: node.position?.end.line ?? header.line,
      section,
    });
    for (const row of rows) {
      const text = cutText(row.cells.join(' | '), MAX_BLOCK_CHARS);
      this.blocks.push({
        kind: 'table-row',
        text,
        line: row.line,
        endLine: row.line,
        section,
        lineStarts: [[0, row.line]],
      });
    }
  }

  private block(kind: BlockKind, children: PhrasingContent[], node: Nodes): TextBlock {
    const { text, lineStarts } = plainText(children);
    const line = node.position?.start.line ?? 1;
    return {
      kind,
      text,
      line,
      endLine: node.position?.end.line ?? line,
      section: this.currentSection(),
      lineStarts: lineStarts.length ? lineStarts : [[0, line]],
    };
  }

  private currentSection(): MarkdownSection | undefined {
    return this.sections[this.sections.length - 1];
  }

  /** Collects every link and link definition with an explicit stack (no recursion on deep input). */
  collectLinks(root: Root): void {
    const stack: Nodes[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'link' || node.type === 'definition') {
        const text = node.type === 'link' ? plainText(node.children).text : (node.label ?? '');
        this.links.push({ url: node.url, text: text.trim(), line: node.position?.start.line ?? 1 });
      } else if ('children' in node) {
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
      }
    }
  }

  finish(): MarkdownDocument {
    // Tables, headings and code are mostly names and numbers; only sentences show the language.
    const prose = this.blocks
      .filter((b) => b.kind === 'paragraph' || b.kind === 'list-item')
      .map((b) => b.text);
    const { language, words } = proseLanguage(prose);
    return {
      path: this.path,
      sections: this.sections,
      blocks: this.blocks,
      tables: this.tables,
      links: this.links,
      language,
      words,
    };
  }
}

/** Flattens inline content to text, recording which source line each piece of text came from. */
function plainText(children: readonly PhrasingContent[]): {
  text: string;
  lineStarts: TextBlock['lineStarts'];
} {
  let text = '';
  const lineStarts: TextBlock['lineStarts'] = [];
  const append = (value: string, line: number | undefined): void => {
    if (text.length >= MAX_BLOCK_CHARS) return;
    const piece = cutText(value, MAX_BLOCK_CHARS - text.length);
    if (line !== undefined) lineStarts.push([text.length, line]);
    let current = line;
    for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) {
      if (current !== undefined) lineStarts.push([text.length + i + 1, ++current]);
    }
    text += piece.replace(/\n/g, ' ');
  };
  const walk = (nodes: readonly PhrasingContent[]): void => {
    for (const node of nodes) {
      const line = node.position?.start.line;
      if (node.type === 'text' || node.type === 'inlineCode') append(node.value, line);
      else if (node.type === 'break') append(' ', line);
      else if (node.type === 'image') append(node.alt ?? '', line);
      else if ('children' in node) walk(node.children as PhrasingContent[]);
    }
  };
  walk(children);
  return { text, lineStarts };
}

/** The source line of an offset in a block's text. */
export function lineAt(block: TextBlock, offset: number): number {
  let line = block.line;
  for (const [start, l] of block.lineStarts) {
    if (start > offset) break;
    line = l;
  }
  return line;
}

/** Splits a block into sentences (table rows and headings are one sentence each). */
export function sentencesOf(path: string, block: TextBlock): Sentence[] {
  if (block.kind !== 'paragraph' && block.kind !== 'list-item') {
    return [{ path, text: block.text.trim(), line: block.line, block }];
  }
  const out: Sentence[] = [];
  let start = 0;
  // A sentence ends at . ! ? followed by a space; "e.g. " splits too, which only shortens a quote.
  const boundary = /[.!?](?= )/g;
  const push = (end: number): void => {
    const raw = block.text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ path, text, line: lineAt(block, start + lead), block });
  };
  for (let m = boundary.exec(block.text); m; m = boundary.exec(block.text)) {
    push(m.index + 1);
    start = m.index + 1;
  }
  push(block.text.length);
  return out;
}

const sentenceCache = new WeakMap<MarkdownDocument, Sentence[]>();

/** Every sentence of the document's prose (code excluded), in order; computed once per document. */
export function sentences(doc: MarkdownDocument): Sentence[] {
  let cached = sentenceCache.get(doc);
  if (!cached) {
    cached = doc.blocks.filter((b) => b.kind !== 'code').flatMap((b) => sentencesOf(doc.path, b));
    sentenceCache.set(doc, cached);
  }
  return cached;
}

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

/** File extensions read as Markdown. */
const MARKDOWN_FILE = /\.(?:md|markdown|mdown|mkd)$/i;

export function isMarkdownPath(path: string): boolean {
  return MARKDOWN_FILE.test(path);
}

/**
 * Resolves a link in `fromPath` to a Markdown file in the repository, or undefined for links that
 * leave it (absolute URLs, other files, paths that climb above the root or do not exist).
 */
export function resolveRepoLink(
  fromPath: string,
  url: string,
  paths: ReadonlySet<string> | RepoFiles,
): string | undefined {
  if (/^[a-z][a-z0-9+.-]{0,20}:/i.test(url) || url.startsWith('//')) return undefined;
  // [\s\S]*, not .*: with a line break after many `#`, `[?#].*$` backtracks quadratically.
  const target = decodeSafely(url.replace(/[?#][\s\S]*$/, ''));
  if (!target || !isMarkdownPath(target)) return undefined;
  const parts = target.startsWith('/') ? [] : splitPath(fromPath).dir.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  const resolved = parts.join('/');
  const exists = 'has' in paths && typeof paths.has === 'function' ? paths.has(resolved) : false;
  return exists ? resolved : undefined;
}

function decodeSafely(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The Markdown files in the repository that `doc` links to (one hop), in link order, without repeats. */
export function linkedDocuments(ctx: EvidenceContext, doc: MarkdownDocument): MarkdownDocument[] {
  const seen = new Set<string>([doc.path]);
  const out: MarkdownDocument[] = [];
  for (const link of doc.links) {
    const target = resolveRepoLink(doc.path, link.url, ctx.files);
    if (!target || seen.has(target)) continue;
    seen.add(target);
    const linked = markdownDocument(ctx, target);
    if (linked) out.push(linked);
  }
  return out;
}

// Words that make up a large share of any English prose and rarely appear in other languages.
const ENGLISH_WORDS = new Set(
  'the and to of a in is we you for be will please with by on not are this that or your our if it as any an at can from have should us'.split(
    ' ',
  ),
);

/** Judges whether prose is English from the share of common English function words. */
export function proseLanguage(texts: readonly string[]): { language: DocumentLanguage; words: number } {
  let words = 0;
  let english = 0;
  for (const text of texts) {
    for (const m of text.toLowerCase().matchAll(/\p{L}{1,40}/gu)) {
      words++;
      if (ENGLISH_WORDS.has(m[0])) english++;
    }
  }
  if (words < 12) return { language: 'too-short', words };
  // English prose runs at 25–40% function words; other languages using Latin script at under 5%.
  return { language: english / words >= 0.1 ? 'english' : 'other', words };
}

/**
 * Markdown files where projects keep their policies and user documentation: the root, .github/
 * and anywhere under docs/. Checks that follow links between documents declare these as needs.
 */
export const isDocumentationMarkdown = rememberLast((path): boolean => {
  if (!isMarkdownPath(path)) return false;
  const { dir } = splitPath(path);
  return dir === '' || dir === '.github' || dir === 'docs' || dir.startsWith('docs/');
});

/**
 * The paths `isDocumentationMarkdown` accepts, sorted: looked up in the root, .github/ and docs/
 * rather than by testing every path of the tree.
 */
export function documentationMarkdownPaths(files: Pick<RepoFiles, 'inDir' | 'under'>): string[] {
  return [...files.inDir(''), ...files.inDir('.github'), ...files.under('docs/')]
    .filter(isDocumentationMarkdown)
    .sort();
}

/** The first sentence across `docs` (in order) that satisfies `test`. */
export function findSentence(
  docs: readonly MarkdownDocument[],
  test: (sentence: Sentence) => boolean,
): Sentence | undefined {
  for (const doc of docs) {
    for (const sentence of sentences(doc)) if (test(sentence)) return sentence;
  }
  return undefined;
}

/** Evidence that quotes a sentence where it stands. */
export function sentenceEvidence(summary: string, sentence: Sentence): Evidence {
  return { summary, path: sentence.path, line: sentence.line, quote: quote(sentence.text) };
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
