/**
 * The boundary with mvdan-sh: the lazy load of the parser, one parser reused for every script, the
 * operator codes of this build, and how its syntax tree is read.
 *
 * The tree is read in GopherJS's own representation (`__internal_object__` of the parse result),
 * not through the JavaScript wrappers the package offers: a wrapper is built for every node and
 * field read (all of a node's methods and fields defined as properties each time), which made walking
 * a script twice as slow as parsing it and most of a scan's garbage. The representation used here is
 * small and fixed for the pinned build: a pointer to a struct is the struct object, a slice is
 * `{ $array, $offset, $length }`, a nil pointer is its type's `nil` object, a nil interface an
 * object whose constructor is not a Go type, a string holds UTF-8 bytes, and `constructor.string`
 * names the type (`*syntax.CallExpr`). `probeTree` checks those assumptions on first use.
 */
import { lazyRequire } from './lazy-require.js';

/** A GopherJS type: its name, its nil value, and for a pointer to a struct the struct's fields. */
export interface GoType {
  string: string;
  nil?: unknown;
  elem?: { fields?: Array<{ prop: string; typ: { kind: number } }> };
}

/** A node of the tree (a pointer to a syntax struct) in GopherJS's representation. */
export interface GoNode {
  readonly constructor: GoType;
  Pos(): GoPos;
  End(): GoPos;
  readonly [field: string]: unknown;
}

export interface GoPos {
  Offset(): number;
}

export interface GoParseError {
  Text?: string;
  Pos?: GoPos;
}

interface Wrapper {
  __internal_object__: GoNode;
}

interface Syntax {
  NewParser(...options: unknown[]): { Parse(src: string, name: string): Wrapper };
  KeepComments(keep: boolean): unknown;
  Variant(lang: unknown): unknown;
  LangBash: unknown;
}

/**
 * The parser is loaded on first use: it reads only the scripts unbash does not read cleanly
 * (shell-unbash.ts), and its GopherJS runtime costs tens of milliseconds to start, which a scan
 * without such a script never pays. The bundle ships it as a file of its own beside the chunks.
 */
const mvdanSh = lazyRequire<{ syntax: Syntax }>(
  'mvdan-sh',
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (lazy-require.ts)
  () => require('mvdan-sh'),
);

let parser: { Parse(src: string, name: string): Wrapper } | undefined;

/**
 * Parses a Bash script into its `*syntax.File` node; throws a `GoParseError` when it does not
 * parse. One parser serves every script (mvdan/sh resets it on each Parse).
 */
export function parseToTree(text: string): GoNode {
  if (!parser) {
    const sh = mvdanSh().syntax;
    parser = sh.NewParser(sh.KeepComments(false), sh.Variant(sh.LangBash));
    probeTree(parser);
  }
  return parser.Parse(text, '').__internal_object__;
}

/** True for a non-nil pointer or interface holding a node. */
export function present(value: unknown): value is GoNode {
  if (value === null || typeof value !== 'object') return false;
  const type = (value as { constructor?: Partial<GoType> }).constructor;
  return typeof type?.string === 'string' && value !== type.nil;
}

/** The elements of a Go slice (empty for nil). */
export function items(slice: unknown): GoNode[] {
  const s = slice as { $array?: GoNode[]; $offset?: number; $length?: number } | null | undefined;
  if (!s?.$array || !s.$length) return [];
  const offset = s.$offset ?? 0;
  return s.$array.slice(offset, offset + s.$length);
}

/** The node's type name without package or pointer: `CallExpr`, `Lit`, … (`nil` when absent). */
export function nodeType(node: unknown): string {
  if (!present(node)) return 'nil';
  const name = node.constructor.string;
  return name.slice(Math.max(name.lastIndexOf('.'), name.lastIndexOf('*')) + 1);
}

/** A number field (an operator code). */
export function numberField(node: GoNode, field: string): number {
  return node[field] as number;
}

/** A Go string field as a JavaScript string, decoded from UTF-8 exactly as GopherJS does. */
export function stringField(node: GoNode, field: string): string {
  return fromGoString(node[field] as string);
}

/** Decodes UTF-8 held one byte per character; an invalid byte is U+FFFD (Go's rule). */
export function fromGoString(bytes: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(bytes)) return bytes;
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const [rune, size] = decodeRune(bytes, i);
    out += String.fromCodePoint(rune);
    i += size;
  }
  return out;
}

