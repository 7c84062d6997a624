/**
 * What a collection keeps as files are read, here or on the reader thread: the entries checks
 * declared a need for, what visitors found, the files that could not be read, and the paths read.
 */
import {
  SnapshotFiles,
  type FileEntry,
  type FileVisitor,
  type LinkIntoGit,
  type SkippedFile,
  type VisitResults,
  visitFile,
} from './files.js';
import { decodeOnce, HEAD_BYTES, readFileBytes, type Allocate, type ReadBytes } from './read-file.js';
import { NEED_TEXT, readMode, type ReaderSetup, type ThreadVisits } from './read-protocol.js';
import { collate } from '../collate.js';

/** Called as files are read, for progress display (the total grows while paths are planned). */
export type OnProgress = (read: number, total: number) => void;

/** Read buffers up to this size are handed back to the reader thread to be filled again. */
export const REUSED_BUFFER_MAX_BYTES = 4 * 1024 * 1024;

/** Files planned for reading, with their needs (NEED_*) and visitor masks. */
export class PlannedBatch {
  readonly paths: string[] = [];
  readonly needs: number[] = [];
  readonly masks: number[] = [];

  /** `kept`: its files are kept for checks (and come back with their bytes); else only visited. */
  constructor(readonly kept: boolean) {}

  add(path: string, need: number, mask: number): void {
    this.paths.push(path);
    this.needs.push(need);
    this.masks.push(mask);
  }
}

/** What the collection keeps: entries for the checks, visitor results, skips, the paths read. */
export class Store {
  readonly entries = new Map<string, FileEntry>();
  /** Files a check keeps that could not be read, and files read only for visitors that could not. */
  private readonly keptSkipped: SkippedFile[] = [];
  private readonly visitSkipped: SkippedFile[] = [];
  readonly readPaths: string[] = [];
  readonly visits: Map<FileVisitor, VisitResults>;
  planned = 0;
  private done = 0;
  private readonly nameBytes: ReadonlyMap<string, Uint8Array>;

  constructor(
    private readonly setup: ReaderSetup,
    private readonly visitors: readonly FileVisitor[],
    private readonly onProgress: OnProgress | undefined,
  ) {
    this.visits = new Map(visitors.map((v) => [v, { files: 0, results: new Map() }]));
    this.nameBytes = new Map(setup.nameBytes);
  }

  /** Reads one file on this thread and takes it. */
  readHere(rel: string, need: number, mask: number): void {
    const { rootReal, maxBytes } = this.setup;
    const mode = readMode(need, mask);
    const read = readFileBytes(rootReal, rel, mode, maxBytes, this.scratch, this.nameBytes.get(rel));
    this.accept(rel, need, mask, read);
  }

  /**
   * Where files read on this thread land: one buffer, reused from file to file, since accept()
   * keeps copies only (a buffer per file made the allocator's footprint grow on large trees).
   * A file larger than REUSED_BUFFER_MAX_BYTES gets a buffer of its own.
   */
  private scratchBuffer = new Uint8Array(0);
  private readonly scratch: Allocate = (size) => {
    if (size > REUSED_BUFFER_MAX_BYTES) return { buffer: new Uint8Array(size), offset: 0 };
    if (size > this.scratchBuffer.length)
      this.scratchBuffer = new Uint8Array(Math.min(REUSED_BUFFER_MAX_BYTES, Math.max(size, 64 * 1024)));
    return { buffer: this.scratchBuffer, offset: 0 };
  };

  /**
   * Takes one file's read: decodes it, runs the visitors in `mask`, keeps what a check declared.
   * `readThere`: the reader thread read the file (and ran its own visitors on it) but sent no
   * bytes back, as none were needed here.
   */
  accept(rel: string, need: number, mask: number, read: ReadBytes, readThere = false): void {
    if (read.skipped) (need ? this.keptSkipped : this.visitSkipped).push({ path: rel, reason: read.skipped });
    if (readThere || read.bytes) this.readPaths.push(rel);
    if (read.bytes) {
      // Decoded only when a check keeps the text or a visitor reads it.
      const textOf = decodeOnce(read.bytes);
      if (mask && read.whole) {
        for (let v = 0; v < this.visitors.length; v++) {
          const visitor = this.visitors[v]!;
          if (mask & (1 << v))
            visitFile(this.visits.get(visitor)!, visitor, rel, textOf, read.size ?? 0, read.bytes);
        }
      }
      const text = need === NEED_TEXT && read.whole ? textOf() : undefined;
      // Keep what a check declared (the first bytes copied out: `bytes` may be a view of a whole
      // batch); a file read only for visitors leaves nothing behind.
      if (need) {
        const head = read.bytes.slice(0, HEAD_BYTES);
        this.entries.set(
          rel,
          need === NEED_TEXT ? { text, head, size: read.size } : { head, size: read.size },
        );
      }
    }
    // Every 256 files (a display shows ten updates a second at most); the last in files().
    if (++this.done % 256 === 0) this.onProgress?.(this.done, this.planned);
  }

  /** Adds what the reader thread's visitors found in one batch. */
  takeVisits(visits: ReadonlyArray<ThreadVisits | null>): void {
    visits.forEach((found, bit) => {
      const visitor = this.visitors[bit];
      if (!found || !visitor) return;
      const into = this.visits.get(visitor)!;
      if (into.error !== undefined) return;
      into.files += found.files;
      for (const [path, result] of found.results) into.results.set(path, result);
      if (found.error !== undefined) into.error = new Error(found.error);
    });
  }

  /**
   * The repository for checks once every file they keep is in; `pending` visitors may still be
   * visiting files (read only for them), whose skips join `skipped` in complete().
   */
  files(
    paths: readonly string[],
    pending: readonly FileVisitor[],
    linksIntoGit: readonly LinkIntoGit[],
  ): SnapshotFiles {
    return new SnapshotFiles(
      paths,
      this.entries,
      sortedSkips(this.keptSkipped),
      this.visits,
      pending,
      linksIntoGit,
    );
  }

  /** Every file read and visited: the skips of files read only for visitors join the rest. */
  complete(files: SnapshotFiles): void {
    if (this.done % 256 !== 0) this.onProgress?.(this.done, this.planned);
    files.completeVisits(sortedSkips([...this.keptSkipped, ...this.visitSkipped]));
  }
}

export function sortedSkips(skips: SkippedFile[]): SkippedFile[] {
  return skips.sort((a, b) => collate(a.path, b.path));
}
