/**
 * When the action itself fails (our bug, or a runner environment it cannot write to), the step
 * fails with one error command, never a stack trace that could quote repository text.
 */
import { expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspace } from '../support/action-e2e.js';
import { runAction, webhookExample } from '../support/run-action.js';

it('an unwritable job summary fails the step with one error command and no stack trace', async () => {
  const ws = await workspace({ 'README.md': '# x\n', 'a::error::forged.yml': 'x: 1\n' });
  const summaryDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-summary-'));
  const payload = await webhookExample('push', () => true);
  const run = await runAction({
    workspace: ws,
    eventName: 'push',
    payload,
    repository: 'acme/widgets',
    sha: String(payload.after),
    inputs: { token: '', threshold: '0', 'check-run': 'false' },
    // A directory where the summary file should be: writing it throws inside the action.
    env: { GITHUB_STEP_SUMMARY: summaryDir },
  });
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/^::error::sscop internal error: /m);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
