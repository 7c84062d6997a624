/**
 * The walk of unbash's syntax tree into the flat list of simple commands a `ShellScript` holds: the
 * same commands, words, positions and pipelines as the mvdan-sh walk (shell-syntax-walk.ts) gives.
 * Where the two trees are shaped differently (unbash flattens `&&` lists and pipelines, keeps globs
 * and brace expansions as parts, and leaves `;` out of a statement), it reads unbash's as mvdan-sh
 * has it; where unbash recovers from what mvdan-sh rejects, it gives the script up
 * (`UnreadableTree`), and mvdan-sh reads it.
 */
import { fileOffsetOf, sliceSource, type ScriptSource } from './script-source.js';
import { CommandCollector, type Pipe, type WordParts } from './shell-collector.js';
import {
  ARITHMETIC_JUNK,
  requireCommandMvdanReadsAlike,
  requirePrefixesMvdanTakes,
  UnreadableTree,
} from './shell-unbash-handoffs.js';
import { unescapeLiteral } from './shell-syntax-walk.js';
import type { ShellRedirect, ShellWord } from './shell.js';
import type * as Unbash from 'unbash';

type Node = Unbash.SyntaxNode;
/** unbash's own traversal of a node's children, in source order. */
export type ChildVisitor = (node: Node, visit: (child: Node) => void) => void;

/** Where a command is reported: its statement's start and end, as mvdan-sh's `Stmt` spans it. */
interface Span {
  pos: number;
  end: number;
}

/** Commands that mvdan-sh parses as declarations (its `DeclClause`): the keyword, then assignments. */
const DECLARATIONS = new Set(['declare', 'local', 'export', 'readonly', 'typeset', 'nameref']);
/** A word a declaration takes as a variable name (`export FOO`) rather than a value (`declare -x`). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An option of a declaration (`declare -x`, `local -r`). */
const FLAG = /^[-+][A-Za-z]+$/;

/** Collects the commands of one script from unbash's tree. */
export class UnbashWalker extends CommandCollector {
  constructor(
    source: ScriptSource,
    private readonly forEachChild: ChildVisitor,
  ) {
    super(source);
  }

  private file(at: number): number {
    return fileOffsetOf(this.source, at);
  }

  script(script: Unbash.Script | undefined, substituted: boolean): void {
    if (!script) return;
    const parsed = script as Unbash.ParsedScript;
    // A script parsed from a text of its own is read only where that text is the one being walked
    // (see `substitution`): its positions are then this source's.
    if (parsed.errors?.length) throw new UnreadableTree();
    if (parsed.source !== undefined && parsed.source !== this.source.text) throw new UnreadableTree();
    for (const s of script.commands) this.node(s.command, this.statementSpan(s), substituted, this.single());
  }

  /**
   * The script of `$(…)`, `` `…` `` or `<(…)`. A backslash inside backquotes makes unbash parse a
   * decoded copy of the body, positioned from 0 in that copy. Where decoding changed nothing (`\|`
   * and `\.` stay as written; only `\$`, `` \` `` and `\\` change) the copy is the body itself, so
   * the script is read against the body's place in the file; otherwise mvdan-sh reads it.
   */
  private substitution(
    p: Unbash.CommandExpansionPart | Unbash.ProcessSubstitutionPart,
    substituted: boolean,
  ): void {
    const script = p.script as Unbash.ParsedScript | undefined;
    if (script?.source === undefined || script.source === this.source.text) {
      this.script(script, substituted);
      return;
    }
    const text = this.source.text;
    const closed = p.end - p.pos >= 2 && text[p.pos] === '`' && text[p.end - 1] === '`';
    if (!closed || text.slice(p.pos + 1, p.end - 1) !== script.source) throw new UnreadableTree();
    const outer = this.source;
    this.source = sliceSource(outer, p.pos + 1, p.end - 1);
    try {
      this.script(script, substituted);
    } finally {
      this.source = outer;
    }
  }

