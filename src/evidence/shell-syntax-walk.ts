/**
 * Walks mvdan-sh's syntax tree into the flat list of simple commands a `ShellScript` holds: every
 * command of pipelines, lists, compound commands and substitutions, with words after quote removal
 * and positions mapped to the file.
 */
import { fileOffsetOf, sliceSource, type ScriptSource } from './script-source.js';
import {
  ops,
  syntaxModule,
  type GoNode,
  type GoPos,
  type GoRedirect,
  type GoStmt,
  type GoWord,
} from './shell-parser.js';
import type { ShellCommand, ShellRedirect, ShellSubstitution, ShellWord } from './shell.js';

/** Collects the commands of one script; `commands` holds them in the order they were walked. */
export class SyntaxWalker {
  readonly commands: ShellCommand[] = [];
  private pipelines = 0;

  constructor(
    private readonly source: ScriptSource,
    private readonly toIndex: (byte: number) => number,
  ) {}

  private index(pos: GoPos): number {
    return this.toIndex(pos.Offset());
  }

  private file(pos: GoPos): number {
    return fileOffsetOf(this.source, this.index(pos));
  }

  stmts(stmts: readonly GoStmt[] | null | undefined, substituted: boolean): void {
    for (const s of stmts ?? []) this.stmt(s, substituted, { id: this.pipelines++, stage: 0, stages: 1 });
  }

  private stmt(
    stmt: GoStmt,
    substituted: boolean,
    pipe: { id: number; stage: number; stages: number },
  ): void {
    const redirects = (stmt.Redirs ?? []).map((r) => this.redirect(r, substituted));
    const cmd = stmt.Cmd;
    if (!cmd) {
      if (redirects.length) this.push([], [], redirects, stmt, pipe, substituted);
      return;
    }
    const type = syntaxModule().NodeType(cmd);
    const node = cmd as unknown as Record<string, unknown>;
    switch (type) {
      case 'CallExpr': {
        const assigns = ((node.Assigns as GoNode[] | null) ?? []).map((a) => this.assign(a, substituted));
        const args = ((node.Args as GoWord[] | null) ?? []).map((w) => this.word(w, substituted));
        this.push(args, assigns, redirects, stmt, pipe, substituted);
        return;
      }
      case 'BinaryCmd': {
        const op = node.Op as number;
        const x = node.X as GoStmt;
        const y = node.Y as GoStmt;
        if (op === ops().pipe || op === ops().pipeAll) {
          // Flatten `a | b | c` (parsed as (a | b) | c) into one pipeline of three stages.
          const stages: GoStmt[] = [];
          this.pipeStages(stmt, stages);
          const id = this.pipelines++;
          stages.forEach((s, i) => this.stmt(s, substituted, { id, stage: i, stages: stages.length }));
        } else {
          this.stmt(x, substituted, pipe);
          this.stmt(y, substituted, pipe.stages > 1 ? pipe : { id: this.pipelines++, stage: 0, stages: 1 });
        }
        this.redirectsOnly(redirects, stmt, substituted);
        return;
      }
      case 'IfClause': {
        this.stmts(node.Cond as GoStmt[], substituted);
        this.stmts(node.Then as GoStmt[], substituted);
        const otherwise = node.Else as GoNode | null;
        if (otherwise)
          this.stmt(
            { Cmd: otherwise, Redirs: [], Pos: () => otherwise.Pos(), End: () => otherwise.End() },
            substituted,
            pipe,
          );
        this.redirectsOnly(redirects, stmt, substituted);
        return;
      }
      case 'WhileClause':
        this.stmts(node.Cond as GoStmt[], substituted);
        this.stmts(node.Do as GoStmt[], substituted);
        this.redirectsOnly(redirects, stmt, substituted);
        return;
      case 'ForClause':
        this.nestedWords(node.Loop, substituted);
        this.stmts(node.Do as GoStmt[], substituted);
        this.redirectsOnly(redirects, stmt, substituted);
        return;
      case 'CaseClause':
        this.nestedWords(node.Word, substituted);
        for (const item of (node.Items as Array<{ Stmts: GoStmt[] }> | null) ?? [])
          this.stmts(item.Stmts, substituted);
        this.redirectsOnly(redirects, stmt, substituted);
        return;
      case 'Block':
      case 'Subshell':
        // A braced group or subshell used as a pipeline stage keeps the stage for each command in it.
        for (const s of (node.Stmts as GoStmt[] | null) ?? [])
          this.stmt(s, substituted, pipe.stages > 1 ? pipe : { id: this.pipelines++, stage: 0, stages: 1 });
        this.redirectsOnly(redirects, stmt, substituted);
        return;
      case 'FuncDecl':
        this.stmt(node.Body as GoStmt, substituted, { id: this.pipelines++, stage: 0, stages: 1 });
        return;
      case 'TimeClause':
      case 'CoprocClause': {
        const inner = node.Stmt as GoStmt | null;
        if (inner) this.stmt(inner, substituted, pipe);
        return;
      }
      case 'DeclClause': {
        // `export A=$(curl …)`, `local x=…`: the keyword is the command, assignments its arguments.
        const variant = node.Variant as { Value: string } | null;
        const assigns = ((node.Args as GoNode[] | null) ?? []).map((a) => this.assign(a, substituted));
        const name: ShellWord[] = variant
          ? [
              {
                raw: variant.Value,
                value: variant.Value,
                loose: variant.Value,
                offset: this.file(cmd.Pos()),
                end: this.file(cmd.Pos()) + variant.Value.length,
                substitutions: [],
              },
            ]
          : [];
        this.push(name, assigns, redirects, stmt, pipe, substituted);
        return;
      }
      default:
        // `[[ … ]]`, `(( … ))`, `let`: only substitutions inside them can run commands.
        this.nestedWords(cmd, substituted);
        this.redirectsOnly(redirects, stmt, substituted);
    }
  }

