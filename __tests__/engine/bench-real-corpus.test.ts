/**
 * `npm run bench -- --fetch-real DIR` (bench/real-corpus.ts): each repository of the corpus checked
 * out at its commit, reused when it is already there, and a clear error for anything else. The
 * "remote" is a repository in a temporary folder: no network.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  fetchCorpus,
  folderName,
  REAL_CORPUS,
  sourceUrl,
  type CorpusRepository,
} from '../../bench/real-corpus.js';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();

describe('the real-repository corpus', () => {
  let work: string;
  /** The "remote": `acme/tool` with two commits; the corpus asks for the first. */
  let remotes: string;
  let first: string;
  let second: string;
  const logged: string[] = [];
  const log = (m: string): void => void logged.push(m);

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'sscop-corpus-'));
    remotes = path.join(work, 'remotes');
    const origin = path.join(remotes, 'acme', 'tool');
    mkdirSync(origin, { recursive: true });
    git(origin, 'init', '-q');
    writeFileSync(path.join(origin, 'README.md'), '# tool\n');
    git(origin, 'add', '.');
    git(origin, 'commit', '-q', '-m', 'first');
    first = git(origin, 'rev-parse', 'HEAD');
    writeFileSync(path.join(origin, 'README.md'), '# tool, changed\n');
    git(origin, 'commit', '-q', '-am', 'second');
    second = git(origin, 'rev-parse', 'HEAD');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const source = (): string => path.join(remotes, '{owner}', '{name}');
  const tool = (commit: string): CorpusRepository => ({ owner: 'acme', name: 'tool', commit });

  it('names full commits, and folders that --real-repos and the figures use', () => {
    for (const repo of REAL_CORPUS) expect(repo.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(REAL_CORPUS.map(folderName)).toEqual([
      'argoproj+argo-cd',
      'moby+moby',
      'prometheus+prometheus',
      'hashicorp+terraform',
    ]);
    expect(sourceUrl('https://github.com/{owner}/{name}.git', REAL_CORPUS[0]!)).toBe(
      'https://github.com/argoproj/argo-cd.git',
    );
  });

  it('checks out the commit asked for (not the newest), and reuses it the next time', () => {
    const dir = path.join(work, 'corpus');
    expect(fetchCorpus(dir, [tool(first)], source(), log)).toEqual(['acme+tool']);
    const root = path.join(dir, 'acme+tool');
    expect(git(root, 'rev-parse', 'HEAD')).toBe(first);
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toBe('# tool\n');
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('1');

    logged.length = 0;
    expect(fetchCorpus(dir, [tool(first)], source(), log)).toEqual(['acme+tool']);
    expect(logged.join('\n')).toContain('already at');
  });

  it('refuses a folder at another commit, with local changes, or holding other files', () => {
    const dir = path.join(work, 'corpus-other');
    fetchCorpus(dir, [tool(second)], source(), log);
    expect(() => fetchCorpus(dir, [tool(first)], source(), log)).toThrow(
      `holds commit ${second.slice(0, 12)}, not ${first.slice(0, 12)}`,
    );

    const changed = path.join(work, 'corpus-changed');
    fetchCorpus(changed, [tool(first)], source(), log);
    writeFileSync(path.join(changed, 'acme+tool', 'README.md'), 'edited\n');
    expect(() => fetchCorpus(changed, [tool(first)], source(), log)).toThrow('has local changes');

    const occupied = path.join(work, 'corpus-occupied', 'acme+tool');
    mkdirSync(occupied, { recursive: true });
    writeFileSync(path.join(occupied, 'notes.txt'), 'mine\n');
    expect(() => fetchCorpus(path.dirname(occupied), [tool(first)], source(), log)).toThrow(
      'holds other files',
    );
  });

  it('says which commit and source failed when the fetch does', () => {
    const dir = path.join(work, 'corpus-missing');
    const missing = { owner: 'acme', name: 'gone', commit: first };
    expect(() => fetchCorpus(dir, [missing], source(), log)).toThrow(
      `could not fetch ${first.slice(0, 12)} from ${path.join(remotes, 'acme', 'gone')}`,
    );
    // Nothing half-fetched is left to block the next try.
    expect(existsSync(path.join(dir, 'acme+gone'))).toBe(false);
  });
});
