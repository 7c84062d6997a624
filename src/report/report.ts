/**
 * The report: everything a renderer needs, in the JSON contract's shape (`schema/report.schema.json`).
 * Built by a pure function from the scan's results and the assessment.
 */
import type { Assessment, Coverage, PrincipleAssessment } from '../assess/assess.js';
import { assessOspsControls, type OspsAssessment } from '../assess/osps.js';
import type { CheckResult, Confidence, Finding } from '../model/types.js';
import { confidenceOf, severityRank } from '../model/types.js';
import type { ConfigReport } from '../config/choice.js';
import { loadCrosswalk } from '../rules/crosswalk.js';
import type { SkippedFile } from '../repo/files.js';
import type { SuppressionSummary } from '../suppress/apply.js';
import { findingFingerprints } from './fingerprint.js';
import { redactCheck, redactCredentials } from './redact.js';
import { checkInRepository, skippedInRepository } from './repository-paths.js';
import { collate } from '../collate.js';

export const SCHEMA_VERSION = '1.5';

export interface ReportCheck extends Omit<CheckResult, 'claimIds' | 'claims' | 'weight'> {
  claims: string[];
  weight: number;
  claimVerdicts?: CheckResult['claims'];
}

export interface Report {
  schemaVersion: string;
  tool: { name: 'sscop'; version: string };
  repository: string | null;
  commit: string | null;
  generatedAt: string;
  score: number;
  threshold: number;
  passed: boolean;
  /**
   * Why the gate failed; `basis` is `new-findings` when a pull request was judged on the findings
   * it adds (the score threshold then does not apply); `minConfidence` when findings below it do
   * not count for the gate.
   */
  gate: { reasons: string[]; basis?: 'new-findings'; minConfidence?: Confidence };
  coverage: Coverage;
  /** Which config was applied, and what a config the change proposes would do. */
  config: ConfigReport;
  /** Present when a suppression applies, an `ignore:` entry expired, or a pull request adds suppressions. */
  suppressions?: SuppressionSummary;
  principles: PrincipleAssessment[];
  /** The OSPS Baseline controls the evidence supports (absent in reports before schema 1.5). */
  ospsBaseline?: OspsAssessment;
  checks: ReportCheck[];
  /**
   * Present when a baseline with findings was compared: its findings this report no longer has
   * (schemaVersion 1.5).
   */
  resolved?: { baselineCommit: string | null; findings: ResolvedFinding[] };
  /** Things the reader should know about how the scan went (fallbacks, skipped files). */
  notes: string[];
  skippedFiles: SkippedFile[];
  metadata: {
    root: string;
    listing: 'git' | 'walk';
    filesListed: number;
    filesRead: number;
    durationMs: number;
    mode: 'offline' | 'online';
    apiRequests?: number;
    /** Requests spent verifying SHA-pinned actions against their repositories (outside the budget). */
    pinVerificationRequests?: number;
    /** Present (true) when the files were read on the collector's reader thread (large checkouts). */
    readerThread?: boolean;
    /**
     * The host of the `origin` remote the repository name came from (null for a local path);
     * absent when the name was given (the action, `--repo`).
     */
    repositoryHost?: string | null;
    /** Tracked files whose working copy differs from the commit (first 1000 paths, and how many). */
    workingTreeDiffers?: WorkingTreePaths;
    /** Files git neither tracks nor ignores that were scanned (the CLI; first 1000, and how many). */
    untrackedScanned?: WorkingTreePaths;
    /**
     * The scanned directory relative to the repository's root (e.g. `services/api`), when it is not
     * the root: every path in the report is from the repository's root.
     */
    pathInRepository?: string;
  };
}

/** A baseline's finding that this report no longer has: what it was and where. */
export type ResolvedFinding = Pick<Finding, 'checkId' | 'message' | 'path' | 'line'> & {
  /** Absent when the baseline did not say. */
  severity?: Finding['severity'];
  fingerprint: string;
};

export interface WorkingTreePaths {
  files: number;
  paths: string[];
}

export interface ReportInput {
  version: string;
  repository?: string;
  commit?: string;
  generatedAt: Date;
  checks: CheckResult[];
  assessment: Assessment;
  config: ConfigReport;
  suppressions?: SuppressionSummary;
  notes: string[];
  skippedFiles: SkippedFile[];
  metadata: Omit<Report['metadata'], 'pathInRepository'>;
  /** The scanned directory relative to the repository's root; paths are reported from the root. */
  pathInRepository?: string;
}

export function buildReport(input: ReportInput): Report {
  const { assessment, pathInRepository: prefix } = input;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'sscop', version: input.version },
    repository: input.repository ?? null,
    commit: input.commit ?? null,
    generatedAt: input.generatedAt.toISOString(),
    score: assessment.score,
    threshold: assessment.gate.threshold,
    passed: assessment.gate.passed,
    gate: {
      reasons: assessment.gate.reasons,
      ...(assessment.gate.minConfidence ? { minConfidence: assessment.gate.minConfidence } : {}),
    },
    coverage: assessment.coverage,
    config: input.config,
    ...(input.suppressions ? { suppressions: input.suppressions } : {}),
    principles: assessment.principles,
    ospsBaseline: assessOspsControls(assessment.principles, loadCrosswalk()),
    // Every text a check quotes from the repository leaves through redaction (redact.ts).
    // Paths from the repository's root first: fingerprints and every output name them so.
    checks: input.checks
      .map(redactCheck)
      .map((check) => checkInRepository(prefix, check))
      .map(({ claimIds, claims, ...rest }) => ({
        ...rest,
        findings: withFingerprints(rest.findings),
        claims: claimIds,
        ...(claims ? { claimVerdicts: claims } : {}),
      })),
    notes: input.notes.map(redactCredentials),
    skippedFiles: skippedInRepository(prefix, input.skippedFiles),
    metadata: { ...input.metadata, ...(prefix ? { pathInRepository: prefix } : {}) },
  };
}

/** Fingerprints for findings that have been through redactCheck. */
function withFingerprints(findings: readonly Finding[]): Finding[] {
  const prints = findingFingerprints(findings, { redacted: true });
  return findings.map((f, i) => ({ ...f, confidence: confidenceOf(f), fingerprint: prints[i]! }));
}

/** All findings, suppressed ones last; most severe first, then by check weight, then by place. */
export function rankedFindings(report: Report): Finding[] {
  const weight = new Map(report.checks.map((c) => [c.id, c.weight]));
  return report.checks
    .filter((c) => c.enabled)
    .flatMap((c) => c.findings)
    .sort(
      (a, b) =>
        Number(Boolean(a.suppressed)) - Number(Boolean(b.suppressed)) ||
        severityRank(a.severity) - severityRank(b.severity) ||
        (weight.get(b.checkId) ?? 0) - (weight.get(a.checkId) ?? 0) ||
        collate(a.path ?? '', b.path ?? '') ||
        (a.line ?? 0) - (b.line ?? 0),
    );
}
