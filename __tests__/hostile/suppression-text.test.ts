/**
 * A suppression's reason is repository text: a token in it is redacted, markup and control
 * characters in it cannot act in the summary, the terminal or SARIF, and a flood of comments
 * costs notes that are capped.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { scan } from '../../src/scan.js';
import { githubStyleToken } from '../support/tokens.js';

const FAKE_GITHUB_PAT = githubStyleToken('ghp');

const WORKFLOW = '.github/workflows/ci.yml';
let dir: string;
let report: Report;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-hostile-suppress-'));
  await fs.mkdir(path.join(dir, '.github/workflows'), { recursive: true });
  const reason = `token ${FAKE_GITHUB_PAT} <img src=x onerror=alert(1)> \u001b[2J [x](javascript:alert(1))`;
  await fs.writeFile(
    path.join(dir, WORKFLOW),
    [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  t:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - uses: acme/setup@v1 # sscop: ignore[pinned-actions] ${reason}`,
      ...Array.from({ length: 500 }, (_, i) => `# sscop: ignore[no-such-check-${i}] typo ${i}`),
      '',
    ].join('\n'),
  );
  ({ report } = await scan({ root: dir, today: new Date('2026-11-22T00:00:00Z') }));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('a hostile suppression reason', () => {
  it('is redacted in the JSON report', () => {
    const finding = report.checks.find((c) => c.id === 'pinned-actions')!.findings[0]!;
    expect(finding.suppressed).toBe(true);
    expect(JSON.stringify(report)).not.toContain(FAKE_GITHUB_PAT);
    expect(finding.suppression?.reason).toContain('[redacted]');
  });

  it('renders as text in Markdown, the terminal and SARIF', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).not.toMatch(/<img/);
    expect(markdown).not.toMatch(/\]\(javascript:/);
    expect(renderText(report, { color: false })).not.toContain('\u001b');
    expect(JSON.stringify(renderSarif(report))).not.toContain('\\u001b');
  });

  it('caps the notes a flood of comments naming no check leaves', () => {
    const notes = report.notes.filter((n) => n.includes('sscop: ignore'));
    expect(notes).toHaveLength(21);
    expect(notes.at(-1)).toBe('480 more sscop: ignore comments suppress nothing');
  });
});
