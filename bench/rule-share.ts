/**
 * The share of a scan taken by the checks added for workflow audits (credentials, secrets, runners,
 * environment injection, conditions, third-party references): the same scan with those checks
 * disabled by a config file, timed in turn with the full scan. Disabled checks are left out of the
 * read plan and the workflow walk, so the difference is everything they cost.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** The checks whose share is held to the target; the rules added inside older checks are not counted. */
export const WORKFLOW_AUDIT_CHECKS = [
  'workflow-credentials',
  'workflow-secrets',
  'workflow-runners',
  'workflow-env-injection',
  'workflow-conditions',
  'workflow-references',
] as const;

/** Their share of the scan may be at most this fraction. */
export const AUDIT_SHARE_TARGET = 0.1;

/** Writes a config that disables `ids` (each with the reason the config requires); returns its path. */
export function configWithout(dir: string, ids: readonly string[]): string {
  const file = path.join(dir, 'without-workflow-audits.yml');
  const lines = [
    'checks:',
    ...ids.map((id) => `  ${id}: { enabled: false, reason: benchmark of their cost }`),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** (full − without) ÷ full, for one scan of each. */
export function auditShare(fullMs: number, withoutMs: number): number {
  return (fullMs - withoutMs) / fullMs;
}

/**
 * Full and without scans timed back to back: at least this many pairs give the share. With three,
 * all full scan first, six runs of the same code on a busy shared machine gave 3.3 to 18.3 %.
 */
export const AUDIT_SHARE_PAIRS = 6;

/** One pair: the two scans' times, and which ran first. */
export interface AuditPair {
  full: number;
  without: number;
  fullFirst: boolean;
}

/**
 * The share from pairs of scans timed back to back. A pair's own ratio cancels a slow stretch that
 * covers both of its scans (one pair alone swung from 4 to 11 % as the load changed between
 * them), and its median over the pairs a slow pair. The second scan of a pair is favoured by
 * several per cent (a run whose last pairs ran the reduced scan first gave −4.6 %), so the pairs of
 * each order give a median of their own and the share is the mean of the two.
 */
export function auditShareOfPairs(pairs: readonly AuditPair[]): { share: number; median: AuditPair } {
  if (!pairs.length) throw new Error('no pairs of scans to compare');
  const medianOf = (group: readonly AuditPair[]) => {
    const ranked = [...group].sort((a, b) => auditShare(a.full, a.without) - auditShare(b.full, b.without));
    const pair = ranked[Math.floor((ranked.length - 1) / 2)]!;
    return { share: auditShare(pair.full, pair.without), median: pair };
  };
  const groups = [pairs.filter((p) => p.fullFirst), pairs.filter((p) => !p.fullFirst)].filter(
    (g) => g.length,
  );
  const medians = groups.map(medianOf);
  const share = medians.reduce((sum, m) => sum + m.share, 0) / medians.length;
  return { share, median: medianOf(pairs).median };
}
