import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  FILE_KEPT,
  FILE_READ,
  FILE_WHOLE,
  NEED_NONE,
  THREAD_VISITORS,
  decodeOnce,
  readFileBytes,
  readMode,
  visitFile
} from "./chunks/chunk-ONSPMNKV.js";
import "./chunks/chunk-FOLPRBI6.js";
import "./chunks/chunk-2FTF55O4.js";
import "./chunks/chunk-KSFHDG3R.js";
import "./chunks/chunk-W373YIMK.js";

// src/repo/read-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var { rootReal, maxBytes, visitors: visitorIds, nameBytes: namesInBytes } = workerData;
var nameBytes = new Map(namesInBytes);
var PACK_BYTES = 1 << 20;
var visitors = visitorIds.map(
  (id) => THREAD_VISITORS.find((v) => v.id === id) ?? void 0
);
var hereMask = visitors.reduce((mask, v, bit) => v ? mask | 1 << bit : mask, 0);
var failed = /* @__PURE__ */ new Set();
var ownBuffer;
var queue = [];
var readScheduled = false;
parentPort?.on("message", (batch) => {
  queue.push(batch);
  scheduleRead();
});
function scheduleRead() {
  if (readScheduled || queue.length === 0) return;
  readScheduled = true;
  setImmediate(() => {
    readScheduled = false;
    const kept = queue.findIndex((b) => b.kept === true);
    const [batch] = queue.splice(kept >= 0 ? kept : 0, 1);
    readBatch(batch);
    scheduleRead();
  });
}
function readBatch(batch) {
  let pack = new Uint8Array(
    batch.buffer instanceof ArrayBuffer ? batch.buffer : ownBuffer ?? new ArrayBuffer(PACK_BYTES)
  );
  if (!(batch.buffer instanceof ArrayBuffer)) ownBuffer = void 0;
  let used = 0;
  const allocate = (size) => {
    if (used + size > pack.length) {
      const bigger = new Uint8Array(Math.max(pack.length * 2, used + size));
      bigger.set(pack.subarray(0, used));
      pack = bigger;
    }
    const offset = used;
    used += size;
    return { buffer: pack, offset };
  };
  const gathered = visitors.map(
    (v) => v ? { files: 0, results: /* @__PURE__ */ new Map() } : void 0
  );
  const count = batch.paths.length;
  const flags = new Uint8Array(count);
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  const sizes = new Float64Array(count);
  const skipped = [];
  for (let i = 0; i < count; i++) {
    const path = batch.paths[i];
    const need = batch.needs[i];
    const mask = batch.masks[i];
    const start = used;
    const read = readFileBytes(rootReal, path, readMode(need, mask), maxBytes, allocate, nameBytes.get(path));
    const here = mask & hereMask;
    if (here && read.bytes && read.whole) {
      const textOf = decodeOnce(read.bytes);
      for (let bit = 0; bit < visitors.length; bit++) {
        if (!(here & 1 << bit) || failed.has(bit)) continue;
        const into = gathered[bit];
        visitFile(into, visitors[bit], path, textOf, read.size ?? 0, read.bytes);
        if (into.error !== void 0) failed.add(bit);
      }
    }
    const kept = read.bytes !== void 0 && (need !== NEED_NONE || (mask & ~hereMask) !== 0);
    used = kept ? start + read.bytes.length : start;
    flags[i] = (read.bytes ? FILE_READ : 0) | (kept ? FILE_KEPT : 0) | (read.whole ? FILE_WHOLE : 0);
    starts[i] = start;
    ends[i] = used;
    sizes[i] = read.size ?? -1;
    if (read.skipped) skipped.push([i, read.skipped]);
  }
  const visits = gathered.map(
    (into) => into ? {
      files: into.files,
      results: [...into.results],
      ...into.error !== void 0 ? { error: errorText(into.error) } : {}
    } : null
  );
  let buffer = pack.buffer;
  if (used === 0) {
    ownBuffer ??= buffer;
    buffer = new ArrayBuffer(0);
  }
  const result = { id: batch.id, flags, starts, ends, sizes, skipped, buffer, visits };
  parentPort.postMessage(result, [buffer, flags.buffer, starts.buffer, ends.buffer, sizes.buffer]);
}
function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}
