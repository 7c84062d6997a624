/**
 * `sscop scan --baseline FILE`: findings whose fingerprint is in the earlier report are existing,
 * the rest new, also after lines above them moved; the gate fails on new findings only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/report/report.js';
import { runCliCaptured } from '../support/run-cli.js';
import { validateReport } from '../support/schemas.js';

const WORKFLOW = '.github/workflows/ci.yml';
let dir: string;

function workflow(options: { padding?: number; extra?: boolean } = {}): string {
  return [
    'on: push',
    ...Array.from({ length: options.padding ?? 0 }, (_, i) => `# a comment added later ${i}`),
    'permissions: {}',
    'jobs:',
    '  t:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: acme/setup@v1',
    ...(options.extra ? ['      - uses: acme/deploy@v2'] : []),
    '',
  ].join('\n');
}

async function scanJson(args: string[] = []): Promise<{ code: number; report: Report; stderr: string }> {
  const { code, stdout, stderr } = await runCliCaptured(['scan', dir, '--format', 'json', ...args]);
  const report = JSON.parse(stdout) as Report;
  expect(validateReport(report)).toEqual([]);
  return { code, report, stderr };
}

const findingsOf = (report: Report) => report.checks.find((c) => c.id === 'pinned-actions')!.findings;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-baseline-gate-'));
  await fs.mkdir(path.join(dir, '.github/workflows'), { recursive: true });
  await fs.writeFile(path.join(dir, WORKFLOW), workflow());
  const { report } = await scanJson();
  expect(report.passed).toBe(false); // the whole repository is judged without a baseline
  await fs.writeFile(path.join(dir, 'baseline.json'), JSON.stringify(report));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('scan --baseline', () => {
  it('passes when every finding is in the baseline, though the score is below the threshold', async () => {
    const { code, report } = await scanJson(['--baseline', path.join(dir, 'baseline.json')]);
    expect(findingsOf(report).some((f) => f.new)).toBe(false);
    expect(report.gate.reasons).toEqual([]);
    expect(code).toBe(0);
  });

  it('marks a finding added since new and fails on it, and keeps an old one existing after lines above it moved', async () => {
    await fs.writeFile(path.join(dir, WORKFLOW), workflow({ padding: 4, extra: true }));
    const { code, report } = await scanJson(['--baseline', path.join(dir, 'baseline.json')]);
    const setup = findingsOf(report).find((f) => f.message.startsWith('acme/setup@v1'))!;
    const deploy = findingsOf(report).find((f) => f.message.startsWith('acme/deploy@v2'))!;
    expect(setup.line).toBe(11); // 7 before the comments were added above it
    expect(setup.new).toBeUndefined();
    expect(deploy.new).toBe(true);
    expect(report.gate.reasons).toEqual([
      'the change since the baseline adds 1 finding of medium severity or above',
    ]);
    expect(code).toBe(1);
  });

  it('does not count a new finding that is suppressed', async () => {
    await fs.writeFile(
      path.join(dir, WORKFLOW),
      workflow({ padding: 4, extra: true }).replace(
        'acme/deploy@v2',
        'acme/deploy@v2 # sscop: ignore[pinned-actions] deploy action is ours, tag protected',
      ),
    );
    const { code, report } = await scanJson(['--baseline', path.join(dir, 'baseline.json')]);
    expect(findingsOf(report).find((f) => f.new)?.suppressed).toBe(true);
    expect(code).toBe(0);
  });
});
