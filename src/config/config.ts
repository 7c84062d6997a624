/**
 * The user's `.github/sscop.yml`: parsed with positions (so every error names file, line and key)
 * and validated by one schema that also yields the TypeScript type.
 */
import { isNode, LineCounter, type Document } from 'yaml';
import { BUDGETS, parseYamlDocument } from '../evidence/parse-budget.js';
import * as z from 'zod';
import { ConfigError, errorFirstLine, UserError } from '../errors.js';
import { CONFIDENCES, SEVERITIES, type Confidence } from '../model/types.js';
import { isCheckOrRuleId, type RulePack } from '../rules/pack.js';
import { onFirstUse } from '../on-first-use.js';

export { DEFAULT_CONFIG_PATH, DEFAULT_THRESHOLD } from './defaults.js';

/** The config file's schema (built on first use: most scans have no config file). */
const configSchema = onFirstUse(() => {
  const reason = z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'required: say why the check is overridden' : 'expected text',
    })
    .trim()
    .min(1, 'give a reason (it is shown in every report)');

  const checkOverrideSchema = z
    .object({
      enabled: z.boolean().optional(),
      severity: z.enum(SEVERITIES).optional(),
      weight: z.number().min(0).max(100).optional(),
      reason,
    })
    .strict();

  const claimList = z.array(z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a claim id such as 3.2.1')).min(1);

  const attestationSchema = z
    .object({
      claims: claimList,
      note: z.string().trim().min(1, 'say what the evidence shows'),
      // Only web links: an attestation URL is rendered as a link in the reports.
      url: z
        .string()
        .url()
        .refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL')
        .optional(),
      path: z.string().min(1).optional(),
    })
    .strict()
    .refine((a) => a.url !== undefined || a.path !== undefined, {
      message: 'an attestation needs a url or a path to its evidence',
    });

  const notApplicableSchema = z.object({ claims: claimList, reason }).strict();

  /** A day as YYYY-MM-DD that exists in the calendar. */
  const day = z
    .string({ error: 'expected a date as YYYY-MM-DD (in quotes if your editor turns it into a date)' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .refine((d) => isCalendarDay(d), 'not a date in the calendar');

  /** An accepted finding: which check, where, why, until when and who answers for it. */
  const ignoreSchema = z
    .object({
      check: z.string().min(1),
      path: z.string().trim().min(1, 'expected a path or glob (e.g. .github/workflows/*.yml, or ** for all)'),
      line: z.number().int().min(1).optional(),
      fingerprint: z
        .string()
        .regex(/^[0-9a-f]{32}:[1-9]\d*$/, "expected a finding's fingerprint from the JSON report")
        .optional(),
      reason: z
        .string({
          error: (issue) =>
            issue.input === undefined ? 'required: say why the finding is accepted' : 'expected text',
        })
        .trim()
        .min(3, 'give a reason (it is shown in every report)'),
      expires: day.optional(),
      owner: z.string().trim().min(1).optional(),
    })
    .strict();

  return z
    .object({
      threshold: z.number().min(0).max(100).optional(),
      'fail-on': z.array(z.string().min(1)).optional(),
      exclude: z.array(z.string().min(1)).optional(),
      checks: z.record(z.string(), checkOverrideSchema).optional(),
      attestations: z.array(attestationSchema).optional(),
      'not-applicable': z.array(notApplicableSchema).optional(),
      ignore: z.array(ignoreSchema).optional(),
      'min-confidence': z.enum(CONFIDENCES).optional(),
    })
    .strict();
});

/** Zod runs this even when the pattern failed: any text must give an answer, not an exception. */
function isCalendarDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(text)
  );
}

export type Config = z.infer<ReturnType<typeof configSchema>>;
export type Attestation = NonNullable<Config['attestations']>[number];
export type IgnoreEntry = NonNullable<Config['ignore']>[number];

/** Where each `ignore:` entry is written (its line in the config file), for the reports. */
const ignoreEntryLines = new WeakMap<IgnoreEntry, number>();

/** The line of the config file an `ignore:` entry starts on, when it came from a parsed file. */
export function ignoreEntryLine(entry: IgnoreEntry): number | undefined {
  return ignoreEntryLines.get(entry);
}

export const EMPTY_CONFIG: Config = {};

const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * Parses and validates a config file's text. `file` is the name used in error messages.
 * Check, principle and claim ids are validated against the rule pack.
 */
