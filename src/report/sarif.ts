/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per check (help text, help URI to the check's doc
 * when a docs base URL is known, security-severity, tags naming the Code's principles), one result
 * per located finding with its exact region and a stable fingerprint. Findings without a file
 * (repository settings) are left to the summary and the JSON report: code scanning needs a location.
 */
import type { Finding, Severity } from '../model/types.js';
import { encodePath, stripControl } from './escape.js';
import { findingTextOf } from './finding-text.js';
import { fingerprintsByFinding } from './fingerprint.js';
import { rankedFindings, type Report } from './report.js';

/** GitHub accepts at most 25,000 results per run. */
export const SARIF_MAX_RESULTS = 25_000;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub maps security-severity to critical (≥9), high (7–8.9), medium (4–6.9), low (<4). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

export interface SarifOptions {
  /** Base URL under which `docs/checks/<id>.md` is published, e.g. the action repository at its ref. */
  docsBaseUrl?: string;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<Record<string, unknown>>;
}

export function renderSarif(report: Report, options: SarifOptions = {}): SarifLog {
  const rules = report.checks.map((c) => ({
    id: c.id,
    name: pascal(c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: `${c.title}. Evidence for the Code's claims ${c.claims.join(', ')}.` },
    ...(options.docsBaseUrl ? { helpUri: `${options.docsBaseUrl.replace(/\/$/, '')}/${c.docs}` } : {}),
    help: {
      text: `${c.remediation}\n\nSee ${c.docs}.`,
      markdown: `${c.remediation}\n\nPrinciples: ${c.principles.join(', ')}; claims: ${c.claims.join(', ')}. See \`${c.docs}\`.`,
    },
    defaultConfiguration: { level: LEVEL[c.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[c.severity],
      precision: 'high',
      tags: ['security', 'uk-software-security-code', ...c.principles.map((p) => `principle-${p}`)],
    },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const fingerprints = fingerprintsByFinding(report.checks);
  const text = findingTextOf(report);
  const results = rankedFindings(report)
    .filter((f): f is Finding & { path: string } => Boolean(f.path))
    .slice(0, SARIF_MAX_RESULTS)
    .map((f) => ({
      ruleId: f.checkId,
      ruleIndex: ruleIndex.get(f.checkId) ?? 0,
      level: LEVEL[f.severity],
      // Plain text, but viewers may still act on control characters from repository text.
      message: { text: stripControl(text(f).messageWithFix) },
      locations: [
        {
          physicalLocation: {
            // Per segment: encodeURI would leave `#` and `?` in a file name to start a fragment or query.
            artifactLocation: { uri: encodePath(f.path), uriBaseId: '%SRCROOT%' },
            region: region(f),
          },
        },
      ],
      partialFingerprints: { 'sscopFinding/v1': fingerprints.get(f)! },
      // An accepted finding stays in the log, marked, so code scanning shows it as dismissed with why.
      ...(f.suppressed && f.suppression
        ? {
            suppressions: [
              {
                kind: f.suppression.source === 'inline' ? 'inSource' : 'external',
                status: 'accepted',
                justification: stripControl(f.suppression.reason),
              },
            ],
          }
        : {}),
      properties: { 'security-severity': SECURITY_SEVERITY[f.severity] },
    }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sscop',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        automationDetails: { id: 'sscop/' },
        properties: { repository: report.repository, commit: report.commit, score: report.score },
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

function region(f: Finding): Record<string, number> {
  const startLine = Math.max(1, f.line ?? 1);
  const r: Record<string, number> = { startLine };
  if (f.column) r.startColumn = f.column;
  if (f.endLine && f.endLine >= startLine) r.endLine = f.endLine;
  if (f.endColumn && (f.endLine ?? startLine) > startLine) r.endColumn = f.endColumn;
  else if (f.endColumn && f.column && f.endColumn > f.column) r.endColumn = f.endColumn;
  return r;
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
