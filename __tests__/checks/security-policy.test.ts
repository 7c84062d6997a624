import { describe, expect, it } from '@jest/globals';
import { securityPolicy } from '../../src/checks/security-policy.js';
import type { CheckOutcome } from '../../src/model/types.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (c: string): Promise<CheckOutcome> =>
  runCheckOnDir(securityPolicy, fixture('security-policy', c));
const claimStatuses = (outcome: CheckOutcome): Record<string, string> =>
  Object.fromEntries(Object.entries(outcome.claims ?? {}).map(([id, v]) => [id, v.status]));

describe('security-policy', () => {
  it('passes a detailed policy: private channels, a process with timelines, credit and user notification', async () => {
    const outcome = await run('detailed');
    expect(outcome.status).toBe('pass');
    expect(claimStatuses(outcome)).toEqual({ '3.2.1': 'pass', '3.2.2': 'pass', '3.4.2': 'pass' });
    expect(outcome.findings).toEqual([]);
    const summaries = outcome.evidence.map((e) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'says what happens after a report',
        'states a response timeline',
        'says how reporters are credited',
      ]),
    );
    expect(outcome.evidence.find((e) => e.summary === 'states a response timeline')).toMatchObject({
      path: 'SECURITY.md',
      line: 25,
      quote: 'We acknowledge your report within 2 working days.',
    });
    expect(outcome.claims?.['3.4.2']?.note).toMatch(/security advisories/);
  });

  it('finds the private vulnerability reporting link and quotes where it is', async () => {
    const outcome = await run('detailed');
    expect(outcome.evidence.find((e) => e.summary.startsWith('private channel'))).toMatchObject({
      path: 'SECURITY.md',
      line: 18,
      quote: 'https://github.com/harbourline/harbourline/security/advisories/new',
    });
  });

  it('rates a two-line policy with only an email address as partial', async () => {
    const outcome = await run('two-line');
    expect(outcome.status).toBe('partial');
    expect(claimStatuses(outcome)).toEqual({ '3.2.1': 'partial', '3.2.2': 'pass', '3.4.2': 'fail' });
    const messages = outcome.findings.map((f) => f.message).join('\n');
    expect(messages).toMatch(/what happens after a report/);
    expect(messages).toMatch(/how quickly/);
    expect(messages).toMatch(/how reporters are credited/);
    expect(messages).toMatch(/affected users/);
  });

  it('flags a policy that only says "open an issue", at the line that says it', async () => {
    const outcome = await run('open-an-issue');
    expect(outcome.status).toBe('partial');
    expect(claimStatuses(outcome)).toMatchObject({ '3.2.2': 'fail', '3.4.2': 'fail' });
    expect(outcome.claims?.['3.2.2']?.note).toBe('only a public issue tracker is offered');
    const publicIssue = outcome.findings.find((f) => f.severity === 'high');
    expect(publicIssue).toMatchObject({ path: 'SECURITY.md', line: 3 });
    expect(publicIssue?.message).toMatch(/public issue tracker/);
  });

  it('reads the process from a document in the repository the policy links to', async () => {
    const outcome = await run('linked-process');
    expect(outcome.status).toBe('pass');
    expect(claimStatuses(outcome)).toEqual({ '3.2.1': 'pass', '3.2.2': 'pass', '3.4.2': 'pass' });
    expect(outcome.evidence).toEqual(
      expect.arrayContaining([
        { summary: 'linked from the security policy', path: 'docs/security/process.md', line: 1 },
        expect.objectContaining({
          summary: 'states a response timeline',
          path: 'docs/security/process.md',
          line: 5,
        }),
      ]),
    );
    expect(outcome.claims?.['3.4.2']?.note).toMatch(/a mailing list \(docs\/security\/process\.md:11\)/);
  });

  it('does not pass a policy it cannot read, but keeps the contact address it recognised', async () => {
    const outcome = await run('non-english');
    expect(outcome.status).toBe('partial');
    expect(claimStatuses(outcome)).toEqual({ '3.2.1': 'unknown', '3.2.2': 'partial', '3.4.2': 'unknown' });
    expect(outcome.unknown?.reason).toMatch(/language other than English/);
  });

  it("is unknown, with a low-confidence finding, when the repository has no policy: the owner's default may apply", async () => {
    const outcome = await run('none');
    expect(outcome.status).toBe('unknown');
    expect(outcome.unknown?.reason).toMatch(/owner's default policy from its `\.github` repository/);
    expect(outcome.unknown?.howToObserve).toMatch(/attestations:/);
    expect(claimStatuses(outcome)).toEqual({ '3.2.1': 'unknown', '3.2.2': 'unknown', '3.4.2': 'unknown' });
    expect(outcome.findings).toMatchObject([{ severity: 'high', confidence: 'low' }]);
  });

  it('fails an empty policy', async () => {
    const outcome = await run('empty');
    expect(outcome.status).toBe('fail');
    expect(outcome.findings[0]?.message).toMatch(/empty/);
  });

  it('does not take "do not open a public issue" as the channel or as a public-issue instruction', () => {
    const outcome = runCheckOnFiles(securityPolicy, {
      'SECURITY.md':
        '# Security\n\nDo not open a public issue for vulnerabilities. We will reply to reports within 5 days.\n',
    });
    expect(outcome.claims?.['3.2.2']).toEqual({ status: 'fail', note: 'no private channel is named' });
  });

  describe('response times in common forms', () => {
    // A support-period sentence with a response verb comes first: it must not be taken for the timeline.
    const policy = (response: string): string =>
      [
        '# Security',
        '',
        'Please report vulnerabilities to security@example.org, never in a public issue.',
        'We investigate every report and publish an advisory for each fix.',
        '',
        '## Supported versions',
        '',
        'Security fixes are released for versions published in the last 12 months.',
        '',
        '## What to expect',
        '',
        response,
        '',
      ].join('\n');
    const timeline = (outcome: CheckOutcome) =>
      outcome.evidence.find((e) => e.summary === 'states a response timeline');

    it.each([
      ['We will acknowledge your report within three (3) business days.', 'three (3) business days'],
      ['You will hear from us within 3 working days.', '3 working days'],
      ['We aim to get back to you within 48 hours.', '48 hours'],
      ['A maintainer will answer within two weeks.', 'two weeks'],
      ['Expect a first reply within one business day.', 'one business day'],
      ['We triage reports within 72h.', '72h'],
    ])('reads "%s" as the response time, quoting it', (sentence, period) => {
      const outcome = runCheckOnFiles(securityPolicy, { 'SECURITY.md': policy(sentence) });
      expect(timeline(outcome)).toMatchObject({ path: 'SECURITY.md', line: 12, quote: sentence });
      expect(timeline(outcome)?.quote).toContain(period);
      expect(outcome.findings.map((f) => f.message).join('\n')).not.toMatch(/how quickly/);
    });

    it('quotes the line of a sentence that says the time, not the line the sentence starts on', () => {
      const sentence =
        'Every report is read by two maintainers, and we will\nacknowledge it within three (3) business days.';
      const outcome = runCheckOnFiles(securityPolicy, { 'SECURITY.md': policy(sentence) });
      expect(timeline(outcome)).toMatchObject({ line: 13 });
    });

    it('keeps the time in the quote of a long sentence', () => {
      const sentence = `After a report arrives ${'and is forwarded to the people who know the affected component best, '.repeat(3)}we acknowledge it within three (3) business days.`;
      const outcome = runCheckOnFiles(securityPolicy, { 'SECURITY.md': policy(sentence) });
      expect(timeline(outcome)?.quote).toContain('three (3) business days');
    });
  });

  it('declares only the policy and Markdown documentation as needs', () => {
    expect(securityPolicy.needs('SECURITY.md')).toBe('text');
    expect(securityPolicy.needs('.github/SECURITY.rst')).toBe('text');
    expect(securityPolicy.needs('docs/security/process.md')).toBe('text');
    expect(securityPolicy.needs('src/index.ts')).toBeUndefined();
    expect(securityPolicy.needs('docs/logo.png')).toBeUndefined();
    expect(securityPolicy.needs('packages/a/README.md')).toBeUndefined();
  });

  it('never throws on binary or huge input', () => {
    expect(runCheckOnFiles(securityPolicy, { 'SECURITY.md': 'x\u0000y' }).status).toBe('unknown');
    const huge = `# Security\n\n${'a'.repeat(5000)} security@example.org\n${'Report it. '.repeat(50_000)}`;
    expect(() => runCheckOnFiles(securityPolicy, { 'SECURITY.md': huge })).not.toThrow();
  });
});

