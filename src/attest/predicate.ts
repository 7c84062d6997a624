/**
 * The Code of Practice attestation: an in-toto Statement v1 whose predicate says what sscop observed
 * at one commit — the inputs that shaped the verdict, the verdict, and every one of the 45 claims
 * with the evidence behind it — so that a reader can weigh the result without the repository.
 * Built by a pure function from the JSON report; the git blob digests of the files named as
 * evidence are read at the edge (evidence-digests.ts) and passed in.
 * Its shape is published in `schema/attestation-predicate.v1.schema.json`.
 */
import type { ClaimEvidence } from '../assess/assess.js';
import type { OspsAssessment } from '../assess/osps.js';
import type { Evidence, Finding } from '../model/types.js';
import type { Report, ReportCheck } from '../report/report.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** Under the project's own URI space, as the report schema's `$id`; the version is the predicate's major. */
export const PREDICATE_TYPE = 'https://sscop.invalid/attestation/code-of-practice/v1';
export const PREDICATE_VERSION = '1.1';
/** Observations listed per check: enough to check a verdict by hand, bounded for a huge repository. */
export const MAX_OBSERVATIONS = 20;

export type DigestSet = Record<string, string>;

export interface Subject {
  name: string;
  digest: DigestSet;
}

/** A place in a file at the commit, with the git blob it was read from (absent when not at the commit). */
export interface FileObservation {
  kind: 'file';
  summary: string;
  path: string;
  line?: number;
  digest?: { gitBlob: string };
}

/** A fact read from the GitHub API during the scan, with when it was read. */
export interface ApiObservation {
  kind: 'api';
  summary: string;
  source?: string;
  readAt: string;
}

/** A conclusion over the files with no single place (e.g. a file that is absent). */
export interface ScanObservation {
  kind: 'scan';
  summary: string;
}

export type Observation = FileObservation | ApiObservation | ScanObservation;

export type PredicateClaimEvidence =
  | { kind: 'check'; check: string; status: string; note: string }
  | { kind: 'attestation'; note: string; url?: string; path?: string }
  | { kind: 'not-applicable'; reason: string };

export interface PredicateClaim {
  id: string;
  principle: string;
  status: string;
  evidence: PredicateClaimEvidence[];
}

export interface PredicateCheck {
  id: string;
  status: string;
  source: string;
  summary: string;
  /** How many observations there were; `observations` lists the first MAX_OBSERVATIONS. */
  observationCount: number;
  observations: Observation[];
}

export interface CodeOfPracticePredicate {
  predicateVersion: string;
  tool: { name: 'sscop'; version: string; rulePack: { digest: DigestSet } };
  scan: {
    repository: string | null;
    commit: string | null;
    generatedAt: string;
    mode: 'offline' | 'online';
    /** Files whose working copy differed from the commit, or were untracked (their blobs are not given). */
    notAtCommit: number;
  };
  inputs: {
    threshold: number;
    failOn: string[];
    config: { applied: string; digest: DigestSet | null };
    suppressions: PredicateSuppression[];
    attestations: { claim: string; note: string; url?: string; path?: string }[];
    notApplicable: { claim: string; reason: string }[];
  };
  verdict: {
    passed: boolean;
    score: number;
    reasons: string[];
    coverage: Report['coverage'];
  };
  principles: { id: string; title: string; status: string; score: number | null }[];
  claims: PredicateClaim[];
  /** The OSPS Baseline controls the claims support (since predicate 1.1). */
  ospsBaseline?: OspsAssessment;
  checks: PredicateCheck[];
  notObserved: { check: string; reason: string; howToObserve: string }[];
}

export interface PredicateSuppression {
  check: string;
  path?: string;
  line?: number;
  reason: string;
  source: 'inline' | 'config';
  expires?: string;
  owner?: string;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: CodeOfPracticePredicate;
}

/** What the report does not hold: the gate's inputs and the digests read at the edge. */
export interface PredicateInputs {
  failOn: readonly string[];
  /** sha256 of the applied config's text; undefined when the defaults applied. */
  configSha256?: string;
  rulePackSha256: string;
  /** Git blob ids at the commit, by path from the repository's root. */
  blobs: ReadonlyMap<string, string>;
}

