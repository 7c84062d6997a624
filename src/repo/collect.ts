/**
 * Reads the checkout from disk: the only place (with the GitHub client) that touches the world.
 * Lists paths (listing.ts: git-tracked when `.git` exists, otherwise a walk), then plans and reads
 * only the files some check declared it needs or a visitor wants, each once, never following a
 * link out of the root or into `.git` and never blocking on special files (read-file.ts), keeping
 * what checks need in the store (store.ts).
 *
 * On a large checkout the reads run on a reader thread (reader-thread.ts, read-worker.ts) while this thread decides
 * what to read and stores what has come back. The files checks keep are read first: once they are
 * in, the first stage of the collection resolves and the scan runs its checks here while the thread
 * goes on reading, and secret-scanning, the files read only for visitors (startCollection). Small
 * checkouts are read here, in one stage.
 */
import { promises as fs } from 'node:fs';
import type { FileNeed, FileVisitor, RepoFiles } from './files.js';
import { listCheckout } from './listing.js';
import { NEED_HEAD, NEED_NONE, NEED_TEXT } from './read-protocol.js';
import { globMatcher } from '../glob.js';
import { ReaderThread, wantsReaderThread } from './reader-thread.js';
import { PlannedBatch, Store, type OnProgress } from './store.js';
import type { ReaderSetup } from './read-protocol.js';

/** Files larger than this are not read; checks see them as skipped with a note. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Work on this thread runs in slices of at most this many ms with a yield to the event loop
 * between slices, so an online collection running alongside keeps its requests moving and the
 * reader thread's batches are taken in. Reads are synchronous: for a checkout, whose files are
 * normally in the page cache, one synchronous open/fstat/read/close costs a few microseconds,
 * while the same calls as promises each hop through the libuv thread pool (on the 200,000-file
 * benchmark that made reading ~4× slower than a plain loop).
 */
const SLICE_MS = 20;

/** Files per batch sent to the reader thread. */
const BATCH_FILES = 1000;

export interface CollectOptions {
  /** Glob patterns (picomatch, relative to the root) whose files are left out entirely. */
  exclude?: readonly string[];
  maxFileBytes?: number;
  /** Per-file passes run on files as they are read (see FileVisitor). */
  visitors?: readonly FileVisitor[];
  /**
   * Ids of the visitors the reader thread can run itself (it bundles them: see
   * checks/thread-visitors.ts); the others run on this thread.
   */
  threadVisitors?: readonly string[];
  /** Called as files are read, for progress display (the total grows while paths are planned). */
  onProgress?: OnProgress;
  /** Called once the checkout is listed, before any file is read (for `--timing`). */
  onListed?: () => void;
  /** Also list files git neither tracks nor ignores (a working copy scanned locally). */
  untracked?: boolean;
}

/** The first stage of a collection: every file a check keeps has been read. */
export interface CollectedFiles {
  /**
   * The checkout as checks see it. Texts, heads, sizes, `needed()` and the skips among the files
   * checks keep are final; `skipped` and `visited()` become final with the collection's `done`
   * (until then `visited()` throws for a visitor whose files are still being read).
   */
  files: RepoFiles;
  /** How the path list was obtained. */
  listing: 'git' | 'walk';
  /** Notes for the report (e.g. why git listing fell back to a walk). */
  notes: string[];
  /** Listed files git neither tracks nor ignores, when `untracked` asked for them. */
  untracked?: string[];
}

/** The end of a collection: every planned file read and visited. */
export interface CollectionDone {
  /** Paths that were opened and read, for the benchmark's floor and the "reads only what it needs" test. */
  readPaths: string[];
  /** Whether a reader thread did the reads. */
  readerThread: boolean;
}

export type CollectedRepository = CollectedFiles & CollectionDone;

/**
 * A collection in two stages. On a large checkout most files are read only for a visitor (the
 * secret scan); the files checks keep are read first, so `kept` resolves while the reader thread
 * is still reading and visiting the rest, and the scan runs every check that needs no visitor in
 * the meantime. `done` resolves when everything is read.
 */
export interface Collection {
  kept: Promise<CollectedFiles>;
  done: Promise<CollectionDone>;
}

/** Reads the checkout in one go: both stages of `startCollection`. */
export async function collectRepository(
  root: string,
  needOf: (path: string) => FileNeed | undefined,
  options: CollectOptions = {},
): Promise<CollectedRepository> {
  const collection = startCollection(root, needOf, options);
  const kept = await collection.kept;
  return { ...kept, ...(await collection.done) };
}

