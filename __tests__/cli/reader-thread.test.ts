/**
 * The collector's reader thread (dist/read-worker.js) reads what the main thread would, by the same
 * rules: the bundled CLI on Node 24 gives the same report with the thread forced on and off, on a
 * generated tree and on one with links out of the checkout, a link loop, a FIFO, an oversized
 * file, a binary under a text name and a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateTree, SIZES } from '../../bench/generate.js';
import { DIST, node24 } from '../support/node24.js';
import { githubStyleToken } from '../support/tokens.js';

let work: string;
let generated: string;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-reader-'));
  generated = (await generateTree(path.join(work, 'generated'), { ...SIZES.small, git: true })).root;
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

/** The JSON report of the bundled CLI, without what differs from run to run. */
function scanWith(
  root: string,
  thread: '0' | '1',
  dist = DIST,
  /** Whether the report should say the thread read the files (by default: when it was asked for). */
  expectThread = thread === '1',
): Record<string, unknown> {
  const result = spawnSync(node24(), [path.join(dist, 'cli.js'), 'scan', root, '--format', 'json'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, SSCOP_READ_THREAD: thread },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as Record<string, unknown> & {
    metadata: Record<string, unknown>;
  };
  delete report.generatedAt;
  delete report.metadata.durationMs;
  // The thread was used exactly when asked for (so the comparison below compares two paths).
  expect(report.metadata.readerThread).toBe(expectThread ? true : undefined);
  delete report.metadata.readerThread;
  return report;
}

/**
 * 4,500 files read for the secret scan make five batches: more than the three in flight at once,
 * so later batches are read into buffers handed back; a 5 MB file grows one buffer past the size
 * that is handed back. Seven secrets are spread over all the batches.
 */
let manyBatches: Promise<string> | undefined;
function manyBatchesTree(): Promise<string> {
  manyBatches ??= (async () => {
    const root = path.join(work, 'many-batches');
    await fs.mkdir(path.join(root, 'src'), { recursive: true });
    // Fixed bodies: the test must not depend on a random token avoiding placeholder words.
    const tokens = Array.from({ length: 7 }, (_, k) =>
      githubStyleToken('ghp', `R7kQ2mX9vB4nL8pW3cT6yH1uZ${k}aG0s`),
    );
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 4500; i++) {
      const dir = path.join(root, 'src', `m${String(Math.floor(i / 100)).padStart(2, '0')}`);
      if (i % 100 === 0) await fs.mkdir(dir, { recursive: true });
      const body =
        i % 700 === 0
          ? `# module ${i}\n\nTOKEN = "${tokens[i / 700]}"\n`
          : `# module ${i}\nVALUE = ${i}\n`.repeat((i % 7) + 1);
      writes.push(fs.writeFile(path.join(dir, `f${String(i).padStart(4, '0')}.py`), body));
    }
    writes.push(fs.writeFile(path.join(root, 'src', 'm20', 'big.py'), `# big\n${'x = 1\n'.repeat(900_000)}`));
    await Promise.all(writes);
    return root;
  })();
  return manyBatches;
}

