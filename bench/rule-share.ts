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

/** (full − without) ÷ full, from the medians of the two scans' wall times. */
export function auditShare(fullMs: number, withoutMs: number): number {
  return (fullMs - withoutMs) / fullMs;
}
