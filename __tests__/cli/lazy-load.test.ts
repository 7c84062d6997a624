/**
 * What the bundled CLI loads: an offline scan does not load the GitHub client (Octokit and the
 * HTTP client, a seventh of the engine's load time), which only the online scan and the org
 * commands need; nor mvdan-sh (a file of its own beside the chunks), which only scripts unbash
 * does not read cleanly need; nor zod's locales, which its namespace export would pull in.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIST, node24 } from '../support/node24.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ci-tests');

/** The files of dist/ that the CLI loads for `args`, recorded by a module hook. */
function loadedFiles(args: string[], expectStatus: number[] = [0, 1]): string[] {
  const work = mkdtempSync(path.join(os.tmpdir(), 'sscop-lazy-'));
  const log = path.join(work, 'loaded.txt');
  const hook = path.join(work, 'hook.mjs');
  writeFileSync(
    hook,
    [
      "import { registerHooks } from 'node:module';",
      "import { appendFileSync } from 'node:fs';",
      `const log = ${JSON.stringify(log)};`,
      'registerHooks({ load(url, context, next) { appendFileSync(log, `${url}\\n`); return next(url, context); } });',
    ].join('\n'),
  );
  writeFileSync(log, '');
  const result = spawnSync(
    node24(),
    ['--import', pathToFileURL(hook).href, path.join(DIST, 'cli.js'), ...args],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: work },
    },
  );
  expect(expectStatus).toContain(result.status);
  const dist = pathToFileURL(DIST).href;
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(dist))
    .map((url) => fileURLToPath(url));
}

/** Whether any of the files holds the GitHub HTTP client. */
function loadsGitHubClient(files: string[]): boolean {
  return files.some((f) => readFileSync(f, 'utf8').includes('@actions/http-client'));
}

/** A checkout holding one workflow whose step runs `script`. */
function repoRunning(script: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sscop-lazy-repo-'));
  mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
  const workflow = `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${script}\n`;
  writeFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), workflow);
  return root;
}

const loadsMvdanSh = (files: string[]): boolean => files.some((f) => f.endsWith('mvdan-sh.cjs'));

describe('what the CLI loads', () => {
  it('a scan whose scripts unbash reads leaves mvdan-sh unloaded', () => {
    const files = loadedFiles([
      'scan',
      repoRunning(`curl -fsSL "$URL" -o x.sh && bash x.sh`),
      '--format',
      'json',
    ]);
    expect(files.some((f) => readFileSync(f, 'utf8').includes('vendor/mvdan-sh.cjs'))).toBe(true);
    expect(loadsMvdanSh(files)).toBe(false);
  });

  it('a script unbash finds an error in loads mvdan-sh, for its verdict', () => {
    const files = loadedFiles(['scan', repoRunning(`echo "unclosed`), '--format', 'json']);
    expect(loadsMvdanSh(files)).toBe(true);
  });

  it('an offline scan leaves the GitHub client unloaded', () => {
    const files = loadedFiles(['scan', FIXTURE, '--format', 'json']);
    expect(files.length).toBeGreaterThan(2);
    expect(loadsGitHubClient(files)).toBe(false);
  });

  it('an offline scan loads zod without its locales but English (its schemas check the rule pack)', () => {
    const files = loadedFiles(['scan', FIXTURE, '--format', 'json']);
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).toContain('// node_modules/zod/v4/classic/schemas.js');
    const locales = new Set(text.match(/\/\/ node_modules\/zod\/v4\/locales\/[a-zA-Z-]+\.js/g));
    expect([...locales]).toEqual(['// node_modules/zod/v4/locales/en.js']);
  });

  it('dist/ declares its files ES modules itself, so a copy elsewhere loads them without detection', () => {
    expect(JSON.parse(readFileSync(path.join(DIST, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('the org commands load it (so the test above can tell)', () => {
    // Without a token it stops with a usage error, after loading the command.
    const files = loadedFiles(['org', 'plan', '--org', 'acme', '--output', '/dev/null'], [2]);
    expect(loadsGitHubClient(files)).toBe(true);
  });
});
