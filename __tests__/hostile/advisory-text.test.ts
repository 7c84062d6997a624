/**
 * An advisory's summary is text from the Advisory Database, which anyone can propose: in a
 * known-vulnerable-action finding it is one short line, and renders as text in Markdown, SARIF and
 * workflow-command annotations; an id or fixed version that is not what GitHub writes is not echoed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { workflowCommandAnnotations } from '../../src/report/annotations.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { renderSarif } from '../../src/report/sarif.js';
import { globalAdvisory } from '../support/fake-github/fixtures.js';
import type { FakeGitHub } from '../support/fake-github/server.js';
import { scanWithRoutes } from '../support/online-scan.js';
import { workflowRepo } from '../support/workflow-repo.js';

const ESC = '\u001b';
const HOSTILE_SUMMARY =
  `</code><img src=x onerror=alert(1)> [click](https://evil.example) \`tick\` @admin\n::error::pwned ${ESC}[2J\u202e` +
  'x'.repeat(500);

let root: string;
let server: FakeGitHub;
let report: Report;

beforeAll(async () => {
  root = await workflowRepo('sscop-hostile-advisory-', ['      - uses: acme/tool@v1.2.0']);
  ({ report, server } = await scanWithRoutes(root, {
    'GET /advisories': {
      status: 200,
      body: [
        globalAdvisory({
          ghsa: 'GHSA-2222-3333-4444',
          action: 'acme/tool',
          range: '< 2.0.0',
          patched: '2.0.0 [fix](https://evil.example)',
          summary: HOSTILE_SUMMARY,
        }),
        {
          ...globalAdvisory({
            ghsa: 'GHSA-<img src=x>',
            action: 'acme/tool',
            range: '< 2.0.0',
            patched: '2.0.0',
          }),
          url: 'https://api.github.com/advisories/x',
          html_url: 'https://github.com/advisories/x',
        },
      ],
    },
  }));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const vulnerable = () =>
  report.checks
    .find((c) => c.id === 'workflow-references')!
    .findings.filter((f) => f.rule === 'known-vulnerable-action');

describe('a hostile advisory', () => {
  it('gives one finding, with its summary on one short line and no id or version it cannot vouch for', () => {
    const [finding, ...rest] = vulnerable();
    expect(rest).toEqual([]);
    expect(finding!.message).toContain('GHSA-2222-3333-4444');
    for (const c of ['\n', ESC, '\u202e']) expect(finding!.message).not.toContain(c);
    expect(finding!.message).toMatch(/fixed release: see the advisory\): “<\/code><img.*x…”\.$/);
    expect(finding!.message.length).toBeLessThan(400);
    expect(finding!.remediation).not.toContain('evil.example');
  });

  it('renders as text in Markdown, SARIF and annotations', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('GHSA\\-2222\\-3333\\-4444 \\(high severity\\) lists as vulnerable');
    expect(markdown).not.toMatch(/<img|<\/code>|\]\(https:\/\/evil|^::error/m);
    expect(markdown).not.toContain('@admin');
    expect(JSON.stringify(renderSarif(report))).not.toMatch(/\\u001b|\\u202e/);
    const annotation = workflowCommandAnnotations(report).find((a) =>
      a.message.includes('GHSA-2222-3333-4444'),
    )!;
    // The summary stays inside the message's first line: `::error::` cannot start a line of its own.
    expect(annotation.message.split('\n')[0]).toContain('@admin ::error::pwned');
    expect(annotation.message).not.toMatch(/^::/m);
    for (const c of ['\r', ESC, '\u202e']) expect(annotation.message).not.toContain(c);
  });
});
