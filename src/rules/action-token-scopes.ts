/**
 * The curated table of which GITHUB_TOKEN write scopes each action can use
 * (`rules/action-token-scopes.yml`), parsed once and looked up by action name.
 */
import * as z from 'zod';
import { data as tableData } from '../../rules/action-token-scopes.yml';
import { shippedDocument } from './shipped.js';
import { onFirstUse } from '../on-first-use.js';

/** The token's write scopes (GitHub's `permissions:` keys). */
const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'packages',
  'pages',
  'pull-requests',
  'security-events',
  'statuses',
] as const;

/** The table's schema, for the parse function (tests, and any table not shipped). */
const tableSchema = onFirstUse(() => {
  const entrySchema = z
    .object({
      uses: z.string().regex(/^[a-z0-9._-]+\/(?:\*|[a-z0-9._-]+(?:\/[a-z0-9._-]+)*)$/, 'lower-case owner/name[/path] or owner/*'),
      writes: z.union([z.literal('any'), z.array(z.enum(SCOPES))]),
      source: z.string().url(),
    })
    .strict();
  return z.object({ actions: z.array(entrySchema).min(1) }).strict();
});

type TableDocument = z.infer<ReturnType<typeof tableSchema>>;

/** What an action can write with: the scopes, or `any` when it runs the workflow's own code with the token. */
export type ActionWrites = readonly string[] | 'any';

interface ActionTable {
  byName: Map<string, ActionWrites>;
  byOwner: Map<string, ActionWrites>;
}

/** Reads the table's document (from YAML), failing on a malformed or repeated entry. */
export function parseActionTable(document: unknown): ActionTable {
  return actionTableOf(tableSchema().parse(document));
}

function actionTableOf(doc: TableDocument): ActionTable {
  const table: ActionTable = { byName: new Map(), byOwner: new Map() };
  for (const entry of doc.actions) {
    const owner = entry.uses.endsWith('/*') ? entry.uses.slice(0, -2) : undefined;
    const into = owner ? table.byOwner : table.byName;
    const key = owner ?? entry.uses;
    if (into.has(key)) throw new Error(`rules/action-token-scopes.yml lists ${entry.uses} twice`);
    into.set(key, entry.writes);
  }
  return table;
}

/** The table shipped with sscop (built once per process). */
const shippedTable = onFirstUse(() => actionTableOf(shippedDocument<TableDocument>(tableData)));

/**
 * The write scopes the action `name` (lower-case, no ref: `github/codeql-action/upload-sarif`) can
 * use: its own entry, else its nearest parent's, else its owner's; undefined when it is not listed.
 */
export function actionWrites(name: string): ActionWrites | undefined {
  const table = shippedTable();
  for (let key = name; key.includes('/'); key = key.slice(0, key.lastIndexOf('/'))) {
    const writes = table.byName.get(key);
    if (writes) return writes;
  }
  return table.byOwner.get(name.slice(0, name.indexOf('/')));
}