export function startCollection(
  root: string,
  needOf: (path: string) => FileNeed | undefined,
  options: CollectOptions = {},
): Collection {
  let resolveKept!: (kept: CollectedFiles) => void;
  let rejectKept!: (error: unknown) => void;
  const kept = new Promise<CollectedFiles>((resolve, reject) => {
    resolveKept = resolve;
    rejectKept = reject;
  });
  const done = collect(root, needOf, options, resolveKept);
  // A failure before the first stage fails both (rejecting `kept` then; rejecting it again later
  // does nothing). The handler also marks `done` handled: a caller that stops at a failed `kept`
  // leaves no unhandled rejection behind.
  done.catch((error: unknown) => rejectKept(error));
  return { kept, done };
}

async function collect(
  root: string,
  needOf: (path: string) => FileNeed | undefined,
  options: CollectOptions,
  onKept: (kept: CollectedFiles) => void,
): Promise<CollectionDone> {
  const rootReal = await fs.realpath(root);
  const stat = await fs.stat(rootReal);
  if (!stat.isDirectory()) throw new Error(`${root} is not a directory`);

  const listed = await listCheckout(rootReal, { untracked: options.untracked === true });
  options.onListed?.();
  const { listing, notes, linksIntoGit, untracked } = listed;
  let { paths } = listed;

  const isExcluded = options.exclude?.length ? globMatcher(options.exclude) : undefined;
  if (isExcluded) paths = paths.filter((p) => !isExcluded(p));
  const untrackedKept = isExcluded ? untracked?.filter((p) => !isExcluded(p)) : untracked;

  const visitors = options.visitors ?? [];
  if (visitors.length > 31) throw new Error('at most 31 file visitors');
  const threadVisitors = new Set(options.threadVisitors ?? []);
  const setup: ReaderSetup = {
    rootReal,
    maxBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    visitors: visitors.map((v) => (threadVisitors.has(v.id) ? v.id : null)),
    nameBytes: [...listed.nameBytes],
  };
  const store = new Store(setup, visitors, options.onProgress);
  const reader = wantsReaderThread(paths.length) ? ReaderThread.start(setup, store) : undefined;

  // Plan each path — what to keep of it (a check's need), which visitors read it as it passes —
  // and read it here, or batch it for the reader thread: files a check keeps in batches of their
  // own, which go first, and files read only for visitors in others.
  let keptBatch = new PlannedBatch(true);
  let visitBatch = new PlannedBatch(false);
  let sliceStarted = performance.now();
  try {
    for (const p of paths) {
      const need = needOf(p);
      let mask = 0;
      for (let v = 0; v < visitors.length; v++) if (visitors[v]!.wants(p)) mask |= 1 << v;
      if (need || mask) {
        const code = need === 'text' ? NEED_TEXT : need === 'head' ? NEED_HEAD : NEED_NONE;
        store.planned++;
        if (!reader) {
          store.readHere(p, code, mask);
        } else if (code !== NEED_NONE) {
          keptBatch.add(p, code, mask);
          if (keptBatch.paths.length >= BATCH_FILES) {
            reader.send(keptBatch);
            keptBatch = new PlannedBatch(true);
          }
        } else {
          visitBatch.add(p, code, mask);
          if (visitBatch.paths.length >= BATCH_FILES) {
            // Kept files planned so far go out first: the checks wait for them, not for these.
            if (keptBatch.paths.length) {
              reader.send(keptBatch);
              keptBatch = new PlannedBatch(true);
            }
            reader.send(visitBatch);
            visitBatch = new PlannedBatch(false);
          }
        }
      }
      if (performance.now() - sliceStarted > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
    }
    if (reader) {
      if (keptBatch.paths.length) reader.send(keptBatch);
      if (visitBatch.paths.length) reader.send(visitBatch);
      reader.planningDone();
      await reader.keptIn();
    }
  } catch (error) {
    await reader?.stop();
    throw error;
  }

  // While the reader thread may still be reading files for visitors, their results and skips
  // are held back: until then `visited()` throws rather than answer with part of them.
  const files = store.files(paths, reader ? visitors : [], linksIntoGit);
  onKept({ files, listing, notes, ...(untrackedKept?.length ? { untracked: untrackedKept } : {}) });
  await reader?.finish();
  store.complete(files);
  return { readPaths: store.readPaths.sort(), readerThread: reader?.used ?? false };
}
