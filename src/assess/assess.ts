/**
 * The assessment: rolls check results up into the Code's claims and principles, computes the
 * score and coverage, and applies the gate. Pure: same inputs, same assessment.
 *
 * Rules (also in the README, "How the score is computed"):
 * - A claim's status comes from the checks mapped to it that were observed (pass/partial/fail);
 *   all pass → met, all fail → not-met, otherwise partially-met. With no observed check, an
 *   attestation from the config makes it `attested`, else it is `unknown`. Config can mark it
 *   `not-applicable` with a reason.
 * - The score is the weighted mean of observed checks (pass 1, partial ½, fail 0), × 100.
 *   Unknown checks are left out of the score and counted against coverage instead: they are
 *   never treated as met.
 * - The gate passes when score ≥ threshold and every `fail-on` principle is met (or attested or
 *   not applicable) and every `fail-on` check passes, or fails only by findings that are all
 *   suppressed (accepted with a reason). Suppression never changes a check's status, so the
 *   score, claims and principles are as they would be without it.
 */
import type { Attestation, Config } from '../config/config.js';
import {
  countsForGate,
  type CheckResult,
  type CheckStatus,
  type ClaimStatus,
  type Confidence,
} from '../model/types.js';
import type { RulePack } from '../rules/pack.js';

export type ClaimEvidence =
  | { kind: 'check'; checkId: string; status: CheckStatus; note: string }
  | { kind: 'attestation'; note: string; url?: string; path?: string }
  | { kind: 'not-applicable'; reason: string };

export interface ClaimAssessment {
  id: string;
  text: string;
  status: ClaimStatus;
  evidence: ClaimEvidence[];
}

export interface PrincipleAssessment {
  id: string;
  title: string;
  theme: string;
  themeTitle: string;
  status: ClaimStatus;
  /** 0–100 over the principle's observed claims; null when none was observed. */
  score: number | null;
  claims: ClaimAssessment[];
}

export interface Coverage {
  /** Claims whose status rests on observed evidence. */
  observed: number;
  /** Claims in scope (all 45 less those marked not applicable). */
  total: number;
  attested: number;
  unknown: number;
  checksObserved: number;
  checksTotal: number;
}

export interface Gate {
  passed: boolean;
  threshold: number;
  reasons: string[];
  /** Findings below this confidence do not hold a required check back (absent: every finding counts). */
  minConfidence?: Confidence;
}

export interface Assessment {
  score: number;
  coverage: Coverage;
  principles: PrincipleAssessment[];
  gate: Gate;
}

/** What a check status is worth in the score (unknown and not-applicable are left out of it). */
export const CHECK_VALUE: Partial<Record<CheckStatus, number>> = { pass: 1, partial: 0.5, fail: 0 };
const CLAIM_VALUE: Partial<Record<ClaimStatus, number>> = { met: 1, 'partially-met': 0.5, 'not-met': 0 };

export interface AssessOptions {
  threshold: number;
  failOn: readonly string[];
  /** The least confidence a finding needs to count for the gate (default low: every finding). */
  minConfidence?: Confidence;
}

