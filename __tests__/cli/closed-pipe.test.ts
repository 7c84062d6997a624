/**
 * A reader that stops early (`sscop scan . --format json | head -c 10`) ends sscop's output
 * quietly: no stack trace on stderr. The report is made larger than a pipe's buffer (64 KiB), so
 * the write after `head` exits always fails.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeTree } from '../hostile/support/trees.js';
import { DIST, node24 } from '../support/node24.js';

let root: string;
beforeAll(async () => {
  const owners = Array.from({ length: 400 }, (_, i) => `/dir${i}/ not-an-owner-${i}`);
  root = await makeTree({ '.github/CODEOWNERS': ['* @acme/maintainers', ...owners].join('\n') });
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** `sscop ARGS | head -c 10` through a shell, as a user types it. */
function pipedIntoHead(args: string[]) {
  const quoted = [node24(), path.join(DIST, 'cli.js'), ...args].map((a) => `'${a}'`).join(' ');
  return spawnSync('sh', ['-c', `${quoted} | head -c 10`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
}

describe('sscop writing into a pipe that closes early', () => {
  it.each([
    ['scan --format json', ['scan', '--format', 'json']],
    ['scan --format sarif', ['scan', '--format', 'sarif']],
    ['assess --format html', ['assess', '--format', 'html']],
  ])('%s stops quietly', (_label, args) => {
    const result = pipedIntoHead([...args, root]);
    expect(result.stdout).toHaveLength(10);
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(result.stderr).toBe('');
  });
});
