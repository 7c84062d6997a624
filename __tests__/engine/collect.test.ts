import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectRepository, startCollection } from '../../src/repo/collect.js';
import { decodeText } from '../../src/repo/read-file.js';
import { filesFromRecord, SnapshotFiles, type FileVisitor } from '../../src/repo/files.js';

let dir: string;
const everything = () => 'text' as const;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-collect-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function tree(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const root = path.join(dir, name);
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), content);
  }
  return root;
}

describe('collectRepository', () => {
  it('walks a directory without .git, skipping node_modules and .git', async () => {
    const root = await tree('walk', { 'a.md': 'a', 'src/b.ts': 'b', 'node_modules/x/index.js': 'x' });
    await fs.mkdir(path.join(root, '.git-not'), { recursive: true });
    const { files, listing } = await collectRepository(root, everything);
    expect(listing).toBe('walk');
    expect(files.paths).toEqual(['a.md', 'src/b.ts']);
    expect(files.text('src/b.ts')).toBe('b');
  });

  it('lists git-tracked files (staged included, untracked not) when .git exists', async () => {
    const root = await tree('git', { 'tracked.md': 't', '.gitignore': 'ignored.txt\n', 'ignored.txt': 'i' });
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', 'tracked.md', '.gitignore'], { cwd: root });
    await fs.writeFile(path.join(root, 'new.md'), 'n');
    const { files, listing } = await collectRepository(root, everything);
    expect(listing).toBe('git');
    expect(files.paths).toEqual(['.gitignore', 'tracked.md']);
  });

  it('walks the directory when git lists no tracked files beside files in the working tree, and says so', async () => {
    // A checkout that failed half way: files on disk, an empty index.
    const root = await tree('empty-index', { Dockerfile: 'FROM alpine\n', 'SECURITY.md': '# s\n' });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const { files, listing, notes } = await collectRepository(root, everything);
    expect(listing).toBe('walk');
    expect(files.paths).toEqual(['Dockerfile', 'SECURITY.md']);
    expect(notes.join('\n')).toMatch(/git lists no tracked files, but the directory holds files/);
  });

  it('keeps git’s listing of an empty repository', async () => {
    const root = await tree('empty-repo', {});
    await fs.mkdir(root, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const { files, listing } = await collectRepository(root, everything);
    expect(listing).toBe('git');
    expect(files.paths).toEqual([]);
  });

  it('does not follow a symlink that points outside the checkout, and says so', async () => {
    const outside = await tree('outside', { 'secret.txt': 'TOP SECRET' });
    const root = await tree('links', { 'ok.md': 'fine', 'docs/real.md': 'inside' });
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'SECURITY.md'));
    await fs.symlink('/etc/passwd', path.join(root, 'passwd.md'));
    await fs.symlink('docs/real.md', path.join(root, 'inside-link.md'));
    await fs.symlink('..', path.join(root, 'parent'));
    const { files } = await collectRepository(root, everything);
    expect(files.text('SECURITY.md')).toBeUndefined();
    expect(files.text('passwd.md')).toBeUndefined();
    expect(files.skipped).toEqual(
      expect.arrayContaining([
        { path: 'SECURITY.md', reason: 'symbolic link pointing outside the checkout (not followed)' },
        { path: 'passwd.md', reason: 'symbolic link pointing outside the checkout (not followed)' },
      ]),
    );
    expect(files.text('inside-link.md')).toBe('inside');
    expect(JSON.stringify(files.skipped)).not.toMatch(/TOP SECRET/);
  });

  it('terminates on a symlink loop', async () => {
    const root = await tree('loop', { 'a.md': 'a' });
    await fs.symlink('loop-b', path.join(root, 'loop-a'));
    await fs.symlink('loop-a', path.join(root, 'loop-b'));
    const { files } = await collectRepository(root, everything);
    expect(files.text('loop-a')).toBeUndefined();
    expect(files.skipped).toEqual([
      { path: 'loop-a', reason: 'symbolic link loop (not followed)' },
      { path: 'loop-b', reason: 'symbolic link loop (not followed)' },
    ]);
  });

  it('skips a file over the size cap with a note, reading only its first bytes', async () => {
    const root = await tree('big', { 'big.yml': 'x'.repeat(2048), 'small.yml': 'y' });
    const { files, readPaths } = await collectRepository(root, everything, { maxFileBytes: 1024 });
    expect(files.text('big.yml')).toBeUndefined();
    expect(files.skipped[0]).toEqual({
      path: 'big.yml',
      reason: 'larger than the 1.0 KiB limit (2.0 KiB); not read',
    });
    expect(readPaths).toEqual(['big.yml', 'small.yml']);
    expect(files.head('big.yml')?.length).toBe(64);
    expect(files.size('big.yml')).toBe(2048);
  });

  it('does not block on a FIFO', async () => {
    const root = await tree('fifo', { 'a.md': 'a' });
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    await fs.symlink('pipe', path.join(root, 'SECURITY.md'));
    const { files } = await collectRepository(root, everything);
    expect(files.paths).not.toContain('pipe');
    expect(files.skipped).toEqual([{ path: 'SECURITY.md', reason: 'not a regular file' }]);
  });

  it('opens only the files some check needs, reading a head where only a head is needed', async () => {
    const root = await tree('needs', {
      'SECURITY.md': 's',
      'src/a.ts': 'a',
      'bin/tool': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 2]),
    });
    const need = (p: string) => (p === 'SECURITY.md' ? 'text' : p === 'bin/tool' ? 'head' : undefined);
    const { files, readPaths } = await collectRepository(root, need);
    expect(readPaths).toEqual(['SECURITY.md', 'bin/tool']);
    expect(files.text('src/a.ts')).toBeUndefined();
    expect(files.text('bin/tool')).toBeUndefined();
    expect([...files.head('bin/tool')!.slice(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(files.has('src/a.ts')).toBe(true);
  });

  it('passes visited files through their visitors once, keeping only the results', async () => {
    const root = await tree('visit', {
      'SECURITY.md': 'policy',
      'src/a.ts': 'const a = 1;',
      'src/b.ts': 'x'.repeat(2048),
      'README.md': 'read me',
    });
    const seen: string[] = [];
    const lengths: FileVisitor<number> = {
      id: 'lengths',
      wants: (p) => p.endsWith('.ts') || p === 'SECURITY.md',
      visit: (p, text, size) => {
        seen.push(p);
        return text.length + size;
      },
    };
    const need = (p: string) => (p === 'SECURITY.md' ? ('text' as const) : undefined);
    const { files, readPaths } = await collectRepository(root, need, {
      visitors: [lengths],
      maxFileBytes: 1024,
    });
    // Each wanted file read once; the oversized one is skipped, so never visited.
    expect(readPaths).toEqual(['SECURITY.md', 'src/a.ts', 'src/b.ts']);
    expect(seen.sort()).toEqual(['SECURITY.md', 'src/a.ts']);
    expect(files.visited(lengths).files).toBe(2);
    expect([...files.visited(lengths).results].sort()).toEqual([
      ['SECURITY.md', 12],
      ['src/a.ts', 24],
    ]);
    expect(files.skipped.map((s) => s.path)).toEqual(['src/b.ts']);
    // The text of a visited file is kept only when a need asked for it.
    expect(files.text('SECURITY.md')).toBe('policy');
    expect(files.text('src/a.ts')).toBeUndefined();
    expect(files.head('src/a.ts')).toBeUndefined();
  });

  it("keeps a visitor's error for its check to report, and stops calling it", async () => {
    const root = await tree('visit-error', { 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c' });
    let calls = 0;
    const broken: FileVisitor<void> = {
      id: 'broken',
      wants: () => true,
      visit: (p) => {
        calls++;
        if (p === 'b.ts') throw new Error('boom on b.ts');
      },
    };
    const { files, readPaths } = await collectRepository(root, () => undefined, { visitors: [broken] });
    expect(readPaths).toEqual(['a.ts', 'b.ts', 'c.ts']);
    expect(calls).toBe(2);
    expect(() => files.visited(broken)).toThrow('boom on b.ts');
  });

  it('resolves in two stages: kept files first, then every file read and visited', async () => {
    const root = await tree('stages', {
      'SECURITY.md': 'policy',
      'src/a.ts': 'a',
      'big.ts': 'x'.repeat(2048),
    });
    const lengths: FileVisitor<number> = {
      id: 'lengths',
      wants: (p) => p.endsWith('.ts'),
      visit: (_p, t) => t.length,
    };
    const need = (p: string) => (p === 'SECURITY.md' ? ('text' as const) : undefined);
    const collection = startCollection(root, need, { visitors: [lengths], maxFileBytes: 1024 });
    const kept = await collection.kept;
    expect(kept.files.text('SECURITY.md')).toBe('policy');
    // The skip of a file read only for a visitor is not among the kept files' skips.
    expect(kept.files.skipped).toEqual([]);
    expect(kept.files.needed()).toEqual(['SECURITY.md']);
    const done = await collection.done;
    // The oversized file's first bytes were read (to tell binary from text), not its text.
    expect(done.readPaths).toEqual(['SECURITY.md', 'big.ts', 'src/a.ts']);
    expect(kept.files.skipped.map((s) => s.path)).toEqual(['big.ts']);
    expect(kept.files.needed()).toEqual(['SECURITY.md', 'big.ts'].sort());
    expect([...kept.files.visited(lengths).results]).toEqual([['src/a.ts', 1]]);
  });

  it('fails both stages when the root cannot be read, leaving no unhandled rejection', async () => {
    const collection = startCollection(path.join(dir, 'does-not-exist'), () => undefined);
    await expect(collection.kept).rejects.toThrow(/ENOENT/);
    await expect(collection.done).rejects.toThrow(/ENOENT/);
  });

  it('runs a visitor on demand over in-memory files', () => {
    const files = filesFromRecord({ 'a.ts': 'abc', 'b.md': 'de' });
    const upper: FileVisitor<string> = {
      id: 'upper',
      wants: (p) => p.endsWith('.ts'),
      visit: (_p, t) => t.toUpperCase(),
    };
    expect(files.visited(upper)).toEqual({ files: 1, results: new Map([['a.ts', 'ABC']]) });
    const onlyB: FileVisitor<string> = {
      id: 'b',
      wants: () => true,
      visit: (p) => (p === 'b.md' ? 'found' : undefined),
    };
    // Files where a visitor finds nothing are counted, not stored.
    expect(files.visited(onlyB)).toEqual({ files: 2, results: new Map([['b.md', 'found']]) });
  });

  it('reports progress in steps, ending with every planned file done', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`src/f${i}.md`] = 'x';
    const root = await tree('progress', files);
    const calls: Array<[number, number]> = [];
    await collectRepository(root, everything, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [256, 256],
      [512, 512],
      [600, 600],
    ]);
  });

  it('leaves out excluded paths entirely', async () => {
    const root = await tree('exclude', { 'a.md': 'a', 'vendor/b.md': 'b', 'fixtures/deep/c.md': 'c' });
    const { files } = await collectRepository(root, everything, { exclude: ['vendor/**', 'fixtures/**'] });
    expect(files.paths).toEqual(['a.md']);
  });
});

