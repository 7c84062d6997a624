/**
 * The rule pack: the Code's themes, principles and claims, and each check's mapping onto them.
 * Data lives in `rules/*.yml`; this module holds its schema (rules/shipped.ts says when it runs) and
 * checks its integrity.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import codeText, { data as codeData } from '../../rules/code-of-practice.yml';
import checksText, { data as checksData } from '../../rules/checks.yml';
import crosswalkText from '../../rules/osps-crosswalk.yml';
import { SEVERITIES } from '../model/types.js';
import { shippedDocument } from './shipped.js';
import { onFirstUse } from '../on-first-use.js';

/** The two documents' schemas, for the parse function (tests, and any pack not shipped). */
const schemas = onFirstUse(() => {
  const claimSchema = z.object({ id: z.string().regex(/^\d+\.\d+\.\d+$/), text: z.string().min(1) }).strict();
  const principleSchema = z
    .object({ id: z.string().regex(/^\d+\.\d+$/), title: z.string().min(1), claims: z.array(claimSchema).min(1) })
    .strict();
  const themeSchema = z
    .object({ id: z.string().regex(/^\d+$/), title: z.string().min(1), principles: z.array(principleSchema).min(1) })
    .strict();
  const codeSchema = z
    .object({
      source: z.object({ title: z.string(), publisher: z.string(), published: z.string(), url: z.string().url() }),
      themes: z.array(themeSchema).min(1),
    })
    .strict();

  const checkRuleSchema = z
    .object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'check ids are kebab-case'),
      title: z.string().min(1),
      source: z.enum(['files', 'api', 'config']),
      severity: z.enum(SEVERITIES),
      weight: z.number().min(0).max(100),
      claims: z.array(z.string()).min(1),
      docs: z.string().min(1),
      remediation: z.string().min(1),
      fixFile: z.string().min(1).optional(),
    })
    .strict();
  const checksSchema = z.object({ checks: z.array(checkRuleSchema).min(1) }).strict();
  return { code: codeSchema, checks: checksSchema };
});

type CodeDocument = z.infer<ReturnType<typeof schemas>['code']>;
type ChecksDocument = z.infer<ReturnType<typeof schemas>['checks']>;

export type CheckRule = ChecksDocument['checks'][number] & { principles: string[] };

export interface Claim {
  id: string;
  text: string;
  principleId: string;
  themeId: string;
}

export interface Principle {
  id: string;
  title: string;
  themeId: string;
  claims: Claim[];
}

export interface Theme {
  id: string;
  title: string;
  principles: Principle[];
}

export interface RulePack {
  source: CodeDocument['source'];
  themes: Theme[];
  principles: Principle[];
  claims: Map<string, Claim>;
  checks: Map<string, CheckRule>;
}

/** Builds a rule pack from the two documents (read from YAML), failing with every integrity problem listed. */
export function parseRulePack(codeDocument: unknown, checksDocument: unknown): RulePack {
  const { code, checks } = schemas();
  return rulePackOf(code.parse(codeDocument), checks.parse(checksDocument));
}

function rulePackOf(code: CodeDocument, checkDoc: ChecksDocument): RulePack {
  const problems: string[] = [];

  const themes: Theme[] = code.themes.map((t) => ({
    id: t.id,
    title: t.title,
    principles: t.principles.map((p) => ({
      id: p.id,
      title: p.title,
      themeId: t.id,
      claims: p.claims.map((c) => ({ id: c.id, text: c.text, principleId: p.id, themeId: t.id })),
    })),
  }));
  const principles = themes.flatMap((t) => t.principles);
  const claims = new Map<string, Claim>();
  for (const principle of principles) {
    if (!principle.id.startsWith(`${principle.themeId}.`)) {
      problems.push(`principle ${principle.id} is filed under theme ${principle.themeId}`);
    }
    for (const claim of principle.claims) {
      if (claims.has(claim.id)) problems.push(`claim ${claim.id} appears twice`);
      if (!claim.id.startsWith(`${principle.id}.`)) problems.push(`claim ${claim.id} is filed under ${principle.id}`);
      claims.set(claim.id, claim);
    }
  }
  if (new Set(principles.map((p) => p.id)).size !== principles.length) problems.push('a principle id appears twice');

  const checks = new Map<string, CheckRule>();
  for (const rule of checkDoc.checks) {
    if (checks.has(rule.id)) problems.push(`check ${rule.id} appears twice`);
    for (const claimId of rule.claims) {
      if (!claims.has(claimId)) problems.push(`check ${rule.id} maps to unknown claim ${claimId}`);
    }
    const principleIds = [...new Set(rule.claims.map((c) => claims.get(c)?.principleId).filter(isString))];
    checks.set(rule.id, { ...rule, principles: principleIds.sort(comparePrincipleIds) });
  }
  if (problems.length) throw new Error(`The rule pack is inconsistent:\n- ${problems.join('\n- ')}`);
  return { source: code.source, themes, principles, claims, checks };
}

/**
 * Whether `id` names a check (`workflow-secrets`) or a rule inside one (`workflow-secrets/secrets-inherit`),
 * as suppressions and `fail-on` may. Rules are the checks' own; only the check part is known here.
 */
export function isCheckOrRuleId(pack: Pick<RulePack, 'checks'>, id: string): boolean {
  const slash = id.indexOf('/');
  if (slash < 0) return pack.checks.has(id);
  return pack.checks.has(id.slice(0, slash)) && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id.slice(slash + 1));
}

/** The rule pack shipped with sscop (built once per process, its integrity checked). */
export const loadRulePack: () => RulePack = onFirstUse(() =>
  rulePackOf(shippedDocument<CodeDocument>(codeData), shippedDocument<ChecksDocument>(checksData)),
);

/**
 * The sha256 of the rule pack's files as shipped (each file's bytes, in order, each preceded by its
 * name): what an attestation names so a reader knows which mappings judged the claims and the
 * OSPS Baseline controls.
 */
export function rulePackSha256(): string {
  const hash = createHash('sha256');
  for (const [name, text] of [
    ['rules/code-of-practice.yml', codeText],
    ['rules/checks.yml', checksText],
    ['rules/osps-crosswalk.yml', crosswalkText],
  ] as const)
    hash.update(`${name}\n${Buffer.byteLength(text)}\n`).update(text);
  return hash.digest('hex');
}

/** Orders ids like 1.2 < 1.10 < 2.1 (numeric, segment by segment). */
export function comparePrincipleIds(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}
