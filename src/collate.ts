/**
 * Sorting text as `a.localeCompare(b)` does (ICU's root collation, Node's default locale data),
 * without loading ICU's collation tables: their first use costs 5–10 ms, on every scan that sorts
 * a path. Reports sort findings and files this way, so the order must stay exactly ICU's: text of
 * printable ASCII (nearly every path) is compared here by ICU's weights for those characters, and
 * anything else is left to `localeCompare`. A generated test holds the two to the same answers.
 */

/**
 * Printable ASCII other than letters in ICU's root order: blanks and punctuation, symbols, digits.
 * Letters follow, `a` to `z`, each letter's two cases sharing one weight.
 */
const BEFORE_LETTERS = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789';

/** By character code: its primary weight (0 outside printable ASCII). */
const PRIMARY = new Uint8Array(128);
for (let i = 0; i < BEFORE_LETTERS.length; i++) PRIMARY[BEFORE_LETTERS.charCodeAt(i)] = i + 1;
for (let i = 0; i < 26; i++) {
  PRIMARY[0x61 + i] = BEFORE_LETTERS.length + 1 + i;
  PRIMARY[0x41 + i] = BEFORE_LETTERS.length + 1 + i;
}

/** Negative when `a` sorts before `b`, positive after, 0 when equal: the sign `localeCompare` gives. */
export function collate(a: string, b: string): number {
  if (a === b) return 0;
  // eslint-disable-next-line no-restricted-properties -- ICU's own order for the rest of Unicode
  if (!isPrintableAscii(a) || !isPrintableAscii(b)) return a.localeCompare(b);
  const shared = Math.min(a.length, b.length);
  // First the characters' weights; a string that runs out first sorts first.
  for (let i = 0; i < shared; i++) {
    const d = PRIMARY[a.charCodeAt(i)]! - PRIMARY[b.charCodeAt(i)]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // Then case, from the left: lower case before upper.
  for (let i = 0; i < shared; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}

function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
