/**
 * The repository as checks see it: the list of paths and the contents of the files they asked for.
 * Built by the collector (`startCollection` in collect.ts, from disk) or `filesFromRecord` (tests);
 * checks never touch the disk.
 */

import { HEAD_BYTES } from './read-file.js';

/** How much of a file a check needs: its text, or only its first bytes (to sniff binaries). */
export type FileNeed = 'text' | 'head';

/**
 * A pass over files as they are read, for checks that read many files but keep little of each
 * (committed-secrets reads every source file). The collector gives each wanted file's text to
 * `visit` once, keeps only the result, and lets the text go unless some check also declared a
 * `text` need for the file: the scan's memory then follows what checks keep, not the tree's size.
 * `visit` must be pure; a file that cannot be read is not visited (it is in `skipped`).
 */
export interface FileVisitor<R = unknown> {
  /** Names the visitor in errors (the id of the check that owns it). */
  readonly id: string;
  wants(path: string): boolean;
  /** What the file shows; undefined when it shows nothing (then only the count of files grows). */
  visit(path: string, text: string, size: number): R | undefined;
  /**
   * True only when `visit` would show nothing for the text these bytes decode to, told from the
   * bytes alone: most files hold nothing for a visitor, and decoding each one to test it cost more
   * than the test. The file then counts as visited without being decoded. Must be pure.
   */
  showsNothingIn?(path: string, bytes: Uint8Array, size: number): boolean;
}

/** What a visitor produced over the files it wanted. */
export interface Visited<R = unknown> {
  /** How many files it visited. */
  files: number;
  /** Its results, by path, for the files where it found something. */
  results: ReadonlyMap<string, R>;
}

/** What the collector gathers for one visitor: a `Visited`, or the error the visitor threw. */
export interface VisitResults<R = unknown> {
  files: number;
  results: Map<string, R>;
  error?: unknown;
}

/**
 * Runs one visitor on one file into what it gathered; after its first error a visitor is not
 * called again, and `visited()` throws that error (its check then reports it). Given the file's
 * `bytes`, the text may be a function that decodes them, called only if the visitor needs it.
 */
export function visitFile(
  into: VisitResults,
  visitor: FileVisitor,
  path: string,
  text: string | (() => string),
  size: number,
  bytes?: Uint8Array,
): void {
  if (into.error !== undefined) return;
  try {
    into.files++;
    if (bytes && visitor.showsNothingIn?.(path, bytes, size)) return;
    const result = visitor.visit(path, typeof text === 'string' ? text : text(), size);
    if (result !== undefined) into.results.set(path, result);
  } catch (error) {
    into.error = error ?? new Error(`visitor ${visitor.id} threw on ${path}`);
  }
}

export interface SkippedFile {
  path: string;
  reason: string;
}

/** A symbolic link in the tree that resolves into a `.git` folder (never followed). */
export interface LinkIntoGit {
  path: string;
  /** The link's text, as committed. */
  target: string;
}

export interface RepoFiles {
  /** Every path in the checkout (POSIX separators, relative to the root), sorted. */
  readonly paths: readonly string[];
  has(path: string): boolean;
  /** Paths that start with `prefix` (e.g. `docs/`), sorted: a range of `paths`, found by binary search. */
  under(prefix: string): readonly string[];
  /** Paths directly in `dir` ('' for the root), sorted. */
  inDir(dir: string): readonly string[];
  /**
   * Paths kept for checks (their text or first bytes) and paths that could not be read, sorted.
   * Every path some check declared a need for is among them, so a check looking only at files it
   * needs can loop over these rather than every path of the tree.
   */
  needed(): readonly string[];
  /** The file's text when a check declared a `text` need and it could be read; otherwise undefined. */
  text(path: string): string | undefined;
  /** The first bytes of a file when a check declared a `head` need (or its text was read). */
  head(path: string): Uint8Array | undefined;
  /** Size in bytes, when known. */
  size(path: string): number | undefined;
  /** Files a check needed that were not read, with why (too large, not a regular file, unreadable). */
  readonly skipped: readonly SkippedFile[];
  /** Links in the tree that point into a `.git` folder: they are never read, and are findings themselves. */
  readonly linksIntoGit: readonly LinkIntoGit[];
  /**
   * The visitor's result for each file it wanted and that could be read, by path. Throws the error
   * the visitor threw while the files were read (the check that owns it then reports it).
   */
  visited<R>(visitor: FileVisitor<R>): Visited<R>;
}

export interface FileEntry {
  text?: string;
  head?: Uint8Array;
  size?: number;
}

export class SnapshotFiles implements RepoFiles {
  readonly paths: readonly string[];

