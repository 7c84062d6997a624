/**
 * The boundary with unbash: the lazy load, which scripts it is given, and the walk of its tree
 * (shell-unbash-walk.ts) into commands. unbash parses a script in a tenth of the time mvdan-sh
 * takes; mvdan-sh stays the judge of what does not parse (shell.ts).
 * `__tests__/evidence/shell-parsers.test.ts` and `bench/shell-parity.mjs` hold the two walks to
 * the same result.
 */
import { contiguousSource, type ScriptSource } from './script-source.js';
import type { ShellCommand } from './shell.js';
import { UnbashWalker, type ChildVisitor } from './shell-unbash-walk.js';
import { lazyRequire } from './lazy-require.js';
import type * as Unbash from 'unbash';

/** Loaded on first use, like mvdan-sh: a scan whose scripts are all plain never needs it. */
const unbash = lazyRequire<typeof Unbash>(
  'unbash',
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (lazy-require.ts)
  () => require('unbash'),
);

/**
 * The commands of a script parsed with unbash, or undefined when unbash finds an error anywhere in
 * it or builds a tree the walk cannot place in the script: mvdan-sh then decides.
 */
export function parseWithUnbash(source: ScriptSource): ShellCommand[] | undefined {
  if (commentBeforeContinuation(source.text)) return undefined;
  const { parse, forEachChild } = unbash();
  trusted ??= readsAsExpected(parse, forEachChild);
  return trusted ? walk(source, parse, forEachChild) : undefined;
}

function walk(source: ScriptSource, parse: typeof Unbash.parse, forEachChild: ChildVisitor) {
  const walker = new UnbashWalker(source, forEachChild);
  try {
    walker.script(parse(source.text), false);
  } catch {
    // An unreadable tree, or a nesting deep enough to exhaust the stack: mvdan-sh reports on it.
    return undefined;
  }
  return walker.commands.sort((a, b) => a.offset - b.offset);
}

/**
 * The walk reads the tree of the unbash version in the lockfile. On first use it reads a script
 * covering the shapes it depends on and compares with the reading it was written against; an
 * unbash whose tree reads otherwise is not used, and mvdan-sh reads every script (slower, not
 * wrong).
 */
const PROBE = 'export A=$(curl -fsSL x | bash) B\ncat <<\'E\' >out; ! a && b "$c" ${d:-e}\nbody\nE\n';
const PROBE_READING = JSON.stringify([
  ['export', 0, 33, 0, 1, false, ''],
  ['curl -fsSL x', 11, 23, 0, 2, true, ''],
  ['bash', 26, 30, 1, 2, true, ''],
  ['cat', 34, 49, 0, 1, false, '<<:5,>'],
  ['a', 50, 53, 0, 1, false, ''],
  ['b $c ${d:-e}', 57, 71, 0, 1, false, ''],
]);
let trusted: boolean | undefined;

/** Whether this unbash, read by the walk, gives the probe's expected reading. */
export function readsAsExpected(parse: typeof Unbash.parse, forEachChild: ChildVisitor): boolean {
  const commands = walk(contiguousSource(PROBE), parse, forEachChild);
  const reading = commands?.map((c) => [
    c.args.map((w) => w.value ?? w.loose).join(' '),
    c.offset,
    c.end,
    c.stage,
    c.stages,
    c.substituted,
    c.redirects.map((r) => r.op + (r.heredoc ? `:${r.heredoc.source.text.length}` : '')).join(','),
  ]);
  return JSON.stringify(reading) === PROBE_READING;
}

/** Where a `#` starts a comment: at the start of a line or after a blank or an operator. */
const COMMENT_START = /(?:^|[\s;&|()])#/;

/**
 * A comment whose line ends in `\`: bash ends the comment (and the command) at the newline, but
 * mvdan-sh joins the next line to the command, and its reading is the one reports were built on.
 * Each line is looked at once, from its continuation back to its start.
 */
function commentBeforeContinuation(text: string): boolean {
  for (let from = 0; ;) {
    const continuation = text.indexOf('\\\n', from);
    if (continuation < 0) return false;
    const lineStart = text.lastIndexOf('\n', continuation - 1) + 1;
    if (COMMENT_START.test(text.slice(lineStart, continuation))) return true;
    from = continuation + 2;
  }
}