describe('the reader thread', () => {
  it('gives the same report as reading on the main thread, on a generated tree', async () => {
    const threaded = scanWith(generated, '1');
    expect(threaded).toEqual(scanWith(generated, '0'));
    expect((threaded.metadata as { filesRead: number }).filesRead).toBeGreaterThan(50);
  });

  it('follows the same rules on hostile files', async () => {
    const root = path.join(work, 'hostile');
    const outside = path.join(work, 'outside-secret.env');
    await fs.mkdir(path.join(root, '.github', 'workflows'), { recursive: true });
    await fs.writeFile(outside, `TOKEN=${'ghp_'}${'a'.repeat(36)}\n`);
    await fs.writeFile(path.join(root, 'app.py'), 'print("hello")\n');
    await fs.writeFile(path.join(root, 'data.json'), Buffer.from([0x7b, 0, 0, 0x7d]));
    await fs.writeFile(path.join(root, 'big.yml'), 'x'.repeat(11 * 1024 * 1024));
    await fs.writeFile(
      path.join(root, '.github', 'workflows', 'ci.yml'),
      'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci && npm test\n',
    );
    await fs.symlink(outside, path.join(root, 'linked.env'));
    await fs.symlink('loop-b.env', path.join(root, 'loop-a.env'));
    await fs.symlink('loop-a.env', path.join(root, 'loop-b.env'));
    // A FIFO is not listed by the walk; a link to one is, and must not hang the read.
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    await fs.symlink('pipe', path.join(root, 'pipe.env'));
    const threaded = scanWith(root, '1');
    expect(threaded).toEqual(scanWith(root, '0'));
    expect(threaded.skippedFiles).toEqual([
      { path: 'big.yml', reason: 'larger than the 10.0 MiB limit (11.0 MiB); not read' },
      { path: 'linked.env', reason: 'symbolic link pointing outside the checkout (not followed)' },
      { path: 'loop-a.env', reason: 'symbolic link loop (not followed)' },
      { path: 'loop-b.env', reason: 'symbolic link loop (not followed)' },
      { path: 'pipe.env', reason: 'not a regular file' },
    ]);
  });

  it('gives the same report over many batches, with buffers handed back and a grown one dropped', async () => {
    // The secrets must all be found, at the same lines, as on the main thread.
    const root = await manyBatchesTree();
    const threaded = scanWith(root, '1');
    expect(threaded).toEqual(scanWith(root, '0'));
    expect((threaded.metadata as { filesRead: number }).filesRead).toBeGreaterThan(4500);
    const checks = threaded.checks as Array<{
      id: string;
      findings: Array<{ path?: string; line?: number }>;
    }>;
    const secrets = checks.find((c) => c.id === 'committed-secrets')!.findings;
    expect(secrets.map((f) => [f.path, f.line])).toEqual(
      [0, 700, 1400, 2100, 2800, 3500, 4200].map((i) => [
        `src/m${String(Math.floor(i / 100)).padStart(2, '0')}/f${String(i).padStart(4, '0')}.py`,
        3,
      ]),
    );
  });

  it('reads a batch of files checks keep before visitor-only batches it already holds', async () => {
    // The real reader, with what it receives and what it answers logged in order. A batch is read
    // between two turns of its event loop and nothing arrives during a read, so whenever it answers
    // a visitor-only batch, every kept batch that had arrived must have been answered already.
    const root = path.join(work, 'kept-after-visits');
    await fs.cp(await manyBatchesTree(), root, { recursive: true });
    // Dockerfiles, which pinned-images keeps, listed after the 4,500 files read only for visitors.
    for (let i = 0; i < 50; i++) {
      await fs.mkdir(path.join(root, 'zz', `d${i}`), { recursive: true });
      await fs.writeFile(path.join(root, 'zz', `d${i}`, 'Dockerfile'), `FROM alpine:3.${i}\n`);
    }
    // Listed by git, in its sorted order (a walk's order is the file system's).
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', ['-C', root, 'add', '-A']);
    const copy = path.join(work, 'dist-logged');
    await fs.cp(DIST, copy, { recursive: true });
    const log = path.join(copy, 'order.log');
    const worker = path.join(copy, 'read-worker.js');
    await fs.writeFile(
      worker,
      [
        "import * as testThreads from 'node:worker_threads';",
        "import { appendFileSync as testAppend } from 'node:fs';",
        `const testLog = ${JSON.stringify(log)};`,
        "testThreads.parentPort.on('message', (m) => testAppend(testLog, `in ${m.id} ${m.kept}\\n`));",
        'const testPost = testThreads.parentPort.postMessage.bind(testThreads.parentPort);',
        'testThreads.parentPort.postMessage = (r, t) => { testAppend(testLog, `out ${r.id}\\n`); testPost(r, t); };',
        await fs.readFile(worker, 'utf8'),
      ].join('\n'),
    );
    expect(scanWith(root, '1', copy)).toEqual(scanWith(root, '0'));
    const events = (await fs.readFile(log, 'utf8')).trim().split('\n');
    const kept = new Map<string, boolean>();
    const waiting = new Set<string>();
    let keptBatches = 0;
    for (const event of events) {
      const [what, id, isKept] = event.split(' ') as [string, string, string?];
      if (what === 'in') {
        kept.set(id, isKept === 'true');
        waiting.add(id);
        if (isKept === 'true') keptBatches++;
        continue;
      }
      waiting.delete(id);
      if (!kept.get(id)) expect([...waiting].filter((w) => kept.get(w))).toEqual([]);
    }
    expect(keptBatches).toBeGreaterThan(0);
    expect(events.filter((e) => e.startsWith('in')).length).toBeGreaterThan(keptBatches + 1);
  });

  it('falls back part-way: the thread dies on its third batch, after answering two', async () => {
    // The real reader, its answers counted: the thread ends as it is about to send its third. By
    // then the collector has taken two answers in and sent it many more batches.
    const copy = path.join(work, 'dist-dies-part-way');
    await fs.cp(DIST, copy, { recursive: true });
    const worker = path.join(copy, 'read-worker.js');
    await fs.writeFile(
      worker,
      [
        "import * as testThreads from 'node:worker_threads';",
        'let testBatches = 0;',
        'const testPost = testThreads.parentPort.postMessage.bind(testThreads.parentPort);',
        'testThreads.parentPort.postMessage = (...args) => { if (++testBatches === 3) process.exit(1); testPost(...args); };',
        await fs.readFile(worker, 'utf8'),
      ].join('\n'),
    );
    const root = await manyBatchesTree();
    expect(scanWith(root, '1', copy)).toEqual(scanWith(root, '0'));
  });

  it.each([
    [
      'answers nonsense',
      "parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, files: 'x' }));",
    ],
    ['throws', "parentPort.on('message', () => { throw new Error('reader broke'); });"],
    ['exits', "parentPort.on('message', () => process.exit(3));"],
    ['exits without answering', "parentPort.on('message', () => process.exit(0));"],
  ])('falls back to reading on the main thread when the thread %s', async (_label, body) => {
    const copy = path.join(work, `dist-${_label.replace(/\W/g, '-')}`);
    await fs.cp(DIST, copy, { recursive: true });
    await fs.writeFile(
      path.join(copy, 'read-worker.js'),
      `import { parentPort } from 'node:worker_threads';\n${body}\n`,
    );
    const broken = scanWith(generated, '1', copy, false);
    expect(broken).toEqual(scanWith(generated, '0'));
  });
});
