/**
 * Markdown documents parsed into the model checks read: sections by heading with their line ranges, tables with
 * rows and line numbers, links, and prose (paragraphs, list items, table rows) as plain text whose
 * every offset maps back to a line of the file. Parsed with markdown-it read as mdast with GFM reads
 * a document (markdown-parser.ts, markdown-inline.ts), once per scan per file.
 *
 * Everything here runs on text a stranger controls: lines are cut before parsing, documents are
 * capped, and nothing throws — a file that cannot be read as Markdown comes back empty with a note.
 */
import type Token from 'markdown-it/lib/token.mjs';
import { splitLines } from './locate.js';
import { cutText } from '../shorten.js';
import type { EvidenceContext } from './context.js';
import { proseLanguage } from './markdown-prose.js';
import { FlatText, flattenInline, MAX_BLOCK_CHARS } from './markdown-inline.js';
import { createMarkdownParser, type MarkdownIt, type TokenNotes } from './markdown-parser.js';

/** Lines longer than this are cut before parsing, which bounds the work of every pattern after. */
export const MAX_LINE = 2000;
/** Documents longer than this are parsed up to here only (policies are far smaller). */
export const MAX_DOCUMENT_CHARS = 1024 * 1024;
/** Block nesting (lists in quotes in lists…) deeper than this is not read. */
const MAX_NESTING = 32;
/**
 * How deep markdown-it itself goes (blocks, and inline markup within a block), past which it reads
 * the rest as text: far past MAX_NESTING, so that only links are lost there.
 */
const PARSER_NESTING = 100;

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
  /**
   * Where `text` moves to another source line, as pairs in one array (offset, line, offset, line…),
   * sorted by offset: a block is read for every paragraph of a page, and a pair as an array of its
   * own was a third of a parsed page's memory.
   */
  lineStarts: number[];
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

/**
 * What one reader needs of a page's prose, for pages read for a few patterns only: a paragraph,
 * list item or table row that cannot hold them is kept in place (its kind and lines) with no text,
 * and its inline Markdown is never parsed, which is most of what a parse costs. Headings are
 * always read. Such a document's links, `language` and `words` cover only what was read.
 */
export interface ProseInterest {
  /** Names the reader in memo keys and the document's note; no `/` in it. */
  name: string;
  /** Whether a block whose inline Markdown is `source`, in `section`, may hold what is looked for. */
  mayHold(source: string, section: MarkdownSection | undefined): boolean;
  /** Whether every row of a table with this header (cells as text), in `section`, is needed. */
  wholeTable(header: readonly string[], section: MarkdownSection | undefined): boolean;
}

/** The memo family parsed documents are kept in. */
export const DOCUMENT_MEMO = 'markdown';

/** The parsed document for `path`, once per scan; undefined when the file's text is not available. */
export function markdownDocument(ctx: EvidenceContext, path: string): MarkdownDocument | undefined {
  return ctx.memo(`${DOCUMENT_MEMO}:${path}`, () => {
    const text = ctx.files.text(path);
    return text === undefined ? undefined : parseMarkdown(path, text);
  });
}

/**
 * Parses Markdown into the model above, with only the prose `interest` may need when it is given;
 * never throws.
 */
export function parseMarkdown(path: string, text: string, interest?: ProseInterest): MarkdownDocument {
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
  let doc: MarkdownDocument;
  try {
    const env = {};
    const tokens = (interest ? blockParser() : parser()).parse(source, env);
    const inline = interest && { interest, parse: inlineParser(blockParser(), env) };
    const builder = new DocumentBuilder(path, source.split('\n'), inline);
    builder.visit(tokens);
    doc = builder.finish();
  } catch (error) {
    return { ...empty, note: `could not be parsed as Markdown (${cutText(String(error), 200)})` };
  }
  if (interest) note = [note, `prose read only where ${interest.name} may be`].filter(Boolean).join('; ');
  return note ? { ...doc, note } : doc;
}

let shared: MarkdownIt | undefined;
function parser(): MarkdownIt {
  shared ??= createMarkdownParser(PARSER_NESTING);
  return shared;
}

/** The same parser without its inline pass: inline tokens keep their source, parsed on demand. */
let blocksOnly: MarkdownIt | undefined;
function blockParser(): MarkdownIt {
  if (!blocksOnly) {
    blocksOnly = createMarkdownParser(PARSER_NESTING);
    blocksOnly.core.ruler.disable('inline');
  }
  return blocksOnly;
}

