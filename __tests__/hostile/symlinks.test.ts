/**
 * Symbolic links at the scan level (the collector's own tests cover the mechanics): links to
 * /etc/passwd, to a parent directory, loops, and a symlinked `.github/` pointing outside and
 * inside the checkout. Nothing outside the checkout is read or reported; loops terminate.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src/errors.js';
import { scan } from '../../src/scan.js';
import { runCliCaptured } from '../support/run-cli.js';
import { check, makeTree } from './support/trees.js';

const OUTSIDE_SECRET = 'OUTSIDE-SECRET-3f9a';
const UNPINNED =
  'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: evil/outside@v1\n';
let outside: string;
const roots: string[] = [];

beforeAll(async () => {
  outside = await makeTree({
    'secret.txt': OUTSIDE_SECRET,
    'gh/workflows/ci.yml': `# ${OUTSIDE_SECRET}\n${UNPINNED}`,
    'gh/CODEOWNERS': `* not-an-owner-${OUTSIDE_SECRET}\n`,
    'gh/sscop.yml': `threshold: 0\n# ${OUTSIDE_SECRET}\n`,
  });
});
afterAll(async () => {
  await Promise.all([outside, ...roots].map((r) => fs.rm(r, { recursive: true, force: true })));
});

async function hostileTree(
  links: Record<string, string>,
  files: Record<string, string> = {},
  git = false,
): Promise<string> {
  const root = await makeTree({ 'README.md': '# project\n', ...files });
  roots.push(root);
  for (const [at, target] of Object.entries(links)) {
    await fs.mkdir(path.dirname(path.join(root, at)), { recursive: true });
    await fs.symlink(target, path.join(root, at));
  }
  if (git) {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
  }
  return root;
}

describe.each([false, true])('a hostile tree of links (git listing: %s)', (git) => {
  let json: string;
  let report: Awaited<ReturnType<typeof scan>>['report'];
  beforeAll(async () => {
    const root = await hostileTree(
      {
        'SECURITY.md': '/etc/passwd',
        CODEOWNERS: path.join(outside, 'gh', 'CODEOWNERS'),
        'docs/SECURITY.md': path.join(outside, 'secret.txt'),
        parent: '..',
        'up/again': '../../..',
        'loop-a': 'loop-b',
        'loop-b': 'loop-a',
        self: 'self',
        '.github/workflows': path.join(outside, 'gh', 'workflows'),
      },
      {},
      git,
    );
    ({ report } = await scan({ root, today: new Date('2026-11-22T00:00:00Z') }));
    json = JSON.stringify(report);
  });

  it('reads nothing from outside the checkout and reports nothing found there', () => {
    expect(json).not.toContain(OUTSIDE_SECRET);
    expect(json).not.toMatch(/root:x:0:0/);
    expect(json).not.toContain('evil/outside');
  });

  it('says which links were not followed', () => {
    expect(report.skippedFiles).toEqual(
      expect.arrayContaining([
        { path: 'SECURITY.md', reason: 'symbolic link pointing outside the checkout (not followed)' },
        { path: 'docs/SECURITY.md', reason: 'symbolic link pointing outside the checkout (not followed)' },
      ]),
    );
  });

  it('does not see workflows through a symlinked .github/workflows', () => {
    expect(check(report, 'pinned-actions').findings).toEqual([]);
  });
});

describe('a symlinked .github pointing outside the checkout', () => {
  it.each([false, true])(
    'stops with a configuration error (exit 2) rather than read its sscop.yml (git: %s)',
    async (git) => {
      const root = await hostileTree({ '.github': path.join(outside, 'gh') }, {}, git);
      const error = await scan({ root }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(
        /^\.github\/sscop\.yml: the config must be inside the checkout/,
      );
      expect((error as Error).message).not.toContain(OUTSIDE_SECRET);
    },
  );
});

describe('a symlinked .github pointing inside the checkout', () => {
  it('is not descended (directory links never are), so its files are not judged twice', async () => {
    const root = await hostileTree(
      { '.github': 'real-github' },
      { 'real-github/workflows/ci.yml': UNPINNED.replace('evil/outside', 'acme/inside') },
    );
    const { report } = await scan({ root, today: new Date('2026-11-22T00:00:00Z') });
    expect(check(report, 'pinned-actions').findings).toEqual([]);
    expect(report.checks.filter((c) => /internal error/.test(c.unknown?.reason ?? ''))).toEqual([]);
  });
});

describe('the config through links', () => {
  it('refuses a .github/sscop.yml that is itself a link (exit 2)', async () => {
    const root = await hostileTree({ '.github/sscop.yml': path.join(outside, 'gh', 'sscop.yml') });
    await expect(scan({ root })).rejects.toThrow(/must not be a symbolic link/);
  });

  it('refuses a relative --config that climbs out of the checkout through a link', async () => {
    const root = await hostileTree({ cfg: path.join(outside, 'gh') });
    const error = await scan({ root, configPath: 'cfg/sscop.yml' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).not.toContain(OUTSIDE_SECRET);
  });

  it('the CLI exits 0/1 (not 2, not a hang) on a tree of loops and parent links', async () => {
    const root = await hostileTree({ a: 'b', b: 'a', p: '..', 'x/y': '../x' });
    const { code, stdout } = await runCliCaptured(['scan', root, '--format', 'json'], { cwd: root });
    expect([0, 1]).toContain(code);
    const skipped = JSON.parse(stdout).skippedFiles as Array<{ path: string; reason: string }>;
    expect(skipped.map((s) => s.path).sort()).toEqual(['a', 'b', 'p', 'x/y']);
    for (const s of skipped) expect(s.reason).toMatch(/not followed|not a regular file|link to a folder/);
  });
});