describe('decodeText', () => {
  it('strips a UTF-8 BOM and decodes UTF-16 with a BOM', () => {
    expect(decodeText(Buffer.from('\ufeffhello', 'utf8'))).toBe('hello');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')]))).toBe('hi');
  });

  it('turns invalid UTF-8 into replacement characters instead of failing', () => {
    expect(decodeText(Buffer.from([0x61, 0xff, 0x62]))).toBe('a\ufffdb');
  });
});

describe('SnapshotFiles while visitors are still running', () => {
  it('refuses their results until the collector completes them, then adds the late skips', () => {
    const scanner: FileVisitor<number> = { id: 'scanner', wants: () => true, visit: () => 1 };
    const other: FileVisitor<number> = { id: 'other', wants: () => true, visit: () => 2 };
    const results = { files: 1, results: new Map([['a.ts', 1]]) };
    const files = new SnapshotFiles(
      ['a.ts', 'b.ts'],
      new Map([['a.ts', { text: 'a' }]]),
      [],
      new Map([[scanner, results]]),
      [scanner],
    );
    expect(() => files.visited(scanner)).toThrow(/scanner.*before its files were all read/);
    // A visitor the collector does not run is still run on demand over the texts held.
    expect([...files.visited(other).results]).toEqual([['a.ts', 2]]);
    expect(files.needed()).toEqual(['a.ts']);
    files.completeVisits([{ path: 'b.ts', reason: 'could not be read (EACCES)' }]);
    expect([...files.visited(scanner).results]).toEqual([['a.ts', 1]]);
    expect(files.skipped).toEqual([{ path: 'b.ts', reason: 'could not be read (EACCES)' }]);
    expect(files.needed()).toEqual(['a.ts', 'b.ts']);
  });
});

