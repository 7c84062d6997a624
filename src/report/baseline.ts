/**
 * Comparison with an earlier JSON report (the baseline): what improved and what regressed, per
 * claim and principle, and how score and coverage moved. The baseline is a file a person or a
 * workflow hands us, so it is parsed defensively: a file that is not an sscop JSON report is a
 * `UserError` with one line saying what is wrong and where.
 */
import * as z from 'zod';
import { UserError, errorFirstLine } from '../errors.js';
import { CLAIM_STATUSES, SEVERITIES, type ClaimStatus } from '../model/types.js';
import { fingerprintsByFinding } from './fingerprint.js';
import { redactCredentials } from './redact.js';
import type { Report, ResolvedFinding } from './report.js';
import { onFirstUse } from '../on-first-use.js';

/** Larger than any real report (45 claims, a few thousand findings), small enough to parse safely. */
export const MAX_BASELINE_BYTES = 32 * 1024 * 1024;

/** A baseline report's schema (built on first use: most scans compare with no baseline). */
const baselineSchema = onFirstUse(() => {
  const count = z.number().int().min(0);
  const status = z.enum(CLAIM_STATUSES);

  // Only the fields the comparison reads are validated; unknown keys are ignored, so a report
  // written by a later 1.x version still serves as a baseline.
  const baselineClaimSchema = z.object({
    id: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a claim id'),
    status,
  });
  const baselinePrincipleSchema = z.object({
    id: z.string().regex(/^\d+\.\d+$/, 'expected a principle id'),
    title: z.string(),
    status,
    score: z.number().min(0).max(100).nullable(),
    claims: z.array(baselineClaimSchema),
  });
  // What fingerprints are computed from, for reports written before findings carried them.
  const baselineFindingSchema = z.object({
    checkId: z.string(),
    message: z.string(),
    path: z.string().optional(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    // A malformed fingerprint is computed again from the finding, as for a report that had none.
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{32}:[1-9]\d*$/)
      .optional()
      .catch(undefined),
    // Only shown beside a resolved finding: an unknown value drops the icon, not the baseline.
    severity: z.enum(SEVERITIES).optional().catch(undefined),
  });
  const baselineCheckSchema = z.object({ id: z.string(), findings: z.array(baselineFindingSchema) });
  return z.object({
    schemaVersion: z.string().regex(/^1\.\d+$/, 'expected "1.x" (a JSON report from sscop 1.x)'),
    tool: z.object({ name: z.literal('sscop'), version: z.string() }),
    repository: z.string().nullable(),
    commit: z.string().nullable(),
    generatedAt: z.string(),
    score: z.number().min(0).max(100),
    coverage: z.object({ observed: count, total: count, attested: count, unknown: count }),
    principles: z.array(baselinePrincipleSchema).min(1),
    checks: z.array(baselineCheckSchema).optional(),
  });
});

export type BaselineReport = z.infer<ReturnType<typeof baselineSchema>>;

/** Parses a baseline file's text. `file` names it in error messages. */
export function parseBaseline(text: string, file: string): BaselineReport {
  if (Buffer.byteLength(text) > MAX_BASELINE_BYTES) {
    throw new UserError(`${file}: the baseline is larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MiB`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? errorFirstLine(error) : 'parse error';
    throw new UserError(`${file}: the baseline is not valid JSON (${reason})`);
  }
  const parsed = baselineSchema().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
    throw new UserError(
      `${file}: not an sscop JSON report (sscop scan --format json): ${where}${errorFirstLine(issue.message)}`,
    );
  }
  const baseline = parsed.data;
  const seen = new Set<string>();
  for (const principle of baseline.principles) {
    for (const claim of principle.claims) {
      if (seen.has(claim.id)) throw new UserError(`${file}: claim ${claim.id} appears twice in the baseline`);
      seen.add(claim.id);
    }
  }
  return baseline;
}

/**
 * The findings of the current report marked `new` when their fingerprint is not in the baseline
 * (lines moving leave a fingerprint as it was), and unmarked when it is; the baseline's findings
 * this report no longer has are listed as `resolved`. `file` names the baseline in the error for a
 * baseline without findings (it cannot tell old from new).
 */
export function markNewSinceBaseline(report: Report, baseline: BaselineReport, file: string): Report {
  if (!baseline.checks)
    throw new UserError(
      `${file}: the baseline lists no checks and findings, so new findings cannot be told apart`,
    );
  const baselinePrints = fingerprintsByFinding(baseline.checks);
  const known = new Set(baselinePrints.values());
  const prints = fingerprintsByFinding(report.checks);
  return {
    ...report,
    checks: report.checks.map((c) => ({
      ...c,
      findings: c.findings.map((f) => {
        const { new: _wasNew, ...rest } = f;
        return known.has(prints.get(f)!) ? rest : { ...rest, new: true };
      }),
    })),
    resolved: {
      baselineCommit: baseline.commit,
      findings: resolvedFindings(report, baselinePrints, new Set(prints.values())),
    },
  };
}

type BaselineFinding = NonNullable<BaselineReport['checks']>[number]['findings'][number];

