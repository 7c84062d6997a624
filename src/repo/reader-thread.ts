/**
 * The reader thread of large checkouts (read-worker.ts): batches of planned files go out, their
 * bytes, sizes, skips and visitor results come back and are taken into the store. If the thread
 * cannot start, fails or answers in the wrong shape, the batches it held are read on this thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  FILE_KEPT,
  FILE_READ,
  FILE_WHOLE,
  type ReadBatch,
  type ReadBatchResult,
  type ReaderSetup,
} from './read-protocol.js';
import type { ReadBytes } from './read-file.js';
import { REUSED_BUFFER_MAX_BYTES, type PlannedBatch, type Store } from './store.js';

/**
 * Checkouts with at least this many paths are read on a reader thread. Below it the thread costs
 * more than it saves: on argo-cd (5,574 paths) and moby (13,024) it took 60–80 MB and a few per cent
 * more time, while on the generated 200,000-file tree it saves a seventh of the time.
 */
const READER_THREAD_MIN_PATHS = 40_000;

/**
 * Batches out on the reader thread at once. Planning runs ahead of reading on large trees; without
 * a bound, read batches (about a megabyte each) would pile up waiting to be taken in here.
 */
const BATCHES_IN_FLIGHT = 3;

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
 * A reader thread for checkouts of 40,000 paths or more, when the bundled worker is present;
 * SSCOP_READ_THREAD=0 turns it off and =1 on whatever the size (for tests and diagnosis).
 */
export function wantsReaderThread(paths: number): boolean {
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
export class ReaderThread {
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
   * Sends waiting batches. While paths are being planned, at most BATCHES_IN_FLIGHT of each kind
   * are out: visitor-only batches never hold a batch of kept files back here, and the thread
   * reads a kept batch before the visitor-only ones it holds. Once every kept batch is out, the rest
   * (visitor-only batches, which bring no bytes back) all go: the thread then works through them
   * while this thread runs the checks.
   */
  private dispatch(): void {
    while (!this.failed) {
      const out = [...this.pending.values()];
      const keptOut = out.filter((b) => b.kept).length;
      const visitOut = out.length - keptOut;
      const batch =
        this.waitingKept.length && keptOut < BATCHES_IN_FLIGHT
          ? this.waitingKept.shift()!
          : this.waitingVisit.length &&
              (visitOut < BATCHES_IN_FLIGHT || (this.allPlanned && !this.waitingKept.length))
            ? this.waitingVisit.shift()!
            : undefined;
      if (!batch) return;
      const id = this.nextId++;
      this.pending.set(id, batch);
      // Only kept files come back as bytes: a batch without any needs no buffer.
      const buffer = batch.kept ? this.spare.pop() : undefined;
      const message: ReadBatch = {
        id,
        kept: batch.kept,
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
