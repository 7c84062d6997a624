/**
 * The roll-up as CSV for spreadsheets and BI: one row per repository, one column per principle.
 * Text from a report is quoted (RFC 4180), and a cell a spreadsheet would run as a formula
 * (starting `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'` so it stays text.
 */
import type { Rollup } from './rollup.js';

export function* renderRollupCsv(rollup: Rollup): Generator<string> {
  const ids = rollup.principles.map((p) => p.id);
  const header = [
    'repository',
    'score',
    'threshold',
    'passed',
    'gap',
    'claims_observed',
    'claims_total',
    'claims_unknown',
    'findings',
    'checks_unobserved',
    ...ids.map((id) => `principle_${id}`),
  ];
  yield `${header.join(',')}\r\n`;
  for (const r of rollup.repositories) {
    const cells = [
      textCell(r.repository),
      r.score,
      r.threshold,
      r.passed,
      r.gap,
      r.coverage.observed,
      r.coverage.total,
      r.coverage.unknown,
      r.findings,
      r.unobservedChecks,
      ...ids.map((id) => r.principles[id] ?? ''),
    ];
    yield `${cells.join(',')}\r\n`;
  }
}

/** A text cell, quoted when it must be and kept from running as a formula. */
export function textCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}
