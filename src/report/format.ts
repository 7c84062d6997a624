/** Words and symbols shared by the renderers, so every report says the same thing the same way. */
import type { CheckStatus, ClaimStatus, Severity } from '../model/types.js';
import type { Report } from './report.js';
import { shorten } from '../shorten.js';

export const CHECK_STATUS_LABEL: Record<CheckStatus, string> = {
  pass: 'pass',
  partial: 'partial',
  fail: 'fail',
  unknown: 'unknown',
  'not-applicable': 'n/a',
};

export const CLAIM_STATUS_LABEL: Record<ClaimStatus, string> = {
  met: 'met',
  'partially-met': 'partially met',
  'not-met': 'not met',
  attested: 'attested',
  unknown: 'unknown',
  'not-applicable': 'n/a',
};

export const CLAIM_STATUS_ICON: Record<ClaimStatus, string> = {
  met: '🟢',
  'partially-met': '🟡',
  'not-met': '🔴',
  attested: '🔵',
  unknown: '⚪',
  'not-applicable': '➖',
};

export const CHECK_STATUS_ICON: Record<CheckStatus, string> = {
  pass: '🟢',
  partial: '🟡',
  fail: '🔴',
  unknown: '⚪',
  'not-applicable': '➖',
};

/** With new-findings-only, a pull request that adds a finding of these severities fails the gate. */
export const GATING_SEVERITIES: ReadonlySet<Severity> = new Set(['critical', 'high', 'medium']);

/** Severity at a glance; the word is always shown beside it. */
export const SEVERITY_ICON: Record<Severity, string> = {
  critical: '🛑',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: 'ℹ️',
};

export function coverageText(report: Report): string {
  const c = report.coverage;
  const pct = c.total ? Math.round((100 * c.observed) / c.total) : 0;
  return `${c.observed}/${c.total} claims observed (${pct}%), ${c.attested} attested, ${c.unknown} unknown`;
}

export function verdictText(report: Report): string {
  return report.passed ? 'passed' : `failed: ${report.gate.reasons.join('; ')}`;
}

/** `path:line:column` as far as known. */
export function locationText(f: { path?: string; line?: number; column?: number }): string {
  if (!f.path) return '(repository)';
  return `${f.path}${f.line ? `:${f.line}` : ''}${f.line && f.column ? `:${f.column}` : ''}`;
}

/**
 * What a reader must know about suppressions, first: what a pull request suppresses on its own
 * lines (and whether that applies), then how many findings are accepted. Plain text.
 */
export function suppressionSentences(report: Report): { pullRequest?: string; accepted?: string } {
  const s = report.suppressions;
  if (!s) return {};
  const out: { pullRequest?: string; accepted?: string } = {};
  const pr = s.pullRequest;
  if (pr) {
    const listed = pr.findings
      .slice(0, 5)
      .map((f) => `${f.checkId} at ${locationText(f)} ("${shorten(f.reason, 100)}")`)
      .join('; ');
    const more = pr.findings.length > 5 ? `; and ${pr.findings.length - 5} more` : '';
    out.pullRequest =
      `This pull request suppresses ${pr.findings.length} finding(s) with sscop: ignore comments on lines it adds: ${listed}${more}. ` +
      (pr.applied
        ? 'Applied: the workflow sets allow-pull-request-suppressions.'
        : 'Not applied to its gate (a workflow allows them with allow-pull-request-suppressions: true).');
  }
  if (s.applied)
    out.accepted = `${s.applied} finding(s) suppressed: accepted with a reason, and listed as suppressed.`;
  return out;
}
