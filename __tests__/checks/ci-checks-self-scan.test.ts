/** The CI checks on this repository itself: no finding a maintainer would dismiss. */
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ciTests } from '../../src/checks/ci-tests.js';
import { dangerousWorkflow } from '../../src/checks/dangerous-workflow.js';
import { fuzzing } from '../../src/checks/fuzzing.js';
import { scriptInjection } from '../../src/checks/script-injection.js';
import { workflowPermissions } from '../../src/checks/workflow-permissions.js';
import { runCheckOnDir } from '../support/run-check.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the CI checks on this repository', () => {
  it.each([workflowPermissions, dangerousWorkflow, scriptInjection])('$id reports nothing', async (check) => {
    const out = await runCheckOnDir(check, root);
    expect(out.findings).toEqual([]);
    expect(['pass', 'not-applicable']).toContain(out.status);
  });

  it('ci-tests sees npm test on pull_request', async () => {
    const out = await runCheckOnDir(ciTests, root);
    expect(out.status).toBe('pass');
  });

  it('fuzzing counts fast-check as property-based testing, and takes no fixture or regex for a fuzz target', async () => {
    const out = await runCheckOnDir(fuzzing, root);
    expect(out.status).toBe('partial');
    expect(out.findings).toEqual([]);
  });
});
