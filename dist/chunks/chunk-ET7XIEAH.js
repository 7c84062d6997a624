import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/model/json.ts
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// src/attest/predicate.ts
var STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
var PREDICATE_TYPE = "https://sscop.invalid/attestation/code-of-practice/v1";
var PREDICATE_VERSION = "1.1";
var MAX_OBSERVATIONS = 20;
function buildPredicate(report, inputs) {
  const notAtCommit = /* @__PURE__ */ new Set([
    ...report.metadata.workingTreeDiffers?.paths ?? [],
    ...report.metadata.untrackedScanned?.paths ?? []
  ]);
  const claims = report.principles.flatMap(
    (p) => p.claims.map((c) => ({
      id: c.id,
      principle: p.id,
      status: c.status,
      evidence: c.evidence.map(claimEvidence)
    }))
  );
  return {
    predicateVersion: PREDICATE_VERSION,
    tool: {
      name: "sscop",
      version: report.tool.version,
      rulePack: { digest: { sha256: inputs.rulePackSha256 } }
    },
    scan: {
      repository: report.repository,
      commit: report.commit,
      generatedAt: report.generatedAt,
      mode: report.metadata.mode,
      notAtCommit: (report.metadata.workingTreeDiffers?.files ?? 0) + (report.metadata.untrackedScanned?.files ?? 0)
    },
    inputs: {
      threshold: report.threshold,
      failOn: [...inputs.failOn],
      config: {
        applied: report.config.applied,
        digest: inputs.configSha256 ? { sha256: inputs.configSha256 } : null
      },
      suppressions: report.checks.flatMap((c) => c.findings.flatMap(suppressionOf)),
      attestations: claimsWith(report, "attestation").map(({ claim, e }) => ({ claim, ...withoutKind(e) })),
      notApplicable: claimsWith(report, "not-applicable").map(({ claim, e }) => ({
        claim,
        reason: e.reason
      }))
    },
    verdict: {
      passed: report.passed,
      score: report.score,
      reasons: report.gate.reasons,
      coverage: report.coverage
    },
    principles: report.principles.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      score: p.score
    })),
    claims,
    ...report.ospsBaseline ? { ospsBaseline: report.ospsBaseline } : {},
    checks: report.checks.map((c) => predicateCheck(c, report.generatedAt, inputs.blobs, notAtCommit)),
    notObserved: report.checks.flatMap(
      (c) => c.enabled && c.status === "unknown" && c.unknown ? [{ check: c.id, reason: c.unknown.reason, howToObserve: c.unknown.howToObserve }] : []
    )
  };
}
function buildStatement(predicate, artifacts = []) {
  const { repository, commit } = predicate.scan;
  const subject = commit ? [{ name: repository ?? "repository", digest: { gitCommit: commit } }] : [];
  return {
    _type: STATEMENT_TYPE,
    subject: [...subject, ...artifacts],
    predicateType: PREDICATE_TYPE,
    predicate
  };
}
function evidencePaths(report) {
  const paths = /* @__PURE__ */ new Set();
  for (const check of report.checks) {
    for (const o of [...check.evidence, ...check.findings].slice(0, MAX_OBSERVATIONS))
      if (o.path) paths.add(o.path);
  }
  return [...paths].sort();
}
function claimEvidence(e) {
  if (e.kind === "check") return { kind: "check", check: e.checkId, status: e.status, note: e.note };
  return e.kind === "attestation" ? { kind: "attestation", ...withoutKind(e) } : e;
}
function withoutKind(e) {
  return { note: e.note, ...e.url ? { url: e.url } : {}, ...e.path ? { path: e.path } : {} };
}
function claimsWith(report, kind) {
  return report.principles.flatMap(
    (p) => p.claims.flatMap(
      (c) => c.evidence.flatMap(
        (e) => e.kind === kind ? [{ claim: c.id, e }] : []
      )
    )
  );
}
function suppressionOf(f) {
  if (!f.suppressed || !f.suppression) return [];
  const s = f.suppression;
  return [
    {
      check: f.checkId,
      ...f.path ? { path: f.path } : {},
      ...f.line ? { line: f.line } : {},
      reason: s.reason,
      source: s.source,
      ...s.expires ? { expires: s.expires } : {},
      ...s.owner ? { owner: s.owner } : {}
    }
  ];
}
function predicateCheck(check, readAt, blobs, notAtCommit) {
  const all = [...check.evidence, ...check.findings];
  const observations = all.slice(0, MAX_OBSERVATIONS).flatMap((o) => {
    const summary = "summary" in o ? o.summary : o.message;
    if (o.path) {
      const blob = notAtCommit.has(o.path) ? void 0 : blobs.get(o.path);
      return [
        {
          kind: "file",
          summary,
          path: o.path,
          ...o.line ? { line: o.line } : {},
          ...blob ? { digest: { gitBlob: blob } } : {}
        }
      ];
    }
    if (check.source !== "api") return [{ kind: "scan", summary }];
    return [{ kind: "api", summary, ..."source" in o && o.source ? { source: o.source } : {}, readAt }];
  });
  return {
    id: check.id,
    status: check.enabled ? check.status : "not-applicable",
    source: check.source,
    summary: check.summary,
    observationCount: all.length,
    observations
  };
}

export {
  isRecord,
  STATEMENT_TYPE,
  PREDICATE_TYPE,
  buildPredicate,
  buildStatement,
  evidencePaths
};