export function parseConfig(text: string, file: string, pack: RulePack): Config {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new ConfigError(
      file,
      undefined,
      undefined,
      undefined,
      `larger than ${MAX_CONFIG_BYTES / 1024} KiB`,
    );
  }
  const lineCounter = new LineCounter();
  // maxAliasCount bounds alias expansion, so an alias bomb is an error, not an out-of-memory crash.
  const read = parseYamlDocument(text, BUDGETS.config, { lineCounter, uniqueKeys: true, fast: true });
  if (!read.ok)
    throw new ConfigError(file, read.overBudget.line, undefined, undefined, read.overBudget.message);
  const doc = read.value;
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(file, pos.line, pos.col, undefined, `invalid YAML: ${errorFirstLine(first)}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (error) {
    throw new ConfigError(file, undefined, undefined, undefined, `invalid YAML: ${(error as Error).message}`);
  }
  const at = (keyPath: readonly PropertyKey[], problem: string): ConfigError => {
    const { line, col } = positionOf(doc, lineCounter, keyPath);
    return new ConfigError(file, line, col, keyPath.map(String).join('.') || undefined, problem);
  };

  const parsed = configSchema().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    let keyPath = issue.path;
    let problem = issue.message;
    if (issue.code === 'unrecognized_keys') {
      keyPath = [...issue.path, issue.keys[0]!];
      problem = `unknown key (expected one of: ${expectedKeys(issue.path)})`;
    }
    throw at(keyPath, problem);
  }
  const config = parsed.data;

  for (const id of Object.keys(config.checks ?? {})) {
    if (!pack.checks.has(id)) throw at(['checks', id], `unknown check id (see \`sscop checks\`)`);
  }
  const principleIds = new Set(pack.principles.map((p) => p.id));
  // Every bad id at once, at the line of the first.
  const badFailOn = (config['fail-on'] ?? []).flatMap((id, i) =>
    principleIds.has(id) || isCheckOrRuleId(pack, id) ? [] : [{ id, i }],
  );
  if (badFailOn.length) {
    const [first, ...more] = badFailOn;
    const others = more.length ? `; nor are ${more.map((b) => `"${b.id}"`).join(', ')}` : '';
    throw at(
      ['fail-on', first!.i],
      `"${first!.id}" is neither a principle id (e.g. 3.2) nor a check id${others}`,
    );
  }
  for (const key of ['attestations', 'not-applicable'] as const) {
    (config[key] ?? []).forEach((entry, i) => {
      entry.claims.forEach((claim, j) => {
        if (!pack.claims.has(claim)) throw at([key, i, 'claims', j], `unknown claim id ${claim}`);
      });
    });
  }
  (config.ignore ?? []).forEach((entry, i) => {
    if (!isCheckOrRuleId(pack, entry.check))
      throw at(['ignore', i, 'check'], 'unknown check id (see `sscop checks`), or not `check-id/rule-id`');
    const line = positionOf(doc, lineCounter, ['ignore', i]).line;
    if (line !== undefined) ignoreEntryLines.set(entry, line);
  });
  return config;
}

function expectedKeys(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'threshold, fail-on, exclude, checks, attestations, not-applicable, ignore';
  if (path[0] === 'checks') return 'enabled, severity, weight, reason';
  if (path[0] === 'attestations') return 'claims, note, url, path';
  if (path[0] === 'not-applicable') return 'claims, reason';
  if (path[0] === 'ignore') return 'check, path, line, fingerprint, reason, expires, owner';
  return 'see the README';
}

/** Line and column of the deepest node along `keyPath` that exists (the key itself when it does). */
function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  keyPath: readonly PropertyKey[],
): { line?: number; col?: number } {
  for (let n = keyPath.length; n >= 0; n--) {
    const prefix = keyPath.slice(0, n) as Array<string | number>;
    const node = n === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) {
      // Prefer the key's position for a mapping entry (that is where a person looks).
      const parent = n > 0 ? doc.getIn(prefix.slice(0, -1), true) : undefined;
      const pair =
        parent && typeof parent === 'object' && 'items' in parent
          ? (parent.items as Array<{ key?: unknown }>).find(
              (p) => isNode(p.key) && (p.key as { value?: unknown }).value === prefix[prefix.length - 1],
            )
          : undefined;
      const offset = pair && isNode(pair.key) && pair.key.range ? pair.key.range[0] : node.range[0];
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, col: pos.col };
    }
  }
  return {};
}

/** A confidence given on the command line or as an action input (`what` names it in the error); empty is unset. */
export function confidenceOption(what: string, value: string | undefined): Confidence | undefined {
  const given = value?.trim().toLowerCase();
  if (!given) return undefined;
  const found = CONFIDENCES.find((c) => c === given);
  if (!found) throw new UserError(`${what} must be high, medium or low, got "${value}"`);
  return found;
}
