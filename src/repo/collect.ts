/**
 * Reads the checkout from disk: the only place (with the GitHub client) that touches the world.
 * Lists paths (git-tracked when `.git` exists, otherwise a walk), then reads only the files some
 * check declared it needs or a visitor wants, each once, never following a link out of the root
 * and never blocking on special files (read-file.ts).
 *
 * On a large checkout the reads run on a reader thread (read-worker.ts) while this thread decides
 * what to read and stores what has come back. The files checks keep are read first: once they are
 * in, the first stage of the collection resolves and the scan runs its checks here while the thread
 * goes on reading, and secret-scanning, the files read only for visitors (startCollection). Small
 * checkouts are read here, in one stage.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import picomatch from 'picomatch';
import {
  SnapshotFiles,
  type FileEntry,
  type FileNeed,
  type FileVisitor,
  type LinkIntoGit,
  type RepoFiles,
  type SkippedFile,
  type VisitResults,
  visitFile,
} from './files.js';
import { distinctName, escapeUndecodable, strictUtf8 } from './names.js';
import {
  absoluteBytes,
  decodeText,
  HEAD_BYTES,
  inGitDir,
  readFileBytes,
  type Allocate,
  type ReadBytes,
} from './read-file.js';
import {
  FILE_KEPT,
  FILE_READ,
  FILE_WHOLE,
  NEED_HEAD,
  NEED_NONE,
  NEED_TEXT,
  readMode,
  type ReadBatch,
  type ReadBatchResult,
  type ReaderSetup,
  type ThreadVisits,
} from './read-protocol.js';

/** Files larger than this are not read; checks see them as skipped with a note. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Directories never descended into by the walk (git mode lists tracked files only); `.git` in any
 * case, as read-file.ts's inGitDir refuses it.
 */
const WALK_SKIP_DIRS = new Set(['.git', 'node_modules']);
const walkSkipKey = (name: string) => (name.length === 4 && name.toLowerCase() === '.git' ? '.git' : name);

/**
 * Work on this thread runs in slices of at most this many ms with a yield to the event loop
 * between slices, so an online collection running alongside keeps its requests moving and the
 * reader thread's batches are taken in. Reads are synchronous: for a checkout, whose files are
 * normally in the page cache, one synchronous open/fstat/read/close costs a few microseconds,
 * while the same calls as promises each hop through the libuv thread pool (on the 200,000-file
 * benchmark of issue 8 that made reading ~4× slower than a plain loop).
 */
const SLICE_MS = 20;
/** Checkouts with at least this many paths are read on a reader thread. */
const READER_THREAD_MIN_PATHS = 5000;
/** Files per batch sent to the reader thread. */
const BATCH_FILES = 1000;
/**
 * Batches out on the reader thread at once. Planning runs ahead of reading on large trees; without
 * a bound, read batches (about a megabyte each) would pile up waiting to be taken in here.
 */
const BATCHES_IN_FLIGHT = 3;
/** Read buffers up to this size are handed back to the reader thread to be filled again. */
const REUSED_BUFFER_MAX_BYTES = 4 * 1024 * 1024;

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
  onProgress?: (read: number, total: number) => void;
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

  const notes: string[] = [];
  let listing: 'git' | 'walk' = 'walk';
  let listed: Listing | undefined;
  if (await exists(path.join(rootReal, '.git'))) {
    try {
      listed = await gitListFiles(rootReal);
      listing = 'git';
    } catch (error) {
      notes.push(`git could not list tracked files (${firstLine(error)}); walked the directory instead`);
    }
  }
  listed ??= await walk(rootReal);
  let { paths } = listed;
  notes.push(...listed.notes);
  const linksIntoGit = await findLinksIntoGit(rootReal, listed.links, listed.nameBytes);

  const isExcluded = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : undefined;
  if (isExcluded) paths = paths.filter((p) => !isExcluded(p));

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
  onKept({ files, listing, notes });
  await reader?.finish();
  store.complete(files);
  return { readPaths: store.readPaths.sort(), readerThread: reader?.used ?? false };
}

