/**
 * Judging a verified bundle: whose workflow signed it and what it is about (a mismatch there is a
 * `BundleError`: the attestation is not the one asked for), then the customer's profile,
 * requirement by requirement. Pure: the bundle is verified and the clock read by the caller.
 */
import * as z from 'zod';
import { PREDICATE_TYPE, STATEMENT_TYPE } from './predicate.js';
import type { Profile } from './profile.js';
import { BundleError, statementParts, type SignerIdentity, type VerifiedBundle } from './verify-bundle.js';

export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface VerifyRequest {
  /** OWNER/NAME: the repository whose workflow run must have signed. */
  repository: string;
  /** The commit the attestation must be about. */
  commit?: string;
  /** sha256 digests of artifacts that must be subjects. */
  artifacts?: readonly string[];
  profile: Profile;
  now: Date;
}

export interface RequirementResult {
  requirement: string;
  met: boolean;
  detail: string;
}

export interface VerifyResult {
  passed: boolean;
  repository: string;
  commit: string;
  signedAt: string;
  signer: { workflow: string; ref?: string; repository: string };
  /** What was checked before the profile: signature, identity, subject (all hold, or BundleError). */
  verified: string[];
  requirements: RequirementResult[];
  /**
   * Present when the file held several bundles: which line was judged (the newest of ours that
   * verified), how many there were, and why each other of ours was set aside.
   */
  bundle?: {
    file: string;
    line: number;
    bundles: number;
    ours: number;
    rejected: { line: number; reason: string }[];
  };
}

/** The predicate fields the profile reads; the rest is the reader's to look at. */
const predicateShape = z.object({
  scan: z.object({ repository: z.string().nullable(), commit: z.string().nullable() }),
  verdict: z.object({
    passed: z.boolean(),
    score: z.number(),
    coverage: z.object({ observed: z.number(), total: z.number() }),
  }),
  principles: z.array(z.object({ id: z.string(), status: z.string() })),
  claims: z.array(z.object({ id: z.string(), status: z.string() })),
  inputs: z.object({ suppressions: z.array(z.object({ check: z.string(), reason: z.string() })) }),
});
type PredicateView = z.infer<typeof predicateShape>;

export function evaluateAttestation(bundle: VerifiedBundle, request: VerifyRequest): VerifyResult {
  const signer = checkIdentity(bundle.signer, request);
  const { predicate, commit } = checkStatement(bundle.statement, request);
  const requirements = judgeProfile(predicate, request.profile, bundle.signedAt, request.now);
  return {
    passed: requirements.every((r) => r.met),
    repository: request.repository,
    commit,
    signedAt: bundle.signedAt.toISOString(),
    signer,
    verified: [
      'signature: valid, certificate chains to the trusted root, timestamp verified',
      `signer: ${signer.workflow}${signer.ref ? ` at ${signer.ref}` : ''}, run in ${signer.repository}`,
      `subject: commit ${commit}${request.artifacts?.length ? ` and ${request.artifacts.length} artifact(s)` : ''}`,
    ],
    requirements,
  };
}

