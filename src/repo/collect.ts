/**
 * Reads the checkout from disk: the only place (with the GitHub client) that touches the world.
 * Lists paths (git-tracked when `.git` exists, otherwise a walk), then reads only the files some
 * check declared it needs, each once, never following a link out of the root and never blocking
 * on special files.
 */
import { execFile } from 'node:child_process';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  promises as fs,
  readSync,
  realpathSync,
} from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import {
  HEAD_BYTES,
  SnapshotFiles,
  type FileEntry,
  type FileNeed,
  type FileVisitor,
  type RepoFiles,
  type SkippedFile,
  type VisitResults,
} from './files.js';

/** Files larger than this are not read; checks see them as skipped with a note. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Directories never descended into by the walk (git mode lists tracked files only). */
const WALK_SKIP_DIRS = new Set(['.git', 'node_modules']);

/**
 * Reads are synchronous, in slices of at most this many ms with a yield to the event loop between
 * slices (so an online collection running alongside keeps its requests moving). For a checkout,
 * whose files are normally in the page cache, one synchronous open/fstat/read/close costs a few
 * microseconds, while the same calls as promises each hop through the libuv thread pool: on the
 * 200,000-file benchmark (issue 8) that hopping made reading ~4× slower than a plain loop.
 */
const READ_SLICE_MS = 20;
const NEED_TEXT = 1;
const NEED_HEAD = 2;

/** Opens never follow a final symbolic link (links are resolved and checked first) and never block on a FIFO. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export interface CollectOptions {
  /** Glob patterns (picomatch, relative to the root) whose files are left out entirely. */
  exclude?: readonly string[];
  maxFileBytes?: number;
  /** Per-file passes run on files as they are read (see FileVisitor). */
  visitors?: readonly FileVisitor[];
  /** Called as files are read, for progress display. */
  onProgress?: (read: number, total: number) => void;
}

export interface CollectedRepository {
  files: RepoFiles;
  /** How the path list was obtained. */
  listing: 'git' | 'walk';
  /** Notes for the report (e.g. why git listing fell back to a walk). */
  notes: string[];
  /** Paths that were opened and read, for the benchmark's floor and the "reads only what it needs" test. */
  readPaths: string[];
}

