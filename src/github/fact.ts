/**
 * A GitHub fact as checks see it: a value, or unknown with what would make it observable. Kept
 * apart from the collector (facts.ts) so checks import it without loading the HTTP client, which
 * an offline scan never uses.
 */
import type { Unknown } from '../model/types.js';

export type Fact<T> = { value: T } | { unknown: Unknown };

export function isKnown<T>(fact: Fact<T>): fact is { value: T } {
  return 'value' in fact;
}
