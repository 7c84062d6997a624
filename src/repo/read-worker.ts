/**
 * The collector's reader thread (bundled as dist/read-worker.js). On a large checkout most of the
 * read phase is system calls — open, fstat, read, close for each file — so they run here, beside
 * the main thread, which meanwhile decides what to read and decodes and visits what has arrived.
 * It holds no check code and keeps nothing: each batch of files comes back packed in one buffer
 * that is transferred, not copied, and handed back for the next batch. It reads with the same rules
 * as the main thread (read-file.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileBytes, type Allocate } from './read-file.js';
import type { ReadBatch, ReadBatchResult, ReaderSetup } from './read-protocol.js';

const { rootReal, maxBytes } = workerData as ReaderSetup;

/** Size of a fresh batch buffer; it grows when a batch's files do not fit. */
const PACK_BYTES = 1 << 20;

parentPort?.on('message', (batch: ReadBatch) => {
  // The collector hands buffers back once it has taken their files in, so after the first few
  // batches no new memory is allocated here at all.
  let pack = new Uint8Array(batch.buffer instanceof ArrayBuffer ? batch.buffer : new ArrayBuffer(PACK_BYTES));
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
  const files: ReadBatchResult['files'] = [];
  for (let i = 0; i < batch.paths.length; i++) {
    const start = used;
    const read = readFileBytes(
      rootReal,
      batch.paths[i]!,
      batch.heads[i] ? 'head' : 'whole',
      maxBytes,
      allocate,
    );
    // A file that shrank while being read leaves the unused tail of its slot behind.
    used = start + (read.bytes?.length ?? 0);
    files.push({
      start,
      end: used,
      hasBytes: read.bytes !== undefined,
      whole: read.whole,
      size: read.size,
      skipped: read.skipped,
    });
  }
  // Transferred whole, not copied to its used length: it comes back to be filled again.
  const buffer = pack.buffer;
  const result: ReadBatchResult = { id: batch.id, files, buffer };
  parentPort!.postMessage(result, [buffer]);
});
