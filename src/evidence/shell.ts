/**
 * Shell scripts parsed into a flat, typed list of simple commands with exact source offsets, for
 * checks that look at what a script runs (workflow `run:` steps, Dockerfile `RUN`, `*.sh` files).
 *
 * Parsers: plain command lists are split without one (simple-script.ts); every other script is
 * parsed by `unbash`, a maintained TypeScript bash parser that is about ten times faster than the
 * alternative on a cold start, and walked in shell-unbash-walk.ts. `mvdan-sh` (the GopherJS build of
 * mvdan/sh, the parser behind shfmt) reads the scripts unbash reports an error in or would read
 * differently from it, so what "does not parse" means is its verdict. Both walks give the same
 * commands (tests and bench/shell-parity.mjs hold them to it). Rejected: `sh-syntax` (mvdan/sh as
 * WASM: async-only, and its statements carry positions but not words); `@ericcornelissen/bash-parser`
 * (rejects `bash <(curl …)`, arrays and `$'…'`); tree-sitter-bash (error-tolerant, and its WASM
 * module took a scan past 500 MB).
 *
 * Offsets: mvdan-sh counts UTF-8 bytes, unbash UTF-16 units; everything exported here is in UTF-16
 * string offsets of the file the script came from (a script may be a piece of a larger file, e.g. a
 * YAML block scalar or a Dockerfile instruction), through a `ScriptSource` map.
 */
import { contiguousSource, fileOffsetOf, sliceSource, type ScriptSource } from './script-source.js';
import { parseToTree, type GoNode, type GoParseError } from './shell-parser.js';
import { SyntaxWalker } from './shell-syntax-walk.js';
import { parseWithUnbash } from './shell-unbash.js';
import { parseSimpleScript } from './simple-script.js';

// Checks read scripts through this module alone: where a script comes from and how it is split are
// kept in their own modules and offered from here.
export {
  contiguousSource,
  EXPRESSION_MARK,
  fileOffsetOf,
  maskExpressions,
  sliceSource,
  type ScriptSource,
} from './script-source.js';
export {
  isPosixShell,
  isShellScriptText,
  POSIX_SHELLS,
  runScriptSource,
  shebangInterpreter,
  stepShell,
} from './run-scripts.js';
export { parseSimpleScript } from './simple-script.js';

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

/**
 * Parses a script; never throws (a script that does not parse comes back with `error`). With `keep`
 * false a text parsed before is still only relocated, but this parse is not added to the cache by
 * text: for scripts no later check reads, which would otherwise stay in memory for the rest of the
 * scan (about 23 bytes per character of script).
 */
export function parseShell(source: ScriptSource, { keep = true }: { keep?: boolean } = {}): ShellScript {
  let script = parsedScripts.get(source);
  if (!script) {
    let base = parsedByText.get(source.text);
    if (!base) {
      base = parseSimpleScript(source.text) ?? parseShellUncached(contiguousSource(source.text));
      if (keep && parsedByTextChars + source.text.length <= MAX_CACHED_SCRIPT_CHARS) {
        parsedByText.set(source.text, base);
        parsedByTextChars += source.text.length;
      }
    }
    script = relocate(base, source);
    parsedScripts.set(source, script);
  }
  return script;
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
  const commands = parseWithUnbash(source);
  if (commands) return { commands };
  return parseWithMvdan(source);
}

/** Parses with mvdan-sh, whose verdict stands on every script unbash does not read cleanly. */
export function parseWithMvdan(source: ScriptSource): ShellScript {
  const { text } = source;
  const toIndex = byteToIndex(text);
  let file: GoNode;
  try {
    file = parseToTree(text);
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
  const walker = new SyntaxWalker(source, toIndex);
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

/** The command's name with any path stripped (`/usr/bin/curl` → `curl`), or undefined when dynamic. */
export function commandName(cmd: ShellCommand): string | undefined {
  const v = cmd.args[0]?.value;
  if (v === undefined) return undefined;
  const slash = v.lastIndexOf('/');
  return slash >= 0 ? v.slice(slash + 1) : v;
}
