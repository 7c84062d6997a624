/**
 * Hostile file contents: every scan completes with a clear result. Alias bombs and deep nesting in
 * workflows and the config, huge and binary "workflows", broken encodings, CRLF and mixed line
 * endings (line numbers stay right), a 1 MB line. Trees are generated in a temporary directory.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import { scan } from '../../src/scan.js';
import { UserError } from '../../src/errors.js';
import { check, deeplyNested, garbage, makeTree, yamlAliasBomb, type TreeFiles } from './support/trees.js';

const TODAY = new Date('2026-11-22T00:00:00Z');
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

async function scanTree(files: TreeFiles, configPath?: string) {
  const root = await makeTree(files);
  roots.push(root);
  return (await scan({ root, today: TODAY, configPath })).report;
}

const UNPINNED = 'actions/checkout@v4';
const workflow = (uses = UNPINNED): string =>
  [
    'name: ci',
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    `      - uses: ${uses}`,
    '',
  ].join('\n');

describe('YAML bombs', () => {
  it('a billion-laughs workflow is parsed without expanding the aliases, and the scan completes', async () => {
    const report = await scanTree({
      '.github/workflows/bomb.yml': `${yamlAliasBomb()}${workflow().split('\n').slice(1).join('\n')}`,
    });
    expect(report.checks.length).toBeGreaterThan(20);
    expect(check(report, 'pinned-actions').status).not.toBe('pass');
  });

  it('a billion-laughs config is rejected as a configuration error, not a crash or out-of-memory', async () => {
    const error = await scanTree({
      '.github/sscop.yml': `threshold: 10\nx: ${yamlAliasBomb().split('\n').join('\n  ')}`,
    }).catch((e: unknown) => e);
    // Either the config is refused (UserError, exit 2) or the aliases are bounded; never a hang.
    if (error instanceof Error) expect(error).toBeInstanceOf(UserError);
  });

  it('a config whose anchors expand past the alias limit is refused with the file named', async () => {
    const error = await scanTree({
      '.github/sscop.yml': `exclude: &x [${'"a",'.repeat(10)}"a"]\nattestations: [${'*x,'.repeat(200)}*x]\n`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^\.github\/sscop\.yml/);
  });

  it('10,000 levels of [ in a workflow: the workflow is reported unparseable, the scan completes', async () => {
    const report = await scanTree({
      '.github/workflows/deep.yml': `on: push\njobs: ${deeplyNested(10_000)}`,
      '.github/workflows/ok.yml': workflow(),
    });
    const pinned = check(report, 'pinned-actions');
    expect(pinned.findings.some((f) => f.path === '.github/workflows/ok.yml' && f.line === 7)).toBe(true);
  });

  it('10,000 levels of [ in the config: exit-2 configuration error naming the file', async () => {
    const error = await scanTree({ '.github/sscop.yml': `exclude: ${deeplyNested(10_000)}` }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^\.github\/sscop\.yml/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});

describe('oversized and binary files', () => {
  it('a 50 MB workflow is skipped with a note, not read; the other workflows are still judged', async () => {
    const big = `${workflow()}${'# padding\n'.repeat(5 * 1024 * 1024)}`;
    const report = await scanTree({
      '.github/workflows/huge.yml': big,
      '.github/workflows/ok.yml': workflow(),
    });
    expect(report.skippedFiles).toContainEqual({
      path: '.github/workflows/huge.yml',
      reason: expect.stringMatching(/larger than the 10\.0 MiB limit \(50\.0 MiB\)/),
    });
    expect(report.notes.join('\n')).toMatch(/file\(s\) were not read/);
    expect(check(report, 'pinned-actions').findings.some((f) => f.path === '.github/workflows/ok.yml')).toBe(
      true,
    );
  });

  it('binary garbage named .yml (and Dockerfile, SECURITY.md, CODEOWNERS) never crashes a check', async () => {
    const report = await scanTree({
      '.github/workflows/garbage.yml': garbage(64 * 1024),
      'action.yml': garbage(4096, 3),
      Dockerfile: garbage(8192, 5),
      'SECURITY.md': garbage(8192, 11),
      '.github/CODEOWNERS': garbage(8192, 13),
      'package.json': garbage(2048, 17),
    });
    const crashed = report.checks.filter((c) => /internal error/.test(c.unknown?.reason ?? ''));
    expect(crashed.map((c) => `${c.id}: ${c.unknown?.reason}`)).toEqual([]);
  });

  it('a file with a single 1 MB line is judged without hanging', async () => {
    const line = `uses: ${'a/'.repeat(256 * 1024)}`;
    const report = await scanTree({
      '.github/workflows/long.yml': `${workflow()}# ${'x'.repeat(1024 * 1024)}\n`,
      'SECURITY.md': `# Security\n${'word '.repeat(210_000)}\n`,
      '.github/CODEOWNERS': `* @acme/x ${'#'.repeat(1024 * 1024)}\n`,
      Dockerfile: `FROM alpine\nRUN echo ${'a'.repeat(1024 * 1024)}\n`,
      'notes.txt': line,
    });
    expect(check(report, 'pinned-actions').findings.some((f) => f.line === 7)).toBe(true);
    expect(report.checks.filter((c) => /internal error/.test(c.unknown?.reason ?? ''))).toEqual([]);
  });
});

describe('encodings and line endings', () => {
  it('invalid UTF-8 is read with replacement characters; findings keep their lines', async () => {
    const bytes = Buffer.concat([
      Buffer.from('# '),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x0a]),
      Buffer.from(workflow().split('\n').slice(1).join('\n')),
    ]);
    const report = await scanTree({ '.github/workflows/bad-utf8.yml': bytes });
    expect(check(report, 'pinned-actions').findings).toContainEqual(
      expect.objectContaining({ path: '.github/workflows/bad-utf8.yml', line: 7 }),
    );
  });

  it('a UTF-16LE workflow with a BOM is decoded and judged', async () => {
    const report = await scanTree({
      '.github/workflows/utf16.yml': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(workflow(), 'utf16le'),
      ]),
    });
    expect(check(report, 'pinned-actions').findings).toContainEqual(
      expect.objectContaining({ path: '.github/workflows/utf16.yml', line: 7 }),
    );
  });

  it('a UTF-16BE CODEOWNERS with a BOM is decoded and judged', async () => {
    const text = '* @acme/x\n/docs/ not-an-owner\n';
    const be = Buffer.from(text, 'utf16le').swap16();
    const report = await scanTree({ '.github/CODEOWNERS': Buffer.concat([Buffer.from([0xfe, 0xff]), be]) });
    expect(check(report, 'codeowners').findings).toContainEqual(expect.objectContaining({ line: 2 }));
  });

  it('CRLF workflow: the unpinned action is reported on its own line', async () => {
    const report = await scanTree({ '.github/workflows/crlf.yml': workflow().replace(/\n/g, '\r\n') });
    const f = check(report, 'pinned-actions').findings.find((x) => x.path === '.github/workflows/crlf.yml');
    expect(f).toMatchObject({ line: 7 });
  });

  it('mixed CRLF, LF and lone CR line endings in a workflow: lines still right', async () => {
    const lines = workflow().split('\n');
    const mixed = lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r\n')).join('');
    const report = await scanTree({ '.github/workflows/mixed.yml': mixed });
    expect(
      check(report, 'pinned-actions').findings.find((x) => x.path === '.github/workflows/mixed.yml'),
    ).toMatchObject({
      line: 7,
    });
  });

  it('CRLF CODEOWNERS: the invalid owner is reported on its own line, at its column', async () => {
    const text = ['# owners', '* @acme/x', '', '/docs/ not-an-owner', ''].join('\r\n');
    const report = await scanTree({ '.github/CODEOWNERS': text });
    expect(check(report, 'codeowners').findings).toContainEqual(
      expect.objectContaining({ path: '.github/CODEOWNERS', line: 4, column: 8 }),
    );
  });

  it('mixed line endings in CODEOWNERS (LF then CRLF then LF)', async () => {
    const text = '* @acme/x\n/a/ @ok\r\n/b/ bad owner\n';
    const report = await scanTree({ '.github/CODEOWNERS': text });
    expect(check(report, 'codeowners').findings).toContainEqual(expect.objectContaining({ line: 3 }));
  });
});
