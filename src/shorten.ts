/**
 * Cutting text for reports. JavaScript strings are UTF-16: a cut between the two halves of a
 * surrogate pair (an emoji, most CJK extensions) leaves a lone half, which JSON and SARIF
 * consumers reject or show as garbage. Every cut of text that can reach an output goes through here.
 */

/** At most `max` UTF-16 units of `text`, never ending in half a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const lastKept = text.charCodeAt(end - 1);
  return text.slice(0, lastKept >= 0xd800 && lastKept <= 0xdbff ? end - 1 : end);
}

/** `text` within `max` UTF-16 units, with `…` when something was cut. */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${cutText(text, max - 1)}…` : text;
}
