/** How a finding reads: one title, message and fix for every surface, decided in finding-text.ts. */
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/model/types.js';
import { findingText, findingTextOf, MAX_TITLE_LENGTH } from '../../src/report/finding-text.js';
import type { Report } from '../../src/report/report.js';

const finding = (over: Partial<Finding> = {}): Finding => ({
  checkId: 'pinned-actions',
  message: 'actions/checkout is pinned to a tag',
  severity: 'medium',
  path: '.github/workflows/ci.yml',
  line: 6,
  ...over,
});
const check = { remediation: 'Pin every action to a full commit SHA.' };

describe('findingText', () => {
  it('titles a finding with the tool, the check and the severity', () => {
    expect(findingText(finding(), check).title).toBe('sscop pinned-actions (medium)');
  });

  it('leads the title with "New: " when the pull request added the finding', () => {
    expect(findingText(finding({ new: true }), check).title).toBe('New: sscop pinned-actions (medium)');
  });

  it('caps the title at the check-run limit', () => {
    const title = findingText(finding({ checkId: 'x'.repeat(400) }), check).title;
    expect(title).toHaveLength(MAX_TITLE_LENGTH);
    expect(title.startsWith('sscop xxx')).toBe(true);
  });

  it("gives the finding's own remediation as its fix", () => {
    expect(findingText(finding({ remediation: 'Use the SHA of v4.2.2.' }), check).fix).toBe(
      'Use the SHA of v4.2.2.',
    );
  });

  it("falls back to the check's remediation when the finding has none", () => {
    expect(findingText(finding(), check).fix).toBe(check.remediation);
  });

  it("falls back to the check's remediation when the finding's is empty", () => {
    expect(findingText(finding({ remediation: '' }), check).fix).toBe(check.remediation);
  });

  it('has no fix when neither the finding nor its check has one', () => {
    const text = findingText(finding(), undefined);
    expect(text.fix).toBeUndefined();
    expect(text.messageWithFix).toBe('actions/checkout is pinned to a tag');
  });

  it('composes the message and the fix as one text', () => {
    expect(findingText(finding(), check).messageWithFix).toBe(
      'actions/checkout is pinned to a tag\n\nFix: Pin every action to a full commit SHA.',
    );
  });

  it('leaves escaping to each surface: repository text comes back as it was', () => {
    const message = 'file `<b>x</b>` [a](https://evil.example) \u001b[31m';
    expect(findingText(finding({ message }), check).message).toBe(message);
  });
});

describe('findingTextOf', () => {
  it("reads each finding of a report with its own check's remediation", () => {
    const report = {
      checks: [
        { id: 'pinned-actions', remediation: 'Pin actions.' },
        { id: 'codeowners', remediation: 'Name an owner.' },
      ],
    } as unknown as Pick<Report, 'checks'>;
    const text = findingTextOf(report);
    expect(text(finding()).fix).toBe('Pin actions.');
    expect(text(finding({ checkId: 'codeowners' })).fix).toBe('Name an owner.');
  });
});
