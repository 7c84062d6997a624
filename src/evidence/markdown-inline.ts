/**
 * Inline Markdown (markdown-it's inline tokens) flattened to plain text whose offsets map to source
 * lines, with the links it holds, the way mdast's text, code, break and image nodes read: adjacent
 * text and soft line breaks are one piece of text, a hard break is a space, a code span is its
 * code, an image is its alt text, and GFM autolink literals become links. Inline tokens carry no
 * lines, so the line is counted from the block's first line through every line break consumed.
 */
import type Token from 'markdown-it/lib/token.mjs';
import { cutText } from '../shorten.js';
import { splitAutolinks } from './markdown-autolink.js';
import type { TokenNotes } from './markdown-parser.js';

/** A block's text is cut here; a sentence that matters is never this long. */
export const MAX_BLOCK_CHARS = 8000;

export interface FoundLink {
  url: string;
  text: string;
  line: number;
}

/** Text built piece by piece, each piece starting at a known source line (or none known). */
export class FlatText {
  text = '';
  /** Where the text's source lines start, as `TextBlock['lineStarts']` has them. */
  readonly lineStarts: number[] = [];

  append(value: string, line: number | undefined): void {
    if (this.text.length >= MAX_BLOCK_CHARS) return;
    const piece = cutText(value, MAX_BLOCK_CHARS - this.text.length);
    if (line !== undefined) this.lineStart(this.text.length, line);
    let current = line;
    for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) {
      if (current !== undefined) this.lineStart(this.text.length + i + 1, ++current);
    }
    this.text += piece.replace(/\n/g, ' ');
  }

  /** Notes that the source line at `offset` is `line`, unless the text is on that line already. */
  private lineStart(offset: number, line: number): void {
    if (this.lineStarts[this.lineStarts.length - 1] !== line) this.lineStarts.push(offset, line);
  }
}

/**
 * Whether inline Markdown `source` may read as text in which `words` matches, told without parsing
 * it. `words` must match only runs of ASCII letters (a list of word stems, tested without regard to
 * case): then every match in the text is a run of the source's own letters, with at most markup
 * between them. Entities, escapes, HTML, autolinks, full references and footnotes may put letters
 * in the text that the source spells otherwise, so a source holding any of them may. Emphasis,
 * code and strikethrough marks and link brackets only fall away, and an inline link's destination
 * may stand between two letters of a word, or be text when what looks like a link is not one: the
 * source is tested both with such destinations and without.
 */
export function mayMention(source: string, words: RegExp): boolean {
  if (MAY_SPELL_OTHERWISE.test(source)) return true;
  if (!MARK.test(source)) return words.test(source);
  if (words.test(source.replace(MARKS, ''))) return true;
  return source.includes('](') && words.test(source.replace(/\]\([^()\s]*\)/g, ']').replace(MARKS, ''));
}

