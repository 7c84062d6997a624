/**
 * org-mfa: the organization that owns the repository requires two-factor authentication of every
 * member and collaborator. GitHub shows the setting only to organization owners.
 */
import { isKnown } from '../github/fact.js';
import { unknownOutcome } from '../github/verdicts.js';
import { finding, offlineOutcome, type ApiCheck } from './check.js';

const ID = 'org-mfa';

export const orgMfa: ApiCheck = {
  id: ID,
  source: 'api',
  run: ({ github }) => {
    if (!github) return offlineOutcome();
    const fact = github.organization;
    if (!isKnown(fact))
      return unknownOutcome(
        'Whether the organization requires two-factor authentication could not be observed.',
        fact.unknown,
      );
    if (fact.value === null) {
      const owner = isKnown(github.repo) ? github.repo.value.owner : github.repository.split('/')[0];
      return unknownOutcome(
        `${owner} is a user account: GitHub does not show whether a user has two-factor authentication.`,
        {
          reason: 'the repository is owned by a user account, not an organization',
          howToObserve:
            'move the repository to an organization that requires 2FA, or attest MFA for claims 2.1.5 and 1.4.2 in .github/sscop.yml',
        },
      );
    }
    const source = `organization ${fact.value.login} settings`;
    if (fact.value.twoFactorRequirementEnabled) {
      return {
        status: 'pass',
        summary: `${fact.value.login} requires two-factor authentication of everyone with access.`,
        findings: [],
        evidence: [{ summary: 'two-factor authentication required', source }],
      };
    }
    return {
      status: 'fail',
      summary: `${fact.value.login} does not require two-factor authentication.`,
      findings: [
        finding(ID, {
          severity: 'high',
          message: `Organization ${fact.value.login} does not require two-factor authentication.`,
          remediation: 'Organization settings → Authentication security → Require two-factor authentication.',
        }),
      ],
      evidence: [{ summary: 'two-factor authentication not required', source }],
    };
  },
};
