/**
 * Reading one file of the checkout safely, as bytes, and decoding it: shared by the collector and
 * its reader worker (read-worker.ts), so both follow the same rules. Never follows a link out of the root, never
 * blocks on a FIFO, never reads more than the size limit, never throws.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Number of leading bytes read when only a file's head is needed (binary sniffing). */
export const HEAD_BYTES = 64;

/** Opens never follow a final symbolic link (links are resolved and checked first) and never block on a FIFO. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** `whole`: the file's bytes; `head`: its first HEAD_BYTES bytes. */
export type ReadMode = 'whole' | 'head';

/** What reading one file gave. `bytes` is the whole file, or its head when `whole` is false. */
export interface ReadBytes {
  bytes?: Uint8Array;
  whole: boolean;
  size?: number;
  /** Why the file was not read whole (a file too large still gives its head). */
  skipped?: string;
}

/**
 * Where the bytes go: by default a buffer of their own; the reader worker passes a sink that
 * packs a batch of files into one transferable buffer.
 */
export type Allocate = (size: number) => { buffer: Uint8Array; offset: number };

const ownBuffer: Allocate = (size) => ({ buffer: Buffer.allocUnsafe(size), offset: 0 });

/**
 * `rel` names the file in checks and reports; `relBytes`, when given, is its name as the file
 * system has it (a name that is not UTF-8, see names.ts), which is what is opened.
 */
export function readFileBytes(
  rootReal: string,
  rel: string,
  mode: ReadMode,
  maxBytes: number,
  allocate: Allocate = ownBuffer,
  relBytes?: Uint8Array,
): ReadBytes {
  // Paths come from git or the walk: relative, `/`-separated, never `..` (path.join is slower here).
  // A display name keeps every `/` and `.git` of the bytes it stands for.
  if (inGitDir(rel)) return { whole: false, skipped: GIT_DIR_SKIP };
  let target: string | Buffer = relBytes ? absoluteBytes(rootReal, relBytes) : `${rootReal}${path.sep}${rel}`;
  let fd: number | undefined;
  try {
    try {
      // O_NOFOLLOW: the file cannot be swapped for a link between the check and the open.
      // O_NONBLOCK: opening a FIFO must not hang the scan.
      fd = openSync(target, OPEN_FLAGS);
    } catch (error) {
      // A final symbolic link fails with ELOOP (no lstat per file on the common path): follow it
      // only to a file inside the checkout.
      if ((error as NodeJS.ErrnoException).code !== 'ELOOP' || !lstatSync(target).isSymbolicLink())
        throw error;
      let real: Buffer;
      try {
        // As bytes: the link's target may be named in bytes that are not UTF-8. Node's own
        // realpathSync works on text only, so a name given in bytes goes to the system's.
        real =
          typeof target === 'string'
            ? realpathSync(target, { encoding: 'buffer' })
            : realpathSync.native(target, { encoding: 'buffer' });
      } catch (linkError) {
        return {
          whole: false,
          skipped:
            (linkError as NodeJS.ErrnoException).code === 'ELOOP' ? LINK_LOOP_SKIP : DANGLING_LINK_SKIP,
        };
      }
      // Decoded only to be compared: the root is text, and `/` and `.git` survive any decoding.
      const realText = real.toString();
      if (!isInside(rootReal, realText))
        return { whole: false, skipped: 'symbolic link pointing outside the checkout (not followed)' };
      if (inGitDir(path.relative(rootReal, realText).split(path.sep).join('/')))
        return { whole: false, skipped: GIT_LINK_SKIP };
      target = real;
      fd = openSync(target, OPEN_FLAGS);
    }
    const st = fstatSync(fd);
    if (st.isDirectory()) return { whole: false, skipped: LINK_TO_FOLDER_SKIP };
    if (!st.isFile()) return { whole: false, skipped: 'not a regular file' };
    if (mode === 'head' || st.size > maxBytes) {
      // A head is all that is needed, or the file is too large to read whole: its first bytes
      // still tell a binary from text.
      const bytes = readInto(fd, Math.min(HEAD_BYTES, st.size), allocate);
      return mode === 'head'
        ? { bytes, whole: false, size: st.size }
        : {
            bytes,
            whole: false,
            size: st.size,
            skipped: `larger than the ${formatBytes(maxBytes)} limit (${formatBytes(st.size)}); not read`,
          };
    }
    return { bytes: readInto(fd, st.size, allocate), whole: true, size: st.size };
  } catch (error) {
    return {
      whole: false,
      skipped: `could not be read (${(error as NodeJS.ErrnoException).code ?? firstLine(error)})`,
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads up to `size` bytes from the start of an open file, the size the fstat already made gave
 * (readFileSync would fstat again). Like readFileSync it stops there; a file that shrank comes
 * back shorter.
 */
function readInto(fd: number, size: number, allocate: Allocate): Uint8Array {
  const { buffer, offset } = allocate(size);
  let length = 0;
  while (length < size) {
    const n = readSync(fd, buffer, offset + length, size - length, length);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(offset, offset + length);
}

// One decoder each, shared: without `stream`, decode() keeps no state between calls.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: false });
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

/** Whether the bytes start with a UTF-16 byte-order mark (either order). */
export function hasUtf16Bom(buf: Uint8Array): boolean {
  return (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
}

/** Decodes UTF-8 (BOM stripped) or UTF-16 with a BOM; invalid sequences become U+FFFD, never an error. */
export function decodeText(buf: Uint8Array): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return UTF16LE.decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return UTF16BE.decode(buf.subarray(2));
  return UTF8.decode(buf);
}

/** The bytes' text, decoded on the first call only: for a file that may not need decoding at all. */
export function decodeOnce(buf: Uint8Array): () => string {
  let text: string | undefined;
  return () => (text ??= decodeText(buf));
}

/**
 * Git's own files (config with a token in a remote URL or checkout's `extraheader`, hooks, packed
 * refs) are never scanned evidence: nothing under a `.git` folder is read, at any depth, directly
 * or through a link. Compared without case, as a case-insensitive file system would resolve it.
 */
export function inGitDir(rel: string): boolean {
  return GIT_SEGMENT.test(rel);
}

const GIT_SEGMENT = /(?:^|\/)\.git(?:\/|$)/i;

export const LINK_LOOP_SKIP = 'symbolic link loop (not followed)';
export const DANGLING_LINK_SKIP = 'symbolic link to a missing file (not followed)';
export const LINK_TO_FOLDER_SKIP = 'symbolic link to a folder (its files are listed on their own)';

/**
 * Skips of links that hold nothing to read: a loop, a link to nothing, a link to a folder inside
 * the checkout (whose files are listed and read on their own). Such a link hides no content, so it
 * leaves no check's evidence incomplete.
 */
export const NOTHING_TO_READ: ReadonlySet<string> = new Set([
  LINK_LOOP_SKIP,
  DANGLING_LINK_SKIP,
  LINK_TO_FOLDER_SKIP,
]);

export const GIT_DIR_SKIP = 'inside a .git folder (never read)';
export const GIT_LINK_SKIP = 'symbolic link into a .git folder (not followed: it can expose credentials)';

/** The absolute path of a file named by bytes (relative, `/`-separated) under the root. */
export function absoluteBytes(rootReal: string, relBytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${rootReal}${path.sep}`), relBytes]);
}

function isInside(rootReal: string, candidate: string): boolean {
  const rel = path.relative(rootReal, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? 'unknown error';
}
