/**
 * What a change resolves: the baseline's findings this report no longer has, listed in the JSON
 * report, the job summary (right after what the change adds) and the text report; never a finding
 * of a check that did not run, or of a file outside the scanned folder.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseBaseline, markNewSinceBaseline } from '../../src/report/baseline.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { renderText } from '../../src/report/text.js';
import { scan } from '../../src/scan.js';
import { makeTree } from '../hostile/support/trees.js';
import { liveMarkup } from '../support/markdown-nodes.js';
import { runCliCaptured } from '../support/run-cli.js';
import { validateReport } from '../support/schemas.js';

const WORKFLOW = '.github/workflows/ci.yml';
const workflow = (uses: string[]) =>
  [
    'on: push',
    'permissions: {}',
    'jobs:',
    '  t:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...uses.map((u) => `      - uses: ${u}`),
    '',
  ].join('\n');

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

async function reportOf(uses: string[]): Promise<Report> {
  const root = await makeTree({ [WORKFLOW]: workflow(uses) }, 'sscop-resolved-');
  roots.push(root);
  return (await scan({ root, repository: 'acme/widgets', commit: 'c'.repeat(40) })).report;
}

/** A report as a baseline file's text would give it back. */
const asBaseline = (report: Report) => parseBaseline(JSON.stringify(report), 'baseline.json');

let before: Report;
let after: Report;
beforeAll(async () => {
  before = await reportOf(['acme/setup@v1', 'acme/deploy@v2']);
  after = await reportOf(['acme/setup@v1', 'acme/lint@v3']);
});

const pinnedMessages = (report: Report) =>
  report.resolved!.findings.filter((f) => f.checkId === 'pinned-actions').map((f) => f.message);

describe('findings resolved since a baseline', () => {
  it('lists the baseline findings this report no longer has, with place, check and severity', () => {
    const marked = markNewSinceBaseline(after, asBaseline(before), 'baseline.json');
    expect(pinnedMessages(marked)).toEqual([expect.stringMatching(/^acme\/deploy@v2/)]);
    const deploy = marked.resolved!.findings.find((f) => f.message.startsWith('acme/deploy@v2'))!;
    expect(deploy).toMatchObject({ path: WORKFLOW, line: 8, severity: expect.any(String) });
    expect(marked.resolved!.baselineCommit).toBe('c'.repeat(40));
    expect(validateReport(JSON.parse(JSON.stringify(marked)))).toEqual([]);
  });

  it('resolves nothing against itself, even after lines moved', async () => {
    const moved = await reportOf(['acme/setup@v1', 'acme/deploy@v2']);
    expect(markNewSinceBaseline(moved, asBaseline(before), 'b').resolved!.findings).toEqual([]);
  });

  it('does not count a finding of a check that is unknown or disabled now as resolved', () => {
    const unknownNow = structuredClone(after);
    const pinned = unknownNow.checks.find((c) => c.id === 'pinned-actions')!;
    pinned.status = 'unknown';
    pinned.findings = [];
    expect(pinnedMessages(markNewSinceBaseline(unknownNow, asBaseline(before), 'b'))).toEqual([]);
    pinned.status = 'pass';
    pinned.enabled = false;
    expect(pinnedMessages(markNewSinceBaseline(unknownNow, asBaseline(before), 'b'))).toEqual([]);
  });

  it('does not count a finding outside the scanned folder, nor one of a check this report lacks', () => {
    const baseline = asBaseline(before);
    const inFolder = structuredClone(after);
    inFolder.metadata.pathInRepository = 'services/api';
    expect(pinnedMessages(markNewSinceBaseline(inFolder, baseline, 'b'))).toEqual([]);
    const renamed = structuredClone(before);
    for (const c of renamed.checks) c.id = `${c.id}-old`;
    for (const f of renamed.checks.flatMap((c) => c.findings)) f.checkId = `${f.checkId}-old`;
    expect(markNewSinceBaseline(after, asBaseline(renamed), 'b').resolved!.findings).toEqual([]);
  });

  it('computes a malformed fingerprint again instead of trusting it', () => {
    const forged = structuredClone(before) as unknown as { checks: Array<{ findings: object[] }> };
    for (const f of forged.checks.flatMap((c) => c.findings)) Object.assign(f, { fingerprint: 'x' });
    const baseline = parseBaseline(JSON.stringify(forged), 'b');
    expect(pinnedMessages(markNewSinceBaseline(after, baseline, 'b'))).toEqual([
      expect.stringMatching(/^acme\/deploy@v2/),
    ]);
  });
});

