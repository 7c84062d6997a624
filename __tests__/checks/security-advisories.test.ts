import { describe, expect, it } from '@jest/globals';
import { securityAdvisories } from '../../src/checks/security-advisories.js';
import { githubFacts, runApiCheck } from '../support/fake-github/facts.js';

describe('security-advisories', () => {
  it('is unknown with no advisories and notes advisories without a CVE', () => {
    expect(runApiCheck(securityAdvisories, githubFacts({ advisories: { value: [] } })).status).toBe(
      'unknown',
    );
    const out = runApiCheck(
      securityAdvisories,
      githubFacts({
        advisories: {
          value: [
            { ghsaId: 'GHSA-1', cveId: null, summary: 'x', severity: 'low', publishedAt: null, url: 'u' },
          ],
        },
      }),
    );
    expect(out.status).toBe('pass');
    expect(out.findings[0]?.severity).toBe('info');
  });
});
