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
 * Full and without scans timed back to back: at least this many pairs give the share (their
 * median). With three, six runs of the same code on a busy shared machine gave 3.3 to 18.3 %.
 */
export const AUDIT_SHARE_PAIRS = 5;

/**
 * The share from pairs of scans timed back to back: the median of each pair's share, with the pair
 * it came from. One pair alone swung from 4 to 11 % as the machine's load changed between its two
 * scans; a pair's own ratio cancels a slow stretch that covers both.
 */
export function auditShareOfPairs(pairs: ReadonlyArray<readonly [number, number]>): {
  share: number;
  pair: readonly [number, number];
} {
  if (!pairs.length) throw new Error('no pairs of scans to compare');
  const ranked = pairs
    .map((pair) => ({ share: auditShare(pair[0], pair[1]), pair }))
    .sort((a, b) => a.share - b.share);
  return ranked[Math.floor((ranked.length - 1) / 2)]!;
}
