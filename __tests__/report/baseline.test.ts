/**
 * Comparing with a baseline report: what improved and what regressed, per claim and principle, and
 * a bad baseline file as a one-line usage error (exit 2).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClaimStatus } from '../../src/model/types.js';
import { changeDirection, compareWithBaseline, parseBaseline } from '../../src/report/baseline.js';
import type { Report } from '../../src/report/report.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fixture } from '../support/run-check.js';

const cli = (args: string[]) => runCliCaptured(args);

let dir: string;
let current: Report;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-baseline-'));
  await fs.cp(fixture('evidence-pack', 'vendor'), dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-C', dir, ...args]);
  git('init', '-q');
  git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  const { stdout, code } = await cli(['scan', dir, '--format', 'json']);
  expect(code).toBe(0);
  current = JSON.parse(stdout) as Report;
});

/** The current report as it might have looked earlier: the given claims (and principles) had other statuses. */
function earlier(
  report: Report,
  claims: Record<string, ClaimStatus>,
  principles: Record<string, ClaimStatus> = {},
  score = report.score - 10,
): Report {
  const copy = structuredClone(report);
  copy.score = score;
  copy.coverage.observed -= 2;
  copy.commit = 'a'.repeat(40);
  for (const p of copy.principles) {
    if (principles[p.id]) p.status = principles[p.id]!;
    for (const c of p.claims) if (claims[c.id]) c.status = claims[c.id]!;
  }
  return copy;
}

function status(report: Report, id: string): ClaimStatus {
  return report.principles.flatMap((p) => p.claims).find((c) => c.id === id)!.status;
}

describe('changeDirection', () => {
  it.each([
    ['not-met', 'met', 'improved'],
    ['partially-met', 'met', 'improved'],
    ['attested', 'met', 'improved'],
    ['not-met', 'partially-met', 'improved'],
    ['met', 'partially-met', 'regressed'],
    ['met', 'attested', 'regressed'],
    ['partially-met', 'not-met', 'regressed'],
    ['unknown', 'met', 'changed'],
    ['met', 'unknown', 'changed'],
    ['not-met', 'not-applicable', 'changed'],
    [null, 'met', 'changed'],
    ['met', 'met', 'unchanged'],
  ] as const)('%s → %s is %s', (before, after, direction) => {
    expect(changeDirection(before, after)).toBe(direction);
  });
});

describe('compareWithBaseline', () => {
  it('lists the claims that improved and regressed, and the principles', () => {
    expect(status(current, '3.2.2')).toBe('met');
    expect(status(current, '1.1.1')).toBe('attested');
    expect(status(current, '1.1.6')).toBe('unknown');
    const baseline = parseBaseline(
      JSON.stringify(
        earlier(current, { '3.2.2': 'not-met', '1.1.1': 'met', '1.1.6': 'met' }, { '3.2': 'not-met' }),
      ),
      'baseline.json',
    );
    const comparison = compareWithBaseline(current, baseline);
    const ids = (direction: string) =>
      comparison.claims.filter((c) => c.direction === direction).map((c) => c.id);
    expect(ids('improved')).toEqual(['3.2.2']);
    expect(ids('regressed')).toEqual(['1.1.1']);
    expect(ids('changed')).toEqual(['1.1.6']);
    expect(comparison.claims).toHaveLength(45);
    expect(comparison.principles.filter((p) => p.direction === 'improved').map((p) => p.id)).toEqual(['3.2']);
    expect(comparison.score).toEqual({ before: current.score - 10, after: current.score, delta: 10 });
    expect(comparison.coverage.after.observed - comparison.coverage.before.observed).toBe(2);
    expect(comparison.notes).toEqual([]);
  });

  it('notes a baseline of another repository and claims the baseline lacks', () => {
    const other = earlier(current, {});
    other.repository = 'someone/else';
    other.principles[0]!.claims = other.principles[0]!.claims.filter((c) => c.id !== '1.1.6');
    const comparison = compareWithBaseline(current, parseBaseline(JSON.stringify(other), 'b.json'));
    expect(comparison.notes).toEqual([
      'the baseline is a report on someone/else, not on acme/widget',
      'claims not in the baseline: 1.1.6',
    ]);
    expect(comparison.claims.find((c) => c.id === '1.1.6')).toMatchObject({
      before: null,
      direction: 'changed',
    });
  });
});

