import { describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCliCaptured } from '../support/run-cli.js';
import { fixture } from '../support/run-check.js';
import { validateReport, validateSarif } from '../support/schemas.js';

const cli = (args: string[], cwd = process.cwd()) => runCliCaptured(args, { cwd });

const good = fixture('repo', 'good');

describe('sscop scan', () => {
  it('prints the 4 themes and 14 principles, score, coverage and findings as text', async () => {
    const { stdout, code } = await cli(['scan', fixture('repo', 'plain')]);
    expect(code).toBe(1);
    for (const theme of ['Theme 1', 'Theme 2', 'Theme 3', 'Theme 4']) expect(stdout).toContain(theme);
    expect(stdout.match(/^ {2}\d\.\d /gm)).toHaveLength(14);
    expect(stdout).toMatch(/Score \d+\/100 \(threshold 60\)/);
    expect(stdout).toMatch(/Coverage \d+\/\d+ claims observed/);
    expect(stdout).toMatch(/Top findings/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('writes a JSON report that validates against the committed schema, with 14 principles and 45 claims', async () => {
    const { stdout, code } = await cli(['scan', good, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(validateReport(report)).toEqual([]);
    expect(report.principles).toHaveLength(14);
    expect(report.principles.flatMap((p: { claims: unknown[] }) => p.claims)).toHaveLength(45);
    expect(report.checks.map((c: { id: string }) => c.id)).toContain('security-policy');
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema', async () => {
    const { stdout } = await cli(['scan', fixture('repo', 'plain'), '--format', 'sarif']);
    expect(validateSarif(JSON.parse(stdout))).toEqual([]);
  });

  it('writes the report to --output and exits 0 when the gate passes', async () => {
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-cli-')), 'r.md');
    const { code, stdout, stderr } = await cli(['scan', good, '--format', 'markdown', '--output', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/report written to/);
    expect(await fs.readFile(out, 'utf8')).toMatch(/^## ✅ sscop/);
  });

  it('exits 1 below the threshold', async () => {
    expect((await cli(['scan', fixture('repo', 'plain'), '--threshold', '100'])).code).toBe(1);
  });

  it('exits 1 when a --fail-on principle is not met', async () => {
    const { code, stdout } = await cli([
      'scan',
      fixture('repo', 'plain'),
      '--threshold',
      '0',
      '--fail-on',
      '3.3',
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/required principle 3\.3 is not-met/);
  });

  it.each([
    [['scan', '--format', 'pdf'], /--format must be one of text, json, markdown, sarif/],
    [['scan', '--threshold', 'abc'], /--threshold must be a number from 0 to 100/],
    [['scan', '--bogus'], /unknown option --bogus/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['scan', '/definitely/not/here'], /is not a directory/],
    [['scan', '--fail-on', '9.9'], /"9\.9" is neither a principle id/],
  ])('exits 2 with a one-line reason for %j', async (args, reason) => {
    const { code, stderr } = await cli(args as string[], good);
    expect(code).toBe(2);
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming file and line for a malformed config', async () => {
    const { code, stderr } = await cli(['scan', fixture('repo', 'bad-config')]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'sscop: .github/sscop.yml:3:3: checks.codeowners.reason: required: say why the check is overridden\n',
    );
  });

  it('exits 2 when an explicit --config file does not exist', async () => {
    const { code, stderr } = await cli(['scan', good, '--config', 'nope.yml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope\.yml: cannot read the config \(ENOENT\)/);
  });

  it('prints the version and help', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect((await cli(['--help'])).stdout).toMatch(/Usage:/);
  });

  it('lists every check with its principles and claims', async () => {
    const { stdout, code } = await cli(['checks']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^security-policy\tfiles\thigh\t\d+\t3\.2,3\.4\t3\.2\.1,3\.2\.2,3\.4\.2\t/m);
  });
});