/** The workflow URI split: `https://github.com/o/r/path@ref` → repository o/r, path, ref. */
function workflowOf(uri: string | undefined): { repository: string; path: string; ref: string } | undefined {
  const m = /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/(.+?)@(.+)$/.exec(uri ?? '');
  return m ? { repository: m[1]!, path: m[2]!, ref: m[3]! } : undefined;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function checkIdentity(identity: SignerIdentity, request: VerifyRequest): VerifyResult['signer'] {
  if (identity.issuer !== GITHUB_ACTIONS_ISSUER)
    throw new BundleError(
      `wrong signer: the certificate was issued for ${identity.issuer ?? 'an unknown issuer'}, not GitHub Actions`,
    );
  const runRepository = /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+)$/.exec(
    identity.sourceRepositoryUri ?? '',
  )?.[1];
  if (!runRepository || !sameName(runRepository, request.repository))
    throw new BundleError(
      `wrong signer: signed by a workflow run in ${runRepository ?? 'an unknown repository'}, not ${request.repository}`,
    );
  const workflow = workflowOf(identity.buildSignerUri ?? identity.subjectAlternativeName);
  if (!workflow) throw new BundleError('wrong signer: the certificate names no GitHub workflow');
  const wanted = request.profile.signer;
  const wantedRepository = wanted?.repository ?? request.repository;
  if (!sameName(workflow.repository, wantedRepository))
    throw new BundleError(
      `wrong signer: signed by a workflow of ${workflow.repository}, the profile requires ${wantedRepository}`,
    );
  if (wanted?.workflow && workflow.path !== wanted.workflow.replace(/^\.?\//, ''))
    throw new BundleError(
      `wrong signer: signed by ${workflow.path}, the profile requires ${wanted.workflow}`,
    );
  if (wanted?.ref && workflow.ref !== wanted.ref)
    throw new BundleError(
      `wrong signer: signed by the workflow at ${workflow.ref}, the profile requires ${wanted.ref}`,
    );
  return {
    workflow: `${workflow.repository}/${workflow.path}`,
    ref: workflow.ref,
    repository: runRepository,
  };
}

function checkStatement(
  statement: unknown,
  request: VerifyRequest,
): { predicate: PredicateView; commit: string } {
  const parts = statementParts(statement);
  if (parts.type !== STATEMENT_TYPE)
    throw new BundleError('the signed payload is not an in-toto Statement v1');
  if (parts.predicateType !== PREDICATE_TYPE)
    throw new BundleError(
      `the attestation's predicate type is ${JSON.stringify(parts.predicateType)}, not ${PREDICATE_TYPE}`,
    );
  const parsed = predicateShape.safeParse(parts.predicate);
  if (!parsed.success)
    throw new BundleError(`the predicate is malformed at ${parsed.error.issues[0]!.path.join('.')}`);
  const predicate = parsed.data;
  const commit = predicate.scan.commit;
  if (!commit) throw new BundleError('wrong subject: the attestation names no commit');
  if (request.commit && request.commit.toLowerCase() !== commit)
    throw new BundleError(`wrong subject: the attestation is about commit ${commit}, not ${request.commit}`);
  const subjectCommits = parts.subjects.flatMap((s) => (s.digest.gitCommit ? [s.digest.gitCommit] : []));
  const other = subjectCommits.find((c) => c !== commit);
  if (other)
    throw new BundleError(
      `wrong subject: the statement's subject is commit ${other}, its predicate ${commit}`,
    );
  if (predicate.scan.repository && !sameName(predicate.scan.repository, request.repository))
    throw new BundleError(
      `wrong subject: the scan was of ${predicate.scan.repository}, not ${request.repository}`,
    );
  const digests = new Set(parts.subjects.flatMap((s) => (s.digest.sha256 ? [s.digest.sha256] : [])));
  const missing = (request.artifacts ?? []).find((d) => !digests.has(d));
  if (missing) throw new BundleError(`wrong subject: no subject has sha256 ${missing}`);
  return { predicate, commit };
}

function judgeProfile(
  predicate: PredicateView,
  profile: Profile,
  signedAt: Date,
  now: Date,
): RequirementResult[] {
  const results: RequirementResult[] = [];
  const accepted = new Set(['met', ...(profile['attested-counts-as-met'] ? ['attested'] : [])]);
  const mustBeMet = (kind: 'principle' | 'claim', ids: readonly string[], list: PredicateView['claims']) => {
    for (const id of ids) {
      const status = list.find((x) => x.id === id)?.status;
      results.push({
        requirement: `${kind} ${id} met`,
        met: status !== undefined && accepted.has(status),
        detail: status === undefined ? 'not in the attestation' : status,
      });
    }
  };
  mustBeMet('principle', profile.principles ?? [], predicate.principles);
  mustBeMet('claim', profile.claims ?? [], predicate.claims);
  const { observed, total } = predicate.verdict.coverage;
  const coverage = total ? Math.round((100 * observed) / total) : 0;
  if (profile['minimum-coverage'] !== undefined)
    results.push({
      requirement: `coverage at least ${profile['minimum-coverage']}%`,
      met: coverage >= profile['minimum-coverage'],
      detail: `${coverage}% (${observed} of ${total} claims observed)`,
    });
  if (profile['minimum-score'] !== undefined)
    results.push({
      requirement: `score at least ${profile['minimum-score']}`,
      met: predicate.verdict.score >= profile['minimum-score'],
      detail: `${predicate.verdict.score}`,
    });
  if (profile['gate-passed'])
    results.push({
      requirement: "the vendor's gate passed",
      met: predicate.verdict.passed,
      detail: predicate.verdict.passed ? 'passed' : 'failed',
    });
  if (profile['maximum-age-days'] !== undefined) {
    const days = (now.getTime() - signedAt.getTime()) / DAY_MS;
    results.push({
      requirement: `signed within ${profile['maximum-age-days']} days`,
      met: days <= profile['maximum-age-days'],
      detail: `signed ${signedAt.toISOString()}, ${Math.floor(days)} day(s) ago`,
    });
  }
  if (profile['suppressions-allowed'] === false) {
    const n = predicate.inputs.suppressions.length;
    results.push({
      requirement: 'no suppressed findings',
      met: n === 0,
      detail: `${n} finding(s) suppressed`,
    });
  }
  return results;
}
