/**
 * Judging a change rather than the whole repository: findings on lines a pull request added (or
 * not in a baseline report) are marked `new` and listed first, and the new-findings gate judges
 * those. Shared by the action (pull requests, baselines) and the CLI (`--baseline`).
 */
import { isChanged, type ChangedLines } from '../evidence/diff.js';
import { GATING_SEVERITIES } from './format.js';
import { countsForGate, type Finding } from '../model/types.js';
import type { Report } from './report.js';

export function markNewFindings(report: Report, changed: ChangedLines): Report {
  return {
    ...report,
    checks: report.checks.map((c) => ({
      ...c,
      findings: c.findings.map((f) => (isChanged(changed, f.path, f.line) ? { ...f, new: true } : f)),
    })),
  };
}

/** The changed lines under the scanned folder (`path` input), keyed from that folder as the scan's paths are. */
export function changedUnder(changed: ChangedLines, scanPath: string): ChangedLines {
  const prefix = scanPath.replace(/^\.\/?/, '').replace(/\/+$/, '');
  if (prefix === '') return changed;
  const under: ChangedLines = new Map();
  for (const [file, lines] of changed) {
    if (file.startsWith(`${prefix}/`)) under.set(file.slice(prefix.length + 1), lines);
  }
  return under;
}

/**
 * The gate for `new-findings-only` (and for a baseline: `change` then names what is judged): the score threshold is not applied (it describes the whole
 * repository, not the change); the gate fails when the pull request adds a finding of medium
 * severity or above, and `fail-on` items still apply.
 */
export function gateOnNewFindings(report: Report, change = 'the pull request'): Report {
  const newFindings = report.checks
    .filter((c) => c.enabled)
    .flatMap((c) => c.findings.filter((f) => f.new && gatesOnChange(f, report)));
  const failOnReasons = report.gate.reasons.filter((r) => r.startsWith('required '));
  const reasons = [...failOnReasons];
  if (newFindings.length)
    reasons.unshift(
      `${change} adds ${newFindings.length} finding${newFindings.length === 1 ? '' : 's'} of medium severity or above`,
    );
  const { minConfidence } = report.gate;
  return {
    ...report,
    passed: reasons.length === 0,
    gate: { reasons, basis: 'new-findings', ...(minConfidence ? { minConfidence } : {}) },
  };
}

/** A finding that fails the gate when a change adds it: medium or above, counted (not suppressed, confident enough). */
export function gatesOnChange(f: Finding, report: Pick<Report, 'gate'>): boolean {
  return GATING_SEVERITIES.has(f.severity) && countsForGate(f, report.gate.minConfidence);
}