  private readonly visits: Map<FileVisitor, VisitResults>;
  /** Visitors whose files the collector is still reading (see completeVisits). */
  private readonly pending: Set<FileVisitor>;
  private skippedFiles: readonly SkippedFile[];
  private rootFiles: string[] | undefined;
  private neededPaths: string[] | undefined;

  /**
   * `visits` holds what visitors produced while the collector read the files; a visitor not in it
   * is run on demand over the texts held here (in-memory repositories in tests). `pending` lists
   * visitors the collector is still running: asking for their results throws until it is done.
   */
  constructor(
    paths: Iterable<string>,
    private readonly entries: ReadonlyMap<string, FileEntry>,
    skipped: readonly SkippedFile[] = [],
    visits: ReadonlyMap<FileVisitor, VisitResults> = new Map(),
    pending: Iterable<FileVisitor> = [],
    readonly linksIntoGit: readonly LinkIntoGit[] = [],
  ) {
    this.skippedFiles = skipped;
    this.pending = new Set(pending);
    // Listings usually arrive sorted and without repeats (git's are): then the list is used as
    // it is, with no copy and no set of 200,000 entries built (has() searches the sorted list).
    const list = Array.isArray(paths) ? (paths as readonly string[]) : [...paths];
    this.paths = isStrictlySorted(list) ? list : [...new Set(list)].sort();
    this.visits = new Map(visits);
  }

  get skipped(): readonly SkippedFile[] {
    return this.skippedFiles;
  }

  /**
   * For the collector: every file is read and visited. The skips of files read only for visitors
   * join `skipped`, and the visitors' results can be asked for.
   */
  completeVisits(skipped: readonly SkippedFile[]): void {
    this.skippedFiles = skipped;
    this.neededPaths = undefined;
    this.pending.clear();
  }

  visited<R>(visitor: FileVisitor<R>): Visited<R> {
    // Our bug if it happens: the scan runs checks with visitors after the collection is done.
    if (this.pending.has(visitor))
      throw new Error(`the results of visitor ${visitor.id} were asked for before its files were all read`);
    let done = this.visits.get(visitor);
    if (!done) {
      done = { files: 0, results: new Map() };
      for (const path of this.paths) {
        if (!visitor.wants(path)) continue;
        const text = this.text(path);
        if (text !== undefined)
          visitFile(done, visitor, path, text, this.size(path) ?? Buffer.byteLength(text));
      }
      this.visits.set(visitor, done);
    }
    if (done.error !== undefined) throw done.error;
    return { files: done.files, results: done.results as Map<string, R> };
  }

  has(path: string): boolean {
    return this.paths[this.firstAtOrAfter(path)] === path;
  }

  /** The index of the first path not before `key` in code-unit order (how `paths` is sorted). */
  private firstAtOrAfter(key: string): number {
    const { paths } = this;
    let lo = 0;
    let hi = paths.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (paths[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  under(prefix: string): readonly string[] {
    // Paths sharing a prefix are contiguous in any code-unit order, which is how `paths` is sorted.
    const { paths } = this;
    const lo = this.firstAtOrAfter(prefix);
    let end = lo;
    while (end < paths.length && paths[end]!.startsWith(prefix)) end++;
    return paths.slice(lo, end);
  }

  needed(): readonly string[] {
    this.neededPaths ??= [...new Set([...this.entries.keys(), ...this.skipped.map((s) => s.path)])].sort();
    return this.neededPaths;
  }

  inDir(dir: string): readonly string[] {
    if (dir === '') return (this.rootFiles ??= this.paths.filter((p) => !p.includes('/')));
    const prefix = `${dir}/`;
    return this.under(prefix).filter((p) => !p.includes('/', prefix.length));
  }

  text(path: string): string | undefined {
    return this.entries.get(path)?.text;
  }

  head(path: string): Uint8Array | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    if (entry.head) return entry.head;
    if (entry.text !== undefined) return new TextEncoder().encode(entry.text.slice(0, HEAD_BYTES));
    return undefined;
  }

  size(path: string): number | undefined {
    const entry = this.entries.get(path);
    return entry?.size ?? (entry?.text !== undefined ? Buffer.byteLength(entry.text) : undefined);
  }
}

/** Sorted in code-unit order with no repeats. */
function isStrictlySorted(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]! >= list[i]!) return false;
  return true;
}

/** An in-memory repository: every file's text is available. For tests and small synthetic inputs. */
export function filesFromRecord(files: Record<string, string>): RepoFiles {
  const entries = new Map<string, FileEntry>();
  for (const [path, text] of Object.entries(files)) entries.set(path, { text });
  return new SnapshotFiles(Object.keys(files), entries);
}
