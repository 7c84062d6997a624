/**
 * Per-repository JSON reports for roll-up tests and the benchmark: one real report (an offline
 * scan of a fixture tree), varied per repository in score, principle statuses and unknown checks.
 * Repository `i` is `acme/repo-NNNN` with score `(i × 37) mod 101` against a threshold of 60, as if
 * scanned online, except that every third has two checks unknown for want of Administration: read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PERMISSIONS } from '../../src/github/permissions.js';
import { CLAIM_STATUSES } from '../../src/model/types.js';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'repo', 'good');
const TODAY = new Date('2026-11-22T00:00:00Z');

/**
 * The offline scan of the fixture repository: the shape every generated report takes. A bundle
 * (the benchmark) names the checkout, since its own folder is elsewhere.
 */
export async function templateReport(repositoryRoot?: string): Promise<Report> {
  const root = repositoryRoot ? path.join(repositoryRoot, '__tests__', 'fixtures', 'repo', 'good') : FIXTURE;
  return (await scan({ root, today: TODAY })).report;
}

export const SCORE_OF = (i: number): number => (i * 37) % 101;
const ADMIN_CHECKS = new Set(['branch-protection', 'actions-settings']);

/** Repository `i`'s report, from the template. */
export function syntheticReport(
  template: Report,
  i: number,
  name = `acme/repo-${String(i).padStart(4, '0')}`,
): Report {
  const score = SCORE_OF(i);
  const threshold = 60;
  return {
    ...template,
    repository: name,
    score,
    threshold,
    passed: score >= threshold,
    principles: template.principles.map((p, k) => ({
      ...p,
      status: CLAIM_STATUSES[(i + k) % CLAIM_STATUSES.length]!,
      score: (i + k) % 4 === 0 ? null : (i * 13 + k * 7) % 101,
    })),
    checks: template.checks.map((c) => {
      if (i % 3 === 0 && ADMIN_CHECKS.has(c.id))
        return {
          ...c,
          status: 'unknown' as const,
          unknown: { reason: 'GitHub answered 403', howToObserve: `grant ${PERMISSIONS.administration}` },
        };
      // As if scanned online with a token that sees everything: what the offline template could not observe passed.
      if (c.status !== 'unknown') return c;
      const { unknown: _offline, ...observed } = c;
      return { ...observed, status: 'pass' as const };
    }),
  };
}

/** Writes `count` reports as artifacts are downloaded: `DIR/sscop-report-NAME/report.json`. */
export async function writeSyntheticReports(dir: string, count: number, template: Report): Promise<void> {
  for (let i = 0; i < count; i++) {
    const report = syntheticReport(template, i);
    const folder = path.join(dir, `sscop-report-${report.repository!.split('/')[1]}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'report.json'), JSON.stringify(report, null, 2));
  }
}
