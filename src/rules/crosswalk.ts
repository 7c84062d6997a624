/**
 * The OSPS Baseline crosswalk (`rules/osps-crosswalk.yml`): which of the Code's principles and
 * claims each OSPS Baseline control maps to, as the OSPS Baseline catalog states it. Parsed with one
 * schema and checked against the rule pack, so a mapping can only name a principle or claim that exists.
 */
import * as z from 'zod';
import { data as crosswalkData } from '../../rules/osps-crosswalk.yml';
import { loadRulePack, type RulePack } from './pack.js';
import { shippedDocument } from './shipped.js';
import { onFirstUse } from '../on-first-use.js';

/** OSPS Baseline control ids: `OSPS-` then a two-letter family and a two-digit number. */
export const OSPS_CONTROL_ID = /^OSPS-[A-Z]{2}-\d{2}$/;

/** The crosswalk's schema, for the parse function (tests, and any crosswalk not shipped). */
const crosswalkSchema = onFirstUse(() => {
  const controlSchema = z
    .object({
      id: z.string().regex(OSPS_CONTROL_ID, 'OSPS control ids look like OSPS-AC-01'),
      title: z.string().min(1),
      principles: z.array(z.string().regex(/^\d+\.\d+$/, 'principle ids look like 1.2')).min(1).optional(),
      claims: z.array(z.string().regex(/^\d+\.\d+\.\d+$/, 'claim ids look like 1.2.3')).min(1).optional(),
    })
    .strict();
  return z
    .object({
      source: z
        .object({
          title: z.string().min(1),
          publisher: z.string().min(1),
          repository: z.string().url(),
          files: z.string().min(1),
          commit: z.string().regex(/^[0-9a-f]{40}$/),
          url: z.string().url(),
        })
        .strict(),
      controls: z.array(controlSchema).min(1),
    })
    .strict();
});

type CrosswalkDocument = z.infer<ReturnType<typeof crosswalkSchema>>;

export type CrosswalkSource = CrosswalkDocument['source'];

export interface OspsControl {
  id: string;
  title: string;
  principles: string[];
  claims: string[];
}

export interface Crosswalk {
  source: CrosswalkSource;
  controls: OspsControl[];
}

/** Reads the crosswalk's document, failing with every control that names nothing, twice, or what the pack lacks. */
export function parseCrosswalk(document: unknown, pack: RulePack): Crosswalk {
  return crosswalkOf(crosswalkSchema().parse(document), pack);
}

function crosswalkOf(doc: CrosswalkDocument, pack: RulePack): Crosswalk {
  const problems: string[] = [];
  const seen = new Set<string>();
  const principleIds = new Set(pack.principles.map((p) => p.id));
  const controls = doc.controls.map((c) => {
    if (seen.has(c.id)) problems.push(`control ${c.id} appears twice`);
    seen.add(c.id);
    const control = { id: c.id, title: c.title, principles: c.principles ?? [], claims: c.claims ?? [] };
    if (!control.principles.length && !control.claims.length) problems.push(`control ${c.id} maps to nothing`);
    for (const id of control.principles)
      if (!principleIds.has(id)) problems.push(`control ${c.id} maps to unknown principle ${id}`);
    for (const id of control.claims)
      if (!pack.claims.has(id)) problems.push(`control ${c.id} maps to unknown claim ${id}`);
    return control;
  });
  if (problems.length) throw new Error(`rules/osps-crosswalk.yml is inconsistent:\n- ${problems.join('\n- ')}`);
  return { source: doc.source, controls };
}

/** The crosswalk shipped with sscop (built once per process, checked against the rule pack). */
export const loadCrosswalk: () => Crosswalk = onFirstUse(() =>
  crosswalkOf(shippedDocument<CrosswalkDocument>(crosswalkData), loadRulePack()),
);
