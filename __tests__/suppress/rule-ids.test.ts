/**
 * A rule inside a check has an id of its own (`workflow-secrets/secrets-inherit`): a suppression
 * comment, a config `ignore:` entry and `fail-on` can name it, and then apply to that rule only.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../src/scan.js';
import type { Report } from '../../src/report/report.js';

const PIN = 'a'.repeat(40);
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

async function scanWorkflow(
  comment: string | undefined,
  config?: string,
  failOn?: string[],
): Promise<Report> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-rule-ids-'));
  dirs.push(dir);
  await fs.mkdir(path.join(dir, '.github/workflows'), { recursive: true });
  const lines = [
    'on: push',
    'permissions: {}',
    'jobs:',
    '  call:',
    `    uses: acme/shared/.github/workflows/build.yml@${PIN} # v1.2.3`,
    ...(comment ? [`    # ${comment}`] : []),
    '    secrets: inherit',
    '',
  ];
  await fs.writeFile(path.join(dir, '.github/workflows/ci.yml'), lines.join('\n'));
  if (config) await fs.writeFile(path.join(dir, 'sscop.yml'), config);
  const { report } = await scan({
    root: dir,
    today: new Date('2026-12-07T00:00:00Z'),
    threshold: 0,
    ...(config ? { configPath: path.join(dir, 'sscop.yml') } : {}),
    ...(failOn ? { failOn } : {}),
  });
  return report;
}

const inherit = (r: Report) =>
  r.checks.find((c) => c.id === 'workflow-secrets')!.findings.filter((f) => f.rule === 'secrets-inherit');

describe('rule ids in suppressions and fail-on', () => {
  it('finds the rule to begin with', async () => {
    expect(inherit(await scanWorkflow(undefined))).toHaveLength(1);
  });

  it('suppresses the rule a comment names by check/rule, and not another rule of the check', async () => {
    const named = await scanWorkflow(
      'sscop: ignore[workflow-secrets/secrets-inherit] the callee is our own, reviewed',
    );
    expect(inherit(named)[0]).toMatchObject({ suppressed: true });
    const other = await scanWorkflow(
      'sscop: ignore[workflow-secrets/secrets-wholesale] a different rule entirely',
    );
    expect(inherit(other)[0]?.suppressed).toBeUndefined();
    expect(other.notes.join('\n')).not.toMatch(/not a check id/);
  });

  it('suppresses by a config ignore entry naming the rule, and refuses a malformed rule id', async () => {
    const config = [
      'ignore:',
      '  - check: workflow-secrets/secrets-inherit',
      "    path: '.github/workflows/*.yml'",
      '    reason: the callee is our own, reviewed',
      '',
    ].join('\n');
    expect(inherit(await scanWorkflow(undefined, config))[0]).toMatchObject({ suppressed: true });
    await expect(
      scanWorkflow(
        undefined,
        "ignore:\n  - check: workflow-secrets/Not A Rule\n    path: '**'\n    reason: why not\n",
      ),
    ).rejects.toThrow(/check-id\/rule-id/);
  });

  it('fails the gate on a fail-on rule with findings, and not once they are suppressed', async () => {
    const failing = await scanWorkflow(undefined, undefined, ['workflow-secrets/secrets-inherit']);
    expect(failing.gate.reasons).toContain('required rule workflow-secrets/secrets-inherit has 1 finding');
    expect(failing.passed).toBe(false);
    const accepted = await scanWorkflow(
      'sscop: ignore[workflow-secrets/secrets-inherit] the callee is our own, reviewed',
      undefined,
      ['workflow-secrets/secrets-inherit'],
    );
    expect(accepted.gate.reasons.filter((r) => r.startsWith('required rule'))).toEqual([]);
  });
});
