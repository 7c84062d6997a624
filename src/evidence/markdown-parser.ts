/**
 * markdown-it set up to read GitHub-flavoured Markdown as GitHub (and mdast with GFM) does, for the
 * document model in markdown-document.ts: HTML is markup, tables, strikethrough with one or two
 * tildes, footnote and link definitions kept where they stand, URLs exactly as written, and inline
 * tokens annotated with what the model needs and markdown-it leaves out (the line breaks inside a
 * code span, and how many lines a link or image spans in the source).
 */
import markdownIt, { type Options } from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import footnote from 'markdown-it-footnote';

export type MarkdownIt = ReturnType<typeof markdownIt>;

/** What the rules below add to a token's `meta`. */
export type TokenNotes = {
  /** On `link_close`, `image` and `code_inline`: line breaks in the whole source of the link, image or code. */
  newlines?: number;
  /** On `reference_definition`: the label as written (escapes and entities decoded), and the URL. */
  rawLabel?: string;
  url?: string;
  /** On `link_open` and `image` made from a reference definition (mdast's linkReference). */
  reference?: true;
};

type InlineRule = (state: StateInline, silent: boolean) => boolean;
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/** A parser for `parse()`; `maxNesting` bounds how deep blocks and inline markup are read. */
export function createMarkdownParser(maxNesting: number): MarkdownIt {
  // markdown-it reads `maxNesting` from its options (its presets set it); the types leave it out.
  const options = { html: true, linkify: false, typographer: false, maxNesting } as Options;
  const md = markdownIt('default', options);
  md.use(footnote);
  // mdast keeps definitions where they are written; GFM has no inline footnotes.
  md.disable(['footnote_tail', 'footnote_inline']);
  // Escaped and encoded characters stay `text_special` tokens: an escaped `[` opens no link label.
  md.disable('text_join');
  // Links are evidence, not output: keep every URL as written (decoded), whatever its scheme.
  md.validateLink = () => true;
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (text) => text;
  md.block.ruler.at('reference', noteDefinition(md, rule<BlockRule>(md.block.ruler, 'reference')), {
    alt: [],
  });
  md.block.ruler.at('table', cellsAsWritten(rule<BlockRule>(md.block.ruler, 'table')), {
    alt: ['paragraph', 'reference'],
  });
  md.inline.ruler.at('backticks', keepCodeLineBreaks(inlineRule(md, 'backticks')));
  md.inline.ruler.at('link', fromReference(countLines(inlineRule(md, 'link'), 'link_close'), 'link_open'));
  md.inline.ruler.at('image', fromReference(countLines(inlineRule(md, 'image'), 'image'), 'image'));
  md.inline.ruler.at('emphasis', beside(inlineRule(md, 'emphasis')));
  md.inline.ruler.at('strikethrough', tildes);
  md.inline.ruler2.at('strikethrough', pairTildes);
  return md;
}

function inlineRule(md: MarkdownIt, name: string): InlineRule {
  return rule<InlineRule>(md.inline.ruler, name);
}

/** The rule markdown-it registered under `name` (the ruler gives no other way to wrap one). */
function rule<T>(ruler: unknown, name: string): T {
  const rules = (ruler as { __rules__: Array<{ name: string; fn: T }> }).__rules__;
  const found = rules.find((r) => r.name === name);
  if (!found) throw new Error(`markdown-it has no rule ${name}`);
  return found.fn;
}

/**
 * markdown-it keeps a definition only as the normalised label it files the first URL under, and
 * leaves nothing in the token stream; mdast keeps each definition where it stands, with its label
 * as written and its own URL. A `reference_definition` token over its lines records both, read
 * back from them.
 */
