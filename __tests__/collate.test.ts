import { describe, expect, it } from '@jest/globals';
import { collate } from '../src/collate.js';
import { seededChoices } from './support/seeded.js';

const sign = (n: number): number => Math.sign(n) || 0;

describe('collate', () => {
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i));

  it('orders every pair of printable ASCII characters as localeCompare does', () => {
    for (const a of printable)
      for (const b of printable)
        expect([a, b, sign(collate(a, b))]).toEqual([a, b, sign(a.localeCompare(b))]);
  });

  it('orders generated paths as localeCompare does', () => {
    const next = seededChoices(11);
    // Few distinct characters, so that prefixes, case-only differences and equal weights are common.
    const alphabet = [...'aAbB/._-0 9zZ~$'];
    const word = (): string => {
      let w = '';
      for (let n = next(7); n > 0; n--) w += alphabet[next(alphabet.length)];
      return w;
    };
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      const b = next(4) === 0 ? a.toUpperCase() : word();
      expect([a, b, sign(collate(a, b))]).toEqual([a, b, sign(a.localeCompare(b))]);
    }
  });

  it('leaves text outside printable ASCII to localeCompare', () => {
    const cases: Array<[string, string]> = [
      ['a\u0000b', 'ab'],
      ['a\tb', 'ab'],
      ['é', 'e'],
      ['résumé', 'resume'],
      ['𝒜', 'a'],
      ['ä', 'b'],
    ];
    for (const [a, b] of cases) {
      expect(sign(collate(a, b))).toBe(sign(a.localeCompare(b)));
      expect(sign(collate(b, a))).toBe(sign(b.localeCompare(a)));
    }
  });

  it('sorts a list of paths into the same order', () => {
    const paths = [
      'B.md',
      'a.md',
      'A.md',
      'a_b',
      'a-b',
      'a.b',
      'a/b',
      'a0',
      'a9',
      'aZ',
      'az',
      'docs/x',
      'Docs/x',
    ];
    expect([...paths].sort(collate)).toEqual([...paths].sort((a, b) => a.localeCompare(b)));
  });
});
