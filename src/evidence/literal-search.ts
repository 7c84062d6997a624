/**
 * Whether a file's bytes hold any of a few short ASCII literals (the secret scan's markers): the
 * question the scan asks of every source file, about 100 MB on a repository like moby.
 *
 * Asked of the bytes as a Latin-1 string, V8's regular expressions answer at about 1.5 ns a byte,
 * copy included. This searcher answers three to four times faster, with the "Teddy" prefilter of
 * Intel's Hyperscan in WebAssembly SIMD: each literal is represented by three consecutive bytes of
 * it (its window), and each window by a bit (its bucket) in two 16-entry tables per window
 * position, indexed by a byte's low and high four bits. Sixteen positions at a time, a position
 * whose three bytes each find their bucket in both tables is a candidate; only candidates are
 * compared with the literals, here in JavaScript. Windows and buckets change how many positions
 * are candidates, never the answer: every occurrence of a literal makes its window's position a
 * candidate, and every candidate is compared in full.
 *
 * The module is built here, byte by byte, from the few instructions it needs. Where WebAssembly
 * or its SIMD instructions are missing, the same question goes to a regular expression.
 */

/** A literal and where its window is: which three bytes stand for it, and in which bucket (0–7). */
export interface SearchedLiteral {
  text: string;
  /** Offset of the window's first byte in `text`. */
  window: number;
  bucket: number;
}

/** Bytes searched per call into the module; a longer input is searched in overlapping chunks. */
export const CHUNK_BYTES = 1 << 20;
/** Where the searched bytes start in the module's memory (the tables lie before). */
const BASE = 256;
/** Bytes the kernel may read past the end of a chunk: its last block, two positions on. */
const TAIL_BYTES = 64;

/** Whether bytes hold one of the literals; `simd` says which way it answers. */
export type LiteralSearcher = ((bytes: Uint8Array) => boolean) & { readonly simd: boolean };

/**
 * A searcher for `literals`; each must be ASCII and at least 3 characters long. `simd: false`
 * asks for the regular expression (tests hold the two to the same answers).
 */
export function literalSearch(
  literals: readonly SearchedLiteral[],
  { simd = true }: { simd?: boolean } = {},
): LiteralSearcher {
  for (const { text, window, bucket } of literals) {
    const ascii = [...text].every((c) => c.charCodeAt(0) > 0 && c.charCodeAt(0) < 0x80);
    if (!ascii || text.length < 3 || !(window >= 0 && window + 3 <= text.length && bucket >= 0 && bucket < 8))
      throw new Error(`cannot search for ${JSON.stringify(text)} with window ${window} in bucket ${bucket}`);
  }
  const longest = Math.max(0, ...literals.map((l) => l.text.length));
  const kernel = simd ? simdKernel(literals, CHUNK_BYTES + 2 * longest) : undefined;
  if (!kernel) return Object.assign(regexSearch(literals), { simd: false });
  const codes = literals.map((l) => ({ ...l, codes: [...l.text].map((c) => c.charCodeAt(0)) }));
  const { memory, scan } = kernel;
  // The module's memory is sized for a chunk once and never grows, so this view stays valid.
  const heap = new Uint8Array(memory.buffer);

  /** Whether a literal whose window is at `at` in memory lies wholly in [BASE, limit) there. */
  const literalAt = (at: number, limit: number): boolean =>
    codes.some(({ codes: c, window }) => {
      const start = at - window;
      if (start < BASE || start + c.length > limit) return false;
      for (let i = 0; i < c.length; i++) if (heap[start + i] !== c[i]) return false;
      return true;
    });

  const byRegex = regexSearch(literals);
  const search = (bytes: Uint8Array): boolean => {
    // Text made of the windows' own bytes makes nearly every block a candidate, and comparing them
    // all would cost several times the regular expression: past this many, it answers instead.
    // Source code stays far below (moby: one candidate block in 47 KB).
    let candidates = 64 + bytes.length / 512;
    for (let from = 0; from < bytes.length; from += CHUNK_BYTES) {
      // The chunk goes in with `longest` bytes of its neighbours on either side, so a literal
      // whose window starts in the chunk is wholly in memory; each window starts in one chunk.
      const copyFrom = Math.max(0, from - longest);
      const copyTo = Math.min(bytes.length, from + CHUNK_BYTES + longest);
      const copied = BASE + copyTo - copyFrom;
      heap.set(bytes.subarray(copyFrom, copyTo), BASE);
      heap.fill(0, copied, copied + TAIL_BYTES);
      const end = BASE + Math.min(bytes.length, from + CHUNK_BYTES) - copyFrom;
      for (let p = BASE + from - copyFrom; p < end;) {
        const block = scan(p, end);
        if (block < 0) break;
        if (--candidates < 0) return byRegex(bytes);
        for (let at = block; at < block + 16 && at < end; at++) if (literalAt(at, copied)) return true;
        p = block + 16;
      }
    }
    return false;
  };
  return Object.assign(search, { simd: true });
}

