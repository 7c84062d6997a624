/**
 * Markdown documents parsed into the model checks read: sections by heading with their line ranges, tables with
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
import { splitLines } from './locate.js';
import { cutText } from '../shorten.js';
import type { EvidenceContext } from './context.js';
import { proseLanguage } from './markdown-prose.js';

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
  /** Where `text` starts in the block's text, to find the line of a word inside it. */
  start: number;
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