describe('how resolved findings are shown', () => {
  it('the summary lists them right after what the pull request adds', () => {
    const marked = markNewSinceBaseline(after, asBaseline(before), 'baseline.json');
    const markdown = renderMarkdown(marked, { pullRequest: { fromFork: false } });
    const added = markdown.indexOf('### 🆕 This pull request adds');
    const resolved = markdown.indexOf('### ✅ This pull request resolves 1 finding\n');
    expect(added).toBeGreaterThan(-1);
    expect(resolved).toBeGreaterThan(added);
    const next = markdown.indexOf('###', resolved + 4);
    const section = markdown.slice(resolved, next);
    expect(section).toMatch(
      /\| \.github\/workflows\/ci\.yml:8 \| `pinned-actions` \| acme\/deploy\S+v2 is pinned to `v2`/,
    );
  });

  it('off a pull request, says what is new and resolved since the baseline', () => {
    const marked = markNewSinceBaseline(after, asBaseline(before), 'baseline.json');
    const markdown = renderMarkdown(marked);
    expect(markdown).toMatch(/### 🆕 New since the baseline: \d+ findings?\n/);
    expect(markdown).toMatch(/### ✅ Resolved since the baseline: 1 finding\n/);
    expect(markdown).not.toMatch(/This pull request/);
  });

  it('escapes what a baseline says: its message and path become no markup', () => {
    const forged = structuredClone(before);
    const finding = forged.checks.find((c) => c.id === 'pinned-actions')!.findings[0]!;
    finding.message = '## ✅ safe to merge [Click](https://evil.example) <img src=x onerror=alert(1)>';
    finding.path = '[x](https://evil.example).yml';
    const marked = markNewSinceBaseline(after, asBaseline(forged), 'b');
    const section = renderMarkdown(marked).split('### ✅ Resolved')[1]!.split('\n###')[0]!;
    const live = liveMarkup(`### ✅ Resolved${section}`);
    expect(live.headings).toEqual([expect.stringMatching(/^✅ Resolved since the baseline/)]);
    expect(live.links).toEqual([]);
    expect(live.html).toEqual([]);
  });

  it('the text report has a section for them', () => {
    const marked = markNewSinceBaseline(after, asBaseline(before), 'baseline.json');
    const text = renderText(marked, { color: false });
    expect(text).toMatch(
      /Resolved since the baseline \(1\)\n {2}\S+ +\.github\/workflows\/ci\.yml:8 {2}\[pinned-actions\]/,
    );
    expect(text).toMatch(/\n {11}acme\/deploy@v2/);
  });

  it('sscop scan --baseline prints and writes them', async () => {
    const root = await makeTree({ [WORKFLOW]: workflow(['acme/setup@v1']) }, 'sscop-resolved-');
    roots.push(root);
    const baselineFile = path.join(root, '..', `${path.basename(root)}.baseline.json`);
    roots.push(baselineFile);
    await fs.writeFile(baselineFile, JSON.stringify(before));
    const text = await runCliCaptured(['scan', root, '--baseline', baselineFile, '--format', 'text']);
    expect(text.stdout).toMatch(/Resolved since the baseline \(1\)/);
    const json = await runCliCaptured(['scan', root, '--baseline', baselineFile, '--format', 'json']);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.resolved!.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^acme\/deploy@v2/),
    ]);
    expect(validateReport(report)).toEqual([]);
  });
});
