/**
 * A deterministic source of pseudo-random choices for generated test inputs (a linear congruential
 * generator), so a generated case that fails fails the same way on every run: `next(n)` is in [0, n).
 */
export function seededChoices(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}
