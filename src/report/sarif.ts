/**
 * SARIF 2.1.0 for GitHub code scanning. GitHub shows an alert's severity from its rule's
 * `security-severity`, not the result's, so each check has one rule for its own severity (id: the
 * check id) and one more for each other severity its findings have (id: `<check>/<severity>`); a
 * rule inside a check (`<check>/<rule>`) and a confidence below high (`…/low-confidence`, the
 * rule's `precision`) make rules of their own, so each can be filtered and dismissed by id. Each
 * rule has help text, a help URI to the check's doc when a docs base URL is known, and tags
 * naming the Code's principles. Every finding is a result: located findings at their exact region,
 * a finding about the repository as a whole on line 1 of the file that would fix it (or the
 * README). The category (`automationDetails.id`) names the scanned directory, so runs over two
 * paths of one repository keep their own alerts.
 */
import { confidenceOf, type Confidence, type Finding, type Severity, type Span } from '../model/types.js';
import { encodePath, stripControl } from './escape.js';
import { findingId, findingTextOf } from './finding-text.js';
import { fingerprintsByFinding } from './fingerprint.js';
import { rankedFindings, type Report, type ReportCheck } from './report.js';
import { repositoryPath } from './repository-paths.js';

/** GitHub accepts at most 25,000 results per run. */
export const SARIF_MAX_RESULTS = 25_000;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub maps security-severity to critical (≥9), high (7–8.9), medium (4–6.9), low (0.1–3.9).
 * Informational findings have none, so GitHub shows their level, "Note".
 */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

/** Where a finding about the repository as a whole is shown when its check names no file to fix. */
export const DEFAULT_REPOSITORY_ANCHOR = 'README.md';
export const DEFAULT_SARIF_CATEGORY = 'sscop/';

export interface SarifOptions {
  /** Base URL under which `docs/checks/<id>.md` is published, e.g. the action repository at its ref. */
  docsBaseUrl?: string;
  /** The code-scanning category; by default `sscop/` and the scanned directory (`sscop/services/api/`). */
  category?: string;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<Record<string, unknown>>;
}

export function renderSarif(report: Report, options: SarifOptions = {}): SarifLog {
  const rules = new RuleTable(report.checks, options.docsBaseUrl);
  const fingerprints = fingerprintsByFinding(report.checks);
  const text = findingTextOf(report);
  const anchor = repositoryAnchor(report);
  const results = rankedFindings(report)
    .slice(0, SARIF_MAX_RESULTS)
    .map((f) => {
      const file = f.path ?? anchor(f);
      const rule = rules.ruleFor(f);
      const securitySeverity = SECURITY_SEVERITY[f.severity];
      return {
        ruleId: rule.id,
        ruleIndex: rule.index,
        level: LEVEL[f.severity],
        // Plain text, but viewers may still act on control characters from repository text.
        message: { text: stripControl(text(f).messageWithFix) },
        locations: [
          {
            physicalLocation: {
              // Per segment: encodeURI would leave `#` and `?` in a file name to start a fragment or query.
              artifactLocation: { uri: encodePath(file), uriBaseId: '%SRCROOT%' },
              region: f.path ? region(f) : { startLine: 1 },
            },
          },
        ],
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((r, id) => ({
                id,
                physicalLocation: {
                  artifactLocation: { uri: encodePath(r.path), uriBaseId: '%SRCROOT%' },
                  region: region(r),
                },
                message: { text: stripControl(r.note) },
              })),
            }
          : {}),
        // Stable across unrelated edits: no line numbers (report/fingerprint.ts).
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
        properties: {
          severity: f.severity,
          confidence: confidenceOf(f),
          ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
          ...(f.path ? {} : { repositoryLevel: true }),
        },
      };
    });
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
            rules: rules.all(),
          },
        },
        automationDetails: { id: sarifCategory(report, options.category) },
        properties: { repository: report.repository, commit: report.commit, score: report.score },
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

/** The category as GitHub reads it from `automationDetails.id`: everything up to the last `/`. */
export function sarifCategory(report: Pick<Report, 'metadata'>, category?: string): string {
  const chosen = category?.trim()
    ? stripControl(category.trim())
    : `${DEFAULT_SARIF_CATEGORY}${report.metadata.pathInRepository ? `${report.metadata.pathInRepository}/` : ''}`;
  return chosen.endsWith('/') ? chosen : `${chosen}/`;
}

