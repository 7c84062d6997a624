/**
 * Shell scripts parsed into a flat, typed list of simple commands with exact source offsets, for
 * checks that look at what a script runs (workflow `run:` steps, Dockerfile `RUN`, `*.sh` files).
 *
 * Parser choice: `mvdan-sh`, the GopherJS (pure JavaScript) build of mvdan/sh — the parser behind
 * shfmt, which understands POSIX sh and Bash in full (process substitution `<(…)`, arrays, `$'…'`,
 * here-documents, `[[ ]]`). It parses synchronously, so pure checks can call it, and esbuild bundles
 * it into the single dist file like any CommonJS module. The alternatives were rejected:
 * `sh-syntax` (the same parser built to WASM) is async-only, needs its .wasm file shipped next to
 * the bundle, and returns statements whose commands carry only positions, not their words;
 * `@ericcornelissen/bash-parser` rejects `bash <(curl …)`, arrays and `$'…'` outright, so a whole
 * script would go unread.
 *
 * Offsets: the parser counts UTF-8 bytes; everything exported here is in UTF-16 string offsets of
 * the file the script came from (a script may be a piece of a larger file, e.g. a YAML block
 * scalar or a Dockerfile instruction), through a `ScriptSource` map.
 */
import { lazyRequire } from './lazy-require.js';
import type { Job, Located, Step, Workflow } from './workflows.js';

/** Script text and where each of its characters stands in the file it came from. */
export interface ScriptSource {
  text: string;
  /**
   * Ascending starts of runs of characters that are contiguous in the file: text offset `at` is file
   * offset `file`, and so on until the next run.
   */
  segments: ReadonlyArray<{ at: number; file: number }>;
}

export interface ShellWord {
  /** The word's source text. */
  raw: string;
  /** The word's value after quote removal, when it has no expansions. */
  value?: string;
  /** The value with expansions kept as written (`"$DIR/x.sh"` → `$DIR/x.sh`), for comparing words. */
  loose: string;
  /** File offsets. */
  offset: number;
  end: number;
  /** Scripts nested in the word: `$(…)`, backquotes, `<(…)`, `>(…)`. */
  substitutions: ShellSubstitution[];
}

export interface ShellSubstitution {
  kind: 'command' | 'process-in' | 'process-out';
  commands: ShellCommand[];
  offset: number;
}

export interface ShellRedirect {
  /** The operator as written: `<`, `>`, `>>`, `<<`, `<<-`, `<<<`, `&>`, … */
  op: string;
  /** The file descriptor written before the operator (`2>`), if any. */
  fd?: string;
  target?: ShellWord;
  /** A here-document's body, mapped to the file; `quoted` when its delimiter was quoted (no expansion). */
  heredoc?: { source: ScriptSource; quoted: boolean };
}

export interface ShellCommand {
  /** argv: the command name, then its arguments (empty for a bare assignment or redirection). */
  args: ShellWord[];
  assigns: Array<{ name: string; value?: ShellWord }>;
  redirects: ShellRedirect[];
  /** File offsets of the whole command. */
  offset: number;
  end: number;
  /** Which pipeline the command is a stage of (unique per script), its stage index and stage count. */
  pipeline: number;
  stage: number;
  stages: number;
  /** True when the command runs inside `$(…)`, backquotes or a process substitution. */
  substituted: boolean;
}

export interface ShellScript {
  /** Every simple command, in source order, including those in compound commands and substitutions. */
  commands: ShellCommand[];
  /** Set when the script does not parse; `commands` is then empty. */
  error?: { message: string; offset: number };
}

/** Scripts longer than this are not parsed (bounds the work on hostile input). */
export const MAX_SCRIPT_CHARS = 512 * 1024;

/** A script that is a whole file (or starts at `fileOffset` and is contiguous in it). */
export function contiguousSource(text: string, fileOffset = 0): ScriptSource {
  return { text, segments: [{ at: 0, file: fileOffset }] };
}

/** The file offset of a script offset. */
export function fileOffsetOf(source: ScriptSource, at: number): number {
  const segs = source.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.at <= at) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo] ?? { at: 0, file: 0 };
  return seg.file + (at - seg.at);
}

/** The part of a source between two script offsets, keeping its map to the file. */
export function sliceSource(source: ScriptSource, start: number, end: number): ScriptSource {
  const segments: Array<{ at: number; file: number }> = [{ at: 0, file: fileOffsetOf(source, start) }];
  for (const seg of source.segments) {
    if (seg.at > start && seg.at < end) segments.push({ at: seg.at - start, file: seg.file });
  }
  return { text: source.text.slice(start, end), segments };
}

/**
 * Replaces each GitHub `${{ … }}` expression with a placeholder word of the same length (newlines
 * kept), so the script parses and every offset still points at the original text.
 */
