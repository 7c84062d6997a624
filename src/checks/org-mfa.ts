/**
 * org-mfa: the organization that owns the repository requires two-factor authentication of every
 * member and collaborator. GitHub shows the setting only to organization owners.
 */
import { isKnown } from '../github/fact.js';
import { finding, type ApiCheck } from './check.js';
import { observed, unknown } from './outcome.js';

const ID = 'org-mfa';

export const orgMfa: ApiCheck = {
  id: ID,
  source: 'api',
  facts: ['organization', 'repo'],
  judges: {
    facts: ['organization'],
    unobserved: 'Whether the organization requires two-factor authentication could not be observed.',
  },
  run: ({ github }) => {
    const org = observed(github.organization, 'organization');
    if (org === null) {
      const owner = isKnown(github.repo) ? github.repo.value.owner : github.repository.split('/')[0];
      return unknown(
        `${owner} is a user account: GitHub does not show whether a user has two-factor authentication.`,
        {
          reason: 'the repository is owned by a user account, not an organization',
          howToObserve:
            'move the repository to an organization that requires 2FA, or attest MFA for claims 2.1.5 and 1.4.2 in .github/sscop.yml',
        },
      );
    }
    const source = `organization ${org.login} settings`;
    if (org.twoFactorRequirementEnabled) {
      return {
        status: 'pass',
        summary: `${org.login} requires two-factor authentication of everyone with access.`,
        findings: [],
        evidence: [{ summary: 'two-factor authentication required', source }],
      };
    }
    return {
      status: 'fail',
      summary: `${org.login} does not require two-factor authentication.`,
      findings: [
        finding(ID, {
          severity: 'high',
          message: `Organization ${org.login} does not require two-factor authentication.`,
          remediation: 'Organization settings → Authentication security → Require two-factor authentication.',
        }),
      ],
      evidence: [{ summary: 'two-factor authentication not required', source }],
    };
  },
};