  /** mvdan-sh ends a listed statement after its `;` terminator; unbash ends it before. */
  private statementSpan(s: Unbash.Statement): Span {
    if (s.background) return s;
    const text = this.source.text;
    const i = blanksEnd(text, s.end);
    const terminated = text[i] === ';' && text[i + 1] !== ';' && text[i + 1] !== '&';
    return terminated ? { pos: s.pos, end: i + 1 } : s;
  }

  private node(n: Unbash.PipelineNode | Unbash.AndOr, at: Span, substituted: boolean, pipe: Pipe): void {
    switch (n.type) {
      case 'AndOr':
        n.commands.forEach((c, i) => {
          const next = i === 0 || pipe.stages > 1 ? pipe : this.single();
          this.node(c, c, substituted, next);
        });
        return;
      case 'Pipeline':
        this.pipeline(n, at, substituted, pipe);
        return;
      case 'Command':
        this.simple(n, at, substituted, pipe);
        return;
      case 'Redirected': {
        const redirects = n.redirects.map((r) => this.redirect(r, substituted));
        this.compound(n.command, redirects, throughHereDocument(at, n, n.redirects), substituted, pipe);
        return;
      }
      case 'Function':
        // mvdan-sh wants a plain name (`function` then a newline is an error to it).
        if (n.name.parts || /[\s|&;<>()]/.test(n.name.text)) throw new UnreadableTree();
        // A definition as a pipeline stage (`f() [[ … ]] | x`): the two parsers group it differently.
        if (pipe.stages > 1) throw new UnreadableTree();
        // `function f (x)`: unbash takes `(x)` as the body, mvdan-sh a `(` that must close at once.
        if (n.body.type === 'Subshell' && blanksEnd(this.source.text, n.name.end) === n.body.pos) {
          throw new UnreadableTree();
        }
        this.node(asCommandNode(n.body), n.body, substituted, this.single());
        return;
      case 'Coproc':
        // mvdan-sh and unbash split `coproc NAME command` differently: mvdan-sh reads it.
        throw new UnreadableTree();
      default:
        this.compound(n, [], at, substituted, pipe);
    }
  }

  /**
   * `a | b | c` is one pipeline of three stages. A single command under `!` keeps the `!` in its
   * span (mvdan-sh's negated statement); under `time` it does not (the timed statement is inside).
   */
  private pipeline(n: Unbash.Pipeline, at: Span, substituted: boolean, pipe: Pipe): void {
    requirePrefixesMvdanTakes(n.prefixes);
    const timed = n.prefixes.some((p) => p.type === 'Time');
    // A bare `time` times nothing; a bare `!` is an error to mvdan-sh.
    if (n.commands.length === 0) {
      if (timed) return;
      throw new UnreadableTree();
    }
    if (n.commands.length === 1) {
      const only = n.commands[0]!;
      this.node(only, timed ? only : at, substituted, pipe);
      return;
    }
    // mvdan-sh spans the first stage of a negated pipeline from the `!`.
    const negated = n.prefixes.some((p) => p.type === 'Negation');
    const id = this.nextPipeline();
    const stages = n.commands.length;
    n.commands.forEach((c, stage) => {
      const span = stage === 0 && negated && !timed ? { pos: n.pos, end: c.end } : c;
      this.node(c, span, substituted, { id, stage, stages });
    });
  }