function noteDefinition(md: MarkdownIt, reference: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (!reference(state, startLine, endLine, silent)) return false;
    if (silent) return true;
    const token = state.push('reference_definition', '', 0);
    token.map = [startLine, state.line];
    token.hidden = true;
    const lines: string[] = [];
    for (let line = startLine; line < state.line; line++)
      lines.push(state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]));
    const text = lines.join('\n');
    let end = 1;
    while (end < text.length && text[end] !== ']') end += text[end] === '\\' ? 2 : 1;
    let at = end + 2;
    while (at < text.length && /\s/.test(text[at]!)) at++;
    const destination = md.helpers.parseLinkDestination(text, at, text.length);
    token.meta = {
      rawLabel: md.utils.unescapeAll(text.slice(1, end)),
      url: destination.ok ? destination.str : '',
    } satisfies TokenNotes;
    return true;
  };
}

/** Adds notes to a token's `meta`, beside those a rule (ours or markdown-it's) put there before. */
function addNotes(token: Token, notes: TokenNotes): void {
  token.meta = Object.assign((token.meta ?? {}) as TokenNotes, notes);
}

const CLOSE_BRACKET = 0x5d;

/**
 * Marks the `open` token of a link or image made from a reference definition. markdown-it's rule
 * reads `[text](url …)` when a parenthesis closes it, else a reference (`[text][label]`,
 * `[text][]`, `[text]`), which always ends at a bracket: what the rule took says which.
 */
function fromReference(rule: InlineRule, open: string): InlineRule {
  return (state, silent) => {
    const count = state.tokens.length;
    if (!rule(state, silent)) return false;
    if (silent || state.src.charCodeAt(state.pos - 1) !== CLOSE_BRACKET) return true;
    for (let i = count; i < state.tokens.length; i++) {
      const token = state.tokens[i]!;
      if (token.type !== open) continue;
      addNotes(token, { reference: true });
      break;
    }
    return true;
  };
}

/**
 * markdown-it gives every body row of a table as many cells as the header (padding or dropping);
 * mdast gives each row the cells written on its line (at least one). Rows are made so.
 */
function cellsAsWritten(table: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    const first = state.tokens.length;
    if (!table(state, startLine, endLine, silent)) return false;
    if (silent) return true;
    const tokens = state.tokens.splice(first);
    let inBody = false;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      state.tokens.push(token);
      if (token.type === 'tbody_open') inBody = true;
      if (!inBody || token.type !== 'tr_open' || !token.map) continue;
      let close = i + 1;
      while (close < tokens.length && tokens[close]!.type !== 'tr_close') close++;
      const row = token.map[0];
      const cells = rowCells(state.src.slice(state.bMarks[row]! + state.tShift[row]!, state.eMarks[row]));
      const have = (close - i - 1) / 3;
      for (let k = i + 1; k < i + 1 + Math.min(have, cells.length) * 3; k++) state.tokens.push(tokens[k]!);
      if (cells.length > have) state.tokens.push(...extraCells(state, cells.slice(have)));
      i = close - 1;
    }
    return true;
  };
}

function extraCells(state: StateBlock, cells: string[]): Token[] {
  return cells.flatMap((content) => {
    const inline = new state.Token('inline', '', 0);
    inline.content = content.trim();
    inline.children = [];
    return [new state.Token('td_open', 'td', 1), inline, new state.Token('td_close', 'td', -1)];
  });
}

/** The cells of a table row as markdown-it splits them (`\|` is a pipe), and at least one. */
function rowCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let escaped = false;
  const text = line.trim();
  for (const char of text) {
    if (char === '|' && !escaped) {
      cells.push(current);
      current = '';
    } else if (char === '|') current = `${current.slice(0, -1)}|`;
    else current += char;
    escaped = char === '\\';
  }
  cells.push(current);
  if (cells.length > 1 && cells[0] === '') cells.shift();
  if (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** mdast keeps a code span's line breaks (markdown-it makes them spaces); they carry lines. */
function keepCodeLineBreaks(rule: InlineRule): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const count = state.tokens.length;
    if (!rule(state, silent)) return false;
    const token = state.tokens[state.tokens.length - 1];
    if (silent || state.tokens.length === count || token?.type !== 'code_inline') return true;
    const fence = token.markup.length;
    let raw = state.src.slice(start + fence, state.pos - fence);
    token.meta = { newlines: raw.split('\n').length - 1 } satisfies TokenNotes;
    if (/^[ \n]/.test(raw) && /[ \n]$/.test(raw) && /[^ \n]/.test(raw)) raw = raw.slice(1, -1);
    token.content = raw;
    return true;
  };
}