export function maskExpressions(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('${{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 3);
    if (close < 0) break;
    const inner = text.slice(open, close + 2);
    out +=
      text.slice(from, open) + EXPRESSION_MARK + inner.slice(EXPRESSION_MARK.length).replace(/[^\n]/g, '_');
    from = close + 2;
  }
  return out + text.slice(from);
}

/** Starts every masked `${{ … }}` expression (`${{}}` is 5 characters: the mark fits). */
export const EXPRESSION_MARK = 'GHEX';

// ── the parser boundary: the shapes of the GopherJS AST this module reads ───────────────────────

interface GoPos {
  Offset(): number;
}
interface GoNode {
  Pos(): GoPos;
  End(): GoPos;
}
interface GoWord extends GoNode {
  Parts: GoNode[];
}
interface GoStmt extends GoNode {
  Cmd: GoNode | null;
  Redirs: GoRedirect[];
}
interface GoRedirect extends GoNode {
  Op: number;
  N: { Value: string } | null;
  Word: GoWord | null;
  Hdoc: GoWord | null;
}
interface GoParseError {
  Text?: string;
  Pos?: GoPos;
}
interface Syntax {
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
function syntaxModule(): Syntax {
  return mvdanSh().syntax;
}

interface OperatorCodes {
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
function ops(): OperatorCodes {
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

/**
 * Parsed scripts by source object. Two checks read every `run:` script; the workflow model is
 * memoised per scan, so both get the same source object (see runScriptSource) and it is parsed once.
 */
const parsedScripts = new WeakMap<ScriptSource, ShellScript>();

/**
 * Parses by script text, in script offsets. Repositories repeat the same scripts (`npm ci`, steps
 * copied across a monorepo's workflows) and the GopherJS parser boundary is the most expensive
 * step of a scan, so a script seen before is only relocated into its file. Bounded by total text.
 */
const parsedByText = new Map<string, ShellScript>();
let parsedByTextChars = 0;
const MAX_CACHED_SCRIPT_CHARS = 8 * 1024 * 1024;

/** Parses a script; never throws (a script that does not parse comes back with `error`). */
export function parseShell(source: ScriptSource): ShellScript {
  let script = parsedScripts.get(source);
  if (!script) {
    let base = parsedByText.get(source.text);
    if (!base) {
      base = parseSimpleScript(source.text) ?? parseShellUncached(contiguousSource(source.text));
      if (parsedByTextChars + source.text.length <= MAX_CACHED_SCRIPT_CHARS) {
        parsedByText.set(source.text, base);
        parsedByTextChars += source.text.length;
      }
    }
    script = relocate(base, source);
    parsedScripts.set(source, script);
  }
  return script;
}

/** Characters of a script the simple path takes: words of plain ASCII, blanks, newlines, `|` and `&`. */
const SIMPLE_SCRIPT = /^[A-Za-z0-9_./:@%+,=\- \t\n|&]*$/;
/** Words that are not a plain command name at the start of a command (keywords, declarations). */
const NOT_SIMPLE_COMMAND = new Set(
  (
    'if then else elif fi do done case esac while until for in function select time coproc ' +
    'declare local export readonly typeset nameref let'
  ).split(' '),
);

/**
 * Most CI scripts are plain commands (`npm ci`, `go test ./... && go vet ./...`, `make | tee log`):
 * for those the words are the text itself, so they are split here without the parser. Anything
 * else (quotes, expansions, redirections, `;`, keywords, assignments) returns undefined and goes to
 * mvdan-sh. Offsets are script offsets; the result equals the parser's (tests hold it to that).
 */
export function parseSimpleScript(text: string): ShellScript | undefined {
  if (!SIMPLE_SCRIPT.test(text)) return undefined;
  const commands: ShellCommand[] = [];
  let pipeline = 0;
  /** The current pipeline's commands, and whether an operator still waits for its right-hand side. */
  let stagesOf: ShellCommand[] = [];
  let args: ShellWord[] = [];
  let pendingOperator = false;
  const endCommand = (): boolean => {
    if (!args.length) return false;
    if (args[0]!.raw.includes('=') || NOT_SIMPLE_COMMAND.has(args[0]!.raw)) return false;
    const cmd: ShellCommand = {
      args,
      assigns: [],
      redirects: [],
      offset: args[0]!.offset,
      end: args[args.length - 1]!.end,
      pipeline,
      stage: stagesOf.length,
      stages: 0,
      substituted: false,
    };
    stagesOf.push(cmd);
    commands.push(cmd);
    args = [];
    return true;
  };
  const endPipeline = (): void => {
    for (const c of stagesOf) c.stages = stagesOf.length;
    stagesOf = [];
    pipeline++;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '\n') {
      // A newline ends a command unless an operator is still waiting for its right-hand side.
      if (!pendingOperator) {
        if (args.length && !endCommand()) return undefined;
        if (stagesOf.length) endPipeline();
      }
      i++;
    } else if (c === '|' || c === '&') {
      const op = text.slice(i, i + 2);
      if (op === '&&' || op === '||') {
        if (!endCommand()) return undefined;
        endPipeline();
        i += 2;
      } else if (c === '|' && op !== '|&') {
        if (!endCommand()) return undefined;
        i += 1;
      } else {
        return undefined; // `&` (background) or `|&`: left to the parser
      }
      pendingOperator = true;
    } else {
      const start = i;
      while (i < text.length && !' \t\n|&'.includes(text[i]!)) i++;
      const raw = text.slice(start, i);
      args.push({ raw, value: raw, loose: raw, offset: start, end: i, substitutions: [] });
      pendingOperator = false;
    }
  }
  if (pendingOperator) return undefined;
  if (args.length && !endCommand()) return undefined;
  if (stagesOf.length) endPipeline();
  return { commands };
}

/**
 * A script parsed at offset 0, moved to where `source` puts it in its file. Commands that appear
 * both in the list and in a substitution stay one object, as the parse made them.
 */
function relocate(base: ShellScript, source: ScriptSource): ShellScript {
  const segs = source.segments;
  if (segs.length === 1 && segs[0]!.at === 0 && segs[0]!.file === 0) return base;
  const at = (offset: number): number => fileOffsetOf(source, offset);
  const moved = new Map<ShellCommand, ShellCommand>();
  const word = (w: ShellWord): ShellWord => ({
    ...w,
    offset: at(w.offset),
    end: at(w.end),
    substitutions: w.substitutions.map((s) => ({
      kind: s.kind,
      offset: at(s.offset),
      commands: s.commands.map(command),
    })),
  });
  const command = (c: ShellCommand): ShellCommand => {
    let out = moved.get(c);
    if (!out) {
      out = {
        ...c,
        args: c.args.map(word),
        assigns: c.assigns.map((a) => ({ name: a.name, value: a.value ? word(a.value) : undefined })),
        redirects: c.redirects.map((r) => {
          const copy: ShellRedirect = { ...r };
          if (r.target) copy.target = word(r.target);
          if (r.heredoc) {
            const start = r.heredoc.source.segments[0]?.file ?? 0;
            copy.heredoc = {
              source: sliceSource(source, start, start + r.heredoc.source.text.length),
              quoted: r.heredoc.quoted,
            };
          }
          return copy;
        }),
        offset: at(c.offset),
        end: at(c.end),
      };
      moved.set(c, out);
    }
    return out;
  };
  const commands = base.commands.map(command);
  return base.error
    ? { commands, error: { message: base.error.message, offset: at(base.error.offset) } }
    : { commands };
}

/** Parses without either cache; exported so tests can hold the caches to it. */
export function parseShellUncached(source: ScriptSource): ShellScript {
  const { text } = source;
  if (text.length > MAX_SCRIPT_CHARS) {
    return {
      commands: [],
      error: {
        message: `script too long to analyse (${text.length} characters)`,
        offset: fileOffsetOf(source, 0),
      },
    };
  }
  const toIndex = byteToIndex(text);
  let file: { Stmts: GoStmt[] };
  try {
    const sh = syntaxModule();
    file = sh.NewParser(sh.KeepComments(false), sh.Variant(sh.LangBash)).Parse(text, '');
  } catch (error) {
    const e = error as GoParseError;
    let at = 0;
    try {
      at = e.Pos ? toIndex(e.Pos.Offset()) : 0;
    } catch {
      at = 0;
    }
    const message =
      typeof e.Text === 'string' ? e.Text : error instanceof Error ? error.message : 'unparsable shell';
    return { commands: [], error: { message, offset: fileOffsetOf(source, Math.min(at, text.length)) } };
  }
  const walker = new Walker(source, toIndex);
  try {
    walker.stmts(file.Stmts, false);
  } catch (error) {
    // Only a pathological nesting depth can get here (the JS stack); report rather than crash.
    return {
      commands: [],
      error: { message: `script too deeply nested: ${String(error)}`, offset: fileOffsetOf(source, 0) },
    };
  }
  walker.commands.sort((a, b) => a.offset - b.offset);
  return { commands: walker.commands };
}

/** Maps the parser's UTF-8 byte offsets to string offsets (identity for ASCII text). */
function byteToIndex(text: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (code >= 0x10000) i++;
  }
  map.push(text.length);
  return (b) => map[Math.max(0, Math.min(b, map.length - 1))]!;
}

class Walker {
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
          const v = quoted ? unescapeDouble(String(node.Value)) : unescapeBare(String(node.Value));
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

/** Quote removal for an unquoted literal: a backslash keeps the next character; `\<newline>` is dropped. */
function unescapeBare(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      const next = s[++i]!;
      if (next !== '\n') out += next;
    } else {
      out += c;
    }
  }
  return out;
}

