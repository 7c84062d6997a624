/**
 * GFM's autolink literals as micromark recognises them, written anew to run over a string of
 * plain text: `www.` links, `http://` and `https://` links, and email addresses, each only after
 * the characters micromark allows before it, with its rules for domains, paths and trailing
 * punctuation. Linear:
 * the trailing-punctuation look-ahead remembers how far it read.
 */

export interface LiteralLink {
  start: number;
  end: number;
  url: string;
}

const DOT = 0x2e;
const UNDERSCORE = 0x5f;
const DASH = 0x2d;

/**
 * The autolink literals micromark's tokenizer finds in `text`, in order; none where `labelOpen`
 * (asked at growing offsets) says a link label is open.
 */
export function tokenizerLinks(text: string, labelOpen: (offset: number) => boolean): LiteralLink[] {
  const scan = new Scan(text);
  const links: LiteralLink[] = [];
  for (let i = 0; i < text.length;) {
    const prev = i === 0 ? -1 : text.charCodeAt(i - 1);
    const c = text.charCodeAt(i);
    let end = -1;
    let url = '';
    if (!isAtext(c) || labelOpen(i)) {
      i++;
      continue;
    }
    if (isAtext(c) && prev !== 0x2f && !isAtext(prev)) {
      end = scan.email(i);
      url = `mailto:${text.slice(i, end)}`;
    }
    if (end < 0 && (c === 0x68 || c === 0x48) && !isAsciiAlpha(prev)) {
      end = scan.protocol(i);
      url = text.slice(i, end);
    }
    if (
      end < 0 &&
      (c === 0x77 || c === 0x57) &&
      (prev === -1 || /[\t\n\r (*_[\]~]/.test(String.fromCharCode(prev)))
    ) {
      end = scan.www(i);
      url = `http://${text.slice(i, end)}`;
    }
    if (end > i) {
      links.push({ start: i, end, url });
      i = end;
    } else i++;
  }
  return links;
}

class Scan {
  private trailFrom = -1;
  private trailUntil = -1;
  private trailResult = false;

  constructor(private readonly text: string) {}

  private at(i: number): number {
    return i < this.text.length ? this.text.charCodeAt(i) : -1;
  }

  email(start: number): number {
    let j = start;
    while (isAtext(this.at(j))) j++;
    if (this.at(j) !== 0x40) return -1;
    j++;
    let data = false;
    let dot = false;
    for (;;) {
      const c = this.at(j);
      if (c === DOT) {
        if (!isAsciiAlphanumeric(this.at(j + 1))) break;
        dot = true;
      } else if (c === DASH || c === UNDERSCORE || isAsciiAlphanumeric(c)) data = true;
      else break;
      j++;
    }
    return data && dot && isAsciiAlpha(this.at(j - 1)) ? j : -1;
  }

  protocol(start: number): number {
    let j = start + 1;
    while (isAsciiAlpha(this.at(j)) && j - start < 5) j++;
    const scheme = this.text.slice(start, j).toLowerCase();
    if (this.at(j) !== 0x3a || (scheme !== 'http' && scheme !== 'https')) return -1;
    if (this.at(j + 1) !== 0x2f || this.at(j + 2) !== 0x2f) return -1;
    j += 3;
    const c = this.at(j);
    if (c === -1 || c < 0x20 || c === 0x7f || isWhitespace(c) || isPunctuation(c)) return -1;
    const end = this.domain(j);
    return end < 0 ? -1 : this.path(end);
  }

  www(start: number): number {
    if (this.text.slice(start, start + 4).toLowerCase() !== 'www.' || start + 4 >= this.text.length)
      return -1;
    const end = this.domain(start);
    return end < 0 ? -1 : this.path(end);
  }

  private domain(start: number): number {
    let underscoreLast = false;
    let underscoreBefore = false;
    let seen = false;
    let j = start;
    for (; ; j++) {
      const c = this.at(j);
      if (c === DOT || c === UNDERSCORE) {
        if (this.trail(j)) break;
        if (c === UNDERSCORE) underscoreLast = true;
        else {
          underscoreBefore = underscoreLast;
          underscoreLast = false;
        }
        continue;
      }
      if (c === -1 || isWhitespace(c) || (c !== DASH && isPunctuation(c))) break;
      seen = true;
    }
    return underscoreLast || underscoreBefore || !seen ? -1 : j;
  }

  private path(start: number): number {
    let opened = 0;
    let closed = 0;
    for (let j = start; ; j++) {
      const c = this.at(j);
      if (c === 0x28) opened++;
      else if (c === 0x29 && closed < opened) closed++;
      else if (PATH_PUNCTUATION.has(c)) {
        if (this.trail(j)) return j;
        if (c === 0x29) closed++;
      } else if (c === -1 || isWhitespace(c)) return j;
    }
  }

  /** Whether the punctuation from `start` on only trails the link (ends it there). */
  private trail(start: number): boolean {
    // Every position a scan passes through reaches the same decision.
    if (start > this.trailFrom && start < this.trailUntil) return this.trailResult;
    let j = start;
    let result: boolean;
    for (;;) {
      const c = this.at(j);
      if (TRAIL.has(c)) {
        j++;
        continue;
      }
      if (c === 0x26) {
        j++;
        if (!isAsciiAlpha(this.at(j))) {
          result = false;
          break;
        }
        while (isAsciiAlpha(this.at(j))) j++;
        if (this.at(j) !== 0x3b) {
          result = false;
          break;
        }
        j++;
        continue;
      }
      if (c === 0x5d) {
        j++;
        const next = this.at(j);
        if (next === -1 || next === 0x28 || next === 0x5b || isWhitespace(next)) {
          result = true;
          break;
        }
        continue;
      }
      result = c === 0x3c || c === -1 || isWhitespace(c);
      break;
    }
    this.trailFrom = start;
    this.trailUntil = j;
    this.trailResult = result;
    return result;
  }
}

const TRAIL = new Set([...'!"\')*,.:;?_~'].map((c) => c.charCodeAt(0)));
const PATH_PUNCTUATION = new Set([...'!"&\')*,.:;<?]_~'].map((c) => c.charCodeAt(0)));

function isAtext(c: number): boolean {
  return c === 0x2b || c === DASH || c === DOT || c === UNDERSCORE || isAsciiAlphanumeric(c);
}

function isAsciiAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAsciiAlphanumeric(c: number): boolean {
  return isAsciiAlpha(c) || (c >= 0x30 && c <= 0x39);
}

function isWhitespace(c: number): boolean {
  return c !== -1 && /\s/.test(String.fromCharCode(c));
}

function isPunctuation(c: number): boolean {
  return c !== -1 && /[\p{P}\p{S}]/u.test(String.fromCharCode(c));
}
