/** The benchmark's share of the workflow audit checks (bench/rule-share.ts): arithmetic, not timing. */
import { describe, expect, it } from '@jest/globals';
import { auditShare, auditShareOfPairs } from '../../bench/rule-share.js';

describe('the workflow audit checks share', () => {
  it('is what the full scan takes over the scan without them', () => {
    expect(auditShare(1000, 900)).toBeCloseTo(0.1);
  });

  it('comes from the median pair, so one pair timed in a slow stretch does not decide it', () => {
    const pairs = [
      { full: 3000, without: 2900, fullFirst: true },
      { full: 3400, without: 2800, fullFirst: true },
      { full: 2950, without: 2870, fullFirst: true },
    ];
    const { share, median } = auditShareOfPairs(pairs);
    expect(median).toEqual(pairs[0]);
    expect(share).toBeCloseTo(100 / 3000);
  });

  it('averages the medians of the two orders, so favouring the second scan of a pair cancels out', () => {
    // Pairs with the full scan first read 8-12 % (the reduced scan favoured), the others -2 to 2 %.
    const pairs = [
      { full: 1000, without: 900, fullFirst: true },
      { full: 1000, without: 920, fullFirst: true },
      { full: 1000, without: 880, fullFirst: true },
      { full: 1000, without: 1000, fullFirst: false },
      { full: 1000, without: 980, fullFirst: false },
      { full: 1000, without: 1020, fullFirst: false },
    ];
    expect(auditShareOfPairs(pairs).share).toBeCloseTo((0.1 + 0) / 2);
  });

  it('refuses to give a share without a pair', () => {
    expect(() => auditShareOfPairs([])).toThrow('no pairs');
  });
});
