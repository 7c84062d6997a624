import { describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { workflowSyntax } from '../../src/checks/workflow-syntax.js';
import { scan } from '../../src/scan.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const GOOD = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';

describe('workflow-syntax', () => {
  it('reports a workflow that does not parse once, at the parser position', async () => {
    const outcome = await runCheckOnDir(workflowSyntax, fixture('pinned-actions', 'broken'));
    expect(outcome.status).toBe('fail');
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({ path: '.github/workflows/bad.yml', line: 5, column: 7 });
  });

  it('reports an action metadata file that is not a mapping', () => {
    const outcome = runCheckOnFiles(workflowSyntax, { 'act/action.yml': '- just\n- a list\n' });
    expect(outcome.findings.map((f) => f.path)).toEqual(['act/action.yml']);
  });

  it('passes when every file parses, without raising a claim', () => {
    const outcome = runCheckOnFiles(workflowSyntax, { '.github/workflows/ci.yml': GOOD });
    expect(outcome.status).toBe('pass');
    expect(Object.values(outcome.claims ?? {}).map((c) => c.status)).toEqual([
      'not-applicable',
      'not-applicable',
    ]);
  });

  it('is not applicable without workflows or actions', () => {
    expect(runCheckOnFiles(workflowSyntax, { 'README.md': '# hi' }).status).toBe('not-applicable');
  });

  it('still reports a broken workflow when pinned-actions is disabled', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sscop-syntax-'));
    try {
      await cp(fixture('pinned-actions', 'broken'), dir, { recursive: true });
      await writeFile(
        path.join(dir, '.github', 'sscop.yml'),
        'checks:\n  pinned-actions:\n    enabled: false\n    reason: testing\n',
      );
      const { report } = await scan({ root: dir, repository: 'o/r', commit: '0'.repeat(40) });
      const all = report.checks.flatMap((c) => c.findings);
      expect(all.filter((f) => f.path === '.github/workflows/bad.yml').map((f) => f.checkId)).toEqual([
        'workflow-syntax',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
