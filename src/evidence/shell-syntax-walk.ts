/**
 * Walks mvdan-sh's syntax tree into the flat list of simple commands a `ShellScript` holds: every
 * command of pipelines, lists, compound commands and substitutions, with words after quote removal
 * and positions mapped to the file. The tree is read through shell-parser.ts's accessors.
 */
import { fileOffsetOf, sliceSource, type ScriptSource } from './script-source.js';
import { CommandCollector, type Pipe, type WordParts } from './shell-collector.js';
import {
  childNodes,
  items,
  nodeType,
  numberField,
  ops,
  present,
  stringField,
  type GoNode,
  type GoPos,
} from './shell-parser.js';
import type { ShellCommand, ShellRedirect, ShellWord } from './shell.js';

/** Collects the commands of one script from mvdan-sh's tree. */
export class SyntaxWalker extends CommandCollector {
  constructor(
    source: ScriptSource,
    private readonly toIndex: (byte: number) => number,
  ) {
    super(source);
  }

  private index(pos: GoPos): number {
    return this.toIndex(pos.Offset());
  }

  private file(pos: GoPos): number {
    return fileOffsetOf(this.source, this.index(pos));
  }

  stmts(stmts: unknown, substituted: boolean): void {
    for (const s of items(stmts)) this.stmt(s, substituted, this.single());
  }

  private stmt(stmt: GoNode, substituted: boolean, pipe: Pipe): void {
    const redirects = items(stmt.Redirs).map((r) => this.redirect(r, substituted));
    const cmd = stmt.Cmd;
    if (!present(cmd)) {
      if (redirects.length) this.push([], [], redirects, stmt, pipe, substituted);
      return;
    }
    this.command(cmd, redirects, stmt, substituted, pipe);
  }

  /** One command node; `at` is the node whose position the command takes (its statement). */
  private command(
    cmd: GoNode,
    redirects: ShellRedirect[],
    at: GoNode,
    substituted: boolean,
    pipe: Pipe,
  ): void {
    switch (nodeType(cmd)) {
      case 'CallExpr': {
        const assigns = items(cmd.Assigns).map((a) => this.assign(a, substituted));
        const args = items(cmd.Args).map((w) => this.word(w, substituted));
        this.push(args, assigns, redirects, at, pipe, substituted);
        return;
      }
      case 'BinaryCmd': {
        const op = numberField(cmd, 'Op');
        if (op === ops().pipe || op === ops().pipeAll) {
          // Flatten `a | b | c` (parsed as (a | b) | c) into one pipeline of three stages.
          const stages: GoNode[] = [];
          this.pipeStages(at, stages);
          const id = this.nextPipeline();
          stages.forEach((s, i) => this.stmt(s, substituted, { id, stage: i, stages: stages.length }));
        } else {
          this.stmt(cmd.X as GoNode, substituted, pipe);
          this.stmt(cmd.Y as GoNode, substituted, pipe.stages > 1 ? pipe : this.single());
        }
        this.redirectsOnly(redirects, at, substituted);
        return;
      }
      case 'IfClause': {
        this.stmts(cmd.Cond, substituted);
        this.stmts(cmd.Then, substituted);
        const otherwise = cmd.Else;
        if (present(otherwise)) this.command(otherwise, [], otherwise, substituted, pipe);
        this.redirectsOnly(redirects, at, substituted);
        return;
      }
      case 'WhileClause':
        this.stmts(cmd.Cond, substituted);
        this.stmts(cmd.Do, substituted);
        this.redirectsOnly(redirects, at, substituted);
        return;
      case 'ForClause':
        this.nestedWords(cmd.Loop);
        this.stmts(cmd.Do, substituted);
        this.redirectsOnly(redirects, at, substituted);
        return;
      case 'CaseClause':
        this.nestedWords(cmd.Word);
        for (const item of items(cmd.Items)) this.stmts(item.Stmts, substituted);
        this.redirectsOnly(redirects, at, substituted);
        return;
      case 'Block':
      case 'Subshell':
        // A braced group or subshell used as a pipeline stage keeps the stage for each command in it.
        for (const s of items(cmd.Stmts)) this.stmt(s, substituted, pipe.stages > 1 ? pipe : this.single());
        this.redirectsOnly(redirects, at, substituted);
        return;
      case 'FuncDecl':
        if (present(cmd.Body)) this.stmt(cmd.Body, substituted, this.single());
        return;
      case 'TimeClause':
      case 'CoprocClause':
        if (present(cmd.Stmt)) this.stmt(cmd.Stmt, substituted, pipe);
        return;
      case 'DeclClause':
        this.declaration(cmd, redirects, at, substituted, pipe);
        return;
      default:
        // `[[ … ]]`, `(( … ))`, `let`: only substitutions inside them can run commands.
        this.nestedWords(cmd);
        this.redirectsOnly(redirects, at, substituted);
    }
  }

  /** `export A=$(curl …)`, `local x=…`: the keyword is the command, assignments its arguments. */
  private declaration(
    cmd: GoNode,
    redirects: ShellRedirect[],
    at: GoNode,
    substituted: boolean,
    pipe: Pipe,
  ): void {
    const variant = cmd.Variant;
    const assigns = items(cmd.Args).map((a) => this.assign(a, substituted));
    let name: ShellWord[] = [];
    if (present(variant)) {
      const value = stringField(variant, 'Value');
      const offset = this.file(cmd.Pos());
      name = [{ raw: value, value, loose: value, offset, end: offset + value.length, substitutions: [] }];
    }
    this.push(name, assigns, redirects, at, pipe, substituted);
  }

