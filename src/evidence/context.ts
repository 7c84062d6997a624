/**
 * What the evidence layer reads: the repository's files, and a memo so that evidence several
 * checks share (parsed workflows, Dockerfiles, Markdown) is built once per scan.
 */
import type { RepoFiles } from '../repo/files.js';

export interface EvidenceContext {
  files: RepoFiles;
  /**
   * Memoises a derived artefact (e.g. parsed workflows) so checks that share it parse once per scan.
   * The key names the artefact; the compute function must be pure.
   */
  memo<T>(key: string, compute: () => T): T;
}

/**
 * A scan's memo, and a way to let a family of its entries go. A key's family is what comes before
 * its first `:` (`markdown` for `markdown:SECURITY.md`). Dropping entries never changes a result:
 * whoever asks again computes the same artefact anew.
 */
export interface ScanMemo {
  memo: EvidenceContext['memo'];
  /** Drops every entry of the family. */
  forget(family: string): void;
}

export function createScanMemo(): ScanMemo {
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  // A family is dropped once a scan at most: a pass over the keys then costs less than sorting
  // every lookup into its family.
  const forget = (family: string): void => {
    for (const key of cache.keys()) if (key === family || key.startsWith(`${family}:`)) cache.delete(key);
  };
  return { memo, forget };
}

/** Makes a memo function backed by a fresh cache (one per scan). */
export function createMemo(): EvidenceContext['memo'] {
  return createScanMemo().memo;
}
