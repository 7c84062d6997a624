/**
 * The curated lists workflow-references judges `uses:` against (`rules/action-references.yml`):
 * popular actions a typosquat imitates, owners that only look like theirs, and the setup actions
 * whose version inputs can leave the tool unpinned. Parsed once.
 */
import * as z from 'zod';
import { data as tableData } from '../../rules/action-references.yml';
import { shippedDocument } from './shipped.js';
import { onFirstUse } from '../on-first-use.js';

const NAME = /^[a-z0-9._-]+\/[a-z0-9._-]+$/;

/** The tables' schema, for the parse function (tests, and any tables not shipped). */
const tableSchema = onFirstUse(() => {
  const setupSchema = z
    .object({
      uses: z.string().regex(NAME, 'lower-case owner/name'),
      inputs: z.array(z.string().min(1)).min(1),
      files: z.array(z.string().min(1)),
      moving: z.array(z.string().min(1)),
      unset: z.enum(['latest', 'other']),
      source: z.string().url(),
    })
    .strict();
  return z
    .object({
      popular: z.array(z.string().regex(NAME, 'lower-case owner/name')).min(1),
      lookalikes: z.array(z.string().regex(/^[a-z0-9-]+$/, 'lower-case owner')),
      setup: z.array(setupSchema).min(1),
    })
    .strict();
});

type TablesDocument = z.infer<ReturnType<typeof tableSchema>>;

/** A setup action: the inputs that choose its tool's version and the values that do not pin one. */
export type SetupAction = TablesDocument['setup'][number];

export interface ReferenceTables {
  /** Popular actions, `owner/name`. */
  popular: ReadonlySet<string>;
  /** The owners of popular actions and the look-alike owners that are projects of their own. */
  knownOwners: ReadonlySet<string>;
  setup: ReadonlyMap<string, SetupAction>;
}

/** Reads the tables' document (from YAML), failing on a malformed or repeated entry. */
export function parseReferenceTables(document: unknown): ReferenceTables {
  return referenceTablesOf(tableSchema().parse(document));
}

function referenceTablesOf(doc: TablesDocument): ReferenceTables {
  const popular = new Set<string>();
  for (const name of doc.popular) {
    if (popular.has(name)) throw new Error(`rules/action-references.yml lists ${name} twice`);
    popular.add(name);
  }
  const knownOwners = new Set([...popular].map((n) => n.slice(0, n.indexOf('/'))));
  for (const owner of doc.lookalikes) knownOwners.add(owner);
  const setup = new Map<string, SetupAction>();
  for (const entry of doc.setup) {
    if (setup.has(entry.uses)) throw new Error(`rules/action-references.yml lists ${entry.uses} twice`);
    setup.set(entry.uses, entry);
  }
  return { popular, knownOwners, setup };
}

/** The tables shipped with sscop (built once per process). */
export const referenceTables: () => ReferenceTables = onFirstUse(() =>
  referenceTablesOf(shippedDocument<TablesDocument>(tableData)),
);
