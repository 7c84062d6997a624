/**
 * The I/O floor, in a child process of its own: list the tracked files (`git ls-files -z`, or a
 * readdir walk for a tree without git) and read every file the scan read, with a plain synchronous
 * loop: the whole file for a `text` need, the first 64 bytes for a `head` need. Prints the time in
 * ms (Node's own start-up excluded: the clock starts here).
 *
 * Usage: node floor.js ROOT READS.json
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { listPlain, type ReadEntry } from './lib.js';

const [root, readsFile] = process.argv.slice(2) as [string, string];
const reads = JSON.parse(readFileSync(readsFile, 'utf8')) as ReadEntry[];

const started = performance.now();
const listed = listPlain(root);
const listedMs = performance.now() - started;
const head = Buffer.alloc(64);
let bytes = 0;
for (const [rel, need] of reads) {
  const abs = path.join(root, rel);
  if (need === 'head') {
    const fd = openSync(abs, 'r');
    try {
      bytes += readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } else bytes += readFileSync(abs).length;
}
const totalMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ totalMs, listedMs, listed: listed.length, files: reads.length, bytes })}\n`,
);
