/**
 * The roll-up as a job summary: the estate score, the principles most often not met, the
 * repositories furthest below the threshold, coverage, what could not be observed estate-wide and
 * what would reveal most of it, and the change since the baseline. Lists are cut to a few rows so
 * the summary stays far below GitHub's 1 MiB limit whatever the estate's size; the full figures
 * are in estate.json, estate.csv and dashboard.html. Every string from a report is escaped.
 */
import { escapeMarkdown as md } from '../report/escape.js';
import { furthestBelow, principlesMostOftenNotMet, type Rollup } from './rollup.js';
import type { RollupChange } from './rollup-change.js';

/** Rows shown per list. */
export const SUMMARY_ROWS = 10;

export function renderRollupMarkdown(rollup: Rollup, change?: RollupChange): string {
  const { estate } = rollup;
  const out: string[] = [
    '## sscop — estate roll-up',
    '',
    `**Estate score ${estate.score}/100** over ${estate.repositories} repositories: ${estate.passed} passed, ${estate.repositories - estate.passed} below ${rollup.threshold === null ? 'their threshold' : `the threshold of ${rollup.threshold}`}.`,
    '',
    `Coverage: ${estate.coverage.observed} of ${estate.coverage.total} claims observed across the estate (${estate.coverage.percent}%).` +
      (estate.unreadable
        ? ` ${estate.unreadable} report files could not be read (listed in estate.json).`
        : ''),
  ];
  out.push(...principleSection(rollup), ...furthestSection(rollup), ...unobservedSection(rollup));
  if (change) out.push(...changeSection(change));
  out.push('', 'Full figures: estate.json, estate.csv and dashboard.html in the roll-up artifact.', '');
  return out.join('\n');
}

function more(total: number): string[] {
  return total > SUMMARY_ROWS ? ['', `…and ${total - SUMMARY_ROWS} more.`] : [];
}

function principleSection(rollup: Rollup): string[] {
  const principles = principlesMostOftenNotMet(rollup);
  if (!principles.length)
    return ['', '### Principles', '', 'Every observed principle is met in every repository.'];
  return [
    '',
    '### Principles most often not met',
    '',
    '| principle | not met or partly met | mean score |',
    '|---|---:|---:|',
    ...principles
      .slice(0, SUMMARY_ROWS)
      .map(
        (p) =>
          `| ${md(p.id)} ${md(p.title)} | ${p.notMet} of ${rollup.estate.repositories} | ${p.meanScore ?? '—'} |`,
      ),
    ...more(principles.length),
  ];
}

function furthestSection(rollup: Rollup): string[] {
  const below = furthestBelow(rollup);
  if (!below.length) return ['', '### Repositories below the threshold', '', 'None.'];
  return [
    '',
    '### Repositories furthest below the threshold',
    '',
    '| repository | score | threshold | claims observed |',
    '|---|---:|---:|---:|',
    ...below
      .slice(0, SUMMARY_ROWS)
      .map(
        (r) =>
          `| ${md(r.repository)} | ${r.score} | ${r.threshold} | ${r.coverage.observed}/${r.coverage.total} |`,
      ),
    ...more(below.length),
  ];
}

function unobservedSection(rollup: Rollup): string[] {
  const { checks, revealer } = rollup.unobserved;
  if (!checks.length) return ['', '### Not observed', '', 'Every check was observed in every repository.'];
  const lines = [
    '',
    '### Not observed across the estate',
    '',
    '| check | repositories | most common reason |',
    '|---|---:|---|',
    ...checks.slice(0, SUMMARY_ROWS).map((c) => `| ${md(c.checkId)} | ${c.repositories} | ${md(c.reason)} |`),
    ...more(checks.length),
  ];
  if (revealer)
    lines.push(
      '',
      `**What would reveal most:** ${md(revealer.howToObserve)} — ${revealer.checks} unknown checks in ${revealer.repositories} repositories.`,
    );
  return lines;
}

function changeSection(change: RollupChange): string[] {
  const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
  const moved = change.principles.filter((p) => p.notMetAfter !== p.notMetBefore);
  const list = (names: string[]): string =>
    names.length
      ? `${names.slice(0, SUMMARY_ROWS).map(md).join(', ')}${names.length > SUMMARY_ROWS ? ', …' : ''}`
      : 'none';
  return [
    '',
    `### Change since ${md(change.since)}`,
    '',
    `- Estate score ${change.score.before} → ${change.score.after} (${signed(change.score.after - change.score.before)}); coverage ${change.coveragePercent.before}% → ${change.coveragePercent.after}%.`,
    `- Now below the threshold (${change.newlyFailing.length}): ${list(change.newlyFailing.map((r) => `${r.repository} (${r.before} → ${r.after})`))}.`,
    `- Now passing (${change.newlyPassing.length}): ${list(change.newlyPassing.map((r) => r.repository))}.`,
    `- Repositories added (${change.added.length}): ${list(change.added)}; removed (${change.removed.length}): ${list(change.removed)}.`,
    ...moved
      .slice(0, SUMMARY_ROWS)
      .map((p) => `- Principle ${md(p.id)} not met in ${p.notMetBefore} → ${p.notMetAfter} repositories.`),
  ];
}
