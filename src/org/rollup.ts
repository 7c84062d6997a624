/**
 * The estate roll-up: per-repository summaries added one at a time into the figures every output
 * shows (estate score, principles most often not met, repositories furthest from the threshold,
 * coverage, what could not be observed and what would reveal most of it). Adding is pure and keeps
 * a few numbers per repository, so 5,000 reports take a few megabytes.
 */
import { CLAIM_STATUSES, type ClaimStatus } from '../model/types.js';
import { PERMISSIONS } from '../github/permissions.js';
import type { RepositorySummary } from './repository-report.js';

export const ROLLUP_SCHEMA_VERSION = '1.0';

export interface EstateRepository {
  repository: string;
  score: number;
  threshold: number;
  passed: boolean;
  /** Score less threshold: negative when below it. */
  gap: number;
  coverage: { observed: number; total: number; unknown: number };
  findings: number;
  /** Status of each principle, by principle id. */
  principles: Record<string, ClaimStatus>;
  unobservedChecks: number;
}

export interface EstatePrinciple {
  id: string;
  title: string;
  counts: Record<ClaimStatus, number>;
  /** Repositories where the principle is not met or only partly met. */
  notMet: number;
  /** Mean of the repositories' principle scores, over those where it was observed. */
  meanScore: number | null;
}

export interface UnobservedTally {
  checkId: string;
  repositories: number;
  /** The most common reason given. */
  reason: string;
}

/** What, granted, would reveal the most unknown checks (named from PERMISSIONS where it quotes one). */
export interface Revealer {
  howToObserve: string;
  repositories: number;
  checks: number;
}

export interface Rollup {
  schemaVersion: string;
  generatedAt: string;
  /** The threshold the estate was judged by (`--threshold`); null when each report's own was used. */
  threshold: number | null;
  estate: {
    repositories: number;
    passed: number;
    /** Mean of the repositories' scores, rounded. */
    score: number;
    coverage: { observed: number; total: number; percent: number };
    unreadable: number;
  };
  principles: EstatePrinciple[];
  repositories: EstateRepository[];
  unobserved: { checks: UnobservedTally[]; revealer: Revealer | null };
  unreadable: { file: string; problem: string }[];
}

const emptyCounts = (): Record<ClaimStatus, number> =>
  Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;

/** Adds repositories one at a time; `result()` gives the roll-up. */
export class RollupBuilder {
  private readonly repositories = new Map<string, EstateRepository>();
  private readonly principles = new Map<string, EstatePrinciple & { scoreSum: number; scored: number }>();
  private readonly unknownChecks = new Map<string, { repositories: number; reasons: Map<string, number> }>();
  private readonly revealers = new Map<string, { repositories: number; checks: number }>();
  readonly unreadable: { file: string; problem: string }[] = [];

  constructor(private readonly threshold: number | undefined) {}

  /** Adds one repository; a second report for the same repository is unreadable (the first counts). */
  add(summary: RepositorySummary): void {
    const key = summary.repository.toLowerCase();
    if (this.repositories.has(key)) {
      this.unreadable.push({ file: summary.file, problem: `a second report for ${summary.repository}` });
      return;
    }
    const threshold = this.threshold ?? summary.threshold;
    const statuses: Record<string, ClaimStatus> = {};
    for (const p of summary.principles) {
      statuses[p.id] = p.status;
      this.addPrinciple(p);
    }
    this.tallyUnobserved(summary);
    this.repositories.set(key, {
      repository: summary.repository,
      score: summary.score,
      threshold,
      passed: this.threshold === undefined ? summary.passed : summary.score >= threshold,
      gap: summary.score - threshold,
      coverage: summary.coverage,
      findings: summary.findings,
      principles: statuses,
      unobservedChecks: summary.unobserved.length,
    });
  }

  private addPrinciple(p: RepositorySummary['principles'][number]): void {
    let entry = this.principles.get(p.id);
    if (!entry) {
      entry = {
        id: p.id,
        title: p.title,
        counts: emptyCounts(),
        notMet: 0,
        meanScore: null,
        scoreSum: 0,
        scored: 0,
      };
      this.principles.set(p.id, entry);
    }
    entry.counts[p.status]++;
    if (p.status === 'not-met' || p.status === 'partially-met') entry.notMet++;
    if (p.score !== null) {
      entry.scoreSum += p.score;
      entry.scored++;
    }
  }