function decodeRune(s: string, i: number): [rune: number, size: number] {
  const bad: [number, number] = [0xfffd, 1];
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return [b0, 1];
  if (b0 < 0xc0) return bad;
  const cont = (k: number): number => {
    const b = s.charCodeAt(i + k);
    return b >= 0x80 && b < 0xc0 ? b & 0x3f : -1;
  };
  const b1 = cont(1);
  if (b1 < 0) return bad;
  if (b0 < 0xe0) {
    const r = ((b0 & 0x1f) << 6) | b1;
    return r <= 0x7f ? bad : [r, 2];
  }
  const b2 = cont(2);
  if (b2 < 0) return bad;
  if (b0 < 0xf0) {
    const r = ((b0 & 0x0f) << 12) | (b1 << 6) | b2;
    return r <= 0x7ff || (r >= 0xd800 && r <= 0xdfff) ? bad : [r, 3];
  }
  const b3 = cont(3);
  if (b3 < 0 || b0 >= 0xf8) return bad;
  const r = ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3;
  return r <= 0xffff || r > 0x10ffff ? bad : [r, 4];
}

/** GopherJS's kind codes for the fields a generic walk follows. */
const KIND_INTERFACE = 20;
const KIND_PTR = 22;
const KIND_SLICE = 23;

/**
 * Fields mvdan/sh's own Walk does not visit: `${x:$(a):$(b)}`'s bounds. Left out so the commands
 * found are exactly those its Walk found before the tree was read directly.
 */
const UNWALKED_FIELDS = new Set(['*syntax.ParamExp.Slice']);

/**
 * The nodes directly under `node`, in field order (the order mvdan/sh's own Walk visits them):
 * pointers, interfaces and slices of them; positions, flags and strings are not nodes.
 */
export function childNodes(node: GoNode): GoNode[] {
  const out: GoNode[] = [];
  for (const field of node.constructor.elem?.fields ?? []) {
    if (UNWALKED_FIELDS.has(`${node.constructor.string}.${field.prop}`)) continue;
    const kind = field.typ.kind;
    const value = node[field.prop];
    if (kind === KIND_SLICE) {
      // Slices of value structs (comments) hold no nodes: only pointers are followed.
      for (const item of items(value))
        if (present(item) && item.constructor.string[0] === '*') out.push(item);
    } else if ((kind === KIND_PTR || kind === KIND_INTERFACE) && present(value)) out.push(value);
  }
  return out;
}

/** Fails loudly (at the first parse, in every test that parses) if this build is not shaped as assumed. */
function probeTree(p: { Parse(src: string, name: string): Wrapper }): void {
  const file = p.Parse('a "é" 2>&1\n', '').__internal_object__;
  const [stmt] = items(file.Stmts);
  const call = stmt?.Cmd as GoNode | undefined;
  const [, word] = items(call?.Args);
  const [quoted] = items(word?.Parts);
  const [lit] = items(quoted?.Parts);
  const [redirect] = items(stmt?.Redirs);
  const ok =
    nodeType(file) === 'File' &&
    nodeType(call) === 'CallExpr' &&
    nodeType(quoted) === 'DblQuoted' &&
    lit !== undefined &&
    stringField(lit, 'Value') === 'é' &&
    redirect !== undefined &&
    present(redirect.N) &&
    !present(redirect.Hdoc) &&
    word!.End().Offset() === 6 &&
    childNodes(stmt!).length === 2;
  if (!ok) throw new Error('mvdan-sh: unexpected syntax tree representation (a different build?)');
}

export interface OperatorCodes {
  redirects: Map<number, string>;
  pipe: number;
  pipeAll: number;
  processIn: number;
}

let operatorCodes: OperatorCodes | undefined;

/**
 * Operator codes of this parser build, learnt once from probes (on first use, not at import) so a
 * different build cannot misread them.
 */
export function ops(): OperatorCodes {
  operatorCodes ??= probeOperators();
  return operatorCodes;
}

function probeOperators(): OperatorCodes {
  const first = (src: string): GoNode => items(parseToTree(src).Stmts)[0]!;
  const redirOp = (src: string): number => numberField(items(first(src).Redirs)[0]!, 'Op');
  const binOp = (src: string): number => numberField(first(src).Cmd as GoNode, 'Op');
  const procOp = (src: string): number => {
    const arg = items((first(src).Cmd as GoNode).Args)[1]!;
    return numberField(items(arg.Parts)[0]!, 'Op');
  };
  const redirects = new Map<number, string>();
  for (const [op, src] of [
    ['<', 'a < b'],
    ['>', 'a > b'],
    ['>>', 'a >> b'],
    ['<<', 'a <<E\nE\n'],
    ['<<-', 'a <<-E\nE\n'],
    ['<<<', 'a <<< b'],
    ['>|', 'a >| b'],
    ['<>', 'a <> b'],
    ['<&', 'a <& 0'],
    ['>&', 'a >& 1'],
    ['&>', 'a &> b'],
    ['&>>', 'a &>> b'],
  ] as const) {
    redirects.set(redirOp(src), op);
  }
  return {
    redirects,
    pipe: binOp('a | b'),
    pipeAll: binOp('a |& b'),
    processIn: procOp('a <(b)'),
  };
}
