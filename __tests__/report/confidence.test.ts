/**
 * A finding's confidence is shown beside its severity on every surface, and a gate set to a
 * minimum confidence leaves the findings below it out, as it does suppressed ones.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assess } from '../../src/assess/assess.js';
import { EMPTY_CONFIG, confidenceOption, parseConfig } from '../../src/config/config.js';
import type { CheckResult, Finding } from '../../src/model/types.js';
import { checkRunAnnotations } from '../../src/report/annotations.js';
import { buildEvidencePack } from '../../src/report/evidence-pack.js';
import { renderEvidencePackMarkdown } from '../../src/report/evidence-pack-markdown.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { gateOnNewFindings } from '../../src/report/new-findings.js';
import type { Report } from '../../src/report/report.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { loadRulePack } from '../../src/rules/pack.js';
import { scan } from '../../src/scan.js';
import { validateReport, validateSarif } from '../support/schemas.js';

let dir: string;
let scanned: Report;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-confidence-'));
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
      '      - uses: acme/setup@v1',
      '      - uses: acme/other@v2',
      '',
    ].join('\n'),
  );
  ({ report: scanned } = await scan({
    root: dir,
    today: new Date('2026-11-22T00:00:00Z'),
    commit: 'a'.repeat(40),
  }));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The scanned report with the second pinned-actions finding made a low-confidence guess from a rule. */
function withLowConfidence(report: Report, extra: Partial<Finding> = {}): Report {
  return {
    ...report,
    checks: report.checks.map((c) =>
      c.id !== 'pinned-actions'
        ? c
        : {
            ...c,
            findings: c.findings.map((f, i) =>
              i === 1 ? { ...f, ...extra, confidence: 'low', rule: 'guess' } : f,
            ),
          },
    ),
  };
}

describe('confidence on every surface', () => {
  it('is on every finding of the JSON report, high unless a check said otherwise, and the report is valid', () => {
    const findings = scanned.checks.flatMap((c) => c.findings);
    expect(findings.every((f) => f.confidence !== undefined)).toBe(true);
    const pinned = findings.filter((f) => f.checkId === 'pinned-actions');
    expect(pinned.map((f) => f.confidence)).toEqual(['high', 'high']);
    expect(validateReport(withLowConfidence(scanned))).toEqual([]);
  });

  it('gives a low-confidence finding from a rule its own SARIF rule, with the rule as its precision', () => {
    const sarif = renderSarif(withLowConfidence(scanned));
    const run = sarif.runs[0]!;
    const rules = (
      run.tool as { driver: { rules: Array<{ id: string; properties: { precision: string } }> } }
    ).driver.rules;
    const results = run.results as Array<{
      ruleId: string;
      ruleIndex: number;
      properties: { confidence: string };
    }>;
    const low = results.find((r) => r.ruleId.startsWith('pinned-actions/'))!;
    expect(low.ruleId).toBe('pinned-actions/guess/low-confidence');
    expect(rules[low.ruleIndex]).toMatchObject({ id: low.ruleId, properties: { precision: 'low' } });
    const high = results.find((r) => r.ruleId === 'pinned-actions')!;
    expect(high.properties.confidence).toBe('high');
    expect(rules[high.ruleIndex]!.properties.precision).toBe('high');
    expect(validateSarif(sarif)).toEqual([]);
  });

  it('is said in text, Markdown, annotation titles and the evidence pack when it is not high', () => {
    const report = withLowConfidence(scanned);
    expect(renderText(report, { color: false })).toMatch(/\[pinned-actions\/guess\] {2}\(low confidence\)/);
    const markdown = renderMarkdown(report, { maxFindings: 100 });
    expect(markdown).toMatch(/ medium, low confidence \|.*`pinned-actions\/guess`/);
    expect(markdown).not.toMatch(/ medium, high confidence/);
    const titles = checkRunAnnotations(report).annotations.map((a) => a.title);
    expect(titles).toContain('sscop pinned-actions/guess (medium, low confidence)');
    expect(titles).toContain('sscop pinned-actions (medium)');
    const pack = renderEvidencePackMarkdown(buildEvidencePack(report));
    expect(pack).toMatch(/ci\.yml:8 — acme\/other.*\\\(low confidence\\\)/);
    expect(pack).not.toMatch(/ci\.yml:7 .*confidence/);
  });
});

describe('a gate with a minimum confidence', () => {
  const pack = loadRulePack();
  const check = (findings: Finding[]): CheckResult =>
    ({
      ...pack.checks.get('pinned-actions')!,
      id: 'pinned-actions',
      status: 'fail',
      summary: 'unpinned',
      evidence: [],
      findings,
      claimIds: pack.checks.get('pinned-actions')!.claims,
      enabled: true,
    }) as unknown as CheckResult;
  const finding = (confidence: Finding['confidence']): Finding => ({
    checkId: 'pinned-actions',
    message: 'x',
    severity: 'medium',
    ...(confidence ? { confidence } : {}),
  });
  const gate = (findings: Finding[], minConfidence?: 'medium') =>
    assess(pack, [check(findings)], EMPTY_CONFIG, {
      threshold: 0,
      failOn: ['pinned-actions'],
      ...(minConfidence ? { minConfidence } : {}),
    }).gate;

  it('lets a required check that fails only by low-confidence findings pass', () => {
    expect(gate([finding('low')], 'medium')).toMatchObject({ passed: true, minConfidence: 'medium' });
  });

  it('still counts them without the setting, and counts any finding at or above the minimum', () => {
    expect(gate([finding('low')]).passed).toBe(false);
    expect(gate([finding('low'), finding('medium')], 'medium').passed).toBe(false);
    expect(gate([finding(undefined)], 'medium').passed).toBe(false);
  });

  it('leaves low-confidence new findings out of the new-findings gate, and says so in the summary', () => {
    const added = (r: Report): Report => ({
      ...r,
      checks: r.checks.map((c) => ({ ...c, findings: c.findings.map((f) => ({ ...f, new: true })) })),
    });
    const lowOnly = withLowConfidence(scanned);
    const onlyTheGuess: Report = {
      ...lowOnly,
      gate: { ...lowOnly.gate, minConfidence: 'medium' },
      checks: lowOnly.checks.map((c) => ({
        ...c,
        findings: c.id === 'pinned-actions' ? [c.findings[1]!] : [],
      })),
    };
    const judged = gateOnNewFindings(added(onlyTheGuess));
    expect(judged.passed).toBe(true);
    expect(judged.gate.minConfidence).toBe('medium');
    expect(renderMarkdown(judged, { pullRequest: { fromFork: false } })).toContain(
      '0 of them fail the gate (medium severity or above, medium confidence or above, not suppressed; marked ⛔)',
    );
    const everyFinding = gateOnNewFindings(added({ ...onlyTheGuess, gate: { reasons: [] } }));
    expect(everyFinding.passed).toBe(false);
  });

  it('is read from the config and the command line, and a wrong value is a clear error', () => {
    expect(parseConfig('min-confidence: medium\n', 'sscop.yml', pack)['min-confidence']).toBe('medium');
    expect(() => parseConfig('min-confidence: certain\n', 'sscop.yml', pack)).toThrow(/min-confidence/);
    expect(confidenceOption('--min-confidence', 'HIGH')).toBe('high');
    expect(confidenceOption('--min-confidence', '')).toBeUndefined();
    expect(() => confidenceOption('--min-confidence', 'sure')).toThrow(
      '--min-confidence must be high, medium or low, got "sure"',
    );
  });
});
