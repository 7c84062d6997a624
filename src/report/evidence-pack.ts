/**
 * The evidence pack: the Code's self-assessment a vendor hands to a customer or auditor. A pure
 * model built from the report (and optionally a baseline report): every one of the 45 claims,
 * grouped by theme and principle, with its status, the evidence (file and line permalinks at the
 * exact commit, settings observed through the API, attestations), the argument why that evidence
 * supports the claim, and what to do next. Renderers (Markdown, HTML) only lay it out; every
 * string here is plain text that they must escape.
 */
import type { ClaimAssessment, ClaimEvidence, Coverage } from '../assess/assess.js';
import {
  CLAIM_STATUSES,
  type CheckStatus,
  type ClaimStatus,
  type EvidenceSource,
  type Finding,
} from '../model/types.js';
import {
  compareWithBaseline,
  type BaselineComparison,
  type BaselineReport,
  type StatusChange,
} from './baseline.js';
import { displayDate } from './evidence-pack-wording.js';
import { confidenceLabel, findingText } from './finding-text.js';
import type { Report, ReportCheck } from './report.js';
import { permalinkBase, safeHttpUrl } from './permalinks.js';
import { ATTEST_HOW, attestationSnippet } from './evidence-pack-appendix.js';
import { packOsps, type PackOsps } from './evidence-pack-osps.js';
import {
  fileLinks,
  type AtCommit,
  type FileLinks,
  type WorkingTreeWarning,
} from './evidence-pack-working-tree.js';

export const CONFIG_FILE = '.github/sscop.yml';
/** Evidence facts and findings shown per check under one claim; the pack says how many more. */
const MAX_FACTS = 6;
const MAX_FINDINGS = 3;

export interface EvidencePackOptions {
  /** e.g. https://github.com (GITHUB_SERVER_URL); with repository and commit, paths become permalinks. */
  serverUrl?: string;
  baseline?: BaselineReport;
}

export interface EvidencePack {
  repository: string | null;
  repositoryUrl?: string;
  commit: string | null;
  commitUrl?: string;
  generatedAt: string;
  toolVersion: string;
  mode: 'offline' | 'online';
  score: number;
  threshold: number;
  passed: boolean;
  gateReasons: string[];
  coverage: Coverage;
  /** Observed claims as a percentage of claims in scope. */
  coveragePercent: number;
  counts: Record<ClaimStatus, number>;
  /** The cover's statement of what was verified, attested, unknown and not applicable (paragraphs). */
  statement: string[];
  themes: PackTheme[];
  /** The OSPS Baseline controls the evidence supports (absent for a report without them). */
  osps?: PackOsps;
  baseline?: BaselineComparison;
  /** Set when the files scanned are not all the commit's: the links show the commit's version. */
  workingTree?: WorkingTreeWarning;
  /** Claims the vendor could attest (no check can observe them, or none could this time). */
  attestable: string[];
  /** For the vendor's appendix: the config entry that attests claims (from claim ids only). */
  attestationSnippet: string;
  notes: string[];
}

export interface PackTheme {
  id: string;
  title: string;
  principles: PackPrinciple[];
}

export interface PackPrinciple {
  id: string;
  title: string;
  status: ClaimStatus;
  score: number | null;
  counts: Record<ClaimStatus, number>;
  change?: StatusChange;
  claims: PackClaim[];
}

export interface PackClaim {
  id: string;
  text: string;
  status: ClaimStatus;
  evidence: PackEvidence[];
  /** One or two sentences: why the evidence supports (or does not yet support) the claim. */
  argument: string;
  /** Empty when the claim is met or not applicable. */
  nextSteps: NextStep[];
  change?: StatusChange;
  /** Attesting it is a next step: the vendor's appendix names it. */
  attestable: boolean;
}

export interface NextStep {
  text: string;
}

