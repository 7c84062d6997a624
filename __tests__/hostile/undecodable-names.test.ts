/**
 * File names are bytes: a name that is not valid UTF-8 (`tool\377.exe`) is still a file every
 * check sees and reads, whether git lists it or the directory is walked. Reports show it with the
 * bad bytes escaped (`tool\xff.exe`), and a second name that escapes the same way stays distinct.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { binaryArtifacts } from '../../src/checks/binary-artifacts.js';
import { collectRepository } from '../../src/repo/collect.js';
import { readPlan } from '../../src/checks/read-plan.js';
import { DIST, node24 } from '../support/node24.js';
import { runCliCaptured } from '../support/run-cli.js';
import { makeTree } from './support/trees.js';

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
const UNPINNED_WORKFLOW =
  'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';
const PINNED_WORKFLOW =
  'on: push\npermissions: {}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

/** A path made of UTF-8 text and raw bytes (0xff is never valid UTF-8). */
function bytePath(...parts: Array<string | number[]>): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
}

async function writeRaw(root: string, rel: Buffer, content: string | Buffer): Promise<void> {
  const abs = Buffer.concat([Buffer.from(`${root}/`), rel]);
  const dir = abs.subarray(0, abs.lastIndexOf(0x2f));
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(abs, content);
}

/** A passing repository, plus a binary and an unpinned workflow under names that are not UTF-8. */
async function treeWithUndecodableNames(git: boolean): Promise<string> {
  const root = await makeTree({
    'SECURITY.md': '# Security\nEmail security@example.org.\n',
    '.github/workflows/ci.yml': PINNED_WORKFLOW,
  });
  roots.push(root);
  await writeRaw(root, bytePath('bin/tool', [0xff], '.exe'), ELF);
  await writeRaw(root, bytePath('.github/workflows/pwn', [0xff], '.yml'), UNPINNED_WORKFLOW);
  // A directory whose own name is not UTF-8, holding a binary.
  await writeRaw(root, bytePath('vendor', [0xfe, 0x80], '/lib.so'), ELF);
  if (git) {
    const run = (...args: string[]) => execFileSync('git', args, { cwd: root });
    run('init', '-q');
    run('add', '-A');
    run('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'names');
  }
  return root;
}

interface JsonReport {
  checks: Array<{ id: string; status: string; findings: Array<{ path?: string }> }>;
  skippedFiles: Array<{ path: string; reason: string }>;
}

describe.each([
  ['git listing', true],
  ['directory walk', false],
])('names that are not UTF-8 (%s)', (_label, git) => {
  let report: JsonReport;
  it('the scan finds the binary and the unpinned workflow they name', async () => {
    const root = await treeWithUndecodableNames(git);
    const { stdout } = await runCliCaptured(['scan', root, '--format', 'json']);
    report = JSON.parse(stdout) as JsonReport;
    const binaries = report.checks.find((c) => c.id === 'binary-artifacts')!;
    expect(binaries.status).toBe('fail');
    expect(binaries.findings.map((f) => f.path).sort()).toEqual([
      'bin/tool\\xff.exe',
      'vendor\\xfe\\x80/lib.so',
    ]);
    const pins = report.checks.find((c) => c.id === 'pinned-actions')!;
    expect(pins.status).not.toBe('pass');
    expect(pins.findings.map((f) => f.path)).toContain('.github/workflows/pwn\\xff.yml');
  });

  it('reads them by their bytes: none is among the skipped files', () => {
    expect(report.skippedFiles).toEqual([]);
  });
});

describe('names that are not UTF-8, on the reader thread', () => {
  it('the bundled CLI reads them there as it does on the main thread', async () => {
    const root = await treeWithUndecodableNames(true);
    const scanWith = (thread: '0' | '1') => {
      const result = spawnSync(node24(), [path.join(DIST, 'cli.js'), 'scan', root, '--format', 'json'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, SSCOP_READ_THREAD: thread },
      });
      const report = JSON.parse(result.stdout) as JsonReport & { metadata: { readerThread?: boolean } };
      return { thread: report.metadata.readerThread ?? false, report };
    };
    const [off, on] = [scanWith('0'), scanWith('1')];
    expect([off.thread, on.thread]).toEqual([false, true]);
    for (const { report } of [off, on]) {
      expect(report.skippedFiles).toEqual([]);
      const binaries = report.checks.find((c) => c.id === 'binary-artifacts')!;
      expect(binaries.findings.map((f) => f.path).sort()).toEqual([
        'bin/tool\\xff.exe',
        'vendor\\xfe\\x80/lib.so',
      ]);
    }
  });
});

describe('escaped names that collide', () => {
  it('stay two files: the escaped one gets a name of its own', async () => {
    const root = await makeTree({ 'bin/tool\\xff.exe': 'a text file whose name looks escaped\n' });
    roots.push(root);
    await writeRaw(root, bytePath('bin/tool', [0xff], '.exe'), ELF);
    const plan = readPlan([binaryArtifacts]);
    const { files, readPaths } = await collectRepository(root, plan.needOf);
    expect(files.paths).toHaveLength(2);
    expect(files.paths).toContain('bin/tool\\xff.exe');
    expect(readPaths).toHaveLength(2);
    const sniffed = files.paths.filter((p) => files.head(p)?.[0] === 0x7f);
    expect(sniffed).toHaveLength(1);
    expect(sniffed[0]).not.toBe('bin/tool\\xff.exe');
    expect(sniffed[0]).toMatch(/^bin\/tool\\xff.*\.exe$/);
  });
});

describe('a link whose name is not UTF-8', () => {
  it('is followed inside the checkout and reported when it points into .git', async () => {
    const root = await makeTree({ 'real.exe': ELF });
    roots.push(root);
    await fs.mkdir(path.join(root, '.git'));
    await fs.writeFile(path.join(root, '.git', 'config'), '[core]\n');
    const link = (name: Buffer, target: string) =>
      fs.symlink(target, Buffer.concat([Buffer.from(`${root}/`), name]));
    await link(bytePath('copy', [0xff], '.exe'), 'real.exe');
    await link(bytePath('cfg', [0xff], '.exe'), '.git/config');
    // Not a git repository: .git is there only as a target.
    const { files } = await collectRepository(path.join(root), readPlan([binaryArtifacts]).needOf);
    expect(files.head('copy\\xff.exe')?.[0]).toBe(0x7f);
    expect(files.linksIntoGit.map((l) => l.path)).toEqual(['cfg\\xff.exe']);
    expect(files.skipped.map((s) => s.path)).toEqual(['cfg\\xff.exe']);
  });
});
