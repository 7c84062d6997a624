/**
 * A script as a piece of the file it came from: its text and a map from each script offset to the
 * file offset it stands at (a script may be a YAML block scalar or a Dockerfile instruction), so
 * every position a check reports points into the file. GitHub `${{ … }}` expressions are masked
 * here so a `run:` script parses without moving any offset.
 */

/** Script text and where each of its characters stands in the file it came from. */
export interface ScriptSource {
  text: string;
  /**
   * Ascending starts of runs of characters that are contiguous in the file: text offset `at` is file
   * offset `file`, and so on until the next run.
   */
  segments: ReadonlyArray<{ at: number; file: number }>;
}

/** A script that is a whole file (or starts at `fileOffset` and is contiguous in it). */
export function contiguousSource(text: string, fileOffset = 0): ScriptSource {
  return { text, segments: [{ at: 0, file: fileOffset }] };
}

/** The file offset of a script offset. */
export function fileOffsetOf(source: ScriptSource, at: number): number {
  const segs = source.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.at <= at) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo] ?? { at: 0, file: 0 };
  return seg.file + (at - seg.at);
}

/** The part of a source between two script offsets, keeping its map to the file. */
export function sliceSource(source: ScriptSource, start: number, end: number): ScriptSource {
  const segments: Array<{ at: number; file: number }> = [{ at: 0, file: fileOffsetOf(source, start) }];
  for (const seg of source.segments) {
    if (seg.at > start && seg.at < end) segments.push({ at: seg.at - start, file: seg.file });
  }
  return { text: source.text.slice(start, end), segments };
}

/**
 * Replaces each GitHub `${{ … }}` expression with a placeholder word of the same length (newlines
 * kept), so the script parses and every offset still points at the original text.
 */
export function maskExpressions(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('${{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 3);
    if (close < 0) break;
    const inner = text.slice(open, close + 2);
    out +=
      text.slice(from, open) + EXPRESSION_MARK + inner.slice(EXPRESSION_MARK.length).replace(/[^\n]/g, '_');
    from = close + 2;
  }
  return out + text.slice(from);
}

/** Starts every masked `${{ … }}` expression (`${{}}` is 5 characters: the mark fits). */
export const EXPRESSION_MARK = 'GHEX';
