/**
 * The suppression pass, through the scan: findings an inline comment or a config `ignore:` entry
 * accepts stay in the report, marked with their reason; what did not apply says so.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan, type ScanOptions } from '../../src/scan.js';
import { validateReport } from '../support/schemas.js';

const TODAY = new Date('2026-11-22T00:00:00Z');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-suppress-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** A workflow with two unpinned actions; `above` and `trailing` are put before the first and after the second. */
function workflow(options: { above?: string; trailing?: string; padding?: number } = {}): string {
  return [
    'on: push',
    'permissions: {}',
    ...Array.from({ length: options.padding ?? 0 }, (_, i) => `# padding ${i}`),
    'jobs:',
    '  t:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...(options.above ? [`      ${options.above}`] : []),
    '      - uses: actions/checkout@v4',
    `      - uses: acme/setup@v1${options.trailing ? ` ${options.trailing}` : ''}`,
    '',
  ].join('\n');
}

const WORKFLOW = '.github/workflows/ci.yml';

async function scanOf(files: Record<string, string>, options: Partial<ScanOptions> = {}) {
  const { report } = await scan({ root: await tree(files), today: TODAY, threshold: 0, ...options });
  expect(validateReport(report)).toEqual([]);
  const check = report.checks.find((c) => c.id === 'pinned-actions')!;
  const lines = (files[WORKFLOW] ?? '').split('\n');
  /** The finding on the line that uses `action`, with that line's number. */
  const on = (action: 'checkout' | 'setup') => {
    const line = lines.findIndex((l) => l.includes(`/${action}@`)) + 1;
    return check.findings.find((f) => f.path === WORKFLOW && f.line === line && f.message.includes(action));
  };
  return { report, check, on, lineOf: (text: string) => lines.findIndex((l) => l.includes(text)) + 1 };
}

describe('inline suppressions', () => {
  it('accept the finding on the line below the comment: it stays in the report, marked, and the check keeps its status', async () => {
    const plain = await scanOf({ [WORKFLOW]: workflow() });
    const { report, check, on } = await scanOf({
      [WORKFLOW]: workflow({ above: "# sscop: ignore[pinned-actions] GitHub's own action, reviewed" }),
    });
    expect(on('checkout')).toMatchObject({
      suppressed: true,
      suppression: { source: 'inline', reason: "GitHub's own action, reviewed", path: WORKFLOW, line: 7 },
    });
    expect(on('setup')?.suppressed).toBeUndefined();
    expect(check.findings).toHaveLength(plain.check.findings.length);
    expect(check.status).toBe(plain.check.status);
    expect(report.score).toBe(plain.report.score);
    expect(report.suppressions).toEqual({ applied: 1, expired: [] });
  });

  it('accept the finding on their own line', async () => {
    const { on } = await scanOf({
      [WORKFLOW]: workflow({ trailing: '# sscop: ignore[pinned-actions] acme is our organisation' }),
    });
    expect(on('checkout')?.suppressed).toBeUndefined();
    expect(on('setup')?.suppression).toEqual({
      source: 'inline',
      reason: 'acme is our organisation',
      path: WORKFLOW,
      line: 8,
    });
  });

  it('without a reason suppress nothing and are a finding themselves', async () => {
    const { check, on, lineOf } = await scanOf({
      [WORKFLOW]: workflow({ trailing: '# sscop: ignore[pinned-actions]' }),
    });
    const onTheLine = check.findings.filter((f) => f.line === lineOf('acme/setup'));
    expect(onTheLine.every((f) => !f.suppressed)).toBe(true);
    expect(onTheLine).toContainEqual(
      expect.objectContaining({
        severity: 'low',
        message: expect.stringMatching(/suppresses nothing: it gives no reason/),
      }),
    );
    expect(on('setup')?.suppressed).toBeUndefined();
  });

  it('naming another check suppress nothing here, and an unknown id is noted', async () => {
    const { report, check } = await scanOf({
      [WORKFLOW]: workflow({ trailing: '# sscop: ignore[pinned-action, sast] typo and the wrong check' }),
    });
    expect(check.findings.some((f) => f.suppressed)).toBe(false);
    expect(report.notes).toContainEqual(expect.stringMatching(/names "pinned-action", not a check id/));
  });
});

