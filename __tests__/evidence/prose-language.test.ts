import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { proseLanguage } from '../../src/evidence/markdown-prose.js';

// The reading proseLanguage is held to: lower-case the text, take runs of 1–40 Unicode letters.
const FUNCTION_WORDS =
  'the and to of a in is we you for be will please with by on not are this that or your our if it as any an at can from have should us'.split(
    ' ',
  );
function byRegex(texts: readonly string[]): { language: string; words: number } {
  let words = 0;
  let english = 0;
  for (const text of texts) {
    for (const m of text.toLowerCase().matchAll(/\p{L}{1,40}/gu)) {
      words++;
      if (FUNCTION_WORDS.includes(m[0])) english++;
    }
  }
  if (words < 12) return { language: 'too-short', words };
  return { language: english / words >= 0.1 ? 'english' : 'other', words };
}

const fragment = fc.oneof(
  fc.constantFrom(...FUNCTION_WORDS, 'The', 'AND', 'yOu', 'Please', 'shoulder', 'thee', 'th', 'us1', 'it_s'),
  fc.constantFrom(' ', '  ', '.', ', ', '\n', '-', '`', '@', '[', '{', '_', '0', '~'),
  fc.string({ unit: fc.constantFrom('a', 'e', 't', 'h', 'Z', 'q'), minLength: 1, maxLength: 90 }),
  fc.constantFrom('é', 'ß', 'İ', 'K', 'Δ', '日本', '\u0301'),
);
// eslint-disable-next-line no-control-regex
const asciiFragment = fragment.filter((f) => !/[^\x00-\x7f]/.test(f));
const text = (part: fc.Arbitrary<string>) => fc.array(part, { maxLength: 60 }).map((p) => p.join(''));

describe('proseLanguage', () => {
  it('counts words and function words as the regex reading does, in ASCII text', () => {
    fc.assert(
      fc.property(fc.array(text(asciiFragment), { maxLength: 4 }), (texts) => {
        expect(proseLanguage(texts)).toEqual(byRegex(texts));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the same in text with letters outside ASCII', () => {
    fc.assert(
      fc.property(fc.array(text(fragment), { maxLength: 4 }), (texts) => {
        expect(proseLanguage(texts)).toEqual(byRegex(texts));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a run of more than 40 letters as several words', () => {
    const run = `${'x'.repeat(40)}the`;
    expect(proseLanguage([`${run} `.repeat(6)])).toEqual({ language: 'english', words: 12 });
    expect(proseLanguage([`${'x'.repeat(41)} `.repeat(6)])).toEqual({ language: 'other', words: 12 });
  });
});
