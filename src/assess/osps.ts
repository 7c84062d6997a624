/**
 * Which OSPS Baseline controls the observed evidence supports, through the crosswalk: a control is
 * supported when every principle and claim it maps to is met, partially when some are (or are
 * partly met). Vendor declarations (`attested`) and unknowns are not observed evidence, so they
 * never make a control supported. Pure: the claims' and principles' statuses in, the controls out.
 */
import type { ClaimStatus } from '../model/types.js';
import type { Crosswalk, CrosswalkSource } from '../rules/crosswalk.js';
import type { PrincipleAssessment } from './assess.js';

export const OSPS_STATUSES = [
  'supported',
  'partially-supported',
  'not-supported',
  'not-observed',
  'not-applicable',
] as const;
export type OspsStatus = (typeof OSPS_STATUSES)[number];

export interface OspsReference {
  kind: 'principle' | 'claim';
  id: string;
  status: ClaimStatus;
}

export interface OspsControlAssessment {
  id: string;
  title: string;
  status: OspsStatus;
  /** The Code's principles and claims the catalog maps the control to, with their statuses here. */
  mappedTo: OspsReference[];
}

export interface OspsAssessment {
  catalog: CrosswalkSource;
  controls: OspsControlAssessment[];
}

export function assessOspsControls(
  principles: readonly PrincipleAssessment[],
  crosswalk: Crosswalk,
): OspsAssessment {
  const principleStatus = new Map(principles.map((p) => [p.id, p.status]));
  const claimStatus = new Map(principles.flatMap((p) => p.claims.map((c) => [c.id, c.status] as const)));
  const controls = crosswalk.controls.map((control) => {
    const mappedTo: OspsReference[] = [
      ...control.principles.map((id) => ({
        kind: 'principle' as const,
        id,
        status: principleStatus.get(id) ?? 'unknown',
      })),
      ...control.claims.map((id) => ({
        kind: 'claim' as const,
        id,
        status: claimStatus.get(id) ?? 'unknown',
      })),
    ];
    return { id: control.id, title: control.title, status: controlStatus(mappedTo), mappedTo };
  });
  return { catalog: crosswalk.source, controls };
}

function controlStatus(references: readonly OspsReference[]): OspsStatus {
  const scoped = references.map((r) => r.status).filter((s) => s !== 'not-applicable');
  if (!scoped.length) return 'not-applicable';
  if (scoped.every((s) => s === 'met')) return 'supported';
  if (scoped.some((s) => s === 'met' || s === 'partially-met')) return 'partially-supported';
  if (scoped.some((s) => s === 'not-met')) return 'not-supported';
  return 'not-observed';
}

/** How many controls have each status, for a one-line summary. */
export function ospsStatusCounts(assessment: OspsAssessment): Record<OspsStatus, number> {
  const counts = Object.fromEntries(OSPS_STATUSES.map((s) => [s, 0])) as Record<OspsStatus, number>;
  for (const c of assessment.controls) counts[c.status]++;
  return counts;
}
