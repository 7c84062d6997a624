/**
 * The fast path of the shell parser: plain command lists split without mvdan-sh.
 */
import type { ShellCommand, ShellScript, ShellWord } from './shell.js';

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
