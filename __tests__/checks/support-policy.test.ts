import { describe, expect, it } from '@jest/globals';
import { READ_WORDS, supportPolicy } from '../../src/checks/support-policy.js';
import { FREQUENCY, UPGRADE_SENTENCE, VERSIONING } from '../../src/checks/support-updates.js';
import { findRelativeStatements } from '../../src/evidence/dates.js';
import { SUPPORT_SENTENCE } from '../../src/evidence/support-schedule.js';
import type { CheckOutcome } from '../../src/model/types.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

// Every run uses the harness's fixed "today": 2026-11-22.
const run = (c: string): Promise<CheckOutcome> => runCheckOnDir(supportPolicy, fixture('support-policy', c));
const claimStatuses = (outcome: CheckOutcome): Record<string, string> =>
  Object.fromEntries(Object.entries(outcome.claims ?? {}).map(([id, v]) => [id, v.status]));

describe('support-policy', () => {
  it('reads a support table with past and future dates, and flags a row still marked supported after its date', async () => {
    const outcome = await run('table-past-future');
    expect(outcome.status).toBe('partial');
    expect(claimStatuses(outcome)).toEqual({
      '4.1.1': 'partial',
      '4.1.2': 'fail',
      '4.1.3': 'fail',
      '4.2.1': 'pass',
    });
    const stale = outcome.findings.find((f) => f.message.includes('marked supported'));
    expect(stale).toMatchObject({ path: 'SECURITY.md', line: 8, severity: 'medium' });
    expect(stale?.message).toBe('2.x is marked supported but its end of support (2026-06-30) has passed.');
    expect(outcome.evidence).toContainEqual({
      summary: '3.x: end of support 2028-03-31',
      path: 'SECURITY.md',
      line: 7,
      quote: '3.x | :white_check_mark: | 2025-04-01 | 2028-03-31',
    });
  });

  it('reports a notice period under a year as a finding that says so', async () => {
    const outcome = await run('short-notice');
    expect(outcome.claims?.['4.2.1']?.status).toBe('fail');
    const short = outcome.findings.find((f) => f.message.includes('under the year'));
    expect(short).toMatchObject({ path: 'SUPPORT.md', line: 5 });
    expect(short?.message).toBe(
      'The notice before end of support is 6 months, under the year the Code asks for.',
    );
  });

  it('follows the security policy to a separate support page in the repository', async () => {
    const outcome = await run('linked-support-page');
    expect(claimStatuses(outcome)).toEqual({
      '4.1.1': 'partial',
      '4.1.2': 'pass',
      '4.1.3': 'pass',
      '4.2.1': 'pass',
    });
    expect(outcome.claims?.['4.2.1']?.note).toMatch(
      /12 months' notice is promised \(docs\/policy\/longevity\.md:6\)/,
    );
    expect(outcome.claims?.['4.1.1']?.note).toMatch(/stated as a rule \(3 years\)/);
    expect(outcome.evidence).toContainEqual(
      expect.objectContaining({
        summary: 'states how often updates ship',
        path: 'docs/policy/longevity.md',
        line: 3,
      }),
    );
  });

  it('passes a README with a supported-versions list of dates, a cadence and upgrade instructions', async () => {
    const outcome = await run('readme-section');
    expect(outcome.status).toBe('pass');
    expect(claimStatuses(outcome)).toEqual({
      '4.1.1': 'pass',
      '4.1.2': 'pass',
      '4.1.3': 'pass',
      '4.2.1': 'pass',
    });
    expect(outcome.evidence).toContainEqual({
      summary: '3.x: end of support 2027-06-30',
      path: 'README.md',
      line: 12,
      quote: '3.x: security fixes only, until Q2 2027',
    });
    // A date outside the support section ("Since 12 March 2024") is not taken as an end of support.
    expect(outcome.evidence.some((e) => e.quote?.includes('--fast'))).toBe(false);
  });

  it('reads end-of-life dates from an endoflife-style YAML file', async () => {
    const outcome = await run('eol-yaml');
    expect(claimStatuses(outcome)).toMatchObject({ '4.1.1': 'pass', '4.2.1': 'pass' });
    expect(outcome.evidence).toContainEqual(
      expect.objectContaining({ summary: '7: end of support 2028-09-30', path: '.endoflife.yml', line: 4 }),
    );
  });

  it('never passes a policy it cannot read, even when its table has dates', async () => {
    const outcome = await run('non-english');
    expect(outcome.status).toBe('partial');
    expect(claimStatuses(outcome)).toEqual({
      '4.1.1': 'partial',
      '4.1.2': 'unknown',
      '4.1.3': 'unknown',
      '4.2.1': 'partial',
    });
    expect(outcome.claims?.['4.1.1']?.note).toMatch(/not in English/);
    expect(outcome.unknown?.reason).toMatch(/SUPPORT\.md/);
  });

  it('fails 4.2.1 with the remediation when nothing about support is published', async () => {
    const outcome = await run('none');
    expect(outcome.status).toBe('fail');
    expect(claimStatuses(outcome)).toEqual({
      '4.1.1': 'fail',
      '4.1.2': 'fail',
      '4.1.3': 'fail',
      '4.2.1': 'fail',
    });
    const notice = outcome.findings.find((f) => f.message.startsWith('No notice period'));
    expect(notice?.remediation).toMatch(/at least 12 months' notice/);
  });

  it('rates a supported-versions table without dates as partial for 4.1.1 and not met for 4.2.1', async () => {
    const outcome = await run('no-dates');
    expect(claimStatuses(outcome)).toMatchObject({ '4.1.1': 'partial', '4.2.1': 'fail' });
    expect(
      outcome.findings.find((f) => f.message.startsWith('End-of-support dates are not published')),
    ).toMatchObject({
      path: 'SECURITY.md',
      line: 5,
    });
  });

  it('accepts a support period of a year or more as notice, and rejects a shorter one', () => {
    const long = runCheckOnFiles(supportPolicy, {
      'SUPPORT.md': 'Each major version is supported for 18 months after release.\n',
    });
    expect(long.claims?.['4.2.1']?.status).toBe('pass');
    const brief = runCheckOnFiles(supportPolicy, {
      'SUPPORT.md': 'Each release is supported for 9 months after release.\n',
    });
    expect(brief.claims?.['4.2.1']?.status).toBe('fail');
    expect(brief.findings.some((f) => f.message.includes('9 months, under the year'))).toBe(true);
  });

  it('treats future dates under a year away as partial notice', () => {
    const outcome = runCheckOnFiles(supportPolicy, {
      'SUPPORT.md': '# Support\n\n| Version | End of life |\n| --- | --- |\n| 1.x | 2027-03-31 |\n',
    });
    expect(outcome.claims?.['4.2.1']?.status).toBe('partial');
  });

  describe("reads support statements only from sections about the project's own versions", () => {
    const fromPage = (outcome: CheckOutcome, path: string) =>
      [...outcome.findings, ...outcome.evidence].filter((x) => x.path === path);

    it('ignores a "Channel Support" section of an integration guide, whose dates are not end-of-support dates', async () => {
      const outcome = await run('channel-support');
      expect(fromPage(outcome, 'docs/guides/notifications/chat.md')).toEqual([]);
      expect(outcome.findings.some((f) => f.message.startsWith('Every published end-of-support date'))).toBe(
        false,
      );
      expect(outcome.claims?.['4.1.1']?.status).toBe('fail');
    });

    it('ignores a "Supported OS" table: the versions are of the platforms the project runs on', async () => {
      const outcome = await run('supported-os');
      expect(fromPage(outcome, 'docs/guide/coverage/os.md')).toEqual([]);
      expect(
        outcome.findings.some((f) => f.message.startsWith('End-of-support dates are not published')),
      ).toBe(false);
    });

    it('ignores dates under a heading about a feature\'s support ("Support for SSH keys … is removed")', async () => {
      const outcome = await run('feature-support-heading');
      expect(outcome.findings.filter((f) => f.path === 'docs/upgrading/2.1-2.2.md')).toEqual([]);
      expect(outcome.evidence.filter((e) => e.summary.includes('end of support'))).toEqual([]);
    });

    it('ignores a research write-up that dates the deprecation of a command', async () => {
      const outcome = await run('research-write-up');
      expect(fromPage(outcome, 'docs/ux-research/results/search.md')).toEqual([]);
      expect(outcome.claims?.['4.1.1']?.status).toBe('fail');
    });

    it('ignores a proposal, even under a "Supported versions" heading', async () => {
      const outcome = await run('proposal-page');
      expect(fromPage(outcome, 'docs/rfcs/0007-long-term-support.md')).toEqual([]);
      expect(outcome.claims?.['4.1.1']?.status).toBe('fail');
    });

    it('does not take a release schedule for end-of-support dates or for a list of supported versions', () => {
      const dated = runCheckOnFiles(supportPolicy, {
        'RELEASE.md':
          '# Releases\n\n## Release schedule\n\n| Date | Version | Release manager |\n| --- | --- | --- |\n| 2026-12-14 | v0.170.0 | @ana |\n| 2027-01-11 | v0.171.0 | @ben |\n',
      });
      expect(dated.evidence.filter((e) => e.summary.includes('end of support'))).toEqual([]);
      expect(dated.claims?.['4.1.1']?.status).toBe('fail');
      const undated = runCheckOnFiles(supportPolicy, {
        'RELEASE.md':
          '# Releases\n\n## Release schedule\n\n| release series | date of first pre-release | release shepherd |\n| --- | --- | --- |\n| v3.1 | 2026-12-17 | @ana |\n',
      });
      expect(undated.findings.filter((f) => f.path === 'RELEASE.md')).toEqual([]);
      expect(undated.claims?.['4.1.1']?.status).toBe('fail');
    });

    it('reports a documentation page whose end-of-support dates have all passed at low confidence, and judges without it', async () => {
      const outcome = await run('secondary-all-past');
      const stale = outcome.findings.filter((f) => f.path === 'docs/install/index.md');
      expect(stale.length).toBeGreaterThan(0);
      expect(stale.every((f) => f.confidence === 'low')).toBe(true);
      expect(outcome.claims?.['4.1.1']?.status).toBe('fail');
    });

    it('still reports a security policy whose end-of-support dates have all passed, at full confidence', async () => {
      const outcome = await run('policy-all-past');
      expect(outcome.claims?.['4.1.1']?.status).toBe('partial');
      const finding = outcome.findings.find((f) =>
        f.message.startsWith('Every published end-of-support date'),
      );
      expect(finding).toMatchObject({ path: 'SECURITY.md', severity: 'medium' });
      expect(finding?.confidence ?? 'high').toBe('high');
    });
  });

  it('reads what an upgrade guide deep in the docs says of support, through markup that splits its words', () => {
    const filler = Array.from(
      { length: 40 },
      (_, i) =>
        `Lorem ipsum ${i} with \`--flag\` and [a link](https://x.example/${i}).\n\n- **item ${i}**: dolor\n`,
    ).join('\n');
    const guide = [
      '# Upgrading to 3.0',
      '',
      filler,
      'Each release is **supp**orted for 18 months.',
      '',
      'Patch [releases](https://x.example/r) ship every month.',
      '',
      '| Version | End of life |',
      '|---|---|',
      '| `3.x` | 2028-01-31 |',
      '| `2.x` | 2027-03-31 |',
    ].join('\n');
    const outcome = runCheckOnFiles(supportPolicy, { 'docs/guides/upgrading/v3.md': guide });
    const lineOf = (text: string) => guide.split('\n').indexOf(text) + 1;
    expect(claimStatuses(outcome)).toEqual({
      '4.1.1': 'pass',
      '4.1.2': 'pass',
      '4.1.3': 'pass',
      '4.2.1': 'pass',
    });
    expect(outcome.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          summary: '3.x: end of support 2028-01-31',
          line: lineOf('| `3.x` | 2028-01-31 |'),
        }),
        expect.objectContaining({
          summary: 'states how often updates ship',
          line: lineOf('Patch [releases](https://x.example/r) ship every month.'),
        }),
        expect.objectContaining({
          summary: 'support period: 18 months',
          line: lineOf('Each release is **supp**orted for 18 months.'),
        }),
      ]),
    );
  });

  it('has a word to read in every kind of sentence its patterns match', () => {
    const read: Array<[(text: string) => boolean, string[]]> = [
      [
        (t) => SUPPORT_SENTENCE.test(t),
        [
          '2.x is maintained',
          'End-of-life: 2026',
          'EOL in March',
          'security patches only',
          'retired',
          'Deprecated',
          'sunset',
        ],
      ],
      [
        (t) => findRelativeStatements(t).length > 0,
        [
          'We give 12 months notice.',
          'Announced 6 months in advance.',
          'Removed 3 months ahead of time, with a warning.',
          'Each release receives fixes for 12 months.',
          'Each release gets 2 years.',
          'LTS lines last 3 years.',
        ],
      ],
      [
        (t) => FREQUENCY.test(t),
        ['Releases ship every month.', 'We patch weekly.', 'Fixes land as soon as ready.'],
      ],
      [(t) => VERSIONING.test(t), ['We follow semantic versioning.', 'SemVer', 'Backports go to 2.x.']],
      [(t) => UPGRADE_SENTENCE.test(t), ['To upgrade, run the installer.', 'Update by running brew.']],
    ];
    for (const [matches, sentences] of read) {
      for (const sentence of sentences) {
        expect({ sentence, matches: matches(sentence) }).toEqual({ sentence, matches: true });
        expect({ sentence, read: READ_WORDS.test(sentence) }).toEqual({ sentence, read: true });
      }
    }
  });

  it('never throws on broken YAML, binary files or hostile Markdown', () => {
    expect(() =>
      runCheckOnFiles(supportPolicy, {
        'eol.yaml': 'releases: [ {eol: ',
        'SUPPORT.md': `# Support\n\n${'| a '.repeat(3000)}\n${'Q1 2027 '.repeat(5000)}\u0000`,
        'docs/support.md': '- '.repeat(2000),
      }),
    ).not.toThrow();
  });

  it('declares Markdown documentation, community files and endoflife YAML as needs, and nothing else', () => {
    expect(supportPolicy.needs('SUPPORT.md')).toBe('text');
    expect(supportPolicy.needs('docs/policy/longevity.md')).toBe('text');
    expect(supportPolicy.needs('.endoflife.yml')).toBe('text');
    expect(supportPolicy.needs('src/eol.yaml')).toBeUndefined();
    expect(supportPolicy.needs('package.json')).toBeUndefined();
  });
});
