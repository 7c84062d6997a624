/**
 * The prose of a Markdown document: its sentences with the lines they start on, whether it reads as
 * English, and sentences quoted as evidence.
 */
import type { Evidence, Location } from '../model/types.js';
import { quote } from './locate.js';
import type { DocumentLanguage, MarkdownDocument, Sentence, TextBlock } from './markdown-document.js';

/** The source line of an offset in a block's text. */
export function lineAt(block: TextBlock, offset: number): number {
  let line = block.line;
  const starts = block.lineStarts;
  for (let i = 0; i < starts.length && starts[i]! <= offset; i += 2) line = starts[i + 1]!;
  return line;
}

/** Splits a block into sentences (table rows and headings are one sentence each). */
export function sentencesOf(path: string, block: TextBlock): Sentence[] {
  if (block.kind !== 'paragraph' && block.kind !== 'list-item') {
    const lead = block.text.length - block.text.trimStart().length;
    return [{ path, text: block.text.trim(), line: block.line, block, start: lead }];
  }
  const out: Sentence[] = [];
  let start = 0;
  // A sentence ends at . ! ? followed by a space; "e.g. " splits too, which only shortens a quote.
  const boundary = /[.!?](?= )/g;
  const push = (end: number): void => {
    const raw = block.text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ path, text, line: lineAt(block, start + lead), block, start: start + lead });
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

/** A span of a sentence's text: what a check found in it. */
export interface SentenceSpan {
  index: number;
  length: number;
}

/** Quotes shown in reports are at most this long. */
const QUOTE_MAX = 160;

/**
 * Evidence that quotes a sentence where it stands. Given the span that says what the evidence is
 * about, it points at that span's line and keeps the span in the quote, however long the sentence.
 */
export function sentenceEvidence(
  summary: string,
  sentence: Sentence,
  span?: SentenceSpan,
): Evidence & Location {
  const line = span ? lineAt(sentence.block, sentence.start + span.index) : sentence.line;
  return { summary, path: sentence.path, line, quote: quoteAround(sentence.text, span) };
}

/** The sentence quoted whole when it fits, else from shortly before the span, so the span is shown. */
function quoteAround(text: string, span: SentenceSpan | undefined): string {
  const oneLine = quote(text, QUOTE_MAX);
  if (!span || text.length <= QUOTE_MAX || span.index + span.length < QUOTE_MAX - 20) return oneLine;
  // Start at a word, shortly before the span.
  const from = text.indexOf(' ', Math.max(0, span.index - 60)) + 1;
  return `…${quote(text.slice(from > 0 && from <= span.index ? from : span.index), QUOTE_MAX - 1)}`;
}

// Words that make up a large share of any English prose and rarely appear in other languages.
const ENGLISH_WORDS = new Set(
  'the and to of a in is we you for be will please with by on not are this that or your our if it as any an at can from have should us'.split(
    ' ',
  ),
);

/** A word of up to six ASCII letters as a number: each lower-case letter a digit 1–26 in base 27. */
function asciiWordKey(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = key * 27 + (word.charCodeAt(i) - 96);
  return key;
}

const ENGLISH_KEYS = new Set([...ENGLISH_WORDS].map(asciiWordKey));
const LONGEST_ENGLISH_WORD = Math.max(...[...ENGLISH_WORDS].map((w) => w.length));
/** Words are runs of at most this many letters: a longer run is read as several words. */
const MAX_WORD = 40;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Judges whether prose is English from the share of common English function words. */
export function proseLanguage(texts: readonly string[]): { language: DocumentLanguage; words: number } {
  const count = { words: 0, english: 0 };
  for (const text of texts) {
    if (NON_ASCII.test(text)) countWords(text, count);
    else countAsciiWords(text, count);
  }
  const { words, english } = count;
  if (words < 12) return { language: 'too-short', words };
  // English prose runs at 25–40% function words; other languages using Latin script at under 5%.
  return { language: english / words >= 0.1 ? 'english' : 'other', words };
}

type WordCount = { words: number; english: number };

/** Any text: words are runs of Unicode letters, compared lower-cased. */
function countWords(text: string, count: WordCount): void {
  for (const m of text.toLowerCase().matchAll(/\p{L}{1,40}/gu)) {
    count.words++;
    if (ENGLISH_WORDS.has(m[0])) count.english++;
  }
}

/**
 * ASCII text, the same count without a string per word: most documents' prose has only ASCII
 * letters, and reading it match by match as above was 8 % of what a Markdown-heavy scan allocated.
 */
function countAsciiWords(text: string, count: WordCount): void {
  let length = 0;
  let key = 0;
  const end = (): void => {
    count.words++;
    if (length <= LONGEST_ENGLISH_WORD && ENGLISH_KEYS.has(key)) count.english++;
    length = 0;
    key = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const lower = text.charCodeAt(i) | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      if (length < LONGEST_ENGLISH_WORD) key = key * 27 + (lower - 96);
      if (++length === MAX_WORD) end();
    } else if (length > 0) end();
  }
  if (length > 0) end();
}
