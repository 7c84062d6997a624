/**
 * security-advisories: the project publishes GitHub security advisories, which tell affected users
 * about a vulnerability and its fix (and, with a CVE, the wider ecosystem).
 */
import { finding, type ApiCheck } from './check.js';
import { observed, unknown } from './outcome.js';

const ID = 'security-advisories';

export const securityAdvisories: ApiCheck = {
  id: ID,
  source: 'api',
  facts: ['advisories'],
  judges: { facts: ['advisories'], unobserved: 'Published security advisories could not be observed.' },
  run: ({ github }) => {
    const list = observed(github.advisories, 'advisories');
    if (list.length === 0) {
      return unknown('No published security advisories: nothing shows how affected users are informed.', {
        reason:
          'the repository has no published security advisories (there may have been nothing to disclose)',
        howToObserve:
          'publish a GitHub security advisory for each fixed vulnerability, or attest how customers are informed (claims 3.4.2, 4.3.2) in .github/sscop.yml',
      });
    }
    const withoutCve = list.filter((a) => !a.cveId);
    return {
      status: 'pass',
      summary: `${list.length} published security advisor${list.length === 1 ? 'y informs' : 'ies inform'} affected users.`,
      findings: withoutCve.slice(0, 10).map((a) =>
        finding(ID, {
          severity: 'info',
          message: `Advisory ${a.ghsaId} ("${a.summary}") has no CVE id, so scanners outside GitHub may not see it.`,
          remediation: `Request a CVE from GitHub on the advisory: ${a.url}`,
        }),
      ),
      evidence: list.slice(0, 10).map((a) => ({
        summary: `${a.ghsaId}${a.cveId ? ` / ${a.cveId}` : ''} (${a.severity ?? 'no severity'}) published ${a.publishedAt?.slice(0, 10) ?? '?'}: ${a.summary}`,
        source: a.url,
      })),
    };
  },
};