/** Quote removal inside double quotes: a backslash escapes only `$`, `` ` ``, `"`, `\` and newline. */
function unescapeDouble(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const next = s[i + 1];
    if (c === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
      if (next !== '\n') out += next;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** The command's name with any path stripped (`/usr/bin/curl` → `curl`), or undefined when dynamic. */
export function commandName(cmd: ShellCommand): string | undefined {
  const v = cmd.args[0]?.value;
  if (v === undefined) return undefined;
  const slash = v.lastIndexOf('/');
  return slash >= 0 ? v.slice(slash + 1) : v;
}

// ── workflow run: steps ─────────────────────────────────────────────────────────────────────────

const POSIX_SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'busybox']);

/** True for a `shell:` value that runs a POSIX-family shell (`bash`, `sh -e {0}`, `/bin/bash --noprofile …`). */
export function isPosixShell(shell: string | undefined): boolean {
  if (shell === undefined) return true;
  const first = shell.trim().split(/\s+/)[0] ?? '';
  return POSIX_SHELL_NAMES.has(first.slice(first.lastIndexOf('/') + 1));
}

/**
 * The shell a `run:` step uses: its own `shell:`, else job defaults, then workflow defaults, then the
 * runner's default (PowerShell on Windows, bash elsewhere).
 */
