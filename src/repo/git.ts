/** Facts about the checkout that git knows: the commit and the remote's owner/name. */
import { execFile } from 'node:child_process';

function git(root: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', '-C', root, ...args],
      { timeout: 10_000, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}

export async function headCommit(root: string): Promise<string | undefined> {
  const sha = await git(root, ['rev-parse', '--verify', '-q', 'HEAD']);
  return sha && /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
}

/** The `origin` remote: OWNER/NAME, and the host it lives on (none for a local path). */
export interface OriginRepository {
  repository: string;
  host?: string;
}

export async function originRepository(root: string): Promise<OriginRepository | undefined> {
  const url = await git(root, ['config', '--get', 'remote.origin.url']);
  return url ? parseRepositoryUrl(url) : undefined;
}

export function parseRepositoryUrl(url: string): OriginRepository | undefined {
  const trimmed = url.trim();
  const m = /(?:[:/])([A-Za-z0-9_.-]{1,100})\/([A-Za-z0-9_.-]{1,100}?)(?:\.git)?\/?$/.exec(trimmed);
  if (!m) return undefined;
  const host = remoteHost(trimmed);
  return { repository: `${m[1]}/${m[2]}`, ...(host ? { host } : {}) };
}

/** The host of `scheme://[user@]host[:port]/…` or scp-like `[user@]host:path`, lower-cased. */
function remoteHost(url: string): string | undefined {
  const m =
    /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/]+)/i.exec(url) ??
    /^(?:[^@/:]*@)?([^:/]+):(?!\/\/)/.exec(url);
  const host = m?.[1]?.toLowerCase();
  // `file://…` and bare paths have no server to link to.
  return host && /^[a-z0-9.[\]:-]+$/.test(host) && !/^file:/i.test(url) ? host : undefined;
}

/**
 * Tracked files (relative to `root`, under it) whose working copy differs from HEAD: edited,
 * staged, deleted. Plain `diff` with no external diff or textconv, so nothing the repository
 * names runs; undefined when git cannot tell (no repository or no commit).
 */
export async function changedTrackedFiles(root: string): Promise<string[] | undefined> {
  const out = await gitRaw(
    root,
    [
      'diff',
      '--name-only',
      '-z',
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      '--relative',
      'HEAD',
      '--',
    ],
    64 * 1024 * 1024,
  );
  return out === undefined ? undefined : out.split('\0').filter(Boolean);
}

/**
 * A file's text at a commit, read from the object store (`cat-file`: no filters, hooks or textconv
 * from the scanned repository's config run). `path` is relative to `root`. Undefined when git
 * cannot tell (no repository, or the commit is not in this clone: a shallow checkout); `found:
 * false` when the commit is here and has no such file.
 */
export async function fileAtCommit(
  root: string,
  sha: string,
  path: string,
): Promise<{ found: true; text: string } | { found: false } | undefined> {
  if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
  if ((await git(root, ['cat-file', '-t', `${sha}^{commit}`])) !== 'commit') return undefined;
  const spec = `${sha}:./${path}`;
  if ((await git(root, ['cat-file', '-t', spec])) !== 'blob') return { found: false };
  const text = await gitRaw(root, ['cat-file', 'blob', spec]);
  return text === undefined ? undefined : { found: true, text };
}

/** Paths per `ls-tree` call: well under any command-line limit. */
const LS_TREE_BATCH = 200;

/**
 * The git blob ids of files at a commit, by path from the repository's root (`--full-tree`, so
 * `root` may be a folder inside it). Pathspecs are literal: a file name cannot act as a glob.
 * Paths that are not blobs at the commit are left out; empty when git cannot tell.
 */
export async function blobIdsAtCommit(
  root: string,
  sha: string,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!/^[0-9a-f]{40}$/.test(sha)) return ids;
  for (let i = 0; i < paths.length; i += LS_TREE_BATCH) {
    const batch = paths.slice(i, i + LS_TREE_BATCH);
    const out = await gitRaw(
      root,
      ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', sha, '--', ...batch],
      16 * 1024 * 1024,
    );
    for (const entry of (out ?? '').split('\0')) {
      const m = /^\d+ blob ([0-9a-f]{40,64})\t(.+)$/s.exec(entry);
      if (m) ids.set(m[2]!, m[1]!);
    }
  }
  return ids;
}

/** Like git(), without trimming the output. */
function gitRaw(root: string, args: string[], maxBuffer = 1024 * 1024): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', '-C', root, ...args],
      { timeout: 10_000, maxBuffer, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}
