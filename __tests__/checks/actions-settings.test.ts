import { describe, expect, it } from '@jest/globals';
import { actionsSettings } from '../../src/checks/actions-settings.js';
import { githubFacts, runApiCheck } from '../support/fake-github/facts.js';

describe('actions-settings', () => {
  it('fails a writable default token that can approve pull requests and runs any unpinned action', () => {
    const out = runApiCheck(
      actionsSettings,
      githubFacts({
        workflowPermissions: {
          value: { defaultWorkflowPermissions: 'write', canApprovePullRequestReviews: true },
        },
        actionsPermissions: { value: { enabled: true, allowedActions: 'all', shaPinningRequired: false } },
      }),
    );
    expect(out.status).toBe('fail');
    expect(out.findings.map((f) => f.severity)).toEqual(['high', 'medium', 'medium', 'low']);
  });

  it('is partial with a read-only token but no SHA pinning, and does not apply when Actions is off', () => {
    const partial = runApiCheck(
      actionsSettings,
      githubFacts({
        actionsPermissions: {
          value: { enabled: true, allowedActions: 'selected', shaPinningRequired: false },
        },
      }),
    );
    expect(partial.status).toBe('partial');
    expect(partial.claims?.['1.2.2']?.status).toBe('partial');
    expect(
      runApiCheck(actionsSettings, githubFacts({ actionsPermissions: { value: { enabled: false } } })).status,
    ).toBe('not-applicable');
  });
});