/** Files planned for reading, with their needs (NEED_*) and visitor masks. */
class PlannedBatch {
  readonly paths: string[] = [];
  readonly needs: number[] = [];
  readonly masks: number[] = [];

  /** `kept`: its files are kept for checks (and come back with their bytes); else only visited. */
  constructor(readonly kept: boolean) {}

  add(path: string, need: number, mask: number): void {
    this.paths.push(path);
    this.needs.push(need);
    this.masks.push(mask);
  }
}

/** What the collection keeps: entries for the checks, visitor results, skips, the paths read. */
class Store {
  readonly entries = new Map<string, FileEntry>();
  /** Files a check keeps that could not be read, and files read only for visitors that could not. */
  private readonly keptSkipped: SkippedFile[] = [];
  private readonly visitSkipped: SkippedFile[] = [];
  readonly readPaths: string[] = [];
  readonly visits: Map<FileVisitor, VisitResults>;
  planned = 0;
  private done = 0;
  private readonly nameBytes: ReadonlyMap<string, Uint8Array>;

  constructor(
    private readonly setup: ReaderSetup,
    private readonly visitors: readonly FileVisitor[],
    private readonly onProgress: CollectOptions['onProgress'],
  ) {
    this.visits = new Map(visitors.map((v) => [v, { files: 0, results: new Map() }]));
    this.nameBytes = new Map(setup.nameBytes);
  }

  /** Reads one file on this thread and takes it. */
  readHere(rel: string, need: number, mask: number): void {
    const { rootReal, maxBytes } = this.setup;
    const mode = readMode(need, mask);
    const read = readFileBytes(rootReal, rel, mode, maxBytes, this.scratch, this.nameBytes.get(rel));
    this.accept(rel, need, mask, read);
  }

  /**
   * Where files read on this thread land: one buffer, reused from file to file, since accept()
   * keeps copies only (a buffer per file made the allocator's footprint grow on large trees).
   * A file larger than REUSED_BUFFER_MAX_BYTES gets a buffer of its own.
   */
  private scratchBuffer = new Uint8Array(0);
  private readonly scratch: Allocate = (size) => {
    if (size > REUSED_BUFFER_MAX_BYTES) return { buffer: new Uint8Array(size), offset: 0 };
    if (size > this.scratchBuffer.length)
      this.scratchBuffer = new Uint8Array(Math.min(REUSED_BUFFER_MAX_BYTES, Math.max(size, 64 * 1024)));
    return { buffer: this.scratchBuffer, offset: 0 };
  };

  /**
   * Takes one file's read: decodes it, runs the visitors in `mask`, keeps what a check declared.
   * `readThere`: the reader thread read the file (and ran its own visitors on it) but sent no
   * bytes back, as none were needed here.
   */
  accept(rel: string, need: number, mask: number, read: ReadBytes, readThere = false): void {
    if (read.skipped) (need ? this.keptSkipped : this.visitSkipped).push({ path: rel, reason: read.skipped });
    if (readThere || read.bytes) this.readPaths.push(rel);
    if (read.bytes) {
      const text = read.whole && (mask || need === NEED_TEXT) ? decodeText(read.bytes) : undefined;
      if (mask && text !== undefined) {
        for (let v = 0; v < this.visitors.length; v++) {
          const visitor = this.visitors[v]!;
          if (mask & (1 << v)) visitFile(this.visits.get(visitor)!, visitor, rel, text, read.size ?? 0);
        }
      }
      // Keep what a check declared (the first bytes copied out: `bytes` may be a view of a whole
      // batch); a file read only for visitors leaves nothing behind.
      if (need) {
        const head = read.bytes.slice(0, HEAD_BYTES);
        this.entries.set(
          rel,
          need === NEED_TEXT ? { text, head, size: read.size } : { head, size: read.size },
        );
      }
    }
    // Every 256 files (a display shows ten updates a second at most); the last in files().
    if (++this.done % 256 === 0) this.onProgress?.(this.done, this.planned);
  }