describe('config ignore entries', () => {
  const config = (expires: string) =>
    [
      'ignore:',
      '  - check: pinned-actions',
      '    path: .github/workflows/*.yml',
      '    line: 8',
      '    reason: acme/setup is our own action',
      `    expires: ${expires}`,
      '    owner: platform-team',
      '',
    ].join('\n');

  it('accept the findings they match until their expiry date, naming the config file and line', async () => {
    const { on, report } = await scanOf({
      [WORKFLOW]: workflow(),
      '.github/sscop.yml': config('2026-11-22'),
    });
    expect(on('setup')?.suppression).toEqual({
      source: 'config',
      reason: 'acme/setup is our own action',
      path: '.github/sscop.yml',
      line: 2,
      expires: '2026-11-22',
      owner: 'platform-team',
    });
    expect(on('checkout')?.suppressed).toBeUndefined();
    expect(report.suppressions?.applied).toBe(1);
  });

  it('stop applying once expired, and say so', async () => {
    const { on, report } = await scanOf({
      [WORKFLOW]: workflow(),
      '.github/sscop.yml': config('2026-11-21'),
    });
    expect(on('setup')?.suppressed).toBeUndefined();
    expect(report.suppressions).toEqual({
      applied: 0,
      expired: [
        {
          check: 'pinned-actions',
          path: '.github/workflows/*.yml',
          expires: '2026-11-21',
          reason: 'acme/setup is our own action',
          line: 2,
          findings: 1,
        },
      ],
    });
    expect(report.notes).toContainEqual(
      expect.stringMatching(/expired on 2026-11-21: 1 finding\(s\) it accepted count again/),
    );
  });

  it('match by fingerprint, which survives lines moving above the finding', async () => {
    const first = await scanOf({ [WORKFLOW]: workflow() });
    const fingerprint = first.on('setup')!.fingerprint!;
    const moved = await scanOf({
      [WORKFLOW]: workflow({ padding: 3 }),
      '.github/sscop.yml': `ignore:\n  - check: pinned-actions\n    path: "**"\n    fingerprint: "${fingerprint}"\n    reason: accepted by fingerprint\n`,
    });
    expect(moved.on('setup')?.line).toBe(first.on('setup')!.line! + 3);
    expect(moved.on('setup')?.fingerprint).toBe(fingerprint);
    expect(moved.on('setup')?.suppressed).toBe(true);
    expect(moved.on('checkout')?.suppressed).toBeUndefined();
  });
});

describe('the gate', () => {
  it('does not hold a fail-on check against the gate when its every finding is suppressed', async () => {
    const both = '# sscop: ignore[pinned-actions] both reviewed by the platform team';
    const failing = await scanOf({ [WORKFLOW]: workflow() }, { failOn: ['pinned-actions'] });
    expect(failing.report.gate.reasons).toContain(`required check pinned-actions is ${failing.check.status}`);
    const one = await scanOf(
      { [WORKFLOW]: workflow({ trailing: '# sscop: ignore[pinned-actions] ours' }) },
      { failOn: ['pinned-actions'] },
    );
    expect(one.report.passed).toBe(false);
    const all = await scanOf(
      { [WORKFLOW]: workflow({ above: both }).replace('@v1', `@v1 ${both}`) },
      { failOn: ['pinned-actions'] },
    );
    expect(all.check.findings.every((f) => f.suppressed)).toBe(true);
    expect(all.check.status).toBe(failing.check.status);
    expect(all.report.gate.reasons).toEqual([]);
    expect(all.report.passed).toBe(true);
  });
});

describe('suppressions a pull request adds', () => {
  const files = { [WORKFLOW]: workflow({ trailing: '# sscop: ignore[pinned-actions] trust me' }) };

  it('do not apply on its lines, and are listed', async () => {
    const { on, report } = await scanOf(files, {
      pullRequest: { addedLines: new Map([[WORKFLOW, new Set([8])]]), allowSuppressions: false },
    });
    expect(on('setup')?.suppressed).toBeUndefined();
    expect(report.suppressions?.pullRequest).toEqual({
      applied: false,
      findings: [{ checkId: 'pinned-actions', path: WORKFLOW, line: 8, reason: 'trust me', commentLine: 8 }],
    });
  });

  it('apply when the workflow allows them, and are still listed', async () => {
    const { on, report } = await scanOf(files, {
      pullRequest: { addedLines: new Map([[WORKFLOW, new Set([8])]]), allowSuppressions: true },
    });
    expect(on('setup')?.suppressed).toBe(true);
    expect(report.suppressions?.pullRequest?.applied).toBe(true);
  });

  it('apply when the comment was already there and the pull request changed other lines', async () => {
    const { on, report } = await scanOf(files, {
      pullRequest: { addedLines: new Map([[WORKFLOW, new Set([7])]]), allowSuppressions: false },
    });
    expect(on('setup')?.suppressed).toBe(true);
    expect(report.suppressions?.pullRequest).toBeUndefined();
  });
});
