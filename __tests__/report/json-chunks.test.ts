/**
 * The report's JSON written in pieces (src/report/json-chunks.ts) joins to exactly what
 * JSON.stringify(value, null, 2) gives, whatever the value and however deep the walk.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { gather, jsonChunks, jsonDocument } from '../../src/report/json-chunks.js';

const join = (pieces: Iterable<string>) => [...pieces].join('');

describe('jsonChunks', () => {
  it('joins to JSON.stringify(value, null, 2) for any JSON value and walk depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (value, depth) => {
        expect(join(jsonChunks(value, depth))).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('follows JSON.stringify on what it leaves out or converts', () => {
    const when = new Date(Date.UTC(2026, 11, 1));
    const value = {
      gone: undefined,
      fn: () => 1,
      sym: Symbol('s'),
      list: [undefined, () => 1, Symbol('t'), when, { toJSON: (key: string) => `key ${key}` }],
      empty: { only: undefined },
      boxed: [Object(1), Object('two'), Object(false)],
      nested: { deeper: { deepest: [[], {}, [{}], { a: [1, { b: null }] }] } },
      text: 'line\nbreak "quoted" \u2028',
    };
    for (let depth = 0; depth <= 6; depth++) {
      expect(join(jsonChunks(value, depth))).toBe(JSON.stringify(value, null, 2));
    }
  });

  it('applies toJSON at the top, and rejects values with no JSON form', () => {
    expect(join(jsonChunks({ toJSON: () => [1, 2] }))).toBe(JSON.stringify([1, 2], null, 2));
    expect(() => [...jsonChunks(undefined)]).toThrow(TypeError);
    expect(() => [...jsonChunks(() => 1)]).toThrow(TypeError);
  });

  it('throws on a cycle, as JSON.stringify does', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => [...jsonChunks(cyclic)]).toThrow(TypeError);
  });

  it('keeps pieces small: one finding, not the whole report', () => {
    const report = {
      checks: Array.from({ length: 20 }, (_, i) => ({
        id: `check-${i}`,
        findings: Array.from({ length: 200 }, (__, j) => ({
          path: `src/${j}.ts`,
          line: j,
          message: 'x'.repeat(50),
        })),
      })),
    };
    const pieces = [...jsonChunks(report)];
    expect(pieces.join('')).toBe(JSON.stringify(report, null, 2));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200);
  });
});

describe('jsonDocument and gather', () => {
  it('gathers pieces into writes of about the given size, in order', () => {
    const value = { items: Array.from({ length: 5000 }, (_, i) => ({ i, name: `item ${i}` })) };
    const writes = [...gather(jsonDocument(value), 4096)];
    expect(writes.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(writes.length).toBeGreaterThan(10);
    for (const w of writes.slice(0, -1)) expect(w.length).toBeGreaterThanOrEqual(4096);
    expect([...gather([])]).toEqual([]);
  });
});
