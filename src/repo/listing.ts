/**
 * Listing the checkout: the paths git tracks when there is a `.git`, otherwise a walk of the
 * directory that never follows a link and says what it left out; which paths are links, and
 * which of those lead into `.git`; names that are not UTF-8 kept as bytes (names.ts).
 */
import { execFile } from 'node:child_process';
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { errorFirstLine } from '../errors.js';
import type { LinkIntoGit } from './files.js';
import { distinctName, escapeUndecodable, strictUtf8 } from './names.js';
import { absoluteBytes, inGitDir } from './read-file.js';

/**
 * Directories never descended into by the walk (git mode lists tracked files only); `.git` in any
 * case, as read-file.ts's inGitDir refuses it.
 */
const WALK_SKIP_DIRS = new Set(['.git', 'node_modules']);

const walkSkipKey = (name: string) => (name.length === 4 && name.toLowerCase() === '.git' ? '.git' : name);

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

/** The checkout's listing, how it was made, and the links in it that lead into `.git`. */
export interface CheckoutListing extends Listing {
  listing: 'git' | 'walk';
  linksIntoGit: LinkIntoGit[];
}

/**
 * Lists the checkout at `rootReal`: git's tracked files when there is a `.git` (with `untracked`,
 * also the files git neither tracks nor ignores), else a walk.
 */
export async function listCheckout(
  rootReal: string,
  options: { untracked?: boolean } = {},
): Promise<CheckoutListing> {
  const notes: string[] = [];
  let listing: CheckoutListing['listing'] = 'walk';
  let listed: Listing | undefined;
  if (await exists(path.join(rootReal, '.git'))) {
    try {
      listed = await gitListFiles(rootReal, options.untracked === true);
      listing = 'git';
    } catch (error) {
      notes.push(`git could not list tracked files (${errorFirstLine(error)}); walked the directory instead`);
    }
    // An empty index beside a working tree with files (a checkout that failed half way) would make
    // every file check not-applicable: judge the files that are there instead, and say so.
    if (listed?.paths.length === 0 && (await hasEntriesBesideGit(rootReal))) {
      notes.push(
        'git lists no tracked files, but the directory holds files (an empty or damaged index); walked the directory instead',
      );
      listed = undefined;
      listing = 'walk';
    }
  }
  listed ??= await walk(rootReal);
  const linksIntoGit = await findLinksIntoGit(rootReal, listed.links, listed.nameBytes);
  return { ...listed, notes: [...notes, ...listed.notes], listing, linksIntoGit };
}

/** Whether the directory holds anything but `.git`. */
async function hasEntriesBesideGit(rootReal: string): Promise<boolean> {
  const entries = await fs.readdir(rootReal).catch(() => [] as string[]);
  return entries.some((name) => name !== '.git');
}

/** The listed paths, which of them are symbolic links, and what the listing left out. */
interface Listing {
  paths: string[];
  links: string[];
  /** The bytes of each listed name that is not UTF-8, by the display name it is listed under (names.ts). */
  nameBytes: Map<string, Uint8Array>;
  /** What the listing left out, for the report. */
  notes: string[];
  /** The listed paths git neither tracks nor ignores (a git listing asked for them). */
  untracked?: string[];
}

/**
 * A listing as it is gathered. A name that is not UTF-8 is named once every other name is known,
 * so that its display name is one no other file has.
 */
class ListingBuilder {
  private readonly paths: string[] = [];
  private readonly links: string[] = [];
  private readonly untracked: string[] = [];
  private readonly undecodable: Array<{
    index: number;
    bytes: Uint8Array;
    link: boolean;
    untracked: boolean;
  }> = [];

  add(name: string, link: boolean, untracked = false): void {
    this.paths.push(name);
    if (link) this.links.push(name);
    if (untracked) this.untracked.push(name);
  }

  addBytes(bytes: Uint8Array, link: boolean, untracked = false): void {
    this.undecodable.push({ index: this.paths.length, bytes, link, untracked });
    this.paths.push('');
  }

  finish(notes: string[] = []): Listing {
    const nameBytes = new Map<string, Uint8Array>();
    if (this.undecodable.length) {
      const taken = new Set(this.paths);
      for (const { index, bytes, link, untracked } of this.undecodable) {
        const name = distinctName(escapeUndecodable(bytes), taken);
        this.paths[index] = name;
        nameBytes.set(name, bytes);
        if (link) this.links.push(name);
        if (untracked) this.untracked.push(name);
      }
    }
    return {
      paths: this.paths,
      links: this.links,
      nameBytes,
      notes,
      ...(this.untracked.length ? { untracked: this.untracked } : {}),
    };
  }
}