type SarifRule = Record<string, unknown> & { id: string };

/** What makes a SARIF rule: the check, the rule inside it, the severity and the confidence. */
interface RuleKey {
  check: ReportCheck;
  rule?: string;
  severity: Severity;
  confidence: Confidence;
}

/**
 * One rule per check at its own severity, and one more per rule id, other severity and lower
 * confidence its findings have.
 */
class RuleTable {
  private readonly rules: SarifRule[];
  private readonly index = new Map<string, number>();
  private readonly checks: Map<string, ReportCheck>;

  constructor(
    checks: readonly ReportCheck[],
    private readonly docsBaseUrl: string | undefined,
  ) {
    this.checks = new Map(checks.map((c) => [c.id, c]));
    this.rules = checks.map((c) => this.rule({ check: c, severity: c.severity, confidence: 'high' }));
    this.rules.forEach((r, i) => this.index.set(r.id, i));
  }

  ruleFor(f: Finding): { id: string; index: number } {
    const check = this.checks.get(f.checkId);
    if (!check) return { id: f.checkId, index: 0 };
    const key: RuleKey = {
      check,
      ...(f.rule ? { rule: f.rule } : {}),
      severity: f.severity,
      confidence: confidenceOf(f),
    };
    const id = ruleId(key);
    let index = this.index.get(id);
    if (index === undefined) {
      index = this.rules.push(this.rule(key)) - 1;
      this.index.set(id, index);
    }
    return { id, index };
  }

  all(): SarifRule[] {
    return this.rules;
  }

  private rule(key: RuleKey): SarifRule {
    const { check: c, severity } = key;
    const securitySeverity = SECURITY_SEVERITY[severity];
    const id = ruleId(key);
    const title = key.rule ? `${c.title}: ${key.rule}` : c.title;
    return {
      id,
      name: pascal(id.replaceAll('/', '-')),
      shortDescription: { text: title },
      fullDescription: { text: `${title}. Evidence for the Code's claims ${c.claims.join(', ')}.` },
      ...(this.docsBaseUrl ? { helpUri: `${this.docsBaseUrl.replace(/\/$/, '')}/${c.docs}` } : {}),
      help: {
        text: `${c.remediation}\n\nSee ${c.docs}.`,
        markdown: `${c.remediation}\n\nPrinciples: ${c.principles.join(', ')}; claims: ${c.claims.join(', ')}. See \`${c.docs}\`.`,
      },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: {
        ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
        precision: key.confidence,
        tags: ['security', 'uk-software-security-code', ...c.principles.map((p) => `principle-${p}`)],
      },
    };
  }
}

/** `<check>[/<rule>][/<severity>][/<confidence>-confidence]`: the parts that differ from the check's own. */
function ruleId(key: RuleKey): string {
  return [
    findingId({ checkId: key.check.id, ...(key.rule ? { rule: key.rule } : {}) }),
    ...(key.severity === key.check.severity ? [] : [key.severity]),
    ...(key.confidence === 'high' ? [] : [`${key.confidence}-confidence`]),
  ].join('/');
}

/**
 * Where a finding without a file is shown: the file that would fix it, as the check's evidence
 * names it when it found one (`.github/SECURITY.md`), else at its usual place in the scanned
 * directory; otherwise the README.
 */
function repositoryAnchor(report: Report): (f: Finding) => string {
  const prefix = report.metadata.pathInRepository;
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  return (f) => {
    const anchor = checks.get(f.checkId)?.fixFile ?? DEFAULT_REPOSITORY_ANCHOR;
    const name = anchor.slice(anchor.lastIndexOf('/') + 1).toLowerCase();
    const seen = checks
      .get(f.checkId)
      ?.evidence.find((e) => e.path && e.path.slice(e.path.lastIndexOf('/') + 1).toLowerCase() === name);
    return seen?.path ?? repositoryPath(prefix, anchor);
  };
}

function region(f: Partial<Span>): Record<string, number> {
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