/**
 * Parses one inline token as the inline pass would have: with the page's `env`, where the block
 * pass filed its link definitions.
 */
function inlineParser(md: MarkdownIt, env: object): (token: Token) => Token[] {
  return (token) => {
    const children: Token[] = [];
    md.inline.parse(token.content, md, env, children);
    token.children = children;
    return children;
  };
}

/** A document read for one reader's prose: what it needs, and how an inline token is parsed. */
interface LazyInline {
  interest: ProseInterest;
  parse: (token: Token) => Token[];
}

/** Block tokens that hold other blocks; mdast's parents of a paragraph. */
const CONTAINERS = new Set(['blockquote', 'bullet_list', 'ordered_list', 'list_item', 'footnote_reference']);

class DocumentBuilder {
  private readonly sections: MarkdownSection[] = [];
  private readonly blocks: TextBlock[] = [];
  private readonly tables: MarkdownTable[] = [];
  private readonly links: MarkdownLink[] = [];
  /** The containers open at the current token, innermost last. */
  private readonly open: string[] = [];

  private readonly lastLine: number;

  constructor(
    private readonly path: string,
    private readonly lines: readonly string[],
    private readonly lazy?: LazyInline,
  ) {
    this.lastLine = lines.length;
  }

  /** An inline token's children; with a reader's interest, parsed here, and only when `wanted`. */
  private children(token: Token | undefined, wanted: boolean): readonly Token[] {
    if (!token) return [];
    if (!this.lazy) return token.children ?? [];
    return wanted ? this.lazy.parse(token) : [];
  }

  /** Whether a block with this inline source may hold what the reader looks for. */
  private wanted(source: string): boolean {
    return !this.lazy || this.lazy.interest.mayHold(source, this.currentSection());
  }

