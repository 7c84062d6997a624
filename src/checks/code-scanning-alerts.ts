/**
 * code-scanning-alerts: open code scanning alerts of critical or high security severity are
 * addressed rather than left open. Whether code scanning runs at all is the `sast` check's
 * question; without GitHub code scanning results this check does not apply.
 */
import { daysBetween } from '../github/verdicts.js';
import type { Finding } from '../model/types.js';
import { finding, type ApiCheck } from './check.js';
import { notApplicable, observed } from './outcome.js';
import { ALERT_AGE_LIMIT } from './vulnerability-alerts.js';

const ID = 'code-scanning-alerts';
const MAX_NAMED = 20;

export const codeScanningAlerts: ApiCheck = {
  id: ID,
  source: 'api',
  facts: ['codeScanning'],
  judges: { facts: ['codeScanning'], unobserved: 'Code scanning alerts could not be observed.' },
  run: ({ github, today }) => {
    const { analysed, alerts, truncated } = observed(github.codeScanning, 'codeScanning');
    if (!analysed) {
      return notApplicable('GitHub has no code scanning results for this repository (see the sast check).', [
        { summary: 'no code scanning analysis', source: 'code scanning (GitHub)' },
      ]);
    }
    const findings: Finding[] = [];
    let overdue = 0;
    for (const a of alerts) {
      const age = daysBetween(a.createdAt, today);
      if (age > (ALERT_AGE_LIMIT[a.severity] ?? 90)) overdue++;
      if (findings.length < MAX_NAMED) {
        findings.push(
          finding(ID, {
            severity: a.severity === 'critical' ? 'critical' : 'high',
            message: `Code scanning alert #${a.number} (${a.severity}) open for ${age} day(s): ${a.summary}`,
            ...(a.location ? { path: a.location } : {}),
            remediation: `Fix the code or dismiss the alert with a reason: ${a.url}`,
          }),
        );
      }
    }
    const status = alerts.length === 0 ? 'pass' : overdue ? 'fail' : 'partial';
    const more = truncated ? ' (only the first 100 open alerts were read)' : '';
    return {
      status,
      summary:
        alerts.length === 0
          ? `No critical or high code scanning alert is open${more}.`
          : `${alerts.length} critical or high code scanning alert(s) are open${overdue ? `, ${overdue} overdue` : ''}${more}.`,
      findings,
      evidence: [
        {
          summary: `${alerts.length} open critical or high code scanning alert(s)${more}`,
          source: 'code scanning (GitHub)',
        },
      ],
    };
  },
};
