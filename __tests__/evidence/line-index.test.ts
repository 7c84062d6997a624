import { describe, expect, it } from '@jest/globals';
import { LineIndex } from '../../src/evidence/line-index.js';

describe('LineIndex', () => {
  it('turns an offset into a 1-based line and column', () => {
    const lines = LineIndex.of('ab\ncd\n\nef');
    expect(lines.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(lines.positionAt(4)).toEqual({ line: 2, column: 2 });
    expect(lines.positionAt(6)).toEqual({ line: 3, column: 1 });
    expect(lines.positionAt(8)).toEqual({ line: 4, column: 2 });
  });

  it('counts CRLF as one break and a lone CR as a break, as editors do', () => {
    const lines = LineIndex.of('a\r\nb\rc');
    expect(lines.lineAt(3)).toBe(2);
    expect(lines.lineAt(5)).toBe(3);
  });

  it('counts only LF in YAML mode, as the YAML lexer does', () => {
    const lines = LineIndex.of('a\rb\nc', 'lf');
    expect(lines.positionAt(2)).toEqual({ line: 1, column: 3 });
    expect(lines.lineAt(4)).toBe(2);
  });

  it('gives the span between two offsets', () => {
    expect(LineIndex.of('key: value\nnext').span(5, 13)).toEqual({
      line: 1,
      column: 6,
      endLine: 2,
      endColumn: 3,
    });
  });

  it('maps a 0-based line and character back to an offset, clamped to the text', () => {
    const lines = LineIndex.of('ab\ncd');
    expect(lines.offsetOf(1, 1, 5)).toBe(4);
    expect(lines.offsetOf(9, 0, 5)).toBe(5);
  });
});
