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

/** OWNER/NAME from the `origin` remote when it points at a GitHub-style URL. */
export async function originRepository(root: string): Promise<string | undefined> {
  const url = await git(root, ['config', '--get', 'remote.origin.url']);
  return url ? parseRepositoryUrl(url) : undefined;
}

export function parseRepositoryUrl(url: string): string | undefined {
  const m = /(?:[:/])([A-Za-z0-9_.-]{1,100})\/([A-Za-z0-9_.-]{1,100}?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : undefined;
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

/** Like git(), without trimming the output. */
function gitRaw(root: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', '-C', root, ...args],
      { timeout: 10_000, maxBuffer: 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}