describe('security-policy on a policy that points elsewhere', () => {
  it('reads an address spelled out against scrapers as the private channel', () => {
    for (const spelled of [
      'security at example dot org',
      'security [at] example [dot] co [dot] uk',
      'sec(at)example(dot)com',
    ]) {
      const outcome = runCheckOnFiles(securityPolicy, {
        'SECURITY.md': `# Security\n\nTo report a vulnerability, email ${spelled}.\n`,
      });
      expect(outcome.claims?.['3.2.2']?.status).toBe('pass');
    }
    const prose = runCheckOnFiles(securityPolicy, {
      'SECURITY.md': '# Security\n\nLook at the website to report a vulnerability.\n',
    });
    expect(prose.claims?.['3.2.2']?.status).toBe('fail');
  });

  it('leaves what a policy hands to an external page unknown, with low-confidence findings', () => {
    const outcome = runCheckOnFiles(securityPolicy, {
      'SECURITY.md':
        '# Reporting a security issue\n\nThe security policy, including how to report vulnerabilities, can be\nfound here:\n\n[https://example.org/security/](https://example.org/security/)\n',
    });
    // It does say where to learn how to report; the rest is on the page it names.
    expect(outcome.status).toBe('partial');
    expect(claimStatuses(outcome)).toEqual({ '3.2.1': 'partial', '3.2.2': 'unknown', '3.4.2': 'unknown' });
    expect(outcome.unknown?.reason).toMatch(
      /refers to https:\/\/example\.org\/security\/ for 3\.2\.2, 3\.4\.2/,
    );
    expect(outcome.findings.length).toBeGreaterThan(0);
    for (const f of outcome.findings) {
      expect(f.confidence).toBe('low');
      expect(f.message).toMatch(
        /refers reporters to https:\/\/example\.org\/security\/, which this scan did not read/,
      );
    }
  });

  it('does not take any external link for the policy: a link about something else changes nothing', () => {
    const outcome = runCheckOnFiles(securityPolicy, {
      'SECURITY.md':
        '# Security\n\nOur project is built with [Go](https://go.dev/). Report bugs in the tracker.\n',
    });
    expect(claimStatuses(outcome)).toMatchObject({ '3.2.2': 'fail', '3.4.2': 'fail' });
    expect(outcome.findings.every((f) => f.confidence === undefined)).toBe(true);
  });
});