  private pipeStages(stmt: GoStmt, out: GoStmt[]): void {
    const cmd = stmt.Cmd as unknown as { Op?: number; X?: GoStmt; Y?: GoStmt } | null;
    if (
      cmd &&
      syntaxModule().NodeType(cmd) === 'BinaryCmd' &&
      (cmd.Op === ops().pipe || cmd.Op === ops().pipeAll) &&
      out.length < 10_000
    ) {
      this.pipeStages(cmd.X!, out);
      this.pipeStages(cmd.Y!, out);
    } else {
      out.push(stmt);
    }
  }

  private redirectsOnly(redirects: ShellRedirect[], stmt: GoStmt, substituted: boolean): void {
    // Redirections on a compound command: kept as a command with no words so their targets are seen.
    if (redirects.length)
      this.push([], [], redirects, stmt, { id: this.pipelines++, stage: 0, stages: 1 }, substituted);
  }

  private push(
    args: ShellWord[],
    assigns: ShellCommand['assigns'],
    redirects: ShellRedirect[],
    stmt: GoStmt,
    pipe: { id: number; stage: number; stages: number },
    substituted: boolean,
  ): void {
    this.commands.push({
      args,
      assigns,
      redirects,
      offset: this.file(stmt.Pos()),
      end: this.file(stmt.End()),
      pipeline: pipe.id,
      stage: pipe.stage,
      stages: pipe.stages,
      substituted,
    });
  }

  private assign(node: GoNode, substituted: boolean): { name: string; value?: ShellWord } {
    const a = node as unknown as {
      Name: { Value: string } | null;
      Value: GoWord | null;
      Array: GoNode | null;
    };
    if (a.Array) this.nestedWords(a.Array, substituted);
    return { name: a.Name?.Value ?? '', value: a.Value ? this.word(a.Value, substituted) : undefined };
  }