  private tallyUnobserved(summary: RepositorySummary): void {
    const revealedHere = new Map<string, number>();
    for (const u of summary.unobserved) {
      let check = this.unknownChecks.get(u.checkId);
      if (!check) this.unknownChecks.set(u.checkId, (check = { repositories: 0, reasons: new Map() }));
      check.repositories++;
      check.reasons.set(u.reason, (check.reasons.get(u.reason) ?? 0) + 1);
      const revealer = revealerOf(u.howToObserve);
      revealedHere.set(revealer, (revealedHere.get(revealer) ?? 0) + 1);
    }
    for (const [revealer, checks] of revealedHere) {
      const entry = this.revealers.get(revealer) ?? { repositories: 0, checks: 0 };
      entry.repositories++;
      entry.checks += checks;
      this.revealers.set(revealer, entry);
    }
  }

  result(generatedAt: Date): Rollup {
    const repositories = [...this.repositories.values()].sort((a, b) =>
      compareText(a.repository, b.repository),
    );
    const observed = repositories.reduce((n, r) => n + r.coverage.observed, 0);
    const total = repositories.reduce((n, r) => n + r.coverage.total, 0);
    const scoreSum = repositories.reduce((n, r) => n + r.score, 0);
    const revealer = [...this.revealers].sort(
      ([a, x], [b, y]) => y.repositories - x.repositories || y.checks - x.checks || compareText(a, b),
    )[0];
    return {
      schemaVersion: ROLLUP_SCHEMA_VERSION,
      generatedAt: generatedAt.toISOString(),
      threshold: this.threshold ?? null,
      estate: {
        repositories: repositories.length,
        passed: repositories.filter((r) => r.passed).length,
        score: repositories.length ? Math.round(scoreSum / repositories.length) : 0,
        coverage: { observed, total, percent: total ? Math.round((100 * observed) / total) : 0 },
        unreadable: this.unreadable.length,
      },
      principles: [...this.principles.values()]
        .sort((a, b) => comparePrincipleIds(a.id, b.id))
        .map(({ scoreSum: sum, scored, ...p }) => ({
          ...p,
          meanScore: scored ? Math.round(sum / scored) : null,
        })),
      repositories,
      unobserved: {
        checks: [...this.unknownChecks]
          .map(([checkId, c]) => ({ checkId, repositories: c.repositories, reason: mostCommon(c.reasons) }))
          .sort((a, b) => b.repositories - a.repositories || compareText(a.checkId, b.checkId)),
        revealer: revealer ? { howToObserve: revealer[0], ...revealer[1] } : null,
      },
      unreadable: this.unreadable,
    };
  }
}

/**
 * What reveals an unknown check: the permission it quotes (worded as in github/permissions.ts, so
 * checks wording it differently still count together), else its own words.
 */
export function revealerOf(howToObserve: string): string {
  const quoted = Object.values(PERMISSIONS)
    .filter((p) => howToObserve.includes(p))
    .sort((a, b) => b.length - a.length)[0];
  return quoted ?? howToObserve.slice(0, 300);
}

/** Principles not met most often first (then by mean score, lowest first). */
export function principlesMostOftenNotMet(rollup: Rollup): EstatePrinciple[] {
  return rollup.principles
    .filter((p) => p.notMet > 0)
    .sort((a, b) => b.notMet - a.notMet || (a.meanScore ?? 101) - (b.meanScore ?? 101));
}

/** Repositories below their threshold, furthest first. */
export function furthestBelow(rollup: Rollup): EstateRepository[] {
  return rollup.repositories
    .filter((r) => r.gap < 0)
    .sort((a, b) => a.gap - b.gap || compareText(a.repository, b.repository));
}

function mostCommon(counts: Map<string, number>): string {
  return [...counts].sort(([a, x], [b, y]) => y - x || compareText(a, b))[0]?.[0] ?? '';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `1.10` after `1.9`. */
export function comparePrincipleIds(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1! - b1! || a2! - b2!;
}
