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

/** Makes a memo function backed by a fresh cache (one per scan). */
export function createMemo(): EvidenceContext['memo'] {
  const cache = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
}
