/**
 * GFM autolink literals (`www.example.com`, `https://…`, `someone@example.com`) in a run of plain
 * text, found as mdast with GFM finds them: first by micromark's tokenizer rules
 * (markdown-autolink-tokens.ts), whose links have source positions; then, in the text left between
 * them, by mdast-util-gfm-autolink-literal's four patterns, whose links, and the text around them,
 * have none.
 */
import { tokenizerLinks } from './markdown-autolink-tokens.js';

/** A piece of a text run: plain text, or a link whose text is `value`. */
export interface TextPiece {
  value: string;
  url?: string;
  /** False for pieces mdast leaves without a source position. */
  positioned: boolean;
}

type Finder = (match: RegExpExecArray) => Array<Omit<TextPiece, 'positioned'>> | undefined;

const PATTERNS: Array<[RegExp, Finder]> = [
  [/(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi, findUrl],
  [/(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?/g, findXmpp],
  [/(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g, findMailto],
  [/(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g, findEmail],
];

/** Cheap test first: most text has no candidate at all. */
const CANDIDATE = /www\.|https?:\/\/|@/i;

/**
 * Splits `text` into plain text and autolink literals. micromark's tokenizer makes none where a link
 * label (`[`) is open and not yet closed (`labelOpen`).
 */
export function splitAutolinks(text: string, labelOpen: (offset: number) => boolean): TextPiece[] {
  if (!CANDIDATE.test(text)) return [{ value: text, positioned: true }];
  const out: TextPiece[] = [];
  let start = 0;
  for (const link of tokenizerLinks(text, labelOpen)) {
    if (link.start > start) out.push(...transformed(text.slice(start, link.start)));
    out.push({ value: text.slice(link.start, link.end), url: link.url, positioned: true });
    start = link.end;
  }
  if (start < text.length) out.push(...transformed(text.slice(start)));
  return out;
}

/** A text node after mdast's transform: itself, or pieces without positions. */
function transformed(value: string): TextPiece[] {
  let pieces: Array<Omit<TextPiece, 'positioned'>> = [{ value }];
  let found = false;
  for (const [pattern, find] of PATTERNS) {
    const next: Array<Omit<TextPiece, 'positioned'>> = [];
    for (const piece of pieces) {
      if (piece.url !== undefined) next.push(piece);
      else found = replaceIn(piece.value, pattern, find, next) || found;
    }
    pieces = next;
  }
  return pieces.map((p) => ({ ...p, positioned: !found }));
}

/** Adjacent plain text merges, as mdast's find-and-replace merges it. */
function add(pieces: Array<Omit<TextPiece, 'positioned'>>, piece: Omit<TextPiece, 'positioned'>): void {
  const last = pieces[pieces.length - 1];
  if (last && last.url === undefined && piece.url === undefined) last.value += piece.value;
  else if (piece.value !== '' || piece.url !== undefined) pieces.push(piece);
}

/** Applies one pattern to one text node, adding the pieces to `out`; true when it matched. */
function replaceIn(
  value: string,
  pattern: RegExp,
  find: Finder,
  out: Array<Omit<TextPiece, 'positioned'>>,
): boolean {
  let start = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    const found = find(match);
    if (!found) {
      pattern.lastIndex = match.index + 1;
      continue;
    }
    if (start !== match.index) add(out, { value: value.slice(start, match.index) });
    for (const piece of found) add(out, piece);
    start = match.index + match[0].length;
  }
  if (start === 0) {
    add(out, { value });
    return false;
  }
  if (start < value.length) add(out, { value: value.slice(start) });
  return true;
}

function findUrl(match: RegExpExecArray): ReturnType<Finder> {
  const [, protocolOrWww = '', domainPart = '', path = ''] = match;
  if (!previousAllowed(match)) return undefined;
  let protocol = protocolOrWww;
  let domain = domainPart;
  let prefix = '';
  if (/^w/i.test(protocol)) {
    domain = protocol + domain;
    protocol = '';
    prefix = 'http://';
  }
  if (/^[\p{P}\p{S}]/u.test(domain) || !isCorrectDomain(domain)) return undefined;
  const [url, trail] = splitUrl(domain + path);
  const link = { value: protocol + url, url: prefix + protocol + url };
  return trail ? [link, { value: trail }] : [link];
}

function findEmail(match: RegExpExecArray): ReturnType<Finder> {
  const [, atext = '', label = ''] = match;
  if (/[\d\-_]$/.test(label)) return undefined;
  return [{ value: `${atext}@${label}`, url: `mailto:${atext}@${label}` }];
}

function findMailto(match: RegExpExecArray): ReturnType<Finder> {
  const [, atext = '', label = ''] = match;
  if (/[\d\-_]$/.test(label)) return undefined;
  const value = `mailto:${atext}@${label}`;
  return [{ value, url: value }];
}

function findXmpp(match: RegExpExecArray): ReturnType<Finder> {
  const [whole, atext = '', label = '', resource] = match;
  if (
    /[\d\-_]$/.test(label) ||
    (resource && (!/[A-Za-z]$/.test(resource) || match.input.charAt(match.index + whole.length) === '@'))
  )
    return undefined;
  const value = `xmpp:${atext}@${label}${resource ?? ''}`;
  return [{ value, url: value }];
}

/** The character before a URL must be whitespace or punctuation (or nothing). */
function previousAllowed(match: RegExpExecArray): boolean {
  if (match.index === 0) return true;
  return /[\s\p{P}\p{S}]/u.test(match.input.charAt(match.index - 1));
}

function isCorrectDomain(domain: string): boolean {
  const parts = domain.split('.');
  const bad = (part: string | undefined): boolean => !!part && (/_/.test(part) || !/[\dA-Za-z]/.test(part));
  return parts.length >= 2 && !bad(parts[parts.length - 1]) && !bad(parts[parts.length - 2]);
}

const TRAILING = new Set([...'!"&\'),.:;<>?]}']);

/** Trailing punctuation is not part of a URL, except closing parentheses that balance it. */
function splitUrl(whole: string): [url: string, trail: string | undefined] {
  let index = whole.length;
  while (index > 0 && TRAILING.has(whole.charAt(index - 1))) index--;
  if (index === whole.length) return [whole, undefined];
  let url = whole.slice(0, index);
  let trail = whole.slice(index);
  let closing = trail.indexOf(')');
  const opening = count(url, '(');
  let closed = count(url, ')');
  while (closing !== -1 && opening > closed) {
    url += trail.slice(0, closing + 1);
    trail = trail.slice(closing + 1);
    closing = trail.indexOf(')');
    closed++;
  }
  return [url, trail];
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}
