/**
 * What the bundled CLI loads: an offline scan does not load the GitHub client (Octokit and the
 * HTTP client, a seventh of the engine's load time), which only the online scan and the org
 * commands need.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('what the CLI loads', () => {
  it('an offline scan leaves the GitHub client unloaded', () => {
    const files = loadedFiles(['scan', FIXTURE, '--format', 'json']);
    expect(files.length).toBeGreaterThan(2);
    expect(loadsGitHubClient(files)).toBe(false);
  });

  it('the org commands load it (so the test above can tell)', () => {
    // Without a token it stops with a usage error, after loading the command.
    const files = loadedFiles(['org', 'plan', '--org', 'acme', '--output', '/dev/null'], [2]);
    expect(loadsGitHubClient(files)).toBe(true);
  });
});
