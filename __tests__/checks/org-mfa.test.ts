import { describe, expect, it } from '@jest/globals';
import { orgMfa } from '../../src/checks/org-mfa.js';
import { githubFacts, runApiCheck } from '../support/fake-github/facts.js';

describe('org-mfa', () => {
  it('fails without a 2FA requirement, and is unknown for a user-owned repository', () => {
    expect(
      runApiCheck(
        orgMfa,
        githubFacts({ organization: { value: { login: 'acme', twoFactorRequirementEnabled: false } } }),
      ).status,
    ).toBe('fail');
    expect(runApiCheck(orgMfa, githubFacts({ organization: { value: null } })).unknown?.reason).toMatch(
      /user account/,
    );
  });
});
