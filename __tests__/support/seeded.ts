/**
 * A deterministic source of pseudo-random choices for generated test inputs, so a generated case
 * that fails fails the same way on every run: `next(n)` is in [0, n). Mulberry32, a 32-bit generator
 * whose every bit is well mixed: the linear congruential generator this replaced repeated its low
 * bits with short periods, and its `state % n` left some choices never made.
 */
export function seededChoices(seed: number): (n: number) => number {
  let state = seed | 0;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}
