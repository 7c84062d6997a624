/**
 * Pull-request focus: findings on lines the pull request added are marked `new` and listed first;
 * with `new-findings-only`, the gate judges the change rather than the whole repository.
 */
import { isChanged, type ChangedLines } from '../evidence/diff.js';
import { GATING_SEVERITIES } from '../report/format.js';
import type { Report } from '../report/report.js';

export function markNewFindings(report: Report, changed: ChangedLines): Report {
  return {
    ...report,
    checks: report.checks.map((c) => ({
      ...c,
      findings: c.findings.map((f) => (isChanged(changed, f.path, f.line) ? { ...f, new: true } : f)),
    })),
  };
}

/**
 * The gate for `new-findings-only`: the score threshold is not applied (it describes the whole
 * repository, not the change); the gate fails when the pull request adds a finding of medium
 * severity or above, and `fail-on` items still apply.
 */
export function gateOnNewFindings(report: Report): Report {
  const newFindings = report.checks
    .filter((c) => c.enabled)
    .flatMap((c) => c.findings.filter((f) => f.new && GATING_SEVERITIES.has(f.severity)));
  const failOnReasons = report.gate.reasons.filter((r) => r.startsWith('required '));
  const reasons = [...failOnReasons];
  if (newFindings.length)
    reasons.unshift(
      `the pull request adds ${newFindings.length} finding${newFindings.length === 1 ? '' : 's'} of medium severity or above`,
    );
  return { ...report, passed: reasons.length === 0, gate: { reasons, basis: 'new-findings' } };
}
