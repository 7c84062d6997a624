/**
 * Every surface says the same thing about a finding: the check run and the workflow commands carry
 * the same title and message, and a finding without its own remediation shows its check's fix
 * wherever fixes are shown.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import { checkRunAnnotations, workflowCommandAnnotations } from '../../src/report/annotations.js';
import type { Report } from '../../src/report/report.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { scan } from '../../src/scan.js';
import { makeTree } from '../hostile/support/trees.js';

let root: string;
let report: Report;

beforeAll(async () => {
  root = await makeTree({
    // Line 2 names no valid owner: a codeowners finding with no remediation of its own.
    '.github/CODEOWNERS': '* @acme/maintainers\n/a/ nobody\n',
    '.github/workflows/ci.yml':
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo "${{ github.event.issue.title }}"\n',
  });
  const scanned = (await scan({ root })).report;
  // As on a pull request: the codeowners finding is on an added line.
  report = {
    ...scanned,
    checks: scanned.checks.map((c) => ({
      ...c,
      findings: c.findings.map((f) => (f.checkId === 'codeowners' ? { ...f, new: true } : f)),
    })),
  };
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const codeownersFix = () => report.checks.find((c) => c.id === 'codeowners')!.remediation;

describe('check-run and workflow-command annotations', () => {
  it('carry the same title and message for the same finding', () => {
    const byPlace = (a: { title: string; message: string }, place: string) => ({ place, ...a });
    const checkRun = checkRunAnnotations(report).annotations.map((a) =>
      byPlace({ title: a.title, message: a.message }, `${a.path}:${a.start_line}`),
    );
    const commands = workflowCommandAnnotations(report).map((a) =>
      byPlace({ title: a.title, message: a.message }, `${a.file}:${a.line ?? 1}`),
    );
    expect(checkRun.length).toBeGreaterThanOrEqual(3);
    expect(commands).toEqual(checkRun);
  });

  it('title a new finding "New: sscop <check> (<severity>)" on both', () => {
    const title = 'New: sscop codeowners (low)';
    expect(checkRunAnnotations(report).annotations.find((a) => a.path === '.github/CODEOWNERS')?.title).toBe(
      title,
    );
    expect(workflowCommandAnnotations(report).find((a) => a.file === '.github/CODEOWNERS')?.title).toBe(
      title,
    );
  });
});

describe("a finding without its own remediation shows its check's fix", () => {
  const surfaces: Array<[string, () => string]> = [
    [
      'check-run annotation',
      () => checkRunAnnotations(report).annotations.find((a) => a.path === '.github/CODEOWNERS')!.message,
    ],
    [
      'workflow-command annotation',
      () => workflowCommandAnnotations(report).find((a) => a.file === '.github/CODEOWNERS')!.message,
    ],
    [
      'SARIF result',
      () =>
        (renderSarif(report).runs[0]!.results as Array<{ ruleId: string; message: { text: string } }>).find(
          (r) => r.ruleId === 'codeowners',
        )!.message.text,
    ],
    ['text report', () => renderText(report, { color: false, maxFindings: 100 })],
  ];

  it.each(surfaces)('%s', (_, render) => {
    expect(report.checks.find((c) => c.id === 'codeowners')!.findings[0]!.remediation).toBeUndefined();
    expect(render()).toContain(codeownersFix().slice(0, 60));
  });
});
