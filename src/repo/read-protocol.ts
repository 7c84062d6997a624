/** Messages between the collector and its reader thread (read-worker.ts). */

export interface ReaderSetup {
  /** The checkout's real path: links are followed only to files inside it. */
  rootReal: string;
  maxBytes: number;
}

/**
 * Files to read, in order; `heads[i]` is 1 when only the first bytes of `paths[i]` are needed.
 * `buffer`, when given, is an earlier batch's buffer handed back to be filled again.
 */
export interface ReadBatch {
  id: number;
  paths: string[];
  heads: Uint8Array;
  buffer?: ArrayBuffer;
}

/**
 * What reading a batch gave: per file, where its bytes lie in `buffer`, and how the read went.
 * `buffer` is transferred whole; bytes past the last file's end are unused.
 */
export interface ReadBatchResult {
  id: number;
  files: Array<{
    start: number;
    end: number;
    hasBytes: boolean;
    whole: boolean;
    size?: number;
    skipped?: string;
  }>;
  buffer: ArrayBuffer;
}
