/** Messages between the collector and its reader thread (read-worker.ts). */

import type { ReadMode } from './read-file.js';

/** What a check keeps of a planned file: nothing (read only for visitors), its text, or its head. */
export const NEED_NONE = 0;
export const NEED_TEXT = 1;
export const NEED_HEAD = 2;

/** How a planned file is read: whole when a visitor or a text need wants it, else its head. */
export function readMode(need: number, mask: number): ReadMode {
  return mask || need === NEED_TEXT ? 'whole' : 'head';
}

export interface ReaderSetup {
  /** The checkout's real path: links are followed only to files inside it. */
  rootReal: string;
  maxBytes: number;
  /**
   * By visitor bit (as in `ReadBatch.masks`): the id of a visitor the thread should run itself,
   * or null for one the collector runs. The thread keeps a file's bytes for every visitor it does
   * not run, and answers null in `visits` for those, so the collector runs them.
   */
  visitors: Array<string | null>;
  /** Names that are not UTF-8: by the display name a batch gives, the bytes to open (names.ts). */
  nameBytes: Array<[string, Uint8Array]>;
}

/**
 * Files to read, in order, with each one's need (NEED_*) and visitor bits. `buffer`, when given,
 * is an earlier batch's buffer handed back to be filled again.
 */
export interface ReadBatch {
  id: number;
  /** Its files are kept for checks: the scan waits for it, so the thread reads it before others. */
  kept: boolean;
  paths: string[];
  needs: Uint8Array;
  masks: Uint32Array;
  buffer?: ArrayBuffer;
}

/** Bits of `ReadBatchResult.flags`, per file. */
export const FILE_READ = 1; // opened and read (whole or its head)
export const FILE_KEPT = 2; // its bytes are in the buffer at [starts[i], ends[i])
export const FILE_WHOLE = 4; // read whole (else its head only)

/** What one visitor run on the thread found in one batch. */
export interface ThreadVisits {
  /** Files it visited. */
  files: number;
  /** Its results, by path, where it found something. */
  results: Array<[string, unknown]>;
  /** The message of the error it threw, in this batch (it is not called again afterwards). */
  error?: string;
}

/**
 * What reading a batch gave, per file in typed arrays (transferred, not copied: a batch is a
 * thousand files): FILE_* flags, where kept bytes lie in `buffer`, the size (-1 when unknown),
 * and why a file was not read whole, for the few that were not. `buffer` is transferred whole;
 * bytes past the last kept file are unused. `visits` is by visitor bit, null for visitors the
 * thread does not run.
 */
export interface ReadBatchResult {
  id: number;
  flags: Uint8Array;
  starts: Float64Array;
  ends: Float64Array;
  sizes: Float64Array;
  skipped: Array<[number, string]>;
  buffer: ArrayBuffer;
  visits: Array<ThreadVisits | null>;
}