/** Marks that fall away from the text around letters: emphasis, code, strikethrough, link brackets. */
const MARK = /[*_~`![\]]/;
/** Every such mark, to take them all out (a global pattern of its own: `test` on one keeps state). */
const MARKS = new RegExp(MARK.source, 'g');

/** Markup whose text may hold letters its source spells otherwise (see mayMention). */
const MAY_SPELL_OTHERWISE = /[&\\<]|\]\[|\[\^/;

/** Adjacent text as one mdast text node: where it starts, and where link labels open or close in it. */
interface TextRun {
  value: string;
  line: number;
  labels: number;
  marks: Array<[offset: number, labels: number]>;
}

interface OpenLink {
  url: string;
  line: number;
  text: FlatText;
  /** A link made from a reference definition: mdast's linkReference, which is not a link. */
  reference: boolean;
}

/**
 * Appends the text of `tokens` (starting on `line`) to `out` and the links found to `links`. A
 * task-list item's paragraph loses its checkbox, as mdast's does.
 */
export function flattenInline(
  tokens: readonly Token[],
  line: number,
  out: FlatText,
  links: FoundLink[],
  taskItem = false,
): void {
  new InlineWalk(line, out, links).run(tokens, taskItem);
}

class InlineWalk {
  private run_: TextRun | undefined;
  /** Link labels (`[`) opened in plain text and not closed yet. */
  private openLabels = 0;
  private link: OpenLink | undefined;
  /** Whether a task-list checkbox may still open the text. */
  private checkbox = false;

  constructor(
    private line: number,
    private readonly out: FlatText,
    private readonly links: FoundLink[],
  ) {}

  run(tokens: readonly Token[], taskItem: boolean): void {
    this.checkbox = taskItem;
    for (const token of tokens) this.token(token);
    this.flush(true);
  }

  private token(token: Token): void {
    const notes = (token.meta ?? {}) as TokenNotes;
    switch (token.type) {
      case 'text':
        // Emphasis leaves its second delimiter as empty text.
        if (token.content !== '') this.text(token.content, true);
        return;
      case 'text_special':
        this.text(token.content, false);
        return;
      case 'softbreak':
        this.text('\n', false);
        this.line++;
        return;
    }
    this.flush(false);
    this.checkbox = false;
    switch (token.type) {
      case 'hardbreak':
        this.emit(' ', this.line++);
        return;
      case 'code_inline':
        this.emit(token.content, this.line);
        this.line += notes.newlines ?? 0;
        return;
      case 'html_inline':
        this.line += newlines(token.content);
        return;
      case 'image':
        if (!notes.reference) this.emit(altText(token.children ?? []), this.line);
        this.line += notes.newlines ?? 0;
        return;
      case 'link_open':
        this.link = {
          url: String(token.attrGet('href') ?? ''),
          line: this.line,
          text: new FlatText(),
          reference: notes.reference === true,
        };
        return;
      case 'link_close':
        this.closeLink(notes);
        return;
    }
  }

  /** Adds to the current run; brackets in plain text open and close link labels. */
  private text(value: string, plain: boolean): void {
    const run = (this.run_ ??= { value: '', line: this.line, labels: this.openLabels, marks: [] });
    if (plain && (value.includes('[') || value.includes(']'))) {
      for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (c === '[') this.openLabels++;
        else if (c === ']' && this.openLabels > 0) this.openLabels--;
        else continue;
        run.marks.push([run.value.length + i + 1, this.openLabels]);
      }
    }
    run.value += value;
  }

  private closeLink(notes: TokenNotes): void {
    const link = this.link;
    if (!link) return;
    if (!link.reference) this.links.push({ url: link.url, text: link.text.text.trim(), line: link.line });
    this.line = link.line + (notes.newlines ?? 0);
    this.link = undefined;
  }

  private emit(value: string, line: number | undefined): void {
    this.out.append(value, line);
    this.link?.text.append(value, line);
  }

  /** Ends a run of text: GFM autolink literals in it (outside links) become links. */
  private flush(atEnd: boolean): void {
    const run = this.run_;
    if (!run) return;
    this.run_ = undefined;
    if (this.checkbox) {
      this.checkbox = false;
      const value = withoutCheckbox(run.value, atEnd);
      const cut = run.value.length - value.length;
      // The checkbox's brackets are no link label.
      for (const [offset, labels] of run.marks) if (offset <= cut) run.labels = labels;
      run.marks = run.marks
        .filter(([offset]) => offset > cut)
        .map(([offset, labels]) => [offset - cut, labels]);
      run.value = value;
      if (value === '') return;
    }
    if (this.link) {
      this.emit(run.value, run.line);
      return;
    }
    let line = run.line;
    for (const piece of splitAutolinks(run.value, labelsOpen(run))) {
      const at = piece.positioned ? line : undefined;
      this.emit(piece.value, at);
      if (piece.url !== undefined)
        this.links.push({ url: piece.url, text: piece.value.trim(), line: at ?? 1 });
      line += newlines(piece.value);
    }
  }
}

/** Whether a link label is open at an offset of a run, asked at offsets that only grow. */
function labelsOpen(run: TextRun): (offset: number) => boolean {
  let mark = 0;
  let labels = run.labels;
  return (offset) => {
    while (mark < run.marks.length && run.marks[mark]![0] <= offset) labels = run.marks[mark++]![1];
    return labels > 0;
  };
}

/**
 * GFM's task-list checkbox: `[ ]`, `[x]` or `[X]` opening an item's first paragraph, followed by a
 * line break, or by spaces and then anything. mdast drops it and the one character after it.
 */
function withoutCheckbox(text: string, atEnd: boolean): string {
  const check = /^\[[ \t\nxX]\](?:\n|[ \t]+)/.exec(text);
  if (!check) return text;
  if (!check[0].endsWith('\n') && check[0].length === text.length && atEnd) return text;
  return text.slice(4);
}

/** An image's alt text as mdast gives it: the text of its content, HTML and code included. */
function altText(tokens: readonly Token[]): string {
  let alt = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code_inline' || token.type === 'html_inline')
      alt += token.content;
    else if (token.type === 'softbreak') alt += '\n';
    else if (token.type === 'image') alt += altText(token.children ?? []);
  }
  return alt;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