  private redirect(r: GoRedirect, substituted: boolean): ShellRedirect {
    const op = ops().redirects.get(r.Op) ?? String(r.Op);
    const out: ShellRedirect = { op };
    if (r.N) out.fd = r.N.Value;
    if (r.Word) out.target = this.word(r.Word, substituted);
    if (r.Hdoc) {
      const start = this.index(r.Hdoc.Pos());
      const end = this.index(r.Hdoc.End());
      const quoted =
        (r.Word?.Parts ?? []).some((p) => {
          const t = syntaxModule().NodeType(p);
          return t === 'SglQuoted' || t === 'DblQuoted';
        }) ||
        (out.target?.raw.includes('\\') ?? false);
      // The parser's body may run through the closing delimiter line; the body stops before it.
      let stop = Math.max(start, end);
      const delimiter = out.target?.value;
      const body = this.source.text.slice(start, stop);
      if (delimiter && body.trimEnd().endsWith(delimiter)) {
        const lineStart = body.trimEnd().lastIndexOf('\n') + 1;
        if (body.slice(lineStart).trim() === delimiter) stop = start + lineStart;
      }
      out.heredoc = { source: sliceSource(this.source, start, stop), quoted };
    }
    return out;
  }

  word(w: GoWord, substituted: boolean): ShellWord {
    const start = this.index(w.Pos());
    const end = this.index(w.End());
    const raw = this.source.text.slice(start, end);
    const substitutions: ShellSubstitution[] = [];
    let value: string | undefined = '';
    let loose = '';
    const parts = (ps: readonly GoNode[] | null | undefined, quoted: boolean): void => {
      for (const p of ps ?? []) {
        const type = syntaxModule().NodeType(p);
        const node = p as unknown as Record<string, unknown>;
        const text = this.source.text.slice(this.index(p.Pos()), this.index(p.End()));
        if (type === 'Lit') {
          const v = unescapeLiteral(String(node.Value), quoted);
          if (value !== undefined) value += v;
          loose += v;
        } else if (type === 'SglQuoted') {
          const v = String(node.Value);
          if (value !== undefined) value += v;
          loose += v;
        } else if (type === 'DblQuoted') {
          parts(node.Parts as GoNode[], true);
        } else if (type === 'CmdSubst' || type === 'ProcSubst') {
          value = undefined;
          loose += text;
          const before = this.commands.length;
          this.stmts(node.Stmts as GoStmt[], true);
          const kind =
            type === 'CmdSubst' ? 'command' : node.Op === ops().processIn ? 'process-in' : 'process-out';
          substitutions.push({ kind, commands: this.commands.slice(before), offset: this.file(p.Pos()) });
        } else {
          // Parameter and arithmetic expansions, globs, brace expansions: not a static value.
          value = undefined;
          loose += text;
          this.nestedWords(p, substituted);
        }
      }
    };
    parts(w.Parts, false);
    return {
      raw,
      value,
      loose,
      offset: fileOffsetOf(this.source, start),
      end: fileOffsetOf(this.source, end),
      substitutions,
    };
  }

  /** Finds command substitutions anywhere under a node that is not a plain word list. */
  private nestedWords(node: unknown, substituted: boolean): void {
    if (!node) return;
    if (Array.isArray(node)) {
      for (const n of node) this.nestedWords(n, substituted);
      return;
    }
    syntaxModule().Walk(node, (n) => {
      if (!n) return true;
      const type = syntaxModule().NodeType(n);
      if (type === 'CmdSubst' || type === 'ProcSubst') {
        this.stmts((n as { Stmts: GoStmt[] }).Stmts, true);
        return false;
      }
      return true;
    });
    void substituted;
  }
}

/**
 * Quote removal for a literal: a backslash escapes the next character, and `\<newline>` is dropped.
 * Inside double quotes it escapes only `$`, `` ` ``, `"`, `\` and newline, and stays before any other.
 */
function unescapeLiteral(s: string, doubleQuoted: boolean): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const next = s[i + 1];
    if (c === '\\' && next !== undefined && (!doubleQuoted || '$`"\\\n'.includes(next))) {
      if (next !== '\n') out += next;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}
