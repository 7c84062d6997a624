/**
 * SARIF as GitHub code scanning reads it: an alert's severity comes from its rule's
 * `security-severity` (else the level), every finding is a result with a location, and the
 * category tells runs over different directories apart.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import type { Severity } from '../../src/model/types.js';
import { rankedFindings, type Report } from '../../src/report/report.js';
import { renderSarif, type SarifLog } from '../../src/report/sarif.js';
import { scan } from '../../src/scan.js';
import { makeTree } from '../hostile/support/trees.js';
import { validateSarif } from '../support/schemas.js';

interface SarifRule {
  id: string;
  defaultConfiguration: { level: string };
  properties: { 'security-severity'?: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  }>;
  properties: { severity: Severity };
}

/** What GitHub shows for a finding of each severity. */
const SHOWN: Record<Severity, string> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  info: 'note',
};

/** The severity GitHub displays for a result: its rule's security-severity bucket, else the level. */
function shownByGitHub(rules: SarifRule[], result: SarifResult): string {
  const rule = rules[result.ruleIndex]!;
  expect(rule.id).toBe(result.ruleId);
  const score = rule.properties['security-severity'];
  if (score === undefined) return result.level ?? rule.defaultConfiguration.level;
  const n = Number(score);
  return n >= 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : n > 0 ? 'low' : 'none';
}

let root: string;
let report: Report;
beforeAll(async () => {
  root = await makeTree({
    '.github/workflows/ci.yml': [
      'on: pull_request_target',
      'permissions: write-all',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ref: ${{ github.event.pull_request.head.sha }}',
      '      - run: echo "${{ github.event.issue.title }}"',
      '      - run: curl -s https://x.example/i.sh | sh',
      '',
    ].join('\n'),
    '.github/CODEOWNERS': '* @a/b\n/x/ nobody\n',
    Dockerfile: 'FROM node:20\n',
    // Codeowners findings become informational: every severity is then present.
    '.github/sscop.yml': 'checks:\n  codeowners:\n    severity: info\n    reason: advisory here\n',
  });
  report = (await scan({ root, repository: 'acme/widgets', commit: 'c'.repeat(40) })).report;
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

function runOf(sarif: SarifLog) {
  const run = sarif.runs[0] as {
    tool: { driver: { rules: SarifRule[] } };
    results: SarifResult[];
    automationDetails: { id: string };
  };
  return { rules: run.tool.driver.rules, results: run.results, category: run.automationDetails.id };
}

describe('SARIF for code scanning', () => {
  it('covers every severity, validates against the SARIF 2.1.0 schema', () => {
    const severities = new Set(rankedFindings(report).map((f) => f.severity));
    expect([...severities].sort()).toEqual(['critical', 'high', 'info', 'low', 'medium']);
    expect(validateSarif(renderSarif(report))).toEqual([]);
  });

  it('for every result, the severity GitHub would show equals the finding’s', () => {
    const { rules, results } = runOf(renderSarif(report));
    const findings = rankedFindings(report);
    expect(results).toHaveLength(findings.length);
    results.forEach((result, i) => {
      expect(result.properties.severity).toBe(findings[i]!.severity);
      expect(shownByGitHub(rules, result)).toBe(SHOWN[findings[i]!.severity]);
    });
    // A check whose findings differ in severity has one rule per severity.
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('includes every finding: one about the repository as a whole is anchored to the file that would fix it', () => {
    const { results } = runOf(renderSarif(report));
    const uriOf = (r: SarifResult) => r.locations[0]!.physicalLocation.artifactLocation.uri;
    const policy = results.find((r) => r.ruleId.startsWith('security-policy'));
    expect(policy && uriOf(policy)).toBe('SECURITY.md');
    expect(policy!.locations[0]!.physicalLocation.region.startLine).toBe(1);
    const sast = results.find((r) => r.ruleId.startsWith('sast'));
    expect(sast && uriOf(sast)).toBe('README.md');
    const fromRules = new Set(results.map((r) => r.ruleId.split('/')[0]));
    for (const f of rankedFindings(report)) expect(fromRules.has(f.checkId)).toBe(true);
  });

  it('derives the category from the scanned directory, and takes one given', () => {
    expect(runOf(renderSarif(report)).category).toBe('sscop/');
    const sub = { ...report, metadata: { ...report.metadata, pathInRepository: 'services/api' } };
    const { category, results } = runOf(renderSarif(sub));
    expect(category).toBe('sscop/services/api/');
    const policy = results.find((r) => r.ruleId.startsWith('security-policy'))!;
    expect(policy.locations[0]!.physicalLocation.artifactLocation.uri).toBe('services/api/SECURITY.md');
    expect(runOf(renderSarif(report, { category: 'mine' })).category).toBe('mine/');
  });
});

describe('related locations', () => {
  it('carries a finding’s related places as SARIF related locations, valid against the schema', async () => {
    const root = await makeTree({
      '.github/workflows/pr.yml': [
        'on:',
        '  pull_request_target:',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
        '        with:',
        '          ref: ${{ github.event.pull_request.head.sha }}',
        '      - run: npm test',
        '',
      ].join('\n'),
    });
    try {
      const { report } = await scan({ root, today: new Date('2026-11-22T00:00:00Z') });
      const sarif = renderSarif(report);
      expect(validateSarif(sarif)).toEqual([]);
      const results = sarif.runs[0]!.results as Array<{
        ruleId: string;
        relatedLocations?: Array<{
          physicalLocation: { region: { startLine: number } };
          message: { text: string };
        }>;
      }>;
      const dangerous = results.find((r) => r.ruleId.startsWith('dangerous-workflow'))!;
      expect(dangerous.relatedLocations).toEqual([
        expect.objectContaining({
          physicalLocation: expect.objectContaining({ region: expect.objectContaining({ startLine: 2 }) }),
          message: { text: expect.stringContaining('pull_request_target') },
        }),
      ]);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