  private pipeStages(stmt: GoNode, out: GoNode[]): void {
    const cmd = stmt.Cmd;
    if (
      present(cmd) &&
      nodeType(cmd) === 'BinaryCmd' &&
      (numberField(cmd, 'Op') === ops().pipe || numberField(cmd, 'Op') === ops().pipeAll) &&
      out.length < 10_000
    ) {
      this.pipeStages(cmd.X as GoNode, out);
      this.pipeStages(cmd.Y as GoNode, out);
    } else {
      out.push(stmt);
    }
  }

  private redirectsOnly(redirects: ShellRedirect[], at: GoNode, substituted: boolean): void {
    // Redirections on a compound command: kept as a command with no words so their targets are seen.
    if (redirects.length) this.push([], [], redirects, at, this.single(), substituted);
  }

  private push(
    args: ShellWord[],
    assigns: ShellCommand['assigns'],
    redirects: ShellRedirect[],
    at: GoNode,
    pipe: Pipe,
    substituted: boolean,
  ): void {
    const span = { pos: this.index(at.Pos()), end: this.index(at.End()) };
    this.record(args, assigns, redirects, span, pipe, substituted);
  }

  private assign(a: GoNode, substituted: boolean): { name: string; value?: ShellWord } {
    if (present(a.Array)) this.nestedWords(a.Array);
    return {
      name: present(a.Name) ? stringField(a.Name, 'Value') : '',
      value: present(a.Value) ? this.word(a.Value, substituted) : undefined,
    };
  }

  private redirect(r: GoNode, substituted: boolean): ShellRedirect {
    const code = numberField(r, 'Op');
    const out: ShellRedirect = { op: ops().redirects.get(code) ?? String(code) };
    if (present(r.N)) out.fd = stringField(r.N, 'Value');
    if (present(r.Word)) out.target = this.word(r.Word, substituted);
    if (present(r.Hdoc)) out.heredoc = this.heredoc(r.Hdoc, r.Word, out.target);
    return out;
  }

  private heredoc(hdoc: GoNode, word: unknown, target: ShellWord | undefined): ShellRedirect['heredoc'] {
    const start = this.index(hdoc.Pos());
    const end = this.index(hdoc.End());
    const parts = present(word) ? items(word.Parts) : [];
    const quoted =
      parts.some((p) => nodeType(p) === 'SglQuoted' || nodeType(p) === 'DblQuoted') ||
      (target?.raw.includes('\\') ?? false);
    // The parser's body may run through the closing delimiter line; the body stops before it.
    let stop = Math.max(start, end);
    const delimiter = target?.value;
    const body = this.source.text.slice(start, stop);
    if (delimiter && body.trimEnd().endsWith(delimiter)) {
      const lineStart = body.trimEnd().lastIndexOf('\n') + 1;
      if (body.slice(lineStart).trim() === delimiter) stop = start + lineStart;
    }
    return { source: sliceSource(this.source, start, stop), quoted };
  }

  word(w: GoNode, substituted: boolean): ShellWord {
    const start = this.index(w.Pos());
    const end = this.index(w.End());
    const word: WordParts = { value: '', loose: '', substitutions: [] };
    this.parts(items(w.Parts), false, word, substituted);
    return {
      raw: this.source.text.slice(start, end),
      value: word.value,
      loose: word.loose,
      offset: fileOffsetOf(this.source, start),
      end: fileOffsetOf(this.source, end),
      substitutions: word.substitutions,
    };
  }

  private parts(parts: GoNode[], quoted: boolean, word: WordParts, substituted: boolean): void {
    for (const p of parts) {
      const type = nodeType(p);
      if (type === 'Lit' || type === 'SglQuoted') {
        const raw = stringField(p, 'Value');
        const v = type === 'Lit' ? unescapeLiteral(raw, quoted) : raw;
        if (word.value !== undefined) word.value += v;
        word.loose += v;
      } else if (type === 'DblQuoted') {
        this.parts(items(p.Parts), true, word, substituted);
      } else if (type === 'CmdSubst' || type === 'ProcSubst') {
        word.value = undefined;
        word.loose += this.text(p);
        const before = this.commands.length;
        this.stmts(p.Stmts, true);
        const kind =
          type === 'CmdSubst'
            ? 'command'
            : numberField(p, 'Op') === ops().processIn
              ? 'process-in'
              : 'process-out';
        word.substitutions.push({ kind, commands: this.commands.slice(before), offset: this.file(p.Pos()) });
      } else {
        // Parameter and arithmetic expansions, globs, brace expansions: not a static value.
        word.value = undefined;
        word.loose += this.text(p);
        this.nestedWords(p);
      }
    }
  }

  private text(node: GoNode): string {
    return this.source.text.slice(this.index(node.Pos()), this.index(node.End()));
  }

  /** Finds command substitutions anywhere under a node that is not a plain word list. */
  private nestedWords(node: unknown): void {
    if (!present(node)) return;
    const type = nodeType(node);
    if (type === 'CmdSubst' || type === 'ProcSubst') {
      this.stmts(node.Stmts, true);
      return;
    }
    for (const child of childNodes(node)) this.nestedWords(child);
  }
}

/**
 * Quote removal for a literal: a backslash escapes the next character, and `\<newline>` is dropped.
 * Inside double quotes it escapes only `$`, `` ` ``, `"`, `\` and newline, and stays before any other.
 */
export function unescapeLiteral(s: string, doubleQuoted: boolean): string {
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