  private compound(
    n: Unbash.CompoundCommand,
    redirects: ShellRedirect[],
    at: Span,
    substituted: boolean,
    pipe: Pipe,
  ): void {
    switch (n.type) {
      case 'If':
        this.list(n.clause, substituted);
        this.list(n.then, substituted);
        for (const branch of n.elif) {
          this.list(branch.clause, substituted);
          this.list(branch.then, substituted);
        }
        if (n.else) this.list(n.else, substituted);
        break;
      case 'While':
        this.list(n.clause, substituted);
        this.list(n.body, substituted);
        break;
      case 'For':
      case 'Select':
        for (const w of n.wordlist ?? []) this.nested(w);
        this.list(n.body, substituted);
        break;
      case 'ArithmeticFor':
        for (const e of [n.initialize, n.test, n.update]) if (e) this.nested(e);
        this.list(n.body, substituted);
        break;
      case 'Case':
        this.nested(n.word);
        for (const item of n.items) this.list(item.body, substituted);
        break;
      case 'BraceGroup':
      case 'Subshell':
        // A braced group or subshell used as a pipeline stage keeps the stage for each command in it.
        for (const s of n.body.commands) {
          this.node(s.command, this.statementSpan(s), substituted, pipe.stages > 1 ? pipe : this.single());
        }
        break;
      default:
        // `(( ))` is an error to mvdan-sh, and so is `[[ | ]]`, an operator where it wants a word.
        if (n.type === 'ArithmeticCommand' && (!n.expression || n.body.includes(';')))
          throw new UnreadableTree();
        if (n.type === 'TestCommand') this.rejectUnder(n, (c) => c.type === 'Word' && /^[|&;]/.test(c.text));
        // `[[ … ]]`, `(( … ))`: only substitutions inside them can run commands.
        this.nested(n);
    }
    this.redirectsOnly(redirects, at, substituted);
  }

  private list(list: Unbash.CompoundList, substituted: boolean): void {
    for (const s of list.commands) this.node(s.command, this.statementSpan(s), substituted, this.single());
  }

  private simple(cmd: Unbash.Command, at: Span, substituted: boolean, pipe: Pipe): void {
    this.requireWhole(cmd);
    // mvdan-sh reads a statement's redirections before its command, then assignments, then words.
    const redirects = cmd.redirects.map((r) => this.redirect(r, substituted));
    at = throughHereDocument(at, cmd, cmd.redirects);
    const prefixAssigns = cmd.prefix.filter((p): p is Unbash.Assignment => p.type === 'Assignment');
    const name = cmd.name;
    const keyword = name && cmd.prefix.length === 0 && !name.parts ? name.text : undefined;
    requireCommandMvdanReadsAlike(cmd, prefixAssigns, keyword);
    if (keyword !== undefined && DECLARATIONS.has(keyword)) {
      this.declaration(cmd, keyword, redirects, at, substituted, pipe);
      return;
    }
    const assigns = prefixAssigns.map((a) => this.assign(a, substituted));
    const args: ShellWord[] = [];
    if (name) args.push(this.word(name, substituted));
    for (const arg of cmd.args) args.push(this.word(asWord(arg), substituted));
    if (!args.length && !assigns.length && !redirects.length) return;
    this.record(args, assigns, redirects, at, pipe, substituted);
  }

  /**
   * Only blanks between a command's parts: unbash passes over some tokens it cannot place (the `(`
   * of `bash ( a`) without an error, where mvdan-sh rejects the script.
   */
  private requireWhole(cmd: Unbash.Command): void {
    const text = this.source.text;
    let at = cmd.pos;
    // Assignments and redirections before the name, then words and redirections: source order.
    const next = (part: Span): void => {
      if (blanksEnd(text, at) < part.pos) throw new UnreadableTree();
      at = Math.max(at, part.end);
    };
    for (const part of cmd.prefix) next(part);
    if (cmd.name) next(cmd.name);
    for (const part of cmd.suffix) next(part);
    if (text[blanksEnd(text, at)] === '(') throw new UnreadableTree();
  }

  /** `export A=$(curl …)`, `local x=…`: the keyword is the command, its arguments assignments. */
  private declaration(
    cmd: Unbash.Command,
    keyword: string,
    redirects: ShellRedirect[],
    at: Span,
    substituted: boolean,
    pipe: Pipe,
  ): void {
    // mvdan-sh ends a declaration at its first redirection: a word after one is an error to it.
    const firstRedirect = Math.min(...cmd.redirects.map((r) => r.pos));
    if (cmd.args.some((arg) => arg.pos > firstRedirect)) throw new UnreadableTree();
    const assigns = cmd.args.map((arg) => {
      if (arg.type === 'Assignment') return this.assign(arg, substituted);
      if (arg.parts) throw new UnreadableTree(); // mvdan-sh's rules for these words are its own
      if (NAME.test(arg.text)) return { name: arg.text, value: undefined };
      if (FLAG.test(arg.text)) return { name: '', value: this.word(arg, substituted) };
      throw new UnreadableTree();
    });
    const offset = this.file(cmd.name!.pos);
    const word = { raw: keyword, value: keyword, loose: keyword, offset, end: offset + keyword.length };
    this.record([{ ...word, substitutions: [] }], assigns, redirects, at, pipe, substituted);
  }

