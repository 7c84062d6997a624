import { describe, expect, it } from '@jest/globals';
import { countText, moreOf } from '../../src/checks/check.js';
import { seededChoices } from '../support/seeded.js';

describe('countText', () => {
  it('writes counts as toLocaleString("en-GB") does, without loading ICU', () => {
    const next = seededChoices(7);
    const counts = [
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      1001,
      12_345,
      999_999,
      1_000_000,
      Number.MAX_SAFE_INTEGER,
    ];
    // Every length of number up to 16 digits, each digit drawn.
    for (let i = 0; i < 2000; i++) {
      const digits = 1 + next(16);
      let n = 0;
      for (let d = 0; d < digits; d++) n = n * 10 + next(10);
      counts.push(n);
    }
    for (const n of counts) expect([n, countText(n)]).toEqual([n, n.toLocaleString('en-GB')]);
  });

  it('leaves what is not a count to the locale method', () => {
    for (const n of [-1, -1234, -0, 1.5, 1234.5678, 2 ** 60, Number.NaN, Infinity])
      expect(countText(n)).toBe(n.toLocaleString('en-GB'));
  });

  it('reads "N more" with thousands grouped', () => {
    expect(moreOf(1, 'file', 'files')).toBe('1 more file');
    expect(moreOf(12_345, 'file', 'files')).toBe('12,345 more files');
  });
});