  /** Adds what the reader thread's visitors found in one batch. */
  takeVisits(visits: ReadonlyArray<ThreadVisits | null>): void {
    visits.forEach((found, bit) => {
      const visitor = this.visitors[bit];
      if (!found || !visitor) return;
      const into = this.visits.get(visitor)!;
      if (into.error !== undefined) return;
      into.files += found.files;
      for (const [path, result] of found.results) into.results.set(path, result);
      if (found.error !== undefined) into.error = new Error(found.error);
    });
  }

  /**
   * The repository for checks once every file they keep is in; `pending` visitors may still be
   * visiting files (read only for them), whose skips join `skipped` in complete().
   */
  files(
    paths: readonly string[],
    pending: readonly FileVisitor[],
    linksIntoGit: readonly LinkIntoGit[],
  ): SnapshotFiles {
    return new SnapshotFiles(
      paths,
      this.entries,
      sortedSkips(this.keptSkipped),
      this.visits,
      pending,
      linksIntoGit,
    );
  }

  /** Every file read and visited: the skips of files read only for visitors join the rest. */
  complete(files: SnapshotFiles): void {
    if (this.done % 256 !== 0) this.onProgress?.(this.done, this.planned);
    files.completeVisits(sortedSkips([...this.keptSkipped, ...this.visitSkipped]));
  }
}

function sortedSkips(skips: SkippedFile[]): SkippedFile[] {
  return skips.sort((a, b) => a.path.localeCompare(b.path));
}

/** Whether an answer from the reader thread has the shape this collector reads (else it is ignored). */
function isBatchResult(result: ReadBatchResult, count: number): boolean {
  const sized = (a: unknown, type: typeof Uint8Array | typeof Float64Array) =>
    a instanceof type && a.length === count;
  return (
    sized(result.flags, Uint8Array) &&
    sized(result.starts, Float64Array) &&
    sized(result.ends, Float64Array) &&
    sized(result.sizes, Float64Array) &&
    result.buffer instanceof ArrayBuffer &&
    Array.isArray(result.skipped) &&
    result.skipped.every(
      (e) =>
        Array.isArray(e) && Number.isInteger(e[0]) && e[0] >= 0 && e[0] < count && typeof e[1] === 'string',
    ) &&
    Array.isArray(result.visits) &&
    result.visits.every(
      (v) =>
        v === null ||
        (typeof v === 'object' &&
          Number.isInteger(v.files) &&
          Array.isArray(v.results) &&
          v.results.every((r) => Array.isArray(r) && typeof r[0] === 'string') &&
          (v.error === undefined || typeof v.error === 'string')),
    )
  );
}

/**
 * A reader thread for checkouts of 5,000 paths or more, when the bundled worker is present;
 * SSCOP_READ_THREAD=0 turns it off and =1 on whatever the size (for tests and diagnosis).
 */
function wantsReaderThread(paths: number): boolean {
  const env = process.env.SSCOP_READ_THREAD;
  if (env === '0' || !readerScript()) return false;
  return env === '1' || paths >= READER_THREAD_MIN_PATHS;
}

/**
 * The bundled reader worker: dist/read-worker.js, beside the entry points, when this module runs
 * from dist/chunks/. Running from sources (tests), there is none and reads stay on this thread.
 */