/** Links examined for a target in `.git`; a tree with more is hostile or generated. */
const MAX_LINKS_EXAMINED = 10_000;

/**
 * The listed links that resolve into a `.git` folder, by their real target (the link may pass
 * through other links) or, when that cannot be resolved, by the text of the link.
 */
async function findLinksIntoGit(
  rootReal: string,
  links: readonly string[],
  nameBytes: ReadonlyMap<string, Uint8Array>,
): Promise<LinkIntoGit[]> {
  const found: LinkIntoGit[] = [];
  for (const rel of links.slice(0, MAX_LINKS_EXAMINED)) {
    const bytes = nameBytes.get(rel);
    const abs = bytes ? absoluteBytes(rootReal, bytes) : path.join(rootReal, rel);
    // As bytes, then decoded to be compared: `/` and `.git` survive any decoding.
    const targetBytes = await fs.readlink(abs, { encoding: 'buffer' }).catch(() => undefined);
    if (targetBytes === undefined) continue;
    const target = strictUtf8(targetBytes) ?? escapeUndecodable(targetBytes);
    const real = await fs.realpath(abs, { encoding: 'buffer' }).catch(() => undefined);
    const resolved = path.relative(
      rootReal,
      real?.toString() ?? path.resolve(path.dirname(path.join(rootReal, rel)), target),
    );
    if (inGitDir(resolved.split(path.sep).join('/'))) found.push({ path: rel, target });
  }
  return found;
}

async function gitListFiles(root: string, untracked: boolean): Promise<Listing> {
  const listed = await gitLsFiles(root, untracked);
  if (!listed.untracked?.length) return listed;
  // Untracked entries come without a mode: which of them are links, the file system says.
  const isLink = await Promise.all(
    listed.untracked.map((p) =>
      fs
        .lstat(listed.nameBytes.has(p) ? absoluteBytes(root, listed.nameBytes.get(p)!) : path.join(root, p))
        .then(
          (st) => st.isSymbolicLink(),
          () => false,
        ),
    ),
  );
  return { ...listed, links: [...listed.links, ...listed.untracked.filter((_, i) => isLink[i])] };
}

function gitLsFiles(root: string, untracked: boolean): Promise<Listing> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [
        // A scanned repository's own config must not make git run anything.
        '-c',
        'core.fsmonitor=false',
        '-c',
        'core.untrackedCache=false',
        '-C',
        root,
        'ls-files',
        '-z',
        // Tracked files: what the commit holds. Untracked files (`--others`) only when asked: that
        // makes git walk the whole working tree, which cost seconds on the large benchmark.
        '--cached',
        ...(untracked ? ['--others', '--exclude-standard'] : []),
        // With each entry's mode, so symbolic links (mode 120000) are known without a stat each.
        '--stage',
      ],
      {
        maxBuffer: 512 * 1024 * 1024,
        encoding: 'buffer',
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
      },
      (error, stdout) => {
        if (error) return reject(error);
        // Decoded whole when it is all UTF-8 (the usual case, and one fast pass); else entry by entry.
        const text = strictUtf8(stdout);
        resolve(text === undefined ? parseLsFilesBytes(stdout) : parseLsFiles(text));
      },
    );
  });
}

// Entries are `MODE SHA STAGE<TAB>PATH`, NUL-terminated, sorted by git; a path repeats only in a
// conflicted index (one entry per stage). Mode 120000 is a symbolic link. An untracked file
// (`--others`) is its bare PATH; a nested repository's is `PATH/`, which is no file to read.

function parseLsFiles(stdout: string): Listing {
  const paths: string[] = [];
  const links: string[] = [];
  const untracked: string[] = [];
  for (const entry of stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) {
      if (entry && !entry.endsWith('/')) untracked.push(entry);
      continue;
    }
    const p = entry.slice(tab + 1);
    if (!p || p === paths[paths.length - 1]) continue;
    paths.push(p);
    if (entry.startsWith('120000 ')) links.push(p);
  }
  return { paths: [...paths, ...untracked], links, nameBytes: new Map(), notes: [], untracked };
}

/** The listing when some name in it is not UTF-8: each name decoded on its own. */
function parseLsFilesBytes(stdout: Buffer): Listing {
  const listing = new ListingBuilder();
  let previous: Buffer | undefined;
  for (let start = 0; start < stdout.length;) {
    const nul = stdout.indexOf(0, start);
    const end = nul < 0 ? stdout.length : nul;
    const entry = stdout.subarray(start, end);
    start = end + 1;
    const tab = entry.indexOf(0x09);
    const untracked = tab < 0;
    const name = entry.subarray(tab + 1);
    if (!name.length || (untracked && name[name.length - 1] === 0x2f) || previous?.equals(name)) continue;
    if (!untracked) previous = name;
    // Untracked entries have no mode: gitListFiles asks the file system which are links.
    const link = !untracked && entry.subarray(0, 7).toString('latin1') === '120000 ';
    const text = strictUtf8(name);
    if (text === undefined) listing.addBytes(Buffer.from(name), link, untracked);
    else listing.add(text, link, untracked);
  }
  return listing.finish();
}

