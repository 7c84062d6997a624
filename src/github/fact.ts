/**
 * A GitHub fact as checks see it: a value, or unknown with what would make it observable. Kept
 * apart from the collector (facts/) so checks import it without loading the HTTP client, which
 * an offline scan never uses.
 */
import type { Unknown } from '../model/types.js';

export type Fact<T> = { value: T } | { unknown: Unknown };

export function isKnown<T>(fact: Fact<T>): fact is { value: T } {
  return 'value' in fact;
}

export function known<T>(value: T): Fact<T> {
  return { value };
}

/** A fact (or any result) that could not be observed, with what would make it observable. */
export function unobserved(reason: string, howToObserve: string): { unknown: Unknown } {
  return { unknown: { reason, howToObserve } };
}