/**
 * The baseline's findings whose fingerprint this report does not have. Only where this report
 * could have found them again: a check that did not run, is disabled or is unknown now, or a file
 * outside the scanned folder, resolves nothing (unknown is not fixed).
 */
function resolvedFindings(
  report: Report,
  baselinePrints: Map<BaselineFinding, string>,
  current: Set<string>,
): ResolvedFinding[] {
  const judged = new Set(report.checks.filter((c) => c.enabled && c.status !== 'unknown').map((c) => c.id));
  const folder = report.metadata.pathInRepository;
  const inScope = (path: string | undefined) => !folder || !path || path.startsWith(`${folder}/`);
  const out: ResolvedFinding[] = [];
  for (const [f, fingerprint] of baselinePrints) {
    if (current.has(fingerprint) || !judged.has(f.checkId) || !inScope(f.path)) continue;
    out.push({
      checkId: f.checkId,
      message: redactCredentials(f.message),
      ...(f.severity ? { severity: f.severity } : {}),
      ...(f.path ? { path: f.path } : {}),
      ...(f.line !== undefined && f.line > 0 ? { line: f.line } : {}),
      fingerprint,
    });
  }
  return out;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/**
 * - `improved` / `regressed`: both statuses are on the scale met > attested > partially met > not met
 *   (attested ranks below met because it is declared, not verified).
 * - `changed`: the claim became or stopped being observable, or its scope changed (unknown or
 *   not applicable on either side), or it is new since the baseline. Never counted as better or worse.
 */
export type ChangeDirection = 'improved' | 'regressed' | 'changed' | 'unchanged';

export interface StatusChange {
  id: string;
  /** The claim's text or the principle's title, from the current report. */
  title: string;
  /** null when the baseline does not have the item. */
  before: ClaimStatus | null;
  after: ClaimStatus;
  direction: ChangeDirection;
}

export interface PrincipleChange extends StatusChange {
  scoreBefore: number | null;
  scoreAfter: number | null;
}

export interface BaselineComparison {
  baseline: {
    repository: string | null;
    commit: string | null;
    generatedAt: string;
    toolVersion: string;
  };
  score: { before: number; after: number; delta: number };
  coverage: {
    before: { observed: number; total: number; attested: number; unknown: number };
    after: { observed: number; total: number; attested: number; unknown: number };
  };
  /** Every claim of the current report, in order, with its direction of change. */
  claims: StatusChange[];
  /** Every principle of the current report, in order. */
  principles: PrincipleChange[];
  /** What the reader should know about the comparison itself (other repository, dropped claims). */
  notes: string[];
}

const RANK: Partial<Record<ClaimStatus, number>> = { met: 3, attested: 2, 'partially-met': 1, 'not-met': 0 };

export function changeDirection(before: ClaimStatus | null, after: ClaimStatus): ChangeDirection {
  if (before === after) return 'unchanged';
  if (before === null) return 'changed';
  const rb = RANK[before];
  const ra = RANK[after];
  if (rb === undefined || ra === undefined) return 'changed';
  return ra > rb ? 'improved' : 'regressed';
}

export function compareWithBaseline(current: Report, baseline: BaselineReport): BaselineComparison {
  const beforeClaims = new Map(
    baseline.principles.flatMap((p) => p.claims.map((c) => [c.id, c.status] as const)),
  );
  const beforePrinciples = new Map(baseline.principles.map((p) => [p.id, p]));
  const claims: StatusChange[] = [];
  const principles: PrincipleChange[] = [];
  for (const p of current.principles) {
    const before = beforePrinciples.get(p.id);
    principles.push({
      id: p.id,
      title: p.title,
      before: before?.status ?? null,
      after: p.status,
      direction: changeDirection(before?.status ?? null, p.status),
      scoreBefore: before?.score ?? null,
      scoreAfter: p.score,
    });
    for (const c of p.claims) {
      const was = beforeClaims.get(c.id) ?? null;
      claims.push({
        id: c.id,
        title: c.text,
        before: was,
        after: c.status,
        direction: changeDirection(was, c.status),
      });
    }
  }

  const notes: string[] = [];
  if (baseline.repository && current.repository && baseline.repository !== current.repository) {
    notes.push(`the baseline is a report on ${baseline.repository}, not on ${current.repository}`);
  }
  const currentIds = new Set(claims.map((c) => c.id));
  const dropped = [...beforeClaims.keys()].filter((id) => !currentIds.has(id));
  if (dropped.length) notes.push(`claims in the baseline but not in this report: ${dropped.join(', ')}`);
  const added = claims.filter((c) => c.before === null).map((c) => c.id);
  if (added.length) notes.push(`claims not in the baseline: ${added.join(', ')}`);

  const pick = (c: BaselineReport['coverage']) => ({
    observed: c.observed,
    total: c.total,
    attested: c.attested,
    unknown: c.unknown,
  });
  return {
    baseline: {
      repository: baseline.repository,
      commit: baseline.commit,
      generatedAt: baseline.generatedAt,
      toolVersion: baseline.tool.version,
    },
    score: { before: baseline.score, after: current.score, delta: current.score - baseline.score },
    coverage: { before: pick(baseline.coverage), after: pick(current.coverage) },
    claims,
    principles,
    notes,
  };
}