function readerScript(): URL | undefined {
  for (const candidate of ['../read-worker.js', './read-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/**
 * The reader thread, and the batches it has not answered yet. If it fails (it cannot start, it
 * crashes), the batches it holds are read on this thread: a scan never depends on it.
 */
class ReaderThread {
  /** Batches sent to the thread and not answered yet. */
  private readonly pending = new Map<number, PlannedBatch>();
  /** Batches planned and waiting to be sent: those with files checks keep go first. */
  private readonly waitingKept: PlannedBatch[] = [];
  private readonly waitingVisit: PlannedBatch[] = [];
  /** Buffers whose files have been taken in, to go back with the next batches. */
  private readonly spare: ArrayBuffer[] = [];
  private nextId = 0;
  private failed = false;
  /** Every path has been planned: no batch will be added. */
  private allPlanned = false;
  /** Waiters for "every kept file is in" and for "every file is in". */
  private keptWaiter: (() => void) | undefined;
  private doneWaiter: (() => void) | undefined;
  used = false;

  private constructor(
    private readonly worker: Worker | undefined,
    private readonly store: Store,
  ) {
    worker?.on('message', (result: ReadBatchResult) => this.receive(result));
    worker?.on('error', () => this.fail());
    worker?.on('exit', () => this.fail());
  }

  static start(setup: ReaderSetup, store: Store): ReaderThread {
    let worker: Worker | undefined;
    try {
      // Not unref'd: while batches are out, the thread is what keeps the process waiting for them.
      // Its heap holds one batch at a time: small limits keep its share of memory small (if it ever
      // ran out, its batches would be read on this thread).
      worker = new Worker(readerScript()!, {
        workerData: setup,
        resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
      });
    } catch {
      worker = undefined;
    }
    const reader = new ReaderThread(worker, store);
    if (!worker) reader.failed = true;
    return reader;
  }

  send(batch: PlannedBatch): void {
    if (this.failed) return this.readHere(batch);
    (batch.kept ? this.waitingKept : this.waitingVisit).push(batch);
    this.dispatch();
  }

  /** Every path is planned: what waits can go out. */
  planningDone(): void {
    this.allPlanned = true;
    this.dispatch();
  }

  /**
   * Sends waiting batches. While paths are being planned, at most BATCHES_IN_FLIGHT are out, so a
   * batch of kept files never queues behind many others. Once every kept batch is out, the rest
   * (visitor-only batches, which bring no bytes back) all go: the thread then works through them
   * while this thread runs the checks.
   */
  private dispatch(): void {
    while (!this.failed) {
      const batch =
        this.waitingKept.length && this.pending.size < BATCHES_IN_FLIGHT
          ? this.waitingKept.shift()!
          : this.waitingVisit.length &&
              (this.pending.size < BATCHES_IN_FLIGHT || (this.allPlanned && !this.waitingKept.length))
            ? this.waitingVisit.shift()!
            : undefined;
      if (!batch) return;
      const id = this.nextId++;
      this.pending.set(id, batch);
      // Only kept files come back as bytes: a batch without any needs no buffer.
      const buffer = batch.kept ? this.spare.pop() : undefined;
      const message: ReadBatch = {
        id,
        paths: batch.paths,
        needs: Uint8Array.from(batch.needs),
        masks: Uint32Array.from(batch.masks),
        buffer,
      };
      this.worker!.postMessage(message, buffer ? [buffer] : []);
    }
  }

  private keptAllIn(): boolean {
    return (
      this.allPlanned && this.waitingKept.length === 0 && ![...this.pending.values()].some((b) => b.kept)
    );
  }

  private allIn(): boolean {
    return (
      this.allPlanned && this.pending.size === 0 && this.waitingKept.length + this.waitingVisit.length === 0
    );
  }

  /** Resolves when every batch of files that checks keep is in (call after planningDone). */
  async keptIn(): Promise<void> {
    if (!this.keptAllIn()) await new Promise<void>((resolve) => (this.keptWaiter = resolve));
  }

  /** Resolves when every batch is in, then stops the thread. */
  async finish(): Promise<void> {
    if (!this.allIn()) await new Promise<void>((resolve) => (this.doneWaiter = resolve));
    await this.stop();
  }

  /** Stops the thread, whatever it still holds. */
  async stop(): Promise<void> {
    if (this.worker && !this.failed) {
      this.failed = true; // its exit from here on is ours
      await this.worker.terminate();
    }
  }

  private receive(result: ReadBatchResult): void {
    const batch = this.pending.get(result?.id);
    if (!batch) return;
    this.pending.delete(result.id);
    // The thread reads the next batch while this one is taken in.
    this.dispatch();
    const count = batch.paths.length;
    if (!isBatchResult(result, count)) {
      // Not the answer this version of the collector expects: read the batch here instead.
      this.readHere(batch);
      this.settleWaiters();
      return;
    }
    this.used = true;
    this.store.takeVisits(result.visits);
    // The visitors the thread ran (it answers null for one it does not have): only the others
    // run here, on the bytes it sent back for them.
    const ranThere = result.visits.reduce((bits, found, bit) => (found ? bits | (1 << bit) : bits), 0);
    const bytes = new Uint8Array(result.buffer);
    const { flags, starts, ends, sizes } = result;
    const reasons = new Map(result.skipped);
    for (let i = 0; i < count; i++) {
      const flag = flags[i]!;
      const read: ReadBytes = {
        bytes: flag & FILE_KEPT ? bytes.subarray(starts[i], ends[i]) : undefined,
        whole: (flag & FILE_WHOLE) !== 0,
        size: sizes[i]! >= 0 ? sizes[i] : undefined,
        skipped: reasons.get(i),
      };
      const mask = batch.masks[i]! & ~ranThere;
      this.store.accept(batch.paths[i]!, batch.needs[i]!, mask, read, (flag & FILE_READ) !== 0);
    }
    // accept() keeps copies, never views of the buffer: it can go back to be filled again. One
    // grown for a very large file is left to the garbage collector instead.
    const size = result.buffer.byteLength;
    if (size > 0 && size <= REUSED_BUFFER_MAX_BYTES) this.spare.push(result.buffer);
    this.settleWaiters();
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const [id, batch] of [...this.pending]) {
      this.pending.delete(id);
      this.readHere(batch);
    }
    for (const batch of this.waitingKept.splice(0)) this.readHere(batch);
    for (const batch of this.waitingVisit.splice(0)) this.readHere(batch);
    this.settleWaiters();
  }

  private readHere(batch: PlannedBatch): void {
    batch.paths.forEach((p, i) => this.store.readHere(p, batch.needs[i]!, batch.masks[i]!));
  }

  private settleWaiters(): void {
    if (this.keptWaiter && this.keptAllIn()) {
      this.keptWaiter();
      this.keptWaiter = undefined;
    }
    if (this.doneWaiter && this.allIn()) {
      this.doneWaiter();
      this.doneWaiter = undefined;
    }
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? 'unknown error';
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

/** The listed paths, which of them are symbolic links, and what the listing left out. */
interface Listing {
  paths: string[];
  links: string[];
  /** The bytes of each listed name that is not UTF-8, by the display name it is listed under (names.ts). */
  nameBytes: Map<string, Uint8Array>;
  /** What the listing left out, for the report. */
  notes: string[];
}

/**
 * A listing as it is gathered. A name that is not UTF-8 is named once every other name is known,
 * so that its display name is one no other file has.
 */
class ListingBuilder {
  private readonly paths: string[] = [];
  private readonly links: string[] = [];
  private readonly undecodable: Array<{ index: number; bytes: Uint8Array; link: boolean }> = [];

  add(name: string, link: boolean): void {
    this.paths.push(name);
    if (link) this.links.push(name);
  }

  addBytes(bytes: Uint8Array, link: boolean): void {
    this.undecodable.push({ index: this.paths.length, bytes, link });
    this.paths.push('');
  }

  finish(notes: string[] = []): Listing {
    const nameBytes = new Map<string, Uint8Array>();
    if (this.undecodable.length) {
      const taken = new Set(this.paths);
      for (const { index, bytes, link } of this.undecodable) {
        const name = distinctName(escapeUndecodable(bytes), taken);
        this.paths[index] = name;
        nameBytes.set(name, bytes);
        if (link) this.links.push(name);
      }
    }
    return { paths: this.paths, links: this.links, nameBytes, notes };
  }
}

/** Links examined for a target in `.git`; a tree with more is hostile or generated. */
const MAX_LINKS_EXAMINED = 10_000;

/**
 * The listed links that resolve into a `.git` folder, by their real target (the link may pass
 * through other links) or, when that cannot be resolved, by the text of the link.
 */
async function findLinksIntoGit(
  rootReal: string,
  links: readonly string[],
  nameBytes: ReadonlyMap<string, Uint8Array>,
): Promise<LinkIntoGit[]> {
  const found: LinkIntoGit[] = [];
  for (const rel of links.slice(0, MAX_LINKS_EXAMINED)) {
    const bytes = nameBytes.get(rel);
    const abs = bytes ? absoluteBytes(rootReal, bytes) : path.join(rootReal, rel);
    // As bytes, then decoded to be compared: `/` and `.git` survive any decoding.
    const targetBytes = await fs.readlink(abs, { encoding: 'buffer' }).catch(() => undefined);
    if (targetBytes === undefined) continue;
    const target = strictUtf8(targetBytes) ?? escapeUndecodable(targetBytes);
    const real = await fs.realpath(abs, { encoding: 'buffer' }).catch(() => undefined);
    const resolved = path.relative(
      rootReal,
      real?.toString() ?? path.resolve(path.dirname(path.join(rootReal, rel)), target),
    );
    if (inGitDir(resolved.split(path.sep).join('/'))) found.push({ path: rel, target });
  }
  return found;
}

function gitListFiles(root: string): Promise<Listing> {
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
        // With each entry's mode, so symbolic links (mode 120000) are known without a stat each.
        '--stage',
      ],
      {
        maxBuffer: 512 * 1024 * 1024,
        encoding: 'buffer',
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
      },
      (error, stdout) => {
        if (error) return reject(error);
        // Decoded whole when it is all UTF-8 (the usual case, and one fast pass); else entry by entry.
        const text = strictUtf8(stdout);
        resolve(text === undefined ? parseLsFilesBytes(stdout) : parseLsFiles(text));
      },
    );
  });
}

