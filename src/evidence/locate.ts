/** Finding well-known files the way GitHub does: a few folders, any letter case, several extensions. */
import type { RepoFiles } from '../repo/files.js';
import { shorten } from '../shorten.js';
import { collate } from '../collate.js';

/** The folders GitHub looks in for community health files, in its order of precedence. */
export const COMMUNITY_DIRS = ['.github', '', 'docs'] as const;

/** Extensions GitHub renders for community files (and none). */
export const DOC_EXTENSIONS = [
  '',
  '.md',
  '.markdown',
  '.mdown',
  '.rst',
  '.txt',
  '.adoc',
  '.asciidoc',
  '.org',
];

/**
 * Remembers a pure function of a path's last answer. The engine asks every check about one path in
 * turn and checks share these helpers, so on a large tree each is asked about the same path many
 * times in a row; the comparison is usually of one string object with itself.
 */
export function rememberLast<T>(fn: (path: string) => T): (path: string) => T {
  let lastPath: string | undefined;
  let last: T;
  return (path) => {
    if (path !== lastPath) {
      last = fn(path);
      lastPath = path;
    }
    return last;
  };
}

/** A path's file name in lower case (computed once per path, however many checks ask). */
export const lowerName = rememberLast((path): string => splitPath(path).name.toLowerCase());

/** Splits a path into its folder ('' at the root) and file name. The result is shared: do not change it. */
export const splitPath = rememberLast((path): Readonly<{ dir: string; name: string }> => {
  const i = path.lastIndexOf('/');
  return i < 0 ? { dir: '', name: path } : { dir: path.slice(0, i), name: path.slice(i + 1) };
});

/**
 * True when `path` is `<dir>/<base><ext>` for one of `dirs`, with `base` compared without case
 * and `ext` one of `extensions`.
 */
export function isCommunityFile(
  path: string,
  base: string,
  dirs: readonly string[] = COMMUNITY_DIRS,
  extensions: readonly string[] = DOC_EXTENSIONS,
): boolean {
  const { dir, name } = splitPath(path);
  if (!dirs.includes(dir)) return false;
  const lower = name.toLowerCase();
  const b = base.toLowerCase();
  return lower.startsWith(b) && extensions.includes(lower.slice(b.length));
}

/** The community files in the repository, ordered by GitHub's folder precedence. */
export function findCommunityFiles(
  files: Pick<RepoFiles, 'inDir'>,
  base: string,
  dirs: readonly string[] = COMMUNITY_DIRS,
  extensions: readonly string[] = DOC_EXTENSIONS,
): string[] {
  // Only the listed folders can hold one: look in them, not through the whole tree.
  const found = dirs.flatMap((d) => files.inDir(d)).filter((p) => isCommunityFile(p, base, dirs, extensions));
  const rank = (p: string): number => dirs.indexOf(splitPath(p).dir);
  return found.sort((a, b) => rank(a) - rank(b) || collate(a, b));
}

/** Splits text into lines, accepting LF, CRLF and lone CR, so line numbers match editors. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Shortens a quotation for a report, on one line. */
export function quote(text: string, max = 160): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return shorten(oneLine, max);
}

/**
 * The part of `text` before the first `separator` (all of it when there is none). A linear
 * replacement for `replace(/@.*$/, '')`, which backtracks quadratically on hostile input.
 */
export function before(text: string, separator: string): string {
  const i = text.indexOf(separator);
  return i < 0 ? text : text.slice(0, i);
}

/** `text` without any trailing characters from `chars`; linear, unlike `/[…]+$/`. */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
