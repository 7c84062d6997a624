/**
 * The evidence pack's OSPS Baseline section, as a model both renderers lay out: which controls of
 * the OSPS Baseline catalog the evidence supports through the catalog's own mapping to the Code,
 * with the principles and claims behind each verdict. Plain text; the renderers escape it.
 */
import { ospsStatusCounts, type OspsStatus } from '../assess/osps.js';
import type { ClaimStatus } from '../model/types.js';
import { statusLabel } from './evidence-pack-wording.js';
import type { Report } from './report.js';

export const OSPS_STATUS_LABEL: Record<OspsStatus, string> = {
  supported: 'supported',
  'partially-supported': 'partially supported',
  'not-supported': 'not supported',
  'not-observed': 'not observed',
  'not-applicable': 'not applicable',
};

/** The claim status whose badge (colour, icon) a control status borrows. */
export const OSPS_STATUS_BADGE: Record<OspsStatus, ClaimStatus> = {
  supported: 'met',
  'partially-supported': 'partially-met',
  'not-supported': 'not-met',
  'not-observed': 'unknown',
  'not-applicable': 'not-applicable',
};

export interface PackOspsControl {
  id: string;
  title: string;
  status: OspsStatus;
  /** e.g. `claim 1.4.2 (met), principle 4.1 (unknown)`. */
  mappedTo: string;
}

export interface PackOsps {
  /** What the section shows and where the mapping comes from (one paragraph). */
  intro: string;
  /** The catalog at the commit the mapping was read from (shown as text: the pack links only to evidence). */
  catalogUrl: string;
  summary: string;
  controls: PackOspsControl[];
}

export function packOsps(report: Report): PackOsps | undefined {
  const osps = report.ospsBaseline;
  if (!osps) return undefined;
  const { catalog } = osps;
  const counts = ospsStatusCounts(osps);
  return {
    intro:
      `The ${catalog.title}, published by the ${catalog.publisher}, maps ${osps.controls.length} of its controls ` +
      `to the Code's principles and claims. A control is supported when every principle and claim it maps to ` +
      `is met here, and partially supported when some are; claims the vendor attested or that were not ` +
      `observed never count. The mapping is the catalog's (${catalog.files} at commit ${catalog.commit.slice(0, 12)}), not sscop's.`,
    catalogUrl: `${catalog.repository}/tree/${catalog.commit}/baseline`,
    summary: (Object.keys(OSPS_STATUS_LABEL) as OspsStatus[])
      .map((s) => `${counts[s]} ${OSPS_STATUS_LABEL[s]}`)
      .join(' · '),
    controls: osps.controls.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status,
      mappedTo: c.mappedTo.map((r) => `${r.kind} ${r.id} (${statusLabel(r.status)})`).join(', '),
    })),
  };
}
