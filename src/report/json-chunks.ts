/**
 * `JSON.stringify(value, null, 2)`, produced in pieces. A report of a large monorepo is ten
 * megabytes of JSON; built as one string, then copied into the bytes written, it was the scan's
 * memory peak (about 45 MB on top of everything else at the very end). Written piece by piece,
 * the largest piece is one element a few levels down (one check's results).
 *
 * The pieces join to exactly what `JSON.stringify(value, null, 2)` gives: the first `depth`
 * levels of arrays and objects are walked here with the same rules (`toJSON`, keys whose value is
 * undefined, a function or a symbol left out, such array elements written as null), and what is
 * below is stringified by JSON.stringify itself and indented to its place. Strings in JSON never
 * hold a raw line break, so shifting every line of a nested value keeps it exact.
 */

const GAP = '  ';

/** The pieces of `JSON.stringify(value, null, 2)`, walking `depth` levels of containers. */
export function* jsonChunks(value: unknown, depth = 4): Generator<string> {
  const top = prepare(value, '');
  if (top === undefined)
    throw new TypeError('the value has no JSON form (undefined, a function or a symbol)');
  yield* walk(top, depth, 0);
}

function* walk(value: unknown, depth: number, level: number): Generator<string> {
  if (depth <= 0 || !isContainer(value)) {
    const text = JSON.stringify(value, null, GAP);
    yield level === 0 ? text : text.replaceAll('\n', `\n${GAP.repeat(level)}`);
    return;
  }
  const inner = `\n${GAP.repeat(level + 1)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `[${inner}` : `,${inner}`;
      yield* walk(prepare(value[i], String(i)) ?? null, depth - 1, level + 1);
    }
    yield `\n${GAP.repeat(level)}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const member = prepare((value as Record<string, unknown>)[key], key);
    if (member === undefined) continue;
    yield `${first ? '{' : ','}${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* walk(member, depth - 1, level + 1);
  }
  yield first ? '{}' : `\n${GAP.repeat(level)}}`;
}

/** A value as JSON.stringify sees it: after `toJSON`; undefined when it is left out. */
function prepare(value: unknown, key: string): unknown {
  let v = value;
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = (toJSON as (key: string) => unknown).call(v, key);
  }
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
}

/** Arrays and plain-shaped objects are walked; boxed primitives and the rest go to JSON.stringify. */
function isContainer(value: unknown): value is object {
  return (
    value !== null &&
    typeof value === 'object' &&
    !(
      value instanceof Number ||
      value instanceof String ||
      value instanceof Boolean ||
      value instanceof BigInt
    )
  );
}

/** A JSON report file's text, `JSON.stringify(value, null, 2)` and a line break, in pieces. */
export function* jsonDocument(value: unknown): Generator<string> {
  yield* jsonChunks(value);
  yield '\n';
}

/**
 * Joins pieces into strings of about `size` characters, one write each (a report's pieces are
 * thousands of small strings). Small on purpose: a megabyte gathered at a time outlived young
 * garbage collections and added 20 MB to the large scan's peak; 64 KB does not.
 */
export function* gather(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length) yield parts.join('');
}
