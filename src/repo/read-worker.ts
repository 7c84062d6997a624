/**
 * The collector's reader thread (bundled as dist/read-worker.js). On a large checkout most of the
 * read phase is system calls — open, fstat, read, close for each file — and, for the files read
 * only to be scanned (committed-secrets reads every source file), decoding and scanning them. Both
 * run here, beside the main thread, which meanwhile decides what to read and takes in what has
 * arrived. It keeps nothing between batches but the buffer it is handed back: each batch comes
 * back packed in one transferred buffer holding only the bytes the main thread still needs, with
 * what the visitors found. It reads with the same rules as the main thread (read-file.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { THREAD_VISITORS } from '../checks/thread-visitors.js';
import { visitFile, type FileVisitor, type VisitResults } from './files.js';
import { decodeOnce, readFileBytes, type Allocate } from './read-file.js';
import {
  FILE_KEPT,
  FILE_READ,
  FILE_WHOLE,
  NEED_NONE,
  readMode,
  type ReadBatch,
  type ReadBatchResult,
  type ReaderSetup,
  type ThreadVisits,
} from './read-protocol.js';

const { rootReal, maxBytes, visitors: visitorIds, nameBytes: namesInBytes } = workerData as ReaderSetup;
const nameBytes = new Map(namesInBytes);

/** Size of a fresh batch buffer; it grows when a batch's files do not fit. */
const PACK_BYTES = 1 << 20;

/** By visitor bit: the visitor run here, or undefined for one the main thread runs. */
const visitors: Array<FileVisitor | undefined> = visitorIds.map(
  (id) => THREAD_VISITORS.find((v) => v.id === id) ?? undefined,
);
/** Visitor bits run here. */
const hereMask = visitors.reduce((mask, v, bit) => (v ? mask | (1 << bit) : mask), 0);
/** A visitor that threw is not called again, in this batch or later ones. */
const failed = new Set<number>();
/** A buffer kept here because the last batch it served sent no bytes back. */
let ownBuffer: ArrayBuffer | undefined;

/**
 * Batches received and not read yet. The scan waits for the files checks keep, not for those read
 * only for visitors, so a kept batch is read before visitor-only batches that came earlier.
 */
const queue: ReadBatch[] = [];
let readScheduled = false;

parentPort?.on('message', (batch: ReadBatch) => {
  queue.push(batch);
  scheduleRead();
});

// Reading waits for the next turn of the event loop, so every batch that arrived meanwhile is
// in the queue when the next one is chosen.
function scheduleRead(): void {
  if (readScheduled || queue.length === 0) return;
  readScheduled = true;
  setImmediate(() => {
    readScheduled = false;
    const kept = queue.findIndex((b) => b.kept === true);
    const [batch] = queue.splice(kept >= 0 ? kept : 0, 1);
    readBatch(batch!);
    scheduleRead();
  });
}

function readBatch(batch: ReadBatch): void {
  // The collector hands buffers back once it has taken their files in, and a batch that sends no
  // bytes back keeps its buffer here: after the first few batches no memory is allocated here
  // for file contents.
  let pack = new Uint8Array(
    batch.buffer instanceof ArrayBuffer ? batch.buffer : (ownBuffer ?? new ArrayBuffer(PACK_BYTES)),
  );
  if (!(batch.buffer instanceof ArrayBuffer)) ownBuffer = undefined;
  let used = 0;
  // Each file's bytes go straight into the batch's buffer, which grows as needed.
  const allocate: Allocate = (size) => {
    if (used + size > pack.length) {
      const bigger = new Uint8Array(Math.max(pack.length * 2, used + size));
      bigger.set(pack.subarray(0, used));
      pack = bigger;
    }
    const offset = used;
    used += size;
    return { buffer: pack, offset };
  };
  const gathered: Array<VisitResults | undefined> = visitors.map((v) =>
    v ? { files: 0, results: new Map() } : undefined,
  );
  const count = batch.paths.length;
  const flags = new Uint8Array(count);
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  const sizes = new Float64Array(count);
  const skipped: ReadBatchResult['skipped'] = [];
  for (let i = 0; i < count; i++) {
    const path = batch.paths[i]!;
    const need = batch.needs[i]!;
    const mask = batch.masks[i]!;
    const start = used;
    const read = readFileBytes(rootReal, path, readMode(need, mask), maxBytes, allocate, nameBytes.get(path));
    const here = mask & hereMask;
    if (here && read.bytes && read.whole) {
      const textOf = decodeOnce(read.bytes);
      for (let bit = 0; bit < visitors.length; bit++) {
        if (!(here & (1 << bit)) || failed.has(bit)) continue;
        const into = gathered[bit]!;
        visitFile(into, visitors[bit]!, path, textOf, read.size ?? 0, read.bytes);
        if (into.error !== undefined) failed.add(bit);
      }
    }
    // Bytes only a visitor here wanted are done with: their space is reused by the next file.
    const kept = read.bytes !== undefined && (need !== NEED_NONE || (mask & ~hereMask) !== 0);
    // A file that shrank while being read leaves the unused tail of its slot behind.
    used = kept ? start + read.bytes!.length : start;
    flags[i] = (read.bytes ? FILE_READ : 0) | (kept ? FILE_KEPT : 0) | (read.whole ? FILE_WHOLE : 0);
    starts[i] = start;
    ends[i] = used;
    sizes[i] = read.size ?? -1;
    if (read.skipped) skipped.push([i, read.skipped]);
  }
  const visits = gathered.map((into): ThreadVisits | null =>
    into
      ? {
          files: into.files,
          results: [...into.results],
          ...(into.error !== undefined ? { error: errorText(into.error) } : {}),
        }
      : null,
  );
  // Transferred whole, not copied to its used length: it comes back to be filled again. With no
  // bytes to send, it stays here for the next batch.
  let buffer = pack.buffer;
  if (used === 0) {
    ownBuffer ??= buffer;
    buffer = new ArrayBuffer(0);
  }
  const result: ReadBatchResult = { id: batch.id, flags, starts, ends, sizes, skipped, buffer, visits };
  parentPort!.postMessage(result, [buffer, flags.buffer, starts.buffer, ends.buffer, sizes.buffer]);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
