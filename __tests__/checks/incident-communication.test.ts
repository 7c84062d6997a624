import { describe, expect, it } from '@jest/globals';
import { incidentCommunication } from '../../src/checks/incident-communication.js';
import type { CheckOutcome } from '../../src/model/types.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (c: string): Promise<CheckOutcome> =>
  runCheckOnDir(incidentCommunication, fixture('incident-communication', c));
const claimStatuses = (outcome: CheckOutcome): Record<string, string> =>
  Object.fromEntries(Object.entries(outcome.claims ?? {}).map(([id, v]) => [id, v.status]));

describe('incident-communication', () => {
  it('passes a policy with a described incident response and named channels', async () => {
    const outcome = await run('detailed');
    expect(outcome.status).toBe('pass');
    expect(claimStatuses(outcome)).toEqual({ '4.3.1': 'pass', '4.3.2': 'pass', '3.4.2': 'pass' });
    expect(outcome.evidence).toContainEqual({
      summary: 'incident plan section "Incident response"',
      path: 'SECURITY.md',
      line: 5,
      quote: 'Incident response',
    });
    expect(outcome.claims?.['4.3.2']?.note).toMatch(/security advisories \(SECURITY\.md:14\)/);
    expect(outcome.findings).toEqual([]);
  });

  it('credits published advisories for 3.4.2 and 4.3.2 but not as an incident plan', async () => {
    const outcome = await run('advisories-only');
    expect(outcome.status).toBe('partial');
    expect(claimStatuses(outcome)).toEqual({ '4.3.1': 'fail', '4.3.2': 'pass', '3.4.2': 'pass' });
    expect(outcome.findings.map((f) => f.message)).toEqual([
      'No incident response plan is published for customers.',
    ]);
  });

  it('rates a promise to inform customers without a channel as partial', async () => {
    const outcome = await run('promise-only');
    expect(claimStatuses(outcome)).toMatchObject({ '4.3.2': 'partial', '3.4.2': 'partial' });
    const finding = outcome.findings.find((f) => f.message.includes('which channel'));
    expect(finding).toMatchObject({ path: 'SUPPORT.md', line: 3 });
  });

  it('takes a Security section in the changelog as partial evidence of release notes marked as security', async () => {
    const outcome = await run('changelog-security');
    expect(claimStatuses(outcome)).toEqual({ '4.3.1': 'fail', '4.3.2': 'partial', '3.4.2': 'partial' });
    expect(outcome.evidence).toContainEqual({
      summary: 'release notes have a Security section',
      path: 'CHANGELOG.md',
      line: 5,
      quote: 'Security',
    });
  });

  it('reads an incident response plan kept as its own page, with a status page and direct email', async () => {
    const outcome = await run('status-page-doc');
    expect(outcome.status).toBe('pass');
    expect(claimStatuses(outcome)).toEqual({ '4.3.1': 'pass', '4.3.2': 'pass', '3.4.2': 'pass' });
    expect(outcome.claims?.['4.3.2']?.note).toMatch(/a status page \(docs\/incident-response\.md:7\)/);
    expect(outcome.evidence).toContainEqual(
      expect.objectContaining({ summary: 'says when customers are told' }),
    );
  });

  it.each(['within two weeks', 'within one business day', 'within three (3) business days'])(
    'reads "%s" as when customers are told',
    (when) => {
      const outcome = runCheckOnFiles(incidentCommunication, {
        'SECURITY.md': `# Security\n\nWe publish a GitHub security advisory for every confirmed vulnerability.\n\nAffected customers are informed by email ${when} of a confirmed incident.\n`,
      });
      expect(outcome.evidence).toContainEqual(
        expect.objectContaining({ summary: 'says when customers are told', line: 5 }),
      );
    },
  );

  it('is unknown, not failed or passed, for a plan written in another language', async () => {
    const outcome = await run('non-english');
    expect(outcome.status).toBe('unknown');
    expect(claimStatuses(outcome)).toEqual({ '4.3.1': 'unknown', '4.3.2': 'unknown', '3.4.2': 'unknown' });
    expect(outcome.unknown?.reason).toMatch(/not in English/);
  });

  it('fails when nothing is published', async () => {
    const outcome = await run('none');
    expect(outcome.status).toBe('fail');
    expect(claimStatuses(outcome)).toEqual({ '4.3.1': 'fail', '4.3.2': 'fail', '3.4.2': 'fail' });
  });

  it('does not take an instruction to reporters ("do not disclose publicly") as a promise to users', () => {
    const outcome = runCheckOnFiles(incidentCommunication, {
      'SECURITY.md': '# Security\n\nPlease do not disclose the issue publicly until a fix is released.\n',
    });
    expect(outcome.claims?.['3.4.2']?.status).toBe('fail');
  });

  it('rates a heading that names an incident plan with no content as partial', () => {
    const outcome = runCheckOnFiles(incidentCommunication, {
      'SECURITY.md': '# Security\n\n## Incident response\n\nTBD.\n',
    });
    expect(outcome.claims?.['4.3.1']?.status).toBe('partial');
  });
  describe("reads notification promises only from sections about the project's own security notices", () => {
    const fromPage = (outcome: CheckOutcome, path: string) =>
      [...outcome.findings, ...outcome.evidence].filter((x) => x.path === path);

    it('ignores an API page about a notifications endpoint', async () => {
      const outcome = await run('api-notifications');
      expect(fromPage(outcome, 'docs/querying/api.md')).toEqual([]);
      expect(outcome.claims?.['4.3.2']?.status).toBe('fail');
      expect(outcome.findings.some((f) => f.message.includes('which channel'))).toBe(false);
    });

    it('ignores a page about storing advisory data, and "user-friendly" is not a promise to users', async () => {
      const outcome = await run('advisories-data-page');
      expect(fromPage(outcome, 'docs/contribute/data-sources.md')).toEqual([]);
      expect(outcome.findings.some((f) => f.message.includes('which channel'))).toBe(false);
    });

    it('still reads a promise without a channel from a "Security announcements" section of the docs', async () => {
      const outcome = await run('docs-security-section');
      expect(outcome.claims?.['4.3.2']?.status).toBe('partial');
      const finding = outcome.findings.find((f) => f.message.includes('which channel'));
      expect(finding).toMatchObject({ path: 'docs/faq.md', line: 5, severity: 'medium' });
    });
  });
});
