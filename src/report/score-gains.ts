/**
 * The fixes that raise the score most: for each failing or partial check, the score the report
 * would have if that check passed, computed as the assessment computes the score (a weighted mean
 * of observed checks), so the summary never promises more than a fix gives.
 */
import { CHECK_VALUE } from '../assess/assess.js';
import type { Report, ReportCheck } from './report.js';

export interface ScoreGain {
  check: ReportCheck;
  /** Points the score rises by when this check passes. */
  points: number;
}

export function scoreGains(report: Pick<Report, 'checks' | 'score'>): ScoreGain[] {
  const scored = report.checks.filter(
    (c) => c.enabled && c.weight > 0 && CHECK_VALUE[c.status] !== undefined,
  );
  const weights = scored.reduce((sum, c) => sum + c.weight, 0);
  const weighted = scored.reduce((sum, c) => sum + CHECK_VALUE[c.status]! * c.weight, 0);
  if (weights === 0) return [];
  return scored
    .filter((c) => CHECK_VALUE[c.status]! < 1)
    .map((check) => ({
      check,
      points:
        Math.round((100 * (weighted + (1 - CHECK_VALUE[check.status]!) * check.weight)) / weights) -
        report.score,
    }))
    .filter((g) => g.points > 0)
    .sort((a, b) => b.points - a.points || b.check.weight - a.check.weight);
}
