/**
 * A suppressed finding stays in every report, marked as suppressed with its reason: text,
 * Markdown, SARIF (a `suppressions` entry with the justification), annotations (never a failure
 * or warning) and the evidence pack (an accepted risk under the claim).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkRunAnnotations } from '../../src/report/annotations.js';
import { buildEvidencePack } from '../../src/report/evidence-pack.js';
import { renderEvidencePackMarkdown } from '../../src/report/evidence-pack-markdown.js';
import { renderEvidencePackHtml } from '../../src/report/evidence-pack-html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { scan } from '../../src/scan.js';
import { validateSarif } from '../support/schemas.js';

const REASON = 'acme/setup is our own action, reviewed by the platform team';
let dir: string;
let report: Report;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-suppressed-'));
  await fs.mkdir(path.join(dir, '.github/workflows'), { recursive: true });
  await fs.writeFile(
    path.join(dir, '.github/workflows/ci.yml'),
    [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  t:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - uses: acme/setup@v1 # sscop: ignore[pinned-actions] ${REASON}`,
      '',
    ].join('\n'),
  );
  ({ report } = await scan({
    root: dir,
    today: new Date('2026-11-22T00:00:00Z'),
    repository: 'acme/widgets',
    commit: 'a'.repeat(40),
  }));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('a suppressed finding', () => {
  it('is in the JSON report, suppressed, with its reason', () => {
    const finding = report.checks.find((c) => c.id === 'pinned-actions')!.findings[0]!;
    expect(finding).toMatchObject({ suppressed: true, suppression: { reason: REASON, source: 'inline' } });
  });

  it('is listed as suppressed in the text and Markdown reports', () => {
    const text = renderText(report, { color: false });
    expect(text).toMatch(/\[pinned-actions\] {2}SUPPRESSED/);
    expect(text).toContain(`Suppressed (inline comment at .github/workflows/ci.yml:7): ${REASON}`);
    expect(text).toContain('1 finding(s) suppressed');
    // Suppressed findings rank last: with room for every finding, the table lists it as such.
    const markdown = renderMarkdown(report, { maxFindings: 1000 });
    expect(markdown).toMatch(/ medium \(suppressed\) \|.*Suppressed \\\(inline comment at/);
  });

  it('is in SARIF with a suppression and its justification, and the log is valid', () => {
    const sarif = renderSarif(report);
    const results = sarif.runs[0]!.results as Array<Record<string, unknown>>;
    const result = results.find((r) => r.ruleId === 'pinned-actions')!;
    expect(result.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: REASON }]);
    expect(validateSarif(sarif)).toEqual([]);
  });

  it('is annotated as a notice titled Suppressed, never as a failure or warning', () => {
    const [annotation] = checkRunAnnotations(report).annotations.filter((a) =>
      a.title.includes('pinned-actions'),
    );
    expect(annotation).toMatchObject({
      annotation_level: 'notice',
      title: 'Suppressed: sscop pinned-actions (medium)',
    });
  });

  it('is an accepted risk under its claims in the evidence pack, not a finding', () => {
    const pack = buildEvidencePack(report);
    const evidence = pack.themes
      .flatMap((t) => t.principles.flatMap((p) => p.claims.flatMap((c) => c.evidence)))
      .filter((e) => e.kind === 'check' && e.checkId === 'pinned-actions');
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      if (e.kind !== 'check') continue;
      expect(e.findings).toEqual([]);
      expect(e.acceptedRisks.map((f) => f.text)).toEqual([expect.stringContaining(REASON)]);
    }
    expect(renderEvidencePackMarkdown(pack)).toContain('Accepted risk: ');
    expect(renderEvidencePackHtml(pack)).toContain('<li class="accepted">Accepted risk: ');
  });
});