export function assess(
  pack: RulePack,
  checks: readonly CheckResult[],
  config: Config,
  options: AssessOptions,
): Assessment {
  const active = checks.filter((c) => c.enabled);
  const byClaim = new Map<string, ClaimEvidence[]>();
  for (const check of active) {
    for (const claimId of check.claimIds) {
      const verdict = check.claims?.[claimId];
      const list = byClaim.get(claimId) ?? [];
      list.push({
        kind: 'check',
        checkId: check.id,
        status: verdict?.status ?? check.status,
        note: verdict?.note ?? check.summary,
      });
      byClaim.set(claimId, list);
    }
  }
  const attestations = new Map<string, Attestation[]>();
  for (const a of config.attestations ?? []) {
    for (const claimId of a.claims) attestations.set(claimId, [...(attestations.get(claimId) ?? []), a]);
  }
  const notApplicable = new Map<string, string>();
  for (const n of config['not-applicable'] ?? [])
    for (const claimId of n.claims) notApplicable.set(claimId, n.reason);

  const principles: PrincipleAssessment[] = [];
  for (const theme of pack.themes) {
    for (const principle of theme.principles) {
      const claims = principle.claims.map((claim): ClaimAssessment => {
        const evidence: ClaimEvidence[] = [...(byClaim.get(claim.id) ?? [])];
        for (const a of attestations.get(claim.id) ?? []) {
          evidence.push({ kind: 'attestation', note: a.note, url: a.url, path: a.path });
        }
        const naReason = notApplicable.get(claim.id);
        if (naReason !== undefined) {
          return {
            id: claim.id,
            text: claim.text,
            status: 'not-applicable',
            evidence: [{ kind: 'not-applicable', reason: naReason }, ...evidence],
          };
        }
        return { id: claim.id, text: claim.text, status: claimStatus(evidence), evidence };
      });
      const values = claims.map((c) => CLAIM_VALUE[c.status]).filter((v): v is number => v !== undefined);
      principles.push({
        id: principle.id,
        title: principle.title,
        theme: theme.id,
        themeTitle: theme.title,
        status: principleStatus(claims.map((c) => c.status)),
        score: values.length ? Math.round((100 * values.reduce((a, b) => a + b, 0)) / values.length) : null,
        claims,
      });
    }
  }

  let weighted = 0;
  let weights = 0;
  for (const check of active) {
    const value = CHECK_VALUE[check.status];
    if (value === undefined || check.weight <= 0) continue;
    weighted += value * check.weight;
    weights += check.weight;
  }
  const score = weights > 0 ? Math.round((100 * weighted) / weights) : 0;

  const allClaims = principles.flatMap((p) => p.claims);
  const inScope = allClaims.filter((c) => c.status !== 'not-applicable');
  const coverage: Coverage = {
    observed: inScope.filter((c) => CLAIM_VALUE[c.status] !== undefined).length,
    total: inScope.length,
    attested: inScope.filter((c) => c.status === 'attested').length,
    unknown: inScope.filter((c) => c.status === 'unknown').length,
    checksObserved: active.filter((c) => CHECK_VALUE[c.status] !== undefined).length,
    checksTotal: active.filter((c) => c.status !== 'not-applicable').length,
  };

  const reasons: string[] = [];
  if (weights === 0) reasons.push('no check could be observed, so there is no score');
  else if (score < options.threshold)
    reasons.push(`score ${score} is below the threshold ${options.threshold}`);
  for (const id of options.failOn) {
    const principle = principles.find((p) => p.id === id);
    if (principle) {
      if (!['met', 'attested', 'not-applicable'].includes(principle.status)) {
        reasons.push(`required principle ${id} is ${principle.status}`);
      }
      continue;
    }
    const rule = ruleFailing(checks, id, options.minConfidence);
    if (rule) {
      reasons.push(rule);
      continue;
    }
    const check = checks.find((c) => c.id === id);
    if (check && check.enabled && !['pass', 'not-applicable'].includes(check.status)) {
      if (!failsOnlyByIgnoredFindings(check, options.minConfidence))
        reasons.push(`required check ${id} is ${check.status}`);
    }
  }
  return {
    score,
    coverage,
    principles,
    gate: {
      passed: reasons.length === 0,
      threshold: options.threshold,
      reasons,
      ...(options.minConfidence && options.minConfidence !== 'low'
        ? { minConfidence: options.minConfidence }
        : {}),
    },
  };
}

/**
 * For a `fail-on` rule id (`workflow-secrets/secrets-inherit`): why the gate fails, when the rule
 * has findings that count (not suppressed, confident enough); undefined otherwise or for a check id.
 */
function ruleFailing(
  checks: readonly CheckResult[],
  id: string,
  minConfidence?: Confidence,
): string | undefined {
  const slash = id.indexOf('/');
  if (slash < 0) return undefined;
  const check = checks.find((c) => c.id === id.slice(0, slash));
  if (!check?.enabled) return undefined;
  const rule = id.slice(slash + 1);
  const counted = check.findings.filter((f) => f.rule === rule && countsForGate(f, minConfidence)).length;
  return counted ? `required rule ${id} has ${counted} finding${counted === 1 ? '' : 's'}` : undefined;
}

/**
 * A failing or partial check whose every finding the gate leaves out (suppressed, or below the
 * gate's confidence), and whose verdict rests on nothing else.
 */
function failsOnlyByIgnoredFindings(check: CheckResult, minConfidence: Confidence = 'low'): boolean {
  return (
    (check.status === 'fail' || check.status === 'partial') &&
    check.unknown === undefined &&
    check.findings.length > 0 &&
    check.findings.every((f) => !countsForGate(f, minConfidence))
  );
}

function claimStatus(evidence: ClaimEvidence[]): ClaimStatus {
  const observed = evidence.flatMap((e) =>
    e.kind === 'check' && CHECK_VALUE[e.status] !== undefined ? [e.status] : [],
  );
  if (observed.length) {
    if (observed.every((s) => s === 'pass')) return 'met';
    if (observed.every((s) => s === 'fail')) return 'not-met';
    return 'partially-met';
  }
  if (evidence.some((e) => e.kind === 'attestation')) return 'attested';
  const checks = evidence.filter((e) => e.kind === 'check');
  if (checks.length && checks.every((e) => e.kind === 'check' && e.status === 'not-applicable'))
    return 'not-applicable';
  return 'unknown';
}

function principleStatus(statuses: ClaimStatus[]): ClaimStatus {
  const scoped = statuses.filter((s) => s !== 'not-applicable');
  if (scoped.length === 0) return 'not-applicable';
  if (scoped.every((s) => s === 'met')) return 'met';
  const observed = scoped.filter((s) => CLAIM_VALUE[s] !== undefined);
  if (observed.length === 0) return scoped.some((s) => s === 'attested') ? 'attested' : 'unknown';
  if (scoped.every((s) => s === 'met' || s === 'attested')) return 'attested';
  if (observed.every((s) => s === 'not-met')) return 'not-met';
  return 'partially-met';
}