// Entries are `MODE SHA STAGE<TAB>PATH`, NUL-terminated, sorted by git; a path repeats only in a
// conflicted index (one entry per stage). Mode 120000 is a symbolic link.

function parseLsFiles(stdout: string): Listing {
  const paths: string[] = [];
  const links: string[] = [];
  for (const entry of stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const p = entry.slice(tab + 1);
    if (!p || p === paths[paths.length - 1]) continue;
    paths.push(p);
    if (entry.startsWith('120000 ')) links.push(p);
  }
  return { paths, links, nameBytes: new Map(), notes: [] };
}

/** The listing when some name in it is not UTF-8: each name decoded on its own. */
function parseLsFilesBytes(stdout: Buffer): Listing {
  const listing = new ListingBuilder();
  let previous: Buffer | undefined;
  for (let start = 0; start < stdout.length;) {
    const nul = stdout.indexOf(0, start);
    const end = nul < 0 ? stdout.length : nul;
    const entry = stdout.subarray(start, end);
    start = end + 1;
    const tab = entry.indexOf(0x09);
    if (tab < 0) continue;
    const name = entry.subarray(tab + 1);
    if (!name.length || previous?.equals(name)) continue;
    previous = name;
    const link = entry.subarray(0, 7).toString('latin1') === '120000 ';
    const text = strictUtf8(name);
    if (text === undefined) listing.addBytes(Buffer.from(name), link);
    else listing.add(text, link);
  }
  return listing.finish();
}