export async function collectRepository(
  root: string,
  needOf: (path: string) => FileNeed | undefined,
  options: CollectOptions = {},
): Promise<CollectedRepository> {
  const rootReal = await fs.realpath(root);
  const stat = await fs.stat(rootReal);
  if (!stat.isDirectory()) throw new Error(`${root} is not a directory`);

  const notes: string[] = [];
  let listing: 'git' | 'walk' = 'walk';
  let paths: string[] | undefined;
  if (await exists(path.join(rootReal, '.git'))) {
    try {
      paths = await gitListFiles(rootReal);
      listing = 'git';
    } catch (error) {
      notes.push(`git could not list tracked files (${firstLine(error)}); walked the directory instead`);
    }
  }
  paths ??= await walk(rootReal);

  const isExcluded = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : undefined;
  if (isExcluded) paths = paths.filter((p) => !isExcluded(p));

  // Each path's plan, packed (a 200,000-file tree would otherwise hold as many small arrays): the
  // index of the path, what to keep of it (a check's need), and which visitors read it as it passes.
  const visitors = options.visitors ?? [];
  if (visitors.length > 31) throw new Error('at most 31 file visitors');
  const visits = new Map<FileVisitor, VisitResults>(
    visitors.map((v) => [v, { files: 0, results: new Map() }]),
  );
  const wantedIndex = new Uint32Array(paths.length);
  const wantedNeed = new Uint8Array(paths.length);
  const wantedVisitors = new Uint32Array(paths.length);
  let wanted = 0;
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i]!;
    const need = needOf(p);
    let mask = 0;
    for (let v = 0; v < visitors.length; v++) if (visitors[v]!.wants(p)) mask |= 1 << v;
    if (!need && !mask) continue;
    wantedIndex[wanted] = i;
    wantedNeed[wanted] = need === 'text' ? NEED_TEXT : need === 'head' ? NEED_HEAD : 0;
    wantedVisitors[wanted] = mask;
    wanted++;
  }

  const entries = new Map<string, FileEntry>();
  const skipped: SkippedFile[] = [];
  const readPaths: string[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let done = 0;
  let sliceStarted = performance.now();
  for (let w = 0; w < wanted; w++) {
    const rel = paths[wantedIndex[w]!]!;
    const need = wantedNeed[w]!;
    const mask = wantedVisitors[w]!;
    const result = readOne(rootReal, rel, mask || need === NEED_TEXT ? 'text' : 'head', maxBytes, need !== 0);
    if (result.skipped) skipped.push({ path: rel, reason: result.skipped });
    if (result.entry) {
      readPaths.push(rel);
      const { text, size } = result.entry;
      if (mask && text !== undefined) {
        for (let v = 0; v < visitors.length; v++) {
          if (mask & (1 << v)) visitOne(visits.get(visitors[v]!)!, visitors[v]!, rel, text, size ?? 0);
        }
      }
      // Keep what a check declared; a file read only for visitors leaves nothing behind.
      if (need === NEED_TEXT) entries.set(rel, result.entry);
      else if (need === NEED_HEAD) entries.set(rel, { head: result.entry.head, size });
    }
    options.onProgress?.(++done, wanted);
    if (performance.now() - sliceStarted > READ_SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
  skipped.sort((a, b) => a.path.localeCompare(b.path));

  return {
    files: new SnapshotFiles(paths, entries, skipped, visits),
    listing,
    notes,
    readPaths: readPaths.sort(),
  };
}

/** Runs one visitor on one file; after its first error a visitor is not called again (its check reports the error). */
function visitOne(into: VisitResults, visitor: FileVisitor, rel: string, text: string, size: number): void {
  if (into.error !== undefined) return;
  try {
    into.files++;
    const result = visitor.visit(rel, text, size);
    if (result !== undefined) into.results.set(rel, result);
  } catch (error) {
    into.error = error ?? new Error(`visitor ${visitor.id} threw on ${rel}`);
  }
}

/** Reads one file synchronously (see READ_SLICE_MS); never throws: a failure is a skip with the reason. */
function readOne(
  rootReal: string,
  rel: string,
  need: FileNeed,
  maxBytes: number,
  /** False when the file is read only for visitors: its first bytes are not copied out. */
  keepHead = true,
): { entry?: FileEntry; skipped?: string } {
  // Paths come from git or the walk: relative, `/`-separated, never `..` (path.join is slower here).
  let target = `${rootReal}${path.sep}${rel}`;
  let fd: number | undefined;
  try {
    try {
      // O_NOFOLLOW: the file cannot be swapped for a link between the check and the open.
      // O_NONBLOCK: opening a FIFO must not hang the scan.
      fd = openSync(target, OPEN_FLAGS);
    } catch (error) {
      // A final symbolic link fails with ELOOP (no lstat per file on the common path): follow it
      // only to a file inside the checkout.
      if ((error as NodeJS.ErrnoException).code !== 'ELOOP' || !lstatSync(target).isSymbolicLink())
        throw error;
      let real: string;
      try {
        real = realpathSync(target);
      } catch (linkError) {
        return {
          skipped:
            (linkError as NodeJS.ErrnoException).code === 'ELOOP'
              ? 'symbolic link loop (not followed)'
              : 'symbolic link to a missing file (not followed)',
        };
      }
      if (!isInside(rootReal, real))
        return { skipped: 'symbolic link pointing outside the checkout (not followed)' };
      target = real;
      fd = openSync(target, OPEN_FLAGS);
    }
    const st = fstatSync(fd);
    if (!st.isFile()) return { skipped: 'not a regular file' };
    if (need === 'head') {
      const buf = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
      const bytesRead = readSync(fd, buf, 0, buf.length, 0);
      return { entry: { head: new Uint8Array(buf.subarray(0, bytesRead)), size: st.size } };
    }
    if (st.size > maxBytes) {
      // Too large to read whole, but its first bytes still tell a binary from text.
      const buf = Buffer.alloc(HEAD_BYTES);
      const bytesRead = readSync(fd, buf, 0, buf.length, 0);
      return {
        entry: { head: new Uint8Array(buf.subarray(0, bytesRead)), size: st.size },
        skipped: `larger than the ${formatBytes(maxBytes)} limit (${formatBytes(st.size)}); not read`,
      };
    }
    const buf = readWhole(fd, st.size);
    return {
      entry: {
        text: decodeText(buf),
        head: keepHead ? new Uint8Array(buf.subarray(0, HEAD_BYTES)) : undefined,
        size: st.size,
      },
    };
  } catch (error) {
    return { skipped: `could not be read (${(error as NodeJS.ErrnoException).code ?? firstLine(error)})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads an open file of `size` bytes, the size the fstat already made gave (readFileSync would
 * fstat again). Like readFileSync, it stops at that size; a file that shrank comes back shorter.
 */
function readWhole(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const n = readSync(fd, buf, length, size - length, null);
    if (n === 0) break;
    length += n;
  }
  return buf.subarray(0, length);
}

// One decoder each, shared: without `stream`, decode() keeps no state between calls.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: false });
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

/** Decodes UTF-8 (BOM stripped) or UTF-16 with a BOM; invalid sequences become U+FFFD, never an error. */
export function decodeText(buf: Uint8Array): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return UTF16LE.decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return UTF16BE.decode(buf.subarray(2));
  return UTF8.decode(buf);
}

function isInside(rootReal: string, candidate: string): boolean {
  const rel = path.relative(rootReal, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

function gitListFiles(root: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [
        // A scanned repository's own config must not make git run anything.
        '-c',
        'core.fsmonitor=false',
        '-c',
        'core.untrackedCache=false',
        '-C',
        root,
        'ls-files',
        '-z',
        // Tracked files only: what the commit holds. Listing untracked files (`--others`) makes
        // git walk the whole working tree, which cost seconds on the large benchmark.
        '--cached',
      ],
      { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout) => {
        if (error) return reject(error);
        resolve([...new Set(stdout.split('\0').filter(Boolean))]);
      },
    );
  });
}

/** Lists regular files and links without following links, so loops and escapes cannot happen. */
async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  const stack: string[] = [''];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!WALK_SKIP_DIRS.has(entry.name)) stack.push(rel);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        out.push(rel);
      }
    }
  }
  return out;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? 'unknown error';
}
