/**
 * secret-scanning: GitHub secret scanning is on, with push protection so a secret is stopped
 * before it enters the history. Read from the repository's security and analysis settings, which
 * GitHub shows only to admins and security managers.
 */
import type { Evidence } from '../model/types.js';
import { finding, type ApiCheck } from './check.js';
import { observed, unknown } from './outcome.js';

const ID = 'secret-scanning';
const SOURCE = 'repository security and analysis settings';

export const secretScanning: ApiCheck = {
  id: ID,
  source: 'api',
  facts: ['securityAndAnalysis'],
  judges: { facts: ['securityAndAnalysis'], unobserved: 'Secret scanning settings could not be observed.' },
  run: ({ github }) => {
    const settings = observed(github.securityAndAnalysis, 'securityAndAnalysis');
    const { secretScanning: scanning, pushProtection } = settings;
    if (scanning === undefined) {
      return unknown('GitHub did not report a secret scanning setting for this repository.', {
        reason:
          'the security and analysis settings have no secret_scanning entry (private repositories need GitHub Secret Protection)',
        howToObserve: 'enable GitHub Secret Protection (Advanced Security) for the repository, then re-scan',
      });
    }
    const evidence: Evidence[] = [
      { summary: `secret scanning: ${scanning}`, source: SOURCE },
      { summary: `push protection: ${pushProtection ?? 'not reported'}`, source: SOURCE },
    ];
    if (scanning === 'disabled') {
      return {
        status: 'fail',
        summary: 'Secret scanning is disabled: leaked credentials in the repository go unnoticed.',
        findings: [
          finding(ID, {
            severity: 'high',
            message: 'Secret scanning is disabled.',
            remediation:
              'Settings → Code security → Secret Protection: enable secret scanning and push protection.',
          }),
        ],
        evidence,
        claims: {
          '1.4.5': { status: 'fail', note: 'no scanning for credentials committed to the repository' },
          '2.1.4': { status: 'fail', note: 'leaked credentials are not detected' },
        },
      };
    }
    if (pushProtection !== 'enabled') {
      return {
        status: 'partial',
        summary:
          'Secret scanning is on, but push protection is off: secrets are found only after they are pushed.',
        findings: [
          finding(ID, {
            severity: 'medium',
            message: 'Secret scanning push protection is not enabled.',
            remediation: 'Settings → Code security → Secret Protection → Push protection: Enable.',
          }),
        ],
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: 'Secret scanning and push protection are enabled.',
      findings: [],
      evidence,
    };
  },
};
