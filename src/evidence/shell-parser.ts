/**
 * The boundary with mvdan-sh: the shapes of its GopherJS syntax tree this code reads, the lazy load
 * of the parser, and the operator codes of this build.
 */
import { lazyRequire } from './lazy-require.js';

export interface GoPos {
  Offset(): number;
}
export interface GoNode {
  Pos(): GoPos;
  End(): GoPos;
}
export interface GoWord extends GoNode {
  Parts: GoNode[];
}
export interface GoStmt extends GoNode {
  Cmd: GoNode | null;
  Redirs: GoRedirect[];
}
export interface GoRedirect extends GoNode {
  Op: number;
  N: { Value: string } | null;
  Word: GoWord | null;
  Hdoc: GoWord | null;
}
export interface GoParseError {
  Text?: string;
  Pos?: GoPos;
}
export interface Syntax {
  NewParser(...options: unknown[]): { Parse(src: string, name: string): { Stmts: GoStmt[] } };
  KeepComments(keep: boolean): unknown;
  Variant(lang: unknown): unknown;
  LangBash: unknown;
  NodeType(node: unknown): string;
  Walk(node: unknown, visit: (node: unknown) => boolean): void;
}

/**
 * The parser is loaded on first use: most scripts are plain (parseSimpleScript) and its GopherJS
 * runtime costs tens of milliseconds to start, which a scan with only plain scripts never pays.
 */
const mvdanSh = lazyRequire<{ syntax: Syntax }>(
  'mvdan-sh',
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (lazy-require.ts)
  () => require('mvdan-sh'),
);
export function syntaxModule(): Syntax {
  return mvdanSh().syntax;
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
  const sh = syntaxModule();
  const parser = sh.NewParser(sh.Variant(sh.LangBash));
  const redirOp = (src: string): number => parser.Parse(src, '').Stmts[0]!.Redirs[0]!.Op;
  const binOp = (src: string): number =>
    (parser.Parse(src, '').Stmts[0]!.Cmd as unknown as { Op: number }).Op;
  const procOp = (src: string): number => {
    const call = parser.Parse(src, '').Stmts[0]!.Cmd as unknown as { Args: GoWord[] };
    return (call.Args[1]!.Parts[0] as unknown as { Op: number }).Op;
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
