/**
 * The repository as checks see it: the list of paths and the contents of the files they asked for.
 * Built by `collectRepository` (disk) or `filesFromRecord` (tests); checks never touch the disk.
 */

/** How much of a file a check needs: its text, or only its first bytes (to sniff binaries). */
export type FileNeed = 'text' | 'head';

/** Number of leading bytes read for a `head` need. */
export const HEAD_BYTES = 64;

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface RepoFiles {
  /** Every path in the checkout (POSIX separators, relative to the root), sorted. */
  readonly paths: readonly string[];
  has(path: string): boolean;
  /** The file's text when a check declared a `text` need and it could be read; otherwise undefined. */
  text(path: string): string | undefined;
  /** The first bytes of a file when a check declared a `head` need (or its text was read). */
  head(path: string): Uint8Array | undefined;
  /** Size in bytes, when known. */
  size(path: string): number | undefined;
  /** Files a check needed that were not read, with why (too large, not a regular file, unreadable). */
  readonly skipped: readonly SkippedFile[];
}

export interface FileEntry {
  text?: string;
  head?: Uint8Array;
  size?: number;
}

export class SnapshotFiles implements RepoFiles {
  readonly paths: readonly string[];
  private readonly pathSet: Set<string>;

  constructor(
    paths: Iterable<string>,
    private readonly entries: ReadonlyMap<string, FileEntry>,
    readonly skipped: readonly SkippedFile[] = [],
  ) {
    this.paths = [...new Set(paths)].sort();
    this.pathSet = new Set(this.paths);
  }

  has(path: string): boolean {
    return this.pathSet.has(path);
  }

  text(path: string): string | undefined {
    return this.entries.get(path)?.text;
  }

  head(path: string): Uint8Array | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    if (entry.head) return entry.head;
    if (entry.text !== undefined) return new TextEncoder().encode(entry.text.slice(0, HEAD_BYTES));
    return undefined;
  }

  size(path: string): number | undefined {
    const entry = this.entries.get(path);
    return entry?.size ?? (entry?.text !== undefined ? Buffer.byteLength(entry.text) : undefined);
  }
}

/** An in-memory repository: every file's text is available. For tests and small synthetic inputs. */
export function filesFromRecord(files: Record<string, string>): RepoFiles {
  const entries = new Map<string, FileEntry>();
  for (const [path, text] of Object.entries(files)) entries.set(path, { text });
  return new SnapshotFiles(Object.keys(files), entries);
}
