/**
 * The byte search for short ASCII literals (the secret scan's markers) answers exactly as a
 * search of the bytes read as Latin-1 does: wherever a literal stands (at the start, at the end,
 * across the module's 16-byte blocks and its 1 MiB chunks), beside bytes that are not ASCII, and
 * whatever windows and buckets represent the literals.
 */
import { describe, expect, it } from '@jest/globals';
import {
  CHUNK_BYTES,
  literalSearch,
  teddyTables,
  type SearchedLiteral,
} from '../../src/evidence/literal-search.js';
import { ANY_CREDENTIAL_MARKER, bytesHoldMarker } from '../../src/evidence/credential-formats.js';

const LITERALS: SearchedLiteral[] = [
  { text: 'PRIVATE KEY', window: 6, bucket: 0 },
  { text: 'abc_', window: 0, bucket: 1 },
  { text: 'xyz', window: 0, bucket: 1 },
  { text: 'pat-tern', window: 2, bucket: 7 },
  { text: 'Qq9', window: 0, bucket: 3 },
];
const simd = literalSearch(LITERALS);
const regex = literalSearch(LITERALS, { simd: false });

/** The answer by definition: does the text, one character a byte, contain a literal? */
function truth(bytes: Uint8Array, literals = LITERALS): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  return literals.some((l) => text.includes(l.text));
}

/** A reproducible generator (the tests must not depend on chance). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Bytes near the literals: their own characters, their neighbours' nibbles, and bytes over 0x7f. */
const ALPHABET = [...new Set([...'PRIVATE KEYabc_xyzpat-ternQq9 \nAaBbXx`~Pp', '\u00c5', '\u00ff'])].map(
  (c) => c.charCodeAt(0),
);

function randomBytes(next: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
  return bytes;
}

function plant(bytes: Uint8Array, at: number, text: string): Uint8Array {
  for (let i = 0; i < text.length && at + i < bytes.length; i++) bytes[at + i] = text.charCodeAt(i);
  return bytes;
}

