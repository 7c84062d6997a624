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
  const families = new Map<string, Map<string, unknown>>();
  const memo = <T>(key: string, compute: () => T): T => {
    const colon = key.indexOf(':');
    const family = colon < 0 ? key : key.slice(0, colon);
    let cache = families.get(family);
    if (!cache) families.set(family, (cache = new Map()));
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  return { memo, forget: (family) => void families.delete(family) };
}

/** Makes a memo function backed by a fresh cache (one per scan). */
export function createMemo(): EvidenceContext['memo'] {
  return createScanMemo().memo;
}
