import { describe, expect, it } from '@jest/globals';
import { codeScanningAlerts } from '../../src/checks/code-scanning-alerts.js';
import { githubFacts, runApiCheck } from '../support/fake-github/facts.js';

describe('code-scanning-alerts', () => {
  it('does not apply without an analysis and reports open high alerts with their file', () => {
    expect(
      runApiCheck(
        codeScanningAlerts,
        githubFacts({ codeScanning: { value: { analysed: false, alerts: [], truncated: false } } }),
      ).status,
    ).toBe('not-applicable');
    const out = runApiCheck(
      codeScanningAlerts,
      githubFacts({
        codeScanning: {
          value: {
            analysed: true,
            truncated: false,
            alerts: [
              {
                number: 4,
                severity: 'high',
                createdAt: '2026-01-01T00:00:00Z',
                summary: 'SQL injection',
                url: 'https://github.com/x',
                location: 'src/db.ts',
              },
            ],
          },
        },
      }),
    );
    expect(out.status).toBe('fail');
    expect(out.findings[0]).toMatchObject({ path: 'src/db.ts', severity: 'high' });
  });
});