export function stepShell(wf: Workflow, job: Job, step: Step): string | undefined {
  if (step.shell !== undefined) return step.shell;
  if (wf.kind === 'action') return 'unknown-composite'; // composite steps with run: must name a shell
  const shell = job.defaultShell ?? wf.defaultShell;
  if (shell) return shell;
  return /windows/i.test(job.runsOn ?? '') ? 'pwsh' : 'bash';
}

/**
 * A `run:` value as a script (GitHub expressions masked) mapped to the workflow file: exact for block scalars and single-line
 * values; a folded or multi-line flow scalar is mapped line by line from its source.
 */
export function runScriptSource(wf: Workflow, run: Located): ScriptSource {
  const cached = runSources.get(run);
  if (cached) return cached;
  const raw = wf.text.slice(run.range[0], run.range[1]);
  const source = blockScalarSource(raw, run.range[0]) ?? flowSource(raw, run);
  const script = { text: maskExpressions(source.text), segments: source.segments };
  runSources.set(run, script);
  return script;
}

/** One source object per `run:` value (the key is the workflow model's own object). */
const runSources = new WeakMap<Located, ScriptSource>();

function blockScalarSource(raw: string, start: number): ScriptSource | undefined {
  const header = /^([|>])[0-9+-]*[ \t]*(?:#[^\n]*)?\r?\n/.exec(raw);
  if (!header) return undefined;
  const folded = header[1] === '>';
  let offset = header[0].length;
  const lines: Array<{ text: string; at: number }> = [];
  while (offset <= raw.length) {
    let nl = raw.indexOf('\n', offset);
    if (nl < 0) nl = raw.length;
    lines.push({ text: raw.slice(offset, nl).replace(/\r$/, ''), at: offset });
    offset = nl + 1;
  }
  const firstContent = lines.find((l) => l.text.trim() !== '');
  const indent = firstContent ? firstContent.text.length - firstContent.text.trimStart().length : 0;
  let text = '';
  const segments: Array<{ at: number; file: number }> = [];
  lines.forEach((line, i) => {
    const content = line.text.length > indent ? line.text.slice(indent) : '';
    if (i > 0) {
      const prev = lines[i - 1]!.text;
      const plainJoin =
        folded &&
        prev.trim() !== '' &&
        line.text.trim() !== '' &&
        !/^\s/.test(content) &&
        !/^\s/.test(prev.slice(indent));
      text += plainJoin ? ' ' : '\n';
    }
    segments.push({ at: text.length, file: start + line.at + Math.min(indent, line.text.length) });
    text += content;
  });
  return { text, segments };
}

function flowSource(raw: string, run: Located): ScriptSource {
  const quoted = raw.startsWith('"') || raw.startsWith("'");
  if (
    !run.value.includes('\n') &&
    raw.slice(quoted ? 1 : 0, quoted ? 1 + run.value.length : undefined) === run.value
  ) {
    return contiguousSource(run.value, run.range[0] + (quoted ? 1 : 0));
  }
  // Escapes or folding changed the text: positions fall back to the start of the value.
  return contiguousSource(run.value, run.range[0]);
}
