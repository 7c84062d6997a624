/**
 * When the unbash walk (shell-unbash-walk.ts) hands a script to mvdan-sh: `UnreadableTree`, and the
 * rules for simple commands and pipeline prefixes that unbash reads where mvdan-sh reads them
 * otherwise or rejects them (rules about other nodes sit in the walk, where it reads them). Each
 * rule throws `UnreadableTree`, and mvdan-sh then parses the script, so its verdict and reading stand. Generated scripts and the checkouts' own hold the
 * two parsers to agreeing on everything else (shell-parsers.test.ts, bench/shell-parity.mjs).
 */
import type * as Unbash from 'unbash';

/**
 * Thrown where the tree cannot be read the way mvdan-sh reads the script: a nested script unbash
 * recovered from an error, or one it decoded into a string of its own (escaped backquotes), whose
 * positions are not in the script. The caller then parses with mvdan-sh.
 */
export class UnreadableTree extends Error {}

/** Arithmetic operands as mvdan-sh takes them; unbash also keeps stray operators and spaces as words. */
export const ARITHMETIC_JUNK = /^$|\s|^[-+*/%<>=!&|^~?:,;]+$|^\[/;

/** Simple commands unbash reads where mvdan-sh reads them otherwise or rejects them. */
export function requireCommandMvdanReadsAlike(
  cmd: Unbash.Command,
  prefixAssigns: readonly Unbash.Assignment[],
  /** The command's name when it is a plain word with nothing before it. */
  keyword: string | undefined,
): void {
  const name = cmd.name;
  // `a[1]=x cmd`, `a=(x) cmd`: mvdan-sh rejects arrays before a command.
  if (name && prefixAssigns.some((a) => a.index || a.value.type === 'ArrayValue')) {
    throw new UnreadableTree();
  }
  // `@(x) y`, `a function @(x)`: mvdan-sh reads `@(` as the start of a function named `@`.
  if (name?.parts?.[0]?.type === 'ExtendedGlob') throw new UnreadableTree();
  cmd.suffix.forEach((w, i) => {
    const before = i === 0 ? name : cmd.suffix[i - 1];
    const afterFunction = before?.type === 'Word' && before.text === 'function';
    if (w.type === 'Word' && w.parts?.[0]?.type === 'ExtendedGlob' && afterFunction) {
      throw new UnreadableTree();
    }
  });
  // `a &> 2>&1`: mvdan-sh wants a word after `&>`, and takes `2>&1` as a redirection of its own.
  cmd.redirects.forEach((r, i) => {
    const next = cmd.redirects[i + 1];
    const target = r.type === 'HereDoc' ? undefined : r.target;
    if (target && next && /^\d+$/.test(target.text) && next.pos === target.end) throw new UnreadableTree();
  });
  // `let` takes arithmetic, which unbash reads as words: mvdan-sh parses (and rejects) it.
  if (keyword === 'let') throw new UnreadableTree();
  // A command named by a reserved word is one unbash did not take as a keyword (`a | time b`,
  // `function @(x)`), where mvdan-sh does, and then reads or rejects it its own way.
  // Redirections may come first (`>out function …`); assignments make it an ordinary word.
  if (name && !name.parts && prefixAssigns.length === 0 && RESERVED_WORDS.has(name.text)) {
    throw new UnreadableTree();
  }
}

/** Bash's reserved words, which mvdan-sh takes as keywords wherever a command starts. */
const RESERVED_WORDS = new Set([
  '!',
  '[[',
  ']]',
  '{',
  '}',
  'case',
  'coproc',
  'do',
  'done',
  'elif',
  'else',
  'esac',
  'fi',
  'for',
  'function',
  'if',
  'in',
  'select',
  'then',
  'time',
  'until',
  'while',
]);

/** `! ! a`, `time ! a`: mvdan-sh takes one `!`, at the start of a statement. */
export function requirePrefixesMvdanTakes(prefixes: readonly Unbash.PipelinePrefix[]): void {
  const negation = prefixes.findIndex((p) => p.type === 'Negation');
  if (negation < 0) return;
  const before = prefixes.slice(0, negation);
  const after = prefixes.slice(negation + 1);
  if (before.some((p) => p.type === 'Time') || after.some((p) => p.type === 'Negation')) {
    throw new UnreadableTree();
  }
}