describe('the literal byte search', () => {
  it('runs on WebAssembly SIMD here, and the regular expression is there when asked for', () => {
    expect(simd.simd).toBe(true);
    expect(regex.simd).toBe(false);
  });

  it('finds every literal at every offset, and nothing once its last byte is changed', () => {
    for (const { text } of LITERALS) {
      for (const length of [text.length, text.length + 1, 15, 16, 17, 31, 32, 33, 48, 100]) {
        for (let at = 0; at + text.length <= length; at++) {
          const bytes = plant(new Uint8Array(length).fill(0x2e), at, text);
          expect([text, length, at, simd(bytes)]).toEqual([text, length, at, true]);
          bytes[at + text.length - 1] = 0x2e;
          expect([text, length, at, simd(bytes)]).toEqual([text, length, at, false]);
        }
      }
    }
  });

  it('answers as the regular expression and as the definition on 4,000 random texts', () => {
    const next = random(7);
    for (let n = 0; n < 4000; n++) {
      const bytes = randomBytes(next, Math.floor(next() * 300));
      // Half the texts get a literal, often cut short by the end of the text.
      if (next() < 0.5 && bytes.length > 0) {
        const { text } = LITERALS[Math.floor(next() * LITERALS.length)]!;
        plant(bytes, Math.floor(next() * bytes.length), text);
      }
      const expected = truth(bytes);
      expect([n, simd(bytes), regex(bytes)]).toEqual([n, expected, expected]);
    }
  });

  it('finds a literal across the boundary of two chunks, and once per text', () => {
    const filler = 0x2e;
    for (const { text } of LITERALS) {
      for (const boundary of [CHUNK_BYTES, 2 * CHUNK_BYTES]) {
        for (let back = 0; back <= text.length; back++) {
          const bytes = plant(new Uint8Array(2 * CHUNK_BYTES + 100).fill(filler), boundary - back, text);
          expect([text, boundary, back, simd(bytes)]).toEqual([text, boundary, back, true]);
        }
      }
    }
    // The last byte of a text exactly one chunk long, and the first of the next chunk.
    expect(simd(plant(new Uint8Array(CHUNK_BYTES).fill(filler), CHUNK_BYTES - 3, 'xyz'))).toBe(true);
    expect(simd(plant(new Uint8Array(CHUNK_BYTES + 3).fill(filler), CHUNK_BYTES, 'xyz'))).toBe(true);
    expect(simd(new Uint8Array(3 * CHUNK_BYTES).fill(filler))).toBe(false);
  });

  it('answers on text made of the windows themselves, where nearly every block is a candidate', () => {
    // The windows of three literals, none of the literals whole.
    const dense = (tail: string) =>
      Uint8Array.from(Buffer.from(`${'E Kabct-tE KabcE'.repeat(80_000)}${tail}`, 'latin1'));
    expect(simd(dense(''))).toBe(false);
    expect(simd(dense('Qq'))).toBe(false);
    expect(simd(dense('Qq9'))).toBe(true);
    expect(simd(dense('PRIVATE KEY'))).toBe(true);
  });

  it('gives the same answers whatever windows and buckets stand for the literals', () => {
    const next = random(11);
    const texts = randomBytesSet(next);
    for (let round = 0; round < 20; round++) {
      const literals = LITERALS.map(({ text }) => ({
        text,
        window: Math.floor(next() * (text.length - 2)),
        bucket: Math.floor(next() * 8),
      }));
      const search = literalSearch(literals);
      for (const bytes of texts) expect(search(bytes)).toBe(truth(bytes, literals));
    }
  });

  it('puts each window byte in its bucket, by its low and its high four bits', () => {
    const tables = teddyTables([{ text: 'AZ_', window: 0, bucket: 5 }]);
    const bit = 1 << 5;
    [...'AZ_'].forEach((c, j) => {
      const code = c.charCodeAt(0);
      expect(tables[j * 32 + (code & 15)]! & bit).toBe(bit);
      expect(tables[j * 32 + 16 + (code >> 4)]! & bit).toBe(bit);
    });
    expect([...tables].filter((b) => b !== 0)).toHaveLength(6);
  });

  it('refuses literals it cannot search for', () => {
    expect(() => literalSearch([{ text: 'ab', window: 0, bucket: 0 }])).toThrow(/cannot search/);
    expect(() => literalSearch([{ text: 'caf\u00e9', window: 0, bucket: 0 }])).toThrow(/cannot search/);
    expect(() => literalSearch([{ text: 'abcd', window: 2, bucket: 0 }])).toThrow(/cannot search/);
    expect(() => literalSearch([{ text: 'abcd', window: 0, bucket: 8 }])).toThrow(/cannot search/);
    expect(literalSearch([])(new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe("the secret scan's markers", () => {
  it('are found in bytes exactly where the pattern finds them in the text', () => {
    const markers = ANY_CREDENTIAL_MARKER.source.split('|').map((m) => m.replace(/\\(.)/g, '$1'));
    expect(markers.length).toBeGreaterThan(10);
    const next = random(3);
    for (let n = 0; n < 2000; n++) {
      const bytes = randomBytes(next, Math.floor(next() * 200));
      if (next() < 0.6 && bytes.length > 0)
        plant(bytes, Math.floor(next() * bytes.length), markers[Math.floor(next() * markers.length)]!);
      const expected = ANY_CREDENTIAL_MARKER.test(Buffer.from(bytes).toString('latin1'));
      expect([n, bytesHoldMarker(bytes)]).toEqual([n, expected]);
    }
  });
});

function randomBytesSet(next: () => number): Uint8Array[] {
  return Array.from({ length: 300 }, () => {
    const bytes = randomBytes(next, 20 + Math.floor(next() * 200));
    const { text } = LITERALS[Math.floor(next() * LITERALS.length)]!;
    return next() < 0.5 ? plant(bytes, Math.floor(next() * bytes.length), text) : bytes;
  });
}