  /** Reads the block tokens in order; links are read at any depth, blocks only to MAX_NESTING. */
  visit(tokens: readonly Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const kind = token.type.replace(/_(open|close)$/, '');
      if (CONTAINERS.has(kind)) {
        if (token.nesting === 1) this.open.push(kind);
        else if (token.nesting === -1) this.open.pop();
        continue;
      }
      const read = this.open.length <= MAX_NESTING;
      if (token.type === 'heading_open') this.heading(token, tokens[i + 1], read);
      else if (token.type === 'paragraph_open') this.paragraph(token, tokens[i + 1], tokens[i - 1], read);
      else if ((token.type === 'fence' || token.type === 'code_block') && read) this.code(token);
      else if (token.type === 'table_open') i = this.table(tokens, i, read);
      else if (token.type === 'reference_definition') this.definition(token);
    }
  }

  private heading(open: Token, inline: Token | undefined, read: boolean): void {
    const block = this.block('heading', open, inline);
    if (!read) return;
    const depth = Number(open.tag.slice(1));
    const section: MarkdownSection = {
      heading: block.text.trim(),
      depth,
      line: block.line,
      endLine: this.lastLine,
    };
    for (let i = this.sections.length - 1; i >= 0; i--) {
      const before = this.sections[i]!;
      if (before.endLine === this.lastLine && before.depth >= depth) before.endLine = block.line - 1;
    }
    this.sections.push(section);
    this.blocks.push({ ...block, section });
  }

  private paragraph(
    open: Token,
    inline: Token | undefined,
    previous: Token | undefined,
    read: boolean,
  ): void {
    const inItem = this.open[this.open.length - 1] === 'list_item';
    const block = this.block(
      inItem ? 'list-item' : 'paragraph',
      open,
      inline,
      previous?.type === 'list_item_open',
      read && this.wanted(inline?.content ?? ''),
    );
    if (read) this.blocks.push(block);
  }

  private code(token: Token): void {
    const line = (token.map?.[0] ?? 0) + 1;
    let value = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
    let endLine = token.map?.[1] ?? line;
    // A fence left open runs to the end of the file for mdast, past its last newline, and takes in
    // a last line of spaces, which markdown-it leaves out.
    const rest = this.lines[endLine];
    if (
      token.type === 'fence' &&
      endLine === this.lastLine - 1 &&
      /^[ \t]*$/.test(rest!) &&
      !this.closes(token)
    ) {
      const indent = /^ */.exec(this.lines[token.map?.[0] ?? 0]!)![0].length;
      if (rest !== '') value += `\n${rest!.replace(new RegExp(`^ {0,${indent}}`), '')}`;
      endLine = this.lastLine;
    }
    if (token.type === 'code_block' && this.open.length === 0) {
      const tail = this.indentedTail(endLine);
      if (tail.length > 0) {
        value = [value, ...tail].join('\n').replace(/\n$/, '');
        endLine += tail.length;
      }
    }
    const text = cutText(value, MAX_BLOCK_CHARS);
    // A fence's content starts on the line after it; an indented block's on its own first line.
    const first = token.type === 'fence' ? line + 1 : line;
    const lineStarts: TextBlock['lineStarts'] = [0, first];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
      lineStarts.push(i + 1, lineStarts.length / 2 + first);
    this.blocks.push({
      kind: 'code',
      text: text.replace(/\n/g, ' '),
      line: first,
      endLine,
      section: this.currentSection(),
      lineStarts,
    });
  }

  /** Whether a fenced block's last line is its closing fence. */
  private closes(fence: Token): boolean {
    const [start = 0, end = 0] = fence.map ?? [];
    const last = this.lines[end - 1];
    if (end - 1 <= start || last === undefined) return false;
    const closing = /^[ \t]*(`+|~+)[ \t]*$/.exec(last);
    return !!closing && closing[1]![0] === fence.markup[0] && closing[1]!.length >= fence.markup.length;
  }

  /**
   * The blank lines after an indented code block up to its last line of four or more spaces: mdast
   * counts them in the block (markdown-it does not), each as what follows its first four columns.
   */
  private indentedTail(from: number): string[] {
    let last = from;
    for (let i = from; i < this.lines.length && /^[ \t]*$/.test(this.lines[i]!); i++)
      if (/^(?: {4}|\t| {1,3}\t)/.test(this.lines[i]!)) last = i + 1;
    return this.lines.slice(from, last).map((l) => l.replace(/^(?: {4}|\t| {1,3}\t| {0,3})/, ''));
  }

  /** Reads a table from its opening token; returns the index of its closing one. */
  private table(tokens: readonly Token[], start: number, read: boolean): number {
    const rows: TableRow[] = [];
    // With a reader's interest: the header is read, then every row if the reader needs the whole
    // table, else only rows whose line may hold what it looks for.
    let rowWanted = true;
    let whole = !this.lazy;
    let i = start + 1;
    for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
      const token = tokens[i]!;
      if (token.type === 'tr_open') {
        const line = (token.map?.[0] ?? 0) + 1;
        if (rows.length === 1 && this.lazy)
          whole = this.lazy.interest.wholeTable(rows[0]!.cells, this.currentSection());
        rowWanted = rows.length === 0 || whole || this.wanted(this.lines[line - 1] ?? '');
        rows.push({ cells: [], line });
      } else if (token.type === 'inline' && rowWanted) {
        const row = rows[rows.length - 1];
        const cell = new FlatText();
        flattenInline(this.children(token, true), row?.line ?? 1, cell, this.links);
        row?.cells.push(cell.text.replace(/\n/g, ' ').trim());
      }
    }
    const [header, ...body] = rows;
    if (!header || !read) return i;
    const section = this.currentSection();
    const endLine = tokens[start]!.map?.[1] ?? header.line;
    this.tables.push({ header, rows: body, line: header.line, endLine, section });
    for (const row of rows) {
      const text = cutText(row.cells.join(' | '), MAX_BLOCK_CHARS);
      this.blocks.push({
        kind: 'table-row',
        text,
        line: row.line,
        endLine: row.line,
        section,
        lineStarts: [0, row.line],
      });
    }
    return i;
  }

  /** A link reference definition: mdast's definition node, a link whose text is its label. */
  private definition(token: Token): void {
    const notes = (token.meta ?? {}) as TokenNotes;
    const line = (token.map?.[0] ?? 0) + 1;
    this.links.push({ url: notes.url ?? '', text: (notes.rawLabel ?? '').trim(), line });
  }

  private block(
    kind: BlockKind,
    open: Token,
    inline: Token | undefined,
    taskItem = false,
    wanted = true,
  ): TextBlock {
    const line = (open.map?.[0] ?? 0) + 1;
    const flat = new FlatText();
    flattenInline(this.children(inline, wanted), line, flat, this.links, taskItem);
    return {
      kind,
      text: flat.text,
      line,
      endLine: open.map?.[1] ?? line,
      section: this.currentSection(),
      lineStarts: flat.lineStarts.length ? flat.lineStarts : [0, line],
    };
  }

  private currentSection(): MarkdownSection | undefined {
    return this.sections[this.sections.length - 1];
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