describe('sscop assess --baseline', () => {
  it('shows score and coverage change, and the improved and regressed claims and principles', async () => {
    const file = path.join(dir, '..', `${path.basename(dir)}-baseline.json`);
    await fs.writeFile(
      file,
      JSON.stringify(earlier(current, { '3.2.2': 'not-met', '1.1.1': 'met' }, { '3.2': 'partially-met' })),
    );
    const { code, stdout } = await cli(['assess', dir, '--baseline', file]);
    expect(code).toBe(0);
    const section = stdout.slice(
      stdout.indexOf('## Changes since the baseline'),
      stdout.indexOf('## Theme 1'),
    );
    expect(section).toContain(`| Score | ${current.score - 10} | ${current.score} | +10 |`);
    expect(section).toMatch(/\| Claims observed \| \d+\/\d+ \| \d+\/\d+ \| \+2 \|/);
    const improved = section.slice(section.indexOf('### Improved'), section.indexOf('### Regressed'));
    expect(improved).toMatch(/^### Improved: 1 principle, 1 claim$/m);
    expect(improved).toContain(
      '- Principle 3.2 Implement and publish an effective vulnerability disclosure process.: partially met → met ⬆️',
    );
    expect(improved).toContain(
      '- Claim 3.2.2 The process describes how to confidentially report vulnerabilities.: not met → met ⬆️',
    );
    const regressed = section.slice(section.indexOf('### Regressed'), section.indexOf('### Other changes'));
    expect(regressed).toMatch(/^### Regressed: 1 claim$/m);
    expect(regressed).toContain(
      '- Claim 1.1.1 The development framework used is documented.: met → attested ⬇️',
    );
    // And at the claim itself.
    expect(stdout).toMatch(
      /#### 1\.1\.1 .*\n\n\*\*Status:\*\* 🔵 attested · since the baseline: met → attested ⬇️/,
    );
  });

  it('puts the comparison in the HTML pack too', async () => {
    const file = path.join(dir, '..', `${path.basename(dir)}-baseline-html.json`);
    await fs.writeFile(file, JSON.stringify(earlier(current, { '3.2.2': 'not-met' })));
    const { code, stdout } = await cli(['assess', dir, '--format', 'html', '--baseline', file]);
    expect(code).toBe(0);
    expect(stdout).toContain('<h3 id="baseline-improved">Improved: 1 claim</h3>');
    expect(stdout).toContain('Claim <a href="#claim-3.2.2">3.2.2</a>');
  });

  it('accepts a real JSON report from sscop scan as the baseline', async () => {
    const file = path.join(dir, '..', `${path.basename(dir)}-same.json`);
    await fs.writeFile(file, JSON.stringify(current));
    const { code, stdout } = await cli(['assess', dir, '--baseline', file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^### Improved: 0 claims\n\nNone\.$/m);
    expect(stdout).toMatch(/^### Regressed: 0 claims\n\nNone\.$/m);
  });

  it.each([
    ['truncated.json', /truncated\.json: the baseline is not valid JSON \(/],
    ['sarif.json', /sarif\.json: not an sscop JSON report \(sscop scan --format json\): schemaVersion: /],
    [
      'wrong-status.json',
      /wrong-status\.json: not an sscop JSON report \(sscop scan --format json\): principles\[0\]\.claims\[0\]\.status: /,
    ],
    ['missing.json', /missing\.json: cannot read the baseline \(ENOENT\)/],
  ])('exits 2 with a one-line reason for the malformed baseline %s', async (name, reason) => {
    const { code, stdout, stderr } = await cli([
      'assess',
      dir,
      '--baseline',
      fixture('evidence-pack', 'baselines', name),
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a baseline that lists a claim twice, and for a missing baseline on scan', async () => {
    const twice = structuredClone(current);
    twice.principles[1]!.claims.push(twice.principles[0]!.claims[0]!);
    expect(() => parseBaseline(JSON.stringify(twice), 'twice.json')).toThrow(
      'twice.json: claim 1.1.1 appears twice in the baseline',
    );
    const { code, stderr } = await cli(['scan', dir, '--baseline', 'x.json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^sscop: x\.json: cannot read the baseline \(ENOENT\)\n$/);
  });

  it('exits 2 for an evidence pack format it does not write', async () => {
    const { code, stderr } = await cli(['assess', dir, '--format', 'pdf']);
    expect(code).toBe(2);
    expect(stderr).toBe('sscop: --format must be one of markdown, html for assess, got "pdf"\n');
  });
});