export type PackEvidence =
  | {
      kind: 'check';
      checkId: string;
      title: string;
      /** The check's verdict for this claim. */
      status: CheckStatus;
      source: EvidenceSource;
      note: string;
      docs: string;
      facts: PackFact[];
      moreFacts: number;
      findings: PackFact[];
      moreFindings: number;
      /** Suppressed findings: accepted with a reason (the fact's text says it), listed whatever the verdict. */
      acceptedRisks: PackFact[];
      moreAcceptedRisks: number;
    }
  | {
      kind: 'attestation';
      note: string;
      /** Present only for http(s) URLs; anything else is shown as text, never as a link. */
      url?: string;
      urlText?: string;
      path?: string;
      pathUrl?: string;
      atCommit?: AtCommit;
    }
  | { kind: 'not-applicable'; reason: string };

/** A fact or a finding, where it was seen. */
export interface PackFact {
  text: string;
  path?: string;
  line?: number;
  quote?: string;
  /** Where a setting was observed through the API, e.g. `ruleset "main" (id 42)`. */
  source?: string;
  /** Permalink to the file (and line) at the report's commit. */
  url?: string;
  /** Set when the file scanned is not the commit's: the link (if any) shows something else. */
  atCommit?: AtCommit;
}

export function buildEvidencePack(report: Report, options: EvidencePackOptions = {}): EvidencePack {
  const links = fileLinks(report, permalinkBase(report, options.serverUrl));
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  const comparison = options.baseline ? compareWithBaseline(report, options.baseline) : undefined;
  const claimChanges = new Map(comparison?.claims.map((c) => [c.id, c]));
  const principleChanges = new Map(comparison?.principles.map((p) => [p.id, p]));
  // Claims some enabled check could observe (whatever it found this time).
  const observable = new Set(report.checks.filter((c) => c.enabled).flatMap((c) => c.claims));

  const themes: PackTheme[] = [];
  for (const p of report.principles) {
    let theme = themes.find((t) => t.id === p.theme);
    if (!theme) {
      theme = { id: p.theme, title: p.themeTitle, principles: [] };
      themes.push(theme);
    }
    const claims = p.claims.map((claim) =>
      packClaim(claim, checks, observable.has(claim.id), links, claimChanges.get(claim.id)),
    );
    theme.principles.push({
      id: p.id,
      title: p.title,
      status: p.status,
      score: p.score,
      counts: countStatuses(claims.map((c) => c.status)),
      change: principleChanges.get(p.id),
      claims,
    });
  }

  const allStatuses = themes.flatMap((t) => t.principles.flatMap((p) => p.claims.map((c) => c.status)));
  const counts = countStatuses(allStatuses);
  const attestable = themes.flatMap((t) =>
    t.principles.flatMap((p) => p.claims.filter((c) => c.attestable).map((c) => c.id)),
  );
  const coveragePercent = report.coverage.total
    ? Math.round((100 * report.coverage.observed) / report.coverage.total)
    : 0;
  return {
    repository: report.repository,
    repositoryUrl: links.base ? links.base.repository : undefined,
    commit: report.commit,
    commitUrl: links.base ? `${links.base.repository}/commit/${links.base.commit}` : undefined,
    generatedAt: report.generatedAt,
    toolVersion: report.tool.version,
    mode: report.metadata.mode,
    score: report.score,
    threshold: report.threshold,
    passed: report.passed,
    gateReasons: report.gate.reasons,
    coverage: report.coverage,
    coveragePercent,
    counts,
    statement: [
      ...(links.warning ? [links.warning.text] : []),
      ...statement(report, counts, allStatuses.length),
    ],
    themes,
    osps: packOsps(report),
    baseline: comparison,
    ...(links.warning ? { workingTree: links.warning } : {}),
    attestable,
    attestationSnippet: attestationSnippet(attestable),
    notes: [...report.notes, ...(comparison?.notes.map((n) => `baseline: ${n}`) ?? [])],
  };
}