export function buildPredicate(report: Report, inputs: PredicateInputs): CodeOfPracticePredicate {
  const notAtCommit = new Set([
    ...(report.metadata.workingTreeDiffers?.paths ?? []),
    ...(report.metadata.untrackedScanned?.paths ?? []),
  ]);
  const claims = report.principles.flatMap((p) =>
    p.claims.map((c) => ({
      id: c.id,
      principle: p.id,
      status: c.status,
      evidence: c.evidence.map(claimEvidence),
    })),
  );
  return {
    predicateVersion: PREDICATE_VERSION,
    tool: {
      name: 'sscop',
      version: report.tool.version,
      rulePack: { digest: { sha256: inputs.rulePackSha256 } },
    },
    scan: {
      repository: report.repository,
      commit: report.commit,
      generatedAt: report.generatedAt,
      mode: report.metadata.mode,
      notAtCommit:
        (report.metadata.workingTreeDiffers?.files ?? 0) + (report.metadata.untrackedScanned?.files ?? 0),
    },
    inputs: {
      threshold: report.threshold,
      failOn: [...inputs.failOn],
      config: {
        applied: report.config.applied,
        digest: inputs.configSha256 ? { sha256: inputs.configSha256 } : null,
      },
      suppressions: report.checks.flatMap((c) => c.findings.flatMap(suppressionOf)),
      attestations: claimsWith(report, 'attestation').map(({ claim, e }) => ({ claim, ...withoutKind(e) })),
      notApplicable: claimsWith(report, 'not-applicable').map(({ claim, e }) => ({
        claim,
        reason: e.reason,
      })),
    },
    verdict: {
      passed: report.passed,
      score: report.score,
      reasons: report.gate.reasons,
      coverage: report.coverage,
    },
    principles: report.principles.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      score: p.score,
    })),
    claims,
    ...(report.ospsBaseline ? { ospsBaseline: report.ospsBaseline } : {}),
    checks: report.checks.map((c) => predicateCheck(c, report.generatedAt, inputs.blobs, notAtCommit)),
    notObserved: report.checks.flatMap((c) =>
      c.enabled && c.status === 'unknown' && c.unknown
        ? [{ check: c.id, reason: c.unknown.reason, howToObserve: c.unknown.howToObserve }]
        : [],
    ),
  };
}

/** The Statement: the commit (and the artifacts given by sha256) as subjects, the predicate as built. */
export function buildStatement(
  predicate: CodeOfPracticePredicate,
  artifacts: readonly Subject[] = [],
): Statement {
  const { repository, commit } = predicate.scan;
  const subject: Subject[] = commit
    ? [{ name: repository ?? 'repository', digest: { gitCommit: commit } }]
    : [];
  return {
    _type: STATEMENT_TYPE,
    subject: [...subject, ...artifacts],
    predicateType: PREDICATE_TYPE,
    predicate,
  };
}

/** Every path a predicate would name as file evidence: the paths whose blob ids the edge reads. */
export function evidencePaths(report: Report): string[] {
  const paths = new Set<string>();
  for (const check of report.checks) {
    for (const o of [...check.evidence, ...check.findings].slice(0, MAX_OBSERVATIONS))
      if (o.path) paths.add(o.path);
  }
  return [...paths].sort();
}

function claimEvidence(e: ClaimEvidence): PredicateClaimEvidence {
  if (e.kind === 'check') return { kind: 'check', check: e.checkId, status: e.status, note: e.note };
  return e.kind === 'attestation' ? { kind: 'attestation', ...withoutKind(e) } : e;
}

function withoutKind(e: Extract<ClaimEvidence, { kind: 'attestation' }>) {
  return { note: e.note, ...(e.url ? { url: e.url } : {}), ...(e.path ? { path: e.path } : {}) };
}

function claimsWith<K extends ClaimEvidence['kind']>(
  report: Report,
  kind: K,
): { claim: string; e: Extract<ClaimEvidence, { kind: K }> }[] {
  return report.principles.flatMap((p) =>
    p.claims.flatMap((c) =>
      c.evidence.flatMap((e) =>
        e.kind === kind ? [{ claim: c.id, e: e as Extract<ClaimEvidence, { kind: K }> }] : [],
      ),
    ),
  );
}

function suppressionOf(f: Finding): PredicateSuppression[] {
  if (!f.suppressed || !f.suppression) return [];
  const s = f.suppression;
  return [
    {
      check: f.checkId,
      ...(f.path ? { path: f.path } : {}),
      ...(f.line ? { line: f.line } : {}),
      reason: s.reason,
      source: s.source,
      ...(s.expires ? { expires: s.expires } : {}),
      ...(s.owner ? { owner: s.owner } : {}),
    },
  ];
}

/**
 * A check's observations: its evidence, then its findings. A place in a file names the blob it was
 * read from at the commit; a fact without a file, from an API check, is dated by the scan (the
 * facts are read during it).
 */
function predicateCheck(
  check: ReportCheck,
  readAt: string,
  blobs: ReadonlyMap<string, string>,
  notAtCommit: ReadonlySet<string>,
): PredicateCheck {
  const all: (Evidence | Finding)[] = [...check.evidence, ...check.findings];
  const observations = all.slice(0, MAX_OBSERVATIONS).flatMap((o): Observation[] => {
    const summary = 'summary' in o ? o.summary : o.message;
    if (o.path) {
      const blob = notAtCommit.has(o.path) ? undefined : blobs.get(o.path);
      return [
        {
          kind: 'file',
          summary,
          path: o.path,
          ...(o.line ? { line: o.line } : {}),
          ...(blob ? { digest: { gitBlob: blob } } : {}),
        },
      ];
    }
    if (check.source !== 'api') return [{ kind: 'scan', summary }];
    return [{ kind: 'api', summary, ...('source' in o && o.source ? { source: o.source } : {}), readAt }];
  });
  return {
    id: check.id,
    status: check.enabled ? check.status : 'not-applicable',
    source: check.source,
    summary: check.summary,
    observationCount: all.length,
    observations,
  };
}