  private redirectsOnly(redirects: ShellRedirect[], at: Span, substituted: boolean): void {
    // Redirections on a compound command: kept as a command with no words so their targets are seen.
    if (redirects.length) this.record([], [], redirects, at, this.single(), substituted);
  }

  private assign(a: Unbash.Assignment, substituted: boolean): { name: string; value?: ShellWord } {
    if (a.value.type === 'ArrayValue') {
      this.nested(a.value);
      return { name: a.name, value: undefined };
    }
    // mvdan-sh has no value for `NAME=` with nothing after the `=`.
    if (a.value.pos === a.value.end) return { name: a.name, value: undefined };
    return { name: a.name, value: this.word(a.value, substituted) };
  }

  private redirect(r: Unbash.Redirection, substituted: boolean): ShellRedirect {
    const out: ShellRedirect = { op: r.operator };
    if (r.descriptor?.type === 'FileDescriptor') out.fd = String(r.descriptor.value);
    if (r.type !== 'HereDoc') {
      if (r.target) out.target = this.word(r.target, substituted);
      return out;
    }
    const delimiter = r.delimiter;
    if (delimiter) {
      const offset = this.file(delimiter.pos);
      const { text, value } = delimiter;
      out.target = {
        raw: text,
        value,
        loose: value,
        offset,
        end: this.file(delimiter.end),
        substitutions: [],
      };
    }
    const body = r.body;
    // unbash reads a document that never closes to the end of the script; mvdan-sh rejects it.
    if (!r.closing) throw new UnreadableTree();
    // Only the verdict on the body's expansions is read here: mvdan-sh's walk does not enter it.
    for (const part of body.parts ?? []) this.rejectUnder(part, (c) => c.type === 'Unknown');
    // mvdan-sh has no document for an empty body.
    if (body.end > body.pos) {
      out.heredoc = {
        source: sliceSource(this.source, body.pos, body.end),
        quoted: /['"\\]/.test(delimiter?.text ?? ''),
      };
    }
    return out;
  }

  word(w: Unbash.Word, substituted: boolean): ShellWord {
    const word: WordParts = { value: '', loose: '', substitutions: [] };
    if (w.parts) this.parts(w.parts, false, word, substituted);
    else this.literal(w.text, false, word);
    return {
      raw: this.source.text.slice(w.pos, w.end),
      value: word.value,
      loose: word.loose,
      offset: this.file(w.pos),
      end: this.file(w.end),
      substitutions: word.substitutions,
    };
  }

  private literal(raw: string, quoted: boolean, word: WordParts): void {
    const v = unescapeLiteral(raw, quoted);
    if (word.value !== undefined) word.value += v;
    word.loose += v;
  }

  private parts(
    parts: readonly (Unbash.WordPart | Unbash.DoubleQuotedChild)[],
    quoted: boolean,
    word: WordParts,
    substituted: boolean,
  ): void {
    for (const p of parts) {
      switch (p.type) {
        case 'Literal':
          this.literal(p.text, quoted, word);
          break;
        case 'SingleQuoted':
        case 'AnsiCQuoted': {
          // The text between the quotes, as written (mvdan-sh does not decode `$'…'` escapes).
          const v = p.text.slice(p.type === 'AnsiCQuoted' ? 2 : 1, -1);
          if (word.value !== undefined) word.value += v;
          word.loose += v;
          break;
        }
        case 'DoubleQuoted':
        case 'LocaleString':
          this.parts(p.parts, true, word, substituted);
          break;
        case 'CommandExpansion':
        case 'ProcessSubstitution': {
          word.value = undefined;
          word.loose += p.text;
          const before = this.commands.length;
          this.substitution(p, true);
          const kind =
            p.type === 'CommandExpansion' ? 'command' : p.operator === '<' ? 'process-in' : 'process-out';
          word.substitutions.push({ kind, commands: this.commands.slice(before), offset: this.file(p.pos) });
          break;
        }
        case 'Glob':
        case 'BraceExpansion':
          // mvdan-sh reads `*`, `[a-z]` and `{a,b}` as literal text; only expansions inside them count.
          if (isPattern(p)) this.literal(p.text, quoted, word);
          else this.opaque(p, word);
          break;
        default:
          // Parameter and arithmetic expansions, extended globs: not a static value.
          this.opaque(p, word);
      }
    }
  }

  private opaque(p: Unbash.WordPart, word: WordParts): void {
    word.value = undefined;
    word.loose += p.text;
    this.nested(p);
  }

  /** Gives the script up if `unreadable` holds for the node or any node under it. */
  private rejectUnder(node: Node, unreadable: (node: Node) => boolean): void {
    if (unreadable(node)) throw new UnreadableTree();
    this.forEachChild(node, (child) => this.rejectUnder(child, unreadable));
  }

  /** Finds command substitutions anywhere under a node that is not read as words. */
  private nested(node: Node): void {
    switch (node.type) {
      case 'CommandExpansion':
      case 'ProcessSubstitution':
        this.substitution(node, true);
        return;
      case 'ArithmeticCommandExpansion':
        this.script(node.script, true);
        return;
      case 'Slice':
        // mvdan-sh's own walk does not visit `${x:$(a):$(b)}`'s bounds.
        return;
      case 'Unknown':
        // `${name junk}`: unbash keeps what mvdan-sh rejects, so mvdan-sh gives the verdict.
        throw new UnreadableTree();
      default:
        if (node.type === 'ArithmeticWord' && ARITHMETIC_JUNK.test(node.value)) throw new UnreadableTree();
        this.forEachChild(node, (child) => this.nested(child));
    }
  }
}

/**
 * mvdan-sh ends a statement whose last redirection is a here-document at the document's closing
 * line (unless a `;` ended it later); unbash ends it on the operator's line.
 */
function throughHereDocument(at: Span, node: Span, redirects: readonly Unbash.Redirection[]): Span {
  const last = redirects.reduce<Unbash.Redirection | undefined>(
    (a, r) => (a === undefined || r.pos > a.pos ? r : a),
    undefined,
  );
  if (last?.type !== 'HereDoc' || at.end !== node.end || !last.closing) return at;
  if (last.body.end === last.body.pos) return at;
  return { pos: at.pos, end: Math.max(at.end, last.closing.end) };
}

/**
 * Where the blanks and line continuations starting at `at` end: what may stand between a
 * command's words. (After the last, a `(` is one unbash drops and mvdan-sh rejects: `bash ( a`.)
 */
function blanksEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    if (text[i] === ' ' || text[i] === '\t') i++;
    else if (text[i] === '\\' && text[i + 1] === '\n') i += 2;
    else return i;
  }
}

/** Text of literal characters and glob or brace patterns, with no expansion inside. */
function isPattern(p: Unbash.WordPart): boolean {
  if (p.type === 'Literal') return true;
  if (p.type !== 'Glob' && p.type !== 'BraceExpansion') return false;
  return (p.parts ?? []).every(isPattern);
}

/** A function or coprocess body; a bare list only comes with a parse error, which is not read. */
function asCommandNode(body: Unbash.Function['body'] | Unbash.Coproc['body']): Unbash.CommandNode {
  if (body.type === 'CompoundList') throw new UnreadableTree();
  return body;
}

/** An argument of an ordinary command; unbash gives assignments only to declaration builtins. */
function asWord(arg: Unbash.CommandArgument): Unbash.Word {
  if (arg.type === 'Assignment') throw new UnreadableTree();
  return arg;
}