/** Notes on the last token a rule pushed how many line breaks its whole source held. */
function countLines(rule: InlineRule, last: string): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    if (!rule(state, silent)) return false;
    const token = state.tokens[state.tokens.length - 1];
    if (!silent && token?.type === last) {
      let newlines = 0;
      for (
        let i = state.src.indexOf('\n', start);
        i >= 0 && i < state.pos;
        i = state.src.indexOf('\n', i + 1)
      )
        newlines++;
      addNotes(token, { newlines });
    }
    return true;
  };
}

const TILDE = 0x7e;

/**
 * micromark lets `*` and `_` open before, and close after, a tilde (GFM's other emphasis marker)
 * whatever the flanking rules say: `~*a~*` is emphasis there.
 */
function beside(emphasis: InlineRule): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const count = state.delimiters.length;
    if (!emphasis(state, silent)) return false;
    const tildeBefore = start > 0 && state.src.charCodeAt(start - 1) === TILDE;
    const tildeAfter = state.pos < state.posMax && state.src.charCodeAt(state.pos) === TILDE;
    if (!tildeBefore && !tildeAfter) return true;
    const flanks = state.scanDelims(start, true);
    const open = flanks.can_open || tildeAfter;
    const close = flanks.can_close || tildeBefore;
    const star = state.src.charCodeAt(start) === 0x2a;
    const before = start === 0 || SPACE_OR_PUNCTUATION.test(state.src.charAt(start - 1));
    const after = state.pos >= state.posMax || SPACE_OR_PUNCTUATION.test(state.src.charAt(state.pos));
    for (const delimiter of state.delimiters.slice(count)) {
      delimiter.open = star ? open : open && (before || !close);
      delimiter.close = star ? close : close && (after || !open);
    }
    return true;
  };
}

const SPACE_OR_PUNCTUATION = /[\s\p{P}\p{S}]/u;
/** Delimiter marker of a single tilde, so that it pairs only with a single tilde. */
const SINGLE_TILDE = -TILDE;

/** GFM strikethrough: a run of one or two tildes (three or more is text). */
function tildes(state: StateInline, silent: boolean): boolean {
  if (silent || state.src.charCodeAt(state.pos) !== TILDE) return false;
  const scanned = state.scanDelims(state.pos, true);
  const token = state.push('text', '', 0);
  token.content = state.src.slice(state.pos, state.pos + scanned.length);
  if (scanned.length <= 2) {
    state.delimiters.push({
      marker: scanned.length === 1 ? SINGLE_TILDE : TILDE,
      length: 0,
      token: state.tokens.length - 1,
      end: -1,
      open: scanned.can_open,
      close: scanned.can_close,
    });
  }
  state.pos += scanned.length;
  return true;
}

/** Turns the paired tilde runs into strikethrough tokens (which carry no text). */
function pairTildes(state: StateInline): boolean {
  const lists = [state.delimiters, ...state.tokens_meta.map((m) => m?.delimiters ?? [])];
  for (const delimiters of lists) {
    for (const delimiter of delimiters) {
      if (Math.abs(delimiter.marker) !== TILDE || delimiter.end < 0) continue;
      mark(state.tokens[delimiter.token], 's_open');
      mark(state.tokens[delimiters[delimiter.end]!.token], 's_close');
    }
  }
  return true;
}

function mark(token: Token | undefined, type: string): void {
  if (!token) return;
  token.type = type;
  token.content = '';
}
