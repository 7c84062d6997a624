/**
 * The vocabulary shared by every stage of the pipeline:
 * collect → evidence → checks → assessment → reports → gate.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * How sure a finding is, beside how much it matters: high when the evidence shows it outright,
 * medium when a well-tested pattern matched, low when the finding is a guess a person should
 * confirm (test material, a need that could not be determined). A gate can leave low out.
 */
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** A finding's confidence, high when unset. */
export function confidenceOf(f: { confidence?: Confidence }): Confidence {
  return f.confidence ?? 'high';
}

/** True when `confidence` is at least `min` (high ≥ medium ≥ low). */
export function isAtLeast(confidence: Confidence, min: Confidence): boolean {
  return CONFIDENCES.indexOf(confidence) <= CONFIDENCES.indexOf(min);
}

/** Whether a finding counts for the gate: not suppressed, and at least the gate's confidence. */
export function countsForGate(
  f: { suppressed?: true; confidence?: Confidence },
  minConfidence: Confidence = 'low',
): boolean {
  return !f.suppressed && isAtLeast(confidenceOf(f), minConfidence);
}

/** Orders severities from most to least severe (critical = 0). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const CHECK_STATUSES = ['pass', 'partial', 'fail', 'unknown', 'not-applicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CLAIM_STATUSES = [
  'met',
  'partially-met',
  'not-met',
  'attested',
  'unknown',
  'not-applicable',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Where a check's evidence comes from. */
export type EvidenceSource = 'files' | 'api' | 'config';

/** A place inside a file: a 1-based line, and the column and end when they are known. */
export interface Span {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** Where a finding stands: a file, and the span in it when there is one. */
export interface Location extends Partial<Span> {
  path: string;
}

/** Another place that explains a finding (the trigger that makes a step dangerous), and why it matters. */
export interface RelatedLocation extends Location {
  note: string;
}

/**
 * A problem a person should act on, at an exact place when there is one. Its location is spread
 * into `path`, `line`, `column`, `endLine` and `endColumn` (the JSON report's fields); build one
 * with `findingAt` (checks/check.ts) from a `Location`.
 */
export interface Finding {
  checkId: string;
  message: string;
  severity: Severity;
  /** How sure the finding is; unset means high (the evidence shows it outright). */
  confidence?: Confidence;
  /**
   * The rule inside the check that raised it, when a check holds several (e.g. `secrets-inherit`
   * inside a workflow check); SARIF gives each its own rule so it can be suppressed or gated by id.
   */
  rule?: string;
  path?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Other places that explain it, each with a note (shown as related locations in SARIF). */
  related?: RelatedLocation[];
  remediation?: string;
  /**
   * New in this change: on a pull request, on a line it added; against a baseline report, not in
   * the baseline.
   */
  new?: boolean;
  /** Stable across lines moving (see report/fingerprint.ts); set when the report is built. */
  fingerprint?: string;
  /** Set when a suppression applies: the finding stays in every report, marked as accepted. */
  suppressed?: true;
  suppression?: Suppression;
}

/** Why a finding is accepted, and who said so where (an inline comment or a config `ignore:` entry). */
export interface Suppression {
  reason: string;
  source: 'inline' | 'config';
  /** Where the suppression is written: the comment's file and line, or the config file and entry's line. */
  path?: string;
  line?: number;
  /** YYYY-MM-DD: the last day the suppression applies. */
  expires?: string;
  owner?: string;
}

/** A fact that supports (or was looked for in support of) a verdict, with where it was seen. */
export interface Evidence {
  summary: string;
  path?: string;
  line?: number;
  /** A short quotation of the line, sentence or table row taken as evidence. */
  quote?: string;
  /** Where a setting was observed, e.g. `ruleset "main" (id 42)` or `classic branch protection`. */
  source?: string;
}

/** Why a fact could not be observed, and what would make it observable. */
export interface Unknown {
  reason: string;
  howToObserve: string;
}

/** A check's verdict for one claim, where it differs from the check's overall status. */
export interface ClaimVerdict {
  status: CheckStatus;
  note: string;
}

/** What a check returns: a pure function of its evidence. */
export interface CheckOutcome {
  status: CheckStatus;
  /** One sentence a reader can take in at a glance. */
  summary: string;
  findings: Finding[];
  evidence: Evidence[];
  /** Present when status is `unknown` (and may be present on partial results). */
  unknown?: Unknown;
  /**
   * Per-claim verdicts for checks whose evidence supports some of their claims but not others
   * (e.g. a security policy that gives a private channel but says nothing about informing users).
   */
  claims?: Record<string, ClaimVerdict>;
}

/** A check's outcome joined with its rule-pack entry, as reports show it. */
export interface CheckResult extends CheckOutcome {
  id: string;
  title: string;
  severity: Severity;
  weight: number;
  source: EvidenceSource;
  principles: string[];
  claimIds: string[];
  docs: string;
  remediation: string;
  /** Where a finding about the repository as a whole is shown (the file that would fix it). */
  fixFile?: string;
  enabled: boolean;
  /** Present when the user's config changed this check's severity, weight or enablement. */
  override?: { reason: string };
}