/** One pattern matching any of `texts` as written. */
export function anyOfPattern(texts: readonly string[]): RegExp {
  return new RegExp(texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}

/** The same answer from a regular expression over the bytes read as Latin-1. */
function regexSearch(literals: readonly SearchedLiteral[]): (bytes: Uint8Array) => boolean {
  const pattern = anyOfPattern(literals.map((l) => l.text));
  return (bytes) =>
    literals.length > 0 &&
    pattern.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'));
}

/**
 * The six tables: for window byte j (0–2), the buckets of the windows whose byte j has a given low
 * four bits (16 bytes), then a given high four bits (16 bytes).
 */
export function teddyTables(literals: readonly SearchedLiteral[]): Uint8Array {
  const tables = new Uint8Array(96);
  for (const { text, window, bucket } of literals) {
    for (let j = 0; j < 3; j++) {
      const c = text.charCodeAt(window + j);
      tables[j * 32 + (c & 15)]! |= 1 << bucket;
      tables[j * 32 + 16 + (c >> 4)]! |= 1 << bucket;
    }
  }
  return tables;
}

interface Kernel {
  memory: { buffer: ArrayBuffer };
  /** The first 16-byte block at or after `p`, before `end`, holding a candidate; -1 if none. */
  scan: (p: number, end: number) => number;
}

/** The part of the WebAssembly API used here (Node's types do not declare it all). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** The compiled module with the tables in place, or undefined where it cannot run. */
function simdKernel(literals: readonly SearchedLiteral[], chunkBytes: number): Kernel | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const pages = Math.ceil((BASE + chunkBytes + TAIL_BYTES) / 65536);
  try {
    const bytes = teddyModule(pages);
    if (!wasm?.validate(bytes)) return undefined;
    const { exports } = new wasm.Instance(new wasm.Module(bytes));
    const memory = exports.memory as Kernel['memory'];
    new Uint8Array(memory.buffer).set(teddyTables(literals), 0);
    return { memory, scan: exports.scan as Kernel['scan'] };
  } catch {
    return undefined;
  }
}

// WebAssembly's binary format: the few opcodes the kernel uses.
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  void: 0x40,
};
/** SIMD instructions: the 0xfd prefix, then their number. */
const simd = {
  load: 0x00,
  const: 0x0c,
  swizzle: 0x0e,
  and: 0x4e,
  anyTrue: 0x53,
  shrU: 0x6d,
};

function leb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>>= 7;
    if (n === 0) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const simdOp = (code: number): number[] => [0xfd, ...leb(code)];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const name = (text: string): number[] => [...leb(text.length), ...[...text].map((c) => c.charCodeAt(0))];

/**
 * The module: one memory of `pages` pages, exported with `scan(p, end)`. Locals 0 and 1 are the
 * parameters; 2–7 hold the tables; 8 a block of bytes; 9 the candidates found so far in it.
 */
function teddyModule(pages: number): Uint8Array {
  const get = (i: number) => [op.localGet, i];
  const set = (i: number) => [op.localSet, i];
  const loadAt = (offset: number) => [...simdOp(simd.load), 0, ...leb(offset)];
  const lowBits = [...simdOp(simd.const), ...new Array<number>(16).fill(0x0f)];
  // Buckets of the block's bytes shifted by `j`: the low table looked up by the low four bits,
  // and with it the high table by the high four bits.
  const bucketsAt = (j: number) => [
    ...get(0),
    ...loadAt(j),
    ...set(8),
    ...get(2 + 2 * j),
    ...get(8),
    ...lowBits,
    ...simdOp(simd.and),
    ...simdOp(simd.swizzle),
    ...get(3 + 2 * j),
    ...get(8),
    op.i32Const,
    4,
    ...simdOp(simd.shrU),
    ...simdOp(simd.swizzle),
    ...simdOp(simd.and),
  ];
  const body = [
    ...[0, 1, 2, 3, 4, 5].flatMap((t) => [op.i32Const, 0, ...loadAt(t * 16), ...set(2 + t)]),
    op.block,
    op.void,
    op.loop,
    op.void,
    ...get(0),
    ...get(1),
    op.i32GeU,
    op.brIf,
    1,
    ...bucketsAt(0),
    ...set(9),
    ...bucketsAt(1),
    ...get(9),
    ...simdOp(simd.and),
    ...set(9),
    ...bucketsAt(2),
    ...get(9),
    ...simdOp(simd.and),
    ...simdOp(simd.anyTrue),
    op.if,
    op.void,
    ...get(0),
    op.return,
    op.end,
    ...get(0),
    op.i32Const,
    16,
    op.i32Add,
    ...set(0),
    op.br,
    0,
    op.end,
    op.end,
    op.i32Const,
    0x7f, // -1
    op.end,
  ];
  const code = [1, 8, V128, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 2, I32, I32, 1, I32]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, ...leb(pages)]),
    ...section(7, [2, ...name('scan'), 0, 0, ...name('memory'), 2, 0]),
    ...section(10, [1, ...leb(code.length), ...code]),
  ]);
}