/** A folder the walk lists: its display name, and its bytes when some name on its path is not UTF-8. */
interface WalkFolder {
  rel: string;
  bytes?: Buffer;
}

/** Examples a note names, of each kind of thing the walk left out. */
const NOTE_EXAMPLES = 3;

/**
 * Lists regular files and links without following links, so loops and escapes cannot happen.
 * Leaves out `.git` and `node_modules` folders at any depth; they, and folders that could not be
 * read (so the listing is incomplete), are reported in notes.
 */
async function walk(root: string): Promise<Listing> {
  const listing = new ListingBuilder();
  const leftOut = new Map<string, string[]>([...WALK_SKIP_DIRS].map((name) => [name, []]));
  const unreadable: string[] = [];
  const stack: WalkFolder[] = [{ rel: '' }];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Array<Dirent<string> | Dirent<Buffer>>;
    try {
      entries = await readFolder(root, dir);
    } catch (error) {
      unreadable.push(
        `${dir.rel || '.'} (${(error as NodeJS.ErrnoException).code ?? errorFirstLine(error)})`,
      );
      continue;
    }
    for (const entry of entries) {
      const name = typeof entry.name === 'string' ? entry.name : strictUtf8(entry.name);
      // A name that is not UTF-8, or a folder whose name is not: the path is kept as bytes.
      const bytes =
        dir.bytes || name === undefined
          ? Buffer.concat([
              dir.bytes ?? Buffer.from(dir.rel),
              Buffer.from(dir.rel ? '/' : ''),
              entry.name as Buffer,
            ])
          : undefined;
      const rel = bytes ? escapeUndecodable(bytes) : dir.rel ? `${dir.rel}/${name}` : name!;
      if (entry.isDirectory()) {
        const skipped = name === undefined ? undefined : leftOut.get(walkSkipKey(name));
        if (skipped) skipped.push(rel);
        else stack.push({ rel, bytes });
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (bytes) listing.addBytes(bytes, entry.isSymbolicLink());
        else listing.add(rel, entry.isSymbolicLink());
      }
    }
  }
  return listing.finish(walkNotes(leftOut, unreadable));
}

/**
 * A folder's entries. Node writes U+FFFD for bytes of a name that are not UTF-8: a folder with
 * such a name in it is read again with names as bytes, as is every folder below one.
 */
async function readFolder(root: string, dir: WalkFolder): Promise<Array<Dirent<string> | Dirent<Buffer>>> {
  if (!dir.bytes) {
    const entries = await fs.readdir(path.join(root, dir.rel), { withFileTypes: true });
    if (!entries.some((e) => e.name.includes('\uFFFD'))) return entries;
  }
  const abs = dir.bytes ? absoluteBytes(root, dir.bytes) : path.join(root, dir.rel);
  return fs.readdir(abs, { withFileTypes: true, encoding: 'buffer' });
}

function walkNotes(leftOut: ReadonlyMap<string, string[]>, unreadable: string[]): string[] {
  const notes: string[] = [];
  const examples = (list: string[]) =>
    `${list.slice(0, NOTE_EXAMPLES).map(middleShortened).join(', ')}${list.length > NOTE_EXAMPLES ? ', …' : ''}`;
  for (const [name, folders] of leftOut) {
    if (folders.length)
      notes.push(
        `the directory walk left out ${folders.length} ${name} folder(s), never scanned: ${examples(folders.sort())}`,
      );
  }
  if (unreadable.length)
    notes.push(
      `the file listing is incomplete: ${unreadable.length} folder(s) could not be read and their files were not scanned: ${examples(unreadable.sort())}`,
    );
  return notes;
}

/** Longest path a note shows whole; a folder too deep to read can have thousands of characters. */
const NOTE_PATH_CHARS = 120;

/** The path, or its start and end around an ellipsis (by code points: no character split). */
function middleShortened(p: string): string {
  if (p.length <= NOTE_PATH_CHARS) return p;
  const chars = [...p];
  if (chars.length <= NOTE_PATH_CHARS) return p;
  const half = NOTE_PATH_CHARS / 2;
  return `${chars.slice(0, half - 1).join('')}…${chars.slice(-half).join('')}`;
}
