/**
 * One line index for every parsed file: the offsets where its lines start, built once, so an offset
 * becomes a 1-based line and column by binary search (workflows, action files, Dockerfiles, SBOMs
 * and Dependabot configs all report through it).
 */
import type { Span } from '../model/types.js';

/**
 * Which characters end a line. YAML positions follow `yaml`'s lexer, which starts a line only after
 * `\n` (a lone `\r` is not a break there); other formats count `\n`, `\r\n` and a lone `\r`, as
 * editors do.
 */
export type LineBreaks = 'lf' | 'any';

export class LineIndex {
  private constructor(private readonly starts: readonly number[]) {}

  /** The index of `text`'s lines (one pass over the text). */
  static of(text: string, breaks: LineBreaks = 'any'): LineIndex {
    const starts = [0];
    if (breaks === 'lf') {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
      return new LineIndex(starts);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13) starts.push(i + 1);
    }
    return new LineIndex(starts);
  }

  /** The 1-based line and column of a source offset (offsets past the end stay on the last line). */
  positionAt(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }

  /** The offset of a 0-based line and character (an LSP position); past the end is the text's end. */
  offsetOf(line: number, character: number, textLength: number): number {
    return Math.min(textLength, (this.starts[line] ?? textLength) + character);
  }

  /** The 1-based line of a source offset. */
  lineAt(offset: number): number {
    return this.positionAt(offset).line;
  }

  /** The span of the source text between two offsets (`end` exclusive). */
  span(start: number, end: number): Required<Span> {
    const s = this.positionAt(start);
    const e = this.positionAt(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }
}
