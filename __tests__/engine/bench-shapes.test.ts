/**
 * The benchmark's real-shaped tree (bench/shapes.ts) has the shapes that made real repositories
 * slow, and `--real DIR` finds the checkouts under DIR (bench/real.ts). Not timed.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realRepositories } from '../../bench/real.js';
import { addRealShapes, REAL_SHAPES } from '../../bench/shapes.js';

describe('the shaped tree', () => {
  const files = new Map<string, string>();
  let seed = 1;
  const rnd = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  addRealShapes((p, c) => files.set(p, c), rnd);
  const bytes = (paths: string[]): number => paths.reduce((n, p) => n + files.get(p)!.length, 0);
  const paths = [...files.keys()];

  it('holds a thousand Markdown documents of ten megabytes or more, with tables, code and lists', () => {
    const docs = paths.filter((p) => p.startsWith('docs/') && p.endsWith('.md'));
    expect(docs.length).toBe(REAL_SHAPES.docs);
    expect(bytes(docs)).toBeGreaterThan(10 * 2 ** 20);
    const all = docs.map((p) => files.get(p)!).join('\n');
    expect(all).toContain('|---|---|');
    expect(all).toContain('```bash');
    expect(docs.filter((p) => /^## Support$/m.test(files.get(p)!)).length).toBeGreaterThan(20);
  });

  it('holds hundreds of shell scripts and Makefiles that forty workflows with long run: blocks call', () => {
    expect(paths.filter((p) => p.endsWith('.sh')).length).toBe(REAL_SHAPES.scripts);
    expect(paths.filter((p) => p.endsWith('Makefile')).length).toBe(REAL_SHAPES.makefiles);
    const workflows = paths.filter((p) => p.startsWith('.github/workflows/'));
    expect(workflows.length).toBe(REAL_SHAPES.workflows);
    for (const w of workflows) {
      const run = /run: \|\n((?: {10}.*\n)+)/.exec(files.get(w)!)![1]!;
      expect(run.split('\n').length).toBeGreaterThan(30);
      expect(run).toMatch(/\.\/hack\/ci\/task-\d+\.sh|make -C/);
    }
  });

  it('holds tens of megabytes of Go and TypeScript and a vendored tree', () => {
    const source = paths.filter((p) => /\.(?:go|tsx)$/.test(p) && !p.startsWith('vendor/'));
    expect(bytes(source)).toBeGreaterThan(20 * 2 ** 20);
    expect(paths.filter((p) => p.startsWith('vendor/')).length).toBe(REAL_SHAPES.vendored);
  });
});

describe('realRepositories', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sscop-real-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the git checkouts under the folder with their commit, and only those asked for', () => {
    for (const name of ['one', 'two']) {
      const root = path.join(dir, name);
      mkdirSync(root);
      writeFileSync(path.join(root, 'a.txt'), 'hello\n');
      const git = ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false'];
      execFileSync('git', ['init', '-q', '--template=', root]);
      execFileSync('git', [...git, '-C', root, 'add', '-A']);
      execFileSync('git', [...git, '-C', root, 'commit', '-q', '--no-verify', '-m', 'x']);
    }
    mkdirSync(path.join(dir, 'not-a-checkout'));
    const found = realRepositories(dir);
    expect(found.map((r) => r.name)).toEqual(['one', 'two']);
    expect(found[0]).toMatchObject({ files: 1, bytes: 6 });
    expect(found[0]!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(realRepositories(dir, ['two']).map((r) => r.name)).toEqual(['two']);
    expect(() => realRepositories(path.join(dir, 'missing'))).toThrow(/no such folder/);
  });
});
