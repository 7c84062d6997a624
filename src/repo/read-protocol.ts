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
   * By visitor bit (as in `ReadBatch.masks`): the id of a visitor the thread runs itself, or
   * null for one the collector runs (the thread then keeps the file's bytes for it).
   */
  visitors: Array<string | null>;
}

/**
 * Files to read, in order, with each one's need (NEED_*) and visitor bits. `buffer`, when given,
 * is an earlier batch's buffer handed back to be filled again.
 */
export interface ReadBatch {
  id: number;
  paths: string[];
  needs: Uint8Array;
  masks: Uint32Array;
  buffer?: ArrayBuffer;
}

/** One file of a batch: whether it was read, where its bytes lie in the buffer if they were kept. */
export interface ReadFileResult {
  /** The file was opened and read (whole or its head). */
  read: boolean;
  /** Its bytes are in the buffer at [start, end): a check needs them or a visitor here does. */
  kept: boolean;
  start: number;
  end: number;
  whole: boolean;
  size?: number;
  skipped?: string;
}

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
 * What reading a batch gave. `buffer` is transferred whole; bytes past the last kept file are
 * unused. `visits` is by visitor bit, null for visitors the thread does not run.
 */
export interface ReadBatchResult {
  id: number;
  files: ReadFileResult[];
  buffer: ArrayBuffer;
  visits: Array<ThreadVisits | null>;
}