function packClaim(
  claim: ClaimAssessment,
  checks: Map<string, ReportCheck>,
  observable: boolean,
  links: FileLinks,
  change: StatusChange | undefined,
): PackClaim {
  const evidence = claim.evidence.map((e) => packEvidence(e, checks, links));
  const steps = nextSteps(claim, checks, observable);
  return {
    id: claim.id,
    text: claim.text,
    status: claim.status,
    evidence,
    argument: argument(claim, evidence, checks),
    nextSteps: steps.steps,
    change: change && change.direction !== 'unchanged' ? change : undefined,
    attestable: steps.attestable,
  };
}

function packEvidence(e: ClaimEvidence, checks: Map<string, ReportCheck>, links: FileLinks): PackEvidence {
  switch (e.kind) {
    case 'not-applicable':
      return { kind: 'not-applicable', reason: e.reason };
    case 'attestation': {
      const url = e.url !== undefined ? safeHttpUrl(e.url) : undefined;
      const inRepo = e.path?.replace(/^\.?\//, '');
      const pathUrl = inRepo !== undefined ? links.url(inRepo) : undefined;
      const atCommit = inRepo !== undefined ? links.atCommit(inRepo) : undefined;
      return {
        kind: 'attestation',
        note: e.note,
        ...(url ? { url } : e.url !== undefined ? { urlText: e.url } : {}),
        ...(e.path !== undefined ? { path: e.path } : {}),
        ...(pathUrl ? { pathUrl } : {}),
        ...(atCommit ? { atCommit } : {}),
      };
    }
    case 'check': {
      const check = checks.get(e.checkId);
      const facts = (check?.evidence ?? []).map((f): PackFact => ({
        text: f.summary,
        ...links.locate(f.path, f.line),
        ...(f.quote !== undefined ? { quote: f.quote } : {}),
        ...(f.source !== undefined ? { source: f.source } : {}),
      }));
      const located = (f: Finding, text: string): PackFact => ({ text, ...links.locate(f.path, f.line) });
      // Findings explain a shortfall; under a claim the check passed they would mislead.
      const findings =
        e.status === 'partial' || e.status === 'fail'
          ? (check?.findings ?? [])
              .filter((f) => f.severity !== 'info' && !f.suppressed)
              .map((f) => {
                const confidence = confidenceLabel(f);
                return located(f, `${findingText(f, check).message}${confidence ? ` (${confidence})` : ''}`);
              })
          : [];
      const acceptedRisks = (check?.findings ?? [])
        .filter((f) => f.suppressed)
        .map((f) => {
          const text = findingText(f, check);
          return located(f, `${text.message} ${text.suppressed ?? ''}`);
        });
      return {
        kind: 'check',
        checkId: e.checkId,
        title: check?.title ?? e.checkId,
        status: e.status,
        source: check?.source ?? 'files',
        note: e.note,
        docs: check?.docs ?? '',
        facts: facts.slice(0, MAX_FACTS),
        moreFacts: Math.max(0, facts.length - MAX_FACTS),
        findings: findings.slice(0, MAX_FINDINGS),
        moreFindings: Math.max(0, findings.length - MAX_FINDINGS),
        acceptedRisks: acceptedRisks.slice(0, MAX_FINDINGS),
        moreAcceptedRisks: Math.max(0, acceptedRisks.length - MAX_FINDINGS),
      };
    }
  }
}

type CheckEvidence = Extract<PackEvidence, { kind: 'check' }>;

/** Where a check's evidence came from, as the renderers label it next to the check. */
export const SOURCE_LABEL: Record<EvidenceSource, string> = {
  files: 'repository files',
  api: 'GitHub API',
  config: 'configuration',
};

const SOURCE_TEXT: Record<EvidenceSource, string> = {
  files: "the repository's files at this commit",
  api: 'GitHub settings read through the API',
  config: 'the sscop configuration',
};

/** One or two sentences composed from the rule pack (check titles), the claim and the verdict notes. */
function argument(
  claim: ClaimAssessment,
  evidence: PackEvidence[],
  checks: Map<string, ReportCheck>,
): string {
  const byCheck = evidence.filter((e): e is CheckEvidence => e.kind === 'check');
  const observed = byCheck.filter(
    (e) => e.status === 'pass' || e.status === 'partial' || e.status === 'fail',
  );
  const passed = observed.filter((e) => e.status === 'pass');
  const short = observed.filter((e) => e.status !== 'pass');
  const attestations = evidence.filter((e) => e.kind === 'attestation');
  const sources = [...new Set(observed.map((e) => SOURCE_TEXT[e.source]))].join(' and ');
  switch (claim.status) {
    case 'met':
      return `${capital(titles(passed))} passed on ${sources}: ${sentence(notes(passed))} That is direct evidence that ${quoteClaim(claim)}`;
    case 'partially-met': {
      const partial = short.filter((e) => e.status === 'partial');
      const failed = short.filter((e) => e.status === 'fail');
      const shortfall = [
        partial.length
          ? `${titles(partial)} ${partial.length > 1 ? 'were' : 'was'} only partly satisfied`
          : '',
        failed.length ? `${titles(failed)} failed` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      const ok = passed.length ? `${capital(titles(passed))} passed, but ` : '';
      return `${ok}${passed.length ? shortfall : capital(shortfall)} on ${sources}: ${sentence(notes(short))} The claim is supported only in part until that is put right.`;
    }
    case 'not-met':
      return `${capital(titles(short))} failed on ${sources}: ${sentence(notes(short))} Nothing observed yet shows that ${quoteClaim(claim)}`;
    case 'attested': {
      const why = byCheck.length
        ? `${capital(titles(byCheck))} could not observe this claim`
        : 'No sscop check can observe this claim';
      return `${why}; the vendor declares it in ${CONFIG_FILE}: ${sentence(attestations.map((a) => a.note).join('; '))} The declaration points to its evidence but has not been verified by sscop.`;
    }
    case 'unknown': {
      const unknownChecks = byCheck.filter((e) => e.status === 'unknown');
      const why = unknownChecks.length
        ? `${capital(titles(unknownChecks))} could not be observed (${unknownReasons(unknownChecks, checks)}).`
        : 'No sscop check observes this claim, and no attestation covers it.';
      return `${why} Nothing in this pack supports or refutes the claim; it counts neither as met nor as failed.`;
    }
    case 'not-applicable': {
      const declared = evidence.find((e) => e.kind === 'not-applicable');
      if (declared) return `Declared not applicable in ${CONFIG_FILE}: ${sentence(declared.reason)}`;
      return `${capital(titles(byCheck))} found nothing this claim applies to: ${sentence(notes(byCheck))}`;
    }
  }
}

/** What to do next, and whether attesting the claim is one of the steps (the appendix shows how). */
function nextSteps(
  claim: ClaimAssessment,
  checks: Map<string, ReportCheck>,
  observable: boolean,
): { steps: NextStep[]; attestable: boolean } {
  if (claim.status === 'met' || claim.status === 'not-applicable') return { steps: [], attestable: false };
  const steps: NextStep[] = [];
  const seen = new Set<string>();
  const add = (step: NextStep) => {
    if (seen.has(step.text)) return;
    seen.add(step.text);
    steps.push(step);
  };
  const checkEvidence = claim.evidence.filter((e) => e.kind === 'check');
  for (const e of checkEvidence) {
    const check = checks.get(e.checkId);
    if (!check) continue;
    if (e.status === 'partial' || e.status === 'fail') add({ text: `${check.title}: ${check.remediation}` });
  }
  for (const e of checkEvidence) {
    const check = checks.get(e.checkId);
    if (e.status === 'unknown' && check?.unknown)
      add({ text: `To let sscop verify it: ${check.unknown.howToObserve}` });
  }
  if (claim.status === 'attested') {
    add({
      text: 'Attested, not verified: keep the evidence it points to current, and be ready to show it to a customer or auditor.',
    });
    return { steps, attestable: false };
  }
  if (!observable) {
    add({
      text: `No sscop check can observe this claim: attest it in ${CONFIG_FILE}, pointing to the evidence (a URL or a repository path) with a note on what it shows (${ATTEST_HOW}).`,
    });
    return { steps, attestable: true };
  }
  if (claim.status === 'unknown') {
    add({
      text: `Or, if the evidence lives outside the repository, attest it in ${CONFIG_FILE} (${ATTEST_HOW}).`,
    });
    return { steps, attestable: true };
  }
  return { steps, attestable: false };
}

function statement(report: Report, counts: Record<ClaimStatus, number>, totalClaims: number): string[] {
  const subject = report.repository ?? 'this repository';
  const at = report.commit ? ` at commit ${report.commit}` : '';
  const verified = counts.met + counts['partially-met'] + counts['not-met'];
  const where =
    report.metadata.mode === 'online'
      ? "in the repository's files at this commit and in GitHub settings read through the API"
      : "in the repository's files at this commit (an offline scan: GitHub settings were not read)";
  return [
    `This is a self-assessment of ${subject}${at} against the ${totalClaims} claims of the UK Software Security Code of Practice (DSIT and NCSC, May 2025), generated by sscop ${report.tool.version} on ${displayDate(report.generatedAt)}.`,
    `Verified: ${verified} ${plural(verified, 'claim rests', 'claims rest')} on evidence sscop observed itself, ${where} — ${counts.met} met, ${counts['partially-met']} partially met, ${counts['not-met']} not met.`,
    `Attested: ${counts.attested} ${plural(counts.attested, 'claim is', 'claims are')} declared by the vendor in ${CONFIG_FILE} with a pointer to the evidence; sscop has not verified ${counts.attested === 1 ? 'it' : 'them'}.`,
    `Unknown: ${counts.unknown} ${plural(counts.unknown, 'claim', 'claims')} could not be observed and ${counts.unknown === 1 ? 'is' : 'are'} not attested. Unknown is never counted as met; ask the vendor for evidence.`,
    `Not applicable: ${counts['not-applicable']} ${plural(counts['not-applicable'], 'claim is', 'claims are')} out of scope, each with the reason given.`,
    `The score (${report.score}/100) is the weighted mean of the checks that could be observed; coverage (${report.coverage.observed} of ${report.coverage.total} in-scope claims observed) says how much of the Code that score speaks for.`,
  ];
}

/** A baseline group's heading count: what the list under it holds. */
export function changeCount(principles: number, claims: number): string {
  const claimText = `${claims} ${plural(claims, 'claim', 'claims')}`;
  return principles
    ? `${principles} ${plural(principles, 'principle', 'principles')}, ${claimText}`
    : claimText;
}

/** The rest of a capped list, which this pack does not show (the reader has no other report). */
export function moreNotListed(n: number, one: string, many: string): string {
  return `${n} more ${plural(n, one, many)} not listed in this pack`;
}

function countStatuses(statuses: ClaimStatus[]): Record<ClaimStatus, number> {
  const counts = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  for (const s of statuses) counts[s]++;
  return counts;
}

function titles(evidence: CheckEvidence[]): string {
  const names = [...new Set(evidence.map((e) => `“${e.title}”`))];
  if (names.length <= 1) return names[0] ?? 'no check';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function notes(evidence: CheckEvidence[]): string {
  return [...new Set(evidence.map((e) => e.note.trim()).filter(Boolean))].join('; ');
}

function unknownReasons(evidence: CheckEvidence[], checks: Map<string, ReportCheck>): string {
  return [...new Set(evidence.map((e) => checks.get(e.checkId)?.unknown?.reason ?? e.note))].join('; ');
}

function quoteClaim(claim: ClaimAssessment): string {
  const text = claim.text.trim().replace(/\.$/, '');
  return `“${text.charAt(0).toLowerCase()}${text.slice(1)}”.`;
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  const capitalised = capital(t);
  return /[.!?…”"]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
