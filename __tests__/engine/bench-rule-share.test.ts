/** The benchmark's share of the workflow audit checks (bench/rule-share.ts): arithmetic, not timing. */
import { describe, expect, it } from '@jest/globals';
import { auditShare, auditShareOfPairs } from '../../bench/rule-share.js';

describe('the workflow audit checks share', () => {
  it('is what the full scan takes over the scan without them', () => {
    expect(auditShare(1000, 900)).toBeCloseTo(0.1);
  });

  it('comes from the median pair, so one pair timed in a slow stretch does not decide it', () => {
    const pairs: Array<[number, number]> = [
      [3000, 2900],
      [3400, 2800],
      [2950, 2870],
    ];
    const { share, pair } = auditShareOfPairs(pairs);
    expect(pair).toEqual([3000, 2900]);
    expect(share).toBeCloseTo(100 / 3000);
  });

  it('refuses to give a share without a pair', () => {
    expect(() => auditShareOfPairs([])).toThrow('no pairs');
  });
});