/** A folder the walk lists: its display name, and its bytes when some name on its path is not UTF-8. */
interface WalkFolder {
  rel: string;
  bytes?: Buffer;
}

/** Examples a note names, of each kind of thing the walk left out. */
const NOTE_EXAMPLES = 3;

/**
 * Lists regular files and links without following links, so loops and escapes cannot happen.
 * Leaves out `.git` and `node_modules` folders at any depth; they, and folders that could not be
 * read (so the listing is incomplete), are reported in notes.
 */
async function walk(root: string): Promise<Listing> {
  const listing = new ListingBuilder();
  const leftOut = new Map<string, string[]>([...WALK_SKIP_DIRS].map((name) => [name, []]));
  const unreadable: string[] = [];
  const stack: WalkFolder[] = [{ rel: '' }];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Array<Dirent<string> | Dirent<Buffer>>;
    try {
      entries = await readFolder(root, dir);
    } catch (error) {
      unreadable.push(`${dir.rel || '.'} (${(error as NodeJS.ErrnoException).code ?? firstLine(error)})`);
      continue;
    }
    for (const entry of entries) {
      const name = typeof entry.name === 'string' ? entry.name : strictUtf8(entry.name);
      // A name that is not UTF-8, or a folder whose name is not: the path is kept as bytes.
      const bytes =
        dir.bytes || name === undefined
          ? Buffer.concat([
              dir.bytes ?? Buffer.from(dir.rel),
              Buffer.from(dir.rel ? '/' : ''),
              entry.name as Buffer,
            ])
          : undefined;
      const rel = bytes ? escapeUndecodable(bytes) : dir.rel ? `${dir.rel}/${name}` : name!;
      if (entry.isDirectory()) {
        const skipped = name === undefined ? undefined : leftOut.get(walkSkipKey(name));
        if (skipped) skipped.push(rel);
        else stack.push({ rel, bytes });
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (bytes) listing.addBytes(bytes, entry.isSymbolicLink());
        else listing.add(rel, entry.isSymbolicLink());
      }
    }
  }
  return listing.finish(walkNotes(leftOut, unreadable));
}

