import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fixture } from '../support/run-check.js';
import { DIST, node24 } from '../support/node24.js';
import { validateReport } from '../support/schemas.js';

const run = (args: string[]) =>
  spawnSync(node24(), [path.join(DIST, 'cli.js'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });

describe('dist/cli.js on Node 24', () => {
  it('runs on the action runtime', () => {
    const version = spawnSync(node24(), ['--version'], { encoding: 'utf8' }).stdout;
    expect(version).toMatch(/^v24\./);
    const result = run(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('scans a fixture and prints a schema-valid JSON report', () => {
    const result = run(['scan', fixture('repo', 'good'), '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(validateReport(JSON.parse(result.stdout))).toEqual([]);
  });

  it.each([
    ['the shell parser, when a script needs it', 'unverified-downloads', 'workflow', 'unverified-downloads'],
    ['the Dockerfile parser, when there are Dockerfiles', 'pinned-images', 'multi-stage', 'pinned-images'],
  ])('loads %s (lazily, from the bundle)', (_label, group, tree, checkId) => {
    const result = run(['scan', fixture(group, tree), '--format', 'json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; findings: unknown[] }> };
    const check = report.checks.find((c) => c.id === checkId);
    expect(check?.findings.length).toBeGreaterThan(0);
  });

  it('exits 2 with a one-line reason on a usage error', () => {
    const result = run(['scan', '--threshold', '150']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('sscop: --threshold must be a number from 0 to 100, got "150"\n');
  });
});
