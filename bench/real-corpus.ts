/**
 * The real repositories the performance figures are kept for (docs/performance.md), each at the
 * commit measured, and `npm run bench -- --fetch-real DIR`, which brings them into DIR at bench
 * time so anyone can measure the same trees. Nothing here is committed to this repository; a
 * checkout already at its commit is reused.
 *
 * A checkout is one commit fetched at depth 1 into a new repository (`git init`, `git fetch
 * --depth 1 URL COMMIT`, `git checkout --detach FETCH_HEAD`): a few hundred MB less than a clone
 * of the history, and the commit is exactly the one named. Only git runs; nothing from the
 * fetched repository does (a new repository has no hooks, and fsmonitor is off).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface CorpusRepository {
  owner: string;
  name: string;
  /** The full commit id measured. */
  commit: string;
}

/** argo-cd and moby (the repositories the work started from), prometheus and terraform. */
export const REAL_CORPUS: readonly CorpusRepository[] = [
  { owner: 'argoproj', name: 'argo-cd', commit: '37ee0097cf851bc2dd7665fc081bbce61a7e836e' },
  { owner: 'moby', name: 'moby', commit: 'b985e2313a8676e18072b442911fc8f64f17d440' },
  { owner: 'prometheus', name: 'prometheus', commit: 'd15adb9ad7e5d9fbde3a9a8f30200593a5a14d86' },
  { owner: 'hashicorp', name: 'terraform', commit: '883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7' },
];

/** Where a repository is fetched from; `{owner}` and `{name}` are filled in (`--real-source`). */
export const DEFAULT_SOURCE = 'https://github.com/{owner}/{name}.git';

/** Each fetch gets this long; moby at depth 1 is about 100 MB. */
const FETCH_TIMEOUT_MS = 15 * 60_000;

/** The folder a repository gets under DIR, and the name `--real-repos` knows it by. */
export function folderName(repo: CorpusRepository): string {
  return `${repo.owner}+${repo.name}`;
}

export function sourceUrl(template: string, repo: CorpusRepository): string {
  return template.replaceAll('{owner}', repo.owner).replaceAll('{name}', repo.name);
}

/**
 * Makes sure each repository of `corpus` is checked out at its commit under `dir`, fetching what
 * is missing; returns the folder names. Throws with what to do when a folder holds something else
 * (another commit, local changes) or a fetch fails: a benchmark of the wrong tree is worse than none.
 */
export function fetchCorpus(
  dir: string,
  corpus: readonly CorpusRepository[],
  source: string,
  log: (msg: string) => void,
): string[] {
  mkdirSync(dir, { recursive: true });
  return corpus.map((repo) => {
    const root = path.join(dir, folderName(repo));
    const at = existsSync(path.join(root, '.git')) ? headOf(root) : undefined;
    if (at === repo.commit) {
      const changes = git(root, ['status', '--porcelain', '--untracked-files=no']).trim();
      if (changes) throw new Error(`${root} has local changes: remove the folder to fetch it again`);
      log(`${folderName(repo)}: already at ${repo.commit.slice(0, 12)}`);
    } else if (at !== undefined || (existsSync(root) && readdirSync(root).length > 0)) {
      throw new Error(
        `${root} holds ${at ? `commit ${at.slice(0, 12)}` : 'other files'}, not ${repo.commit.slice(0, 12)}: remove it or fetch into another folder`,
      );
    } else {
      const url = sourceUrl(source, repo);
      log(`${folderName(repo)}: fetching ${repo.commit.slice(0, 12)} from ${url}…`);
      fetchCommit(root, url, repo.commit);
    }
    return folderName(repo);
  });
}

function fetchCommit(root: string, url: string, commit: string): void {
  mkdirSync(root, { recursive: true });
  try {
    git(root, ['init', '-q']);
    git(root, ['fetch', '-q', '--depth', '1', '--no-tags', url, commit], FETCH_TIMEOUT_MS);
    git(root, ['-c', 'advice.detachedHead=false', 'checkout', '-q', '--detach', 'FETCH_HEAD']);
  } catch (error) {
    // The folder was made here for this fetch: a half-fetched one would only block the next try.
    rmSync(root, { recursive: true, force: true });
    throw new Error(`could not fetch ${commit.slice(0, 12)} from ${url}: ${firstLine(error)}`);
  }
  const at = headOf(root);
  if (at !== commit) throw new Error(`${root} is at ${at ?? 'no commit'} after the fetch, not ${commit}`);
}

function headOf(root: string): string | undefined {
  try {
    return git(root, ['rev-parse', '--verify', '-q', 'HEAD']).trim() || undefined;
  } catch {
    return undefined;
  }
}

function git(root: string, args: string[], timeout = 60_000): string {
  return execFileSync('git', ['-c', 'core.fsmonitor=false', '-C', root, ...args], {
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() ? stderr : String(error);
  return text.trim().split('\n').pop()!.trim();
}