/**
 * A folder's entries. Node writes U+FFFD for bytes of a name that are not UTF-8: a folder with
 * such a name in it is read again with names as bytes, as is every folder below one.
 */
async function readFolder(root: string, dir: WalkFolder): Promise<Array<Dirent<string> | Dirent<Buffer>>> {
  if (!dir.bytes) {
    const entries = await fs.readdir(path.join(root, dir.rel), { withFileTypes: true });
    if (!entries.some((e) => e.name.includes('\uFFFD'))) return entries;
  }
  const abs = dir.bytes ? absoluteBytes(root, dir.bytes) : path.join(root, dir.rel);
  return fs.readdir(abs, { withFileTypes: true, encoding: 'buffer' });
}

function walkNotes(leftOut: ReadonlyMap<string, string[]>, unreadable: string[]): string[] {
  const notes: string[] = [];
  const examples = (list: string[]) =>
    `${list.slice(0, NOTE_EXAMPLES).map(middleShortened).join(', ')}${list.length > NOTE_EXAMPLES ? ', …' : ''}`;
  for (const [name, folders] of leftOut) {
    if (folders.length)
      notes.push(
        `the directory walk left out ${folders.length} ${name} folder(s), never scanned: ${examples(folders.sort())}`,
      );
  }
  if (unreadable.length)
    notes.push(
      `the file listing is incomplete: ${unreadable.length} folder(s) could not be read and their files were not scanned: ${examples(unreadable.sort())}`,
    );
  return notes;
}

/** Longest path a note shows whole; a folder too deep to read can have thousands of characters. */
const NOTE_PATH_CHARS = 120;

/** The path, or its start and end around an ellipsis (by code points: no character split). */
function middleShortened(p: string): string {
  if (p.length <= NOTE_PATH_CHARS) return p;
  const chars = [...p];
  if (chars.length <= NOTE_PATH_CHARS) return p;
  const half = NOTE_PATH_CHARS / 2;
  return `${chars.slice(0, half - 1).join('')}…${chars.slice(-half).join('')}`;
}
