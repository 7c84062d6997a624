import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  readFileBytes
} from "./chunks/chunk-KACJX5VA.js";
import "./chunks/chunk-W373YIMK.js";

// src/repo/read-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var { rootReal, maxBytes } = workerData;
var PACK_BYTES = 1 << 20;
parentPort?.on("message", (batch) => {
  let pack = new Uint8Array(batch.buffer instanceof ArrayBuffer ? batch.buffer : new ArrayBuffer(PACK_BYTES));
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
  const files = [];
  for (let i = 0; i < batch.paths.length; i++) {
    const start = used;
    const read = readFileBytes(
      rootReal,
      batch.paths[i],
      batch.heads[i] ? "head" : "whole",
      maxBytes,
      allocate
    );
    used = start + (read.bytes?.length ?? 0);
    files.push({
      start,
      end: used,
      hasBytes: read.bytes !== void 0,
      whole: read.whole,
      size: read.size,
      skipped: read.skipped
    });
  }
  const buffer = pack.buffer;
  const result = { id: batch.id, files, buffer };
  parentPort.postMessage(result, [buffer]);
});
