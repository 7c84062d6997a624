/**
 * Build-argument expansion as BuildKit does it for global `ARG` defaults and `FROM` lines, over
 * every value an argument can take: `${A:+x}` of an argument that may be empty is `x` or nothing.
 * BuildKit's platform arguments (TARGETARCH, …) are always set, to a value known only at build
 * time: they expand to a wildcard, so `FROM tool-${TARGETOS}` can still be matched to the stages
 * `tool-linux` and `tool-windows`.
 */

/**
 * Stands, inside an expanded value, for text known only at build time (possibly none). A
 * Dockerfile holding NUL is rejected before it is parsed, so the mark never collides with text.
 */
export const ANY = '\u0000';

/** BuildKit's automatic platform arguments: set in the global scope of every build. */
export const PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
]);

/** Values BuildKit's platform arguments take (operating systems and architectures Go builds for). */
export const PLATFORM_VALUES: ReadonlySet<string> = new Set([
  'linux',
  'windows',
  'darwin',
  'freebsd',
  'netbsd',
  'openbsd',
  'illumos',
  'solaris',
  'aix',
  'amd64',
  'arm64',
  'arm',
  '386',
  'ppc64le',
  's390x',
  'riscv64',
  'mips64le',
  'loong64',
]);

export interface Expansion {
  /** Every text the value can expand to, distinct, with ANY where the build fills text in. */
  values: string[];
  /** Arguments without a value it needs (chosen with --build-arg), in order. */
  unresolved: string[];
}

/** Global arguments by name: their expansion, or null when declared without a default. */
export type ArgValues = ReadonlyMap<string, Expansion | null>;

/** Alternatives kept per value; more (only a contrived file) collapse into one wildcard. */
const MAX_ALTERNATIVES = 32;
/** Longer values are no image reference or stage name: they are not followed. */
const MAX_VALUE_CHARS = 4096;
/** `${A:-${B:-…}}` nesting followed; deeper is not a real Dockerfile. */
const MAX_DEPTH = 8;

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?]|##?|%%?|\/\/?)([\s\S]*))?$/;

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}` (with or without the colon),
 * `${NAME:?word}`, and the pattern operators `#`, `##`, `%`, `%%`, `/`, `//` from `args`.
 */
export function expandArgs(text: string, args: ArgValues, depth = 0): Expansion {
  const unresolved: string[] = [];
  let values = [''];
  let literal = '';
  let tooLong = false;
  const flush = (next: readonly string[]): void => {
    values = product(values, literal ? next.map((v) => literal + v) : next);
    literal = '';
    tooLong = values.some((v) => v.length > MAX_VALUE_CHARS);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '$') {
      literal += '$';
      i += 2;
    } else if (c !== '$') {
      literal += c;
      i++;
    } else if (text[i + 1] === '{') {
      const close = closingBrace(text, i + 2);
      if (close < 0) {
        literal += text.slice(i);
        break;
      }
      flush(braced(text.slice(i + 2, close), args, unresolved, depth));
      i = close + 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 257))?.[0];
      if (name === undefined) {
        literal += c;
        i++;
      } else {
        flush(plain(name, args, unresolved));
        i += 1 + name.length;
      }
    }
    if (tooLong || literal.length > MAX_VALUE_CHARS) return { values: [ANY], unresolved };
  }
  flush(['']);
  return { values, unresolved };
}

/** The index of the `}` that closes a `${` whose body starts at `from`, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The values of an argument by name; undefined when it is unset. */
function valuesOf(name: string, args: ArgValues, unresolved: string[]): string[] | undefined {
  const arg = args.get(name);
  if (arg) {
    unresolved.push(...arg.unresolved.filter((n) => !unresolved.includes(n)));
    return arg.values;
  }
  return PLATFORM_ARGS.has(name) ? [ANY] : undefined;
}

function plain(name: string, args: ArgValues, unresolved: string[]): string[] {
  const current = valuesOf(name, args, unresolved);
  if (current) return current;
  if (!unresolved.includes(name)) unresolved.push(name);
  return [ANY];
}

/** May the value be empty: it is, or it is only text filled in at build time. */
function mayBeEmpty(value: string): boolean {
  return value === '' || [...value].every((c) => c === ANY);
}

function braced(body: string, args: ArgValues, unresolved: string[], depth: number): string[] {
  const m = REFERENCE.exec(body);
  if (!m) {
    if (!unresolved.includes(body)) unresolved.push(body);
    return [ANY];
  }
  const [, name, op, rawWord] = m as unknown as [string, string, string | undefined, string | undefined];
  if (op === undefined || op.endsWith('?')) return plain(name, args, unresolved);
  const current = valuesOf(name, args, unresolved);
  const word = (): string[] => {
    if (depth >= MAX_DEPTH) return [ANY];
    const inner = expandArgs(unquoteWord(rawWord ?? ''), args, depth + 1);
    for (const n of inner.unresolved) if (!unresolved.includes(n)) unresolved.push(n);
    return inner.values;
  };
  const colon = op.startsWith(':');
  if (op.endsWith('-')) {
    if (!current) return word();
    return current.flatMap((v) => (colon && mayBeEmpty(v) ? (v === '' ? word() : [v, ...word()]) : [v]));
  }
  if (op.endsWith('+')) {
    if (!current) return [''];
    return current.flatMap((v) => (colon && mayBeEmpty(v) ? (v === '' ? [''] : ['', ...word()]) : word()));
  }
  if (!current) return plain(name, args, unresolved);
  return current.map((v) => trimmed(v, op, unquoteWord(rawWord ?? '')));
}

/** `${V#p}`, `${V%p}`, `${V/p/r}` of one value: computed for literal text, else build-time text. */
function trimmed(value: string, op: string, word: string): string {
  if (value.includes(ANY) || /[*?[\\]/.test(word)) return ANY;
  if (op.startsWith('#')) return value.startsWith(word) ? value.slice(word.length) : value;
  if (op.startsWith('%')) return value.endsWith(word) ? value.slice(0, value.length - word.length) : value;
  const slash = word.indexOf('/');
  const pattern = slash < 0 ? word : word.slice(0, slash);
  const replacement = slash < 0 ? '' : word.slice(slash + 1);
  if (!pattern) return value;
  return op === '//' ? value.split(pattern).join(replacement) : value.replace(pattern, () => replacement);
}

/** A word with its shell quotes removed, as BuildKit reads `${A:+"text"}`. */
function unquoteWord(word: string): string {
  let out = '';
  let quote: string | undefined;
  for (const c of word) {
    if (quote ? c === quote : c === '"' || c === "'") quote = quote ? undefined : c;
    else out += c;
  }
  return out;
}

/** Every concatenation of a value of `left` with one of `right`, distinct, within the cap. */
function product(left: readonly string[], right: readonly string[]): string[] {
  const out = new Set<string>();
  for (const l of left) for (const r of right) out.add(l + r);
  return out.size > MAX_ALTERNATIVES ? [ANY] : [...out];
}

/** A value as a reader sees it: build-time text shown as `*`. */
export function shownValue(value: string): string {
  return value.split(ANY).join('*');
}

/**
 * Whether `name` can be what `pattern` expands to, each ANY standing for any text. Linear: with
 * only wildcards and literal parts, taking each part at its first place after the previous is
 * never worse than a later one.
 */
export function matchesPattern(pattern: string, name: string): boolean {
  const parts = pattern.split(ANY);
  if (parts.length === 1) return pattern === name;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last))
    return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