describe('SnapshotFiles folder look-ups', () => {
  const files = filesFromRecord(
    Object.fromEntries(
      [
        'README.md',
        'a.md',
        '.github/SECURITY.md',
        '.github/workflows/ci.yml',
        'docs/a.md',
        'docs/x/b.md',
        'docs-old/c.md',
        'docsz',
        'z/d.md',
      ].map((p) => [p, '']),
    ),
  );

  it('finds the paths under a prefix by range, not by testing every path', () => {
    expect(files.under('docs/')).toEqual(['docs/a.md', 'docs/x/b.md']);
    expect(files.under('.github/')).toEqual(['.github/SECURITY.md', '.github/workflows/ci.yml']);
    expect(files.under('nothing/')).toEqual([]);
    expect(files.under('')).toEqual(files.paths);
  });

  it('answers has() by searching the sorted list', () => {
    for (const p of files.paths) expect(files.has(p)).toBe(true);
    for (const p of ['', 'docs', 'docs/', 'docs/a', 'zz', '.github', 'README.MD'])
      expect(files.has(p)).toBe(false);
  });

  it('sorts and dedupes a listing that needs it, and keeps one that does not as it is', () => {
    const messy = new SnapshotFiles(['b', 'a', 'b', 'é', 'c'], new Map());
    expect(messy.paths).toEqual(['a', 'b', 'c', 'é']);
    expect(messy.has('b') && messy.has('é') && !messy.has('d')).toBe(true);
    const sorted = ['a', 'a/b', 'b'];
    expect(new SnapshotFiles(sorted, new Map()).paths).toBe(sorted);
  });

  it('lists the files directly in a folder, the root included', () => {
    expect(files.inDir('')).toEqual(['README.md', 'a.md', 'docsz']);
    expect(files.inDir('.github')).toEqual(['.github/SECURITY.md']);
    expect(files.inDir('docs')).toEqual(['docs/a.md']);
    expect(files.inDir('missing')).toEqual([]);
  });
});
