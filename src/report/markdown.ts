/**
 * Markdown report: the document the job summary and the check run show. It leads with the answer —
 * the verdict and why, on a pull request what it adds (each with its fix), the fixes that raise the
 * score most — then the findings with severity icons and fixes; the principles, every check and
 * what could not be observed are collapsed below. Every repository- or API-sourced string is escaped.
 */
import { escapeMarkdown as md, escapeMarkdownKeepingCode as mdCode } from './escape.js';
import {
  CHECK_STATUS_ICON,
  CHECK_STATUS_LABEL,
  CLAIM_STATUS_ICON,
  CLAIM_STATUS_LABEL,
  coverageText,
  SEVERITY_ICON,
  suppressionSentences,
} from './format.js';
import { configSentences } from '../config/choice.js';
import { confidenceNote, findingId, findingTextOf, type FindingText } from './finding-text.js';
import { gatesOnChange } from './new-findings.js';
import { rankedFindings, type Report, type ResolvedFinding } from './report.js';
import { scoreGains } from './score-gains.js';
import { severityRank, type ClaimStatus, type Finding } from '../model/types.js';
import { shorten } from '../shorten.js';
import { permalink, permalinkBase } from './permalinks.js';
import { collate } from '../collate.js';

export interface MarkdownOptions {
  /** e.g. https://github.com; with repository and commit, locations become permalinks. */
  serverUrl?: string;
  /** Findings listed in the table (the report has them all); 10 by default. */
  maxFindings?: number;
  /** Hard cap on the output size in bytes (GitHub's job summary limit is 1 MiB per step). */
  maxBytes?: number;
  /** Where the full report is and how to get it, for "N more findings" and the truncation line. */
  fullReportHint?: string;
  /** Set on a pull request: its findings are listed first; a fork's limits are explained. */
  pullRequest?: { fromFork: boolean };
}

export const SUMMARY_MAX_BYTES = 1024 * 1024 - 4096;
const DEFAULT_MAX_FINDINGS = 10;
/** New findings are all listed, up to this many. */
const MAX_NEW_FINDINGS = 50;
const TOP_FIXES = 3;

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const text = findingTextOf(report);
  const parts = [
    ...verdict(report),
    ...forkNote(options),
    ...scoreAndConfig(report),
    ...addedByPullRequest(report, options, text),
    ...resolvedSinceBaseline(report, options),
    ...topFixes(report),
    ...findingsTable(report, options, text),
    ...principlesSection(report),
    ...checksSection(report),
    ...unknownsSection(report),
    ...attestedSection(report),
    ...notesSection(report),
    `<sub>sscop ${md(report.tool.version)} · ${report.generatedAt}</sub>\n`,
  ];
  return fitToSize(parts.join('\n'), options);
}

/** The answer first: passed or failed, and why. */
function verdict(report: Report): string[] {
  const subject = [
    'UK Software Security Code of Practice',
    `${md(report.repository ?? 'repository')}${report.metadata.pathInRepository ? ` (${md(report.metadata.pathInRepository)})` : ''}${report.commit ? ` at \`${report.commit.slice(0, 12)}\`` : ''}`,
    `${report.metadata.mode} scan`,
  ].join(' · ');
  const out = [`## ${report.passed ? '✅ sscop: passed' : '❌ sscop: failed'}\n`, `${subject}\n`];
  const reasons = report.passed ? [passReason(report)] : report.gate.reasons;
  if (reasons.length === 1) out.push(`**Why:** ${md(reasons[0]!)}.\n`);
  else out.push('**Why:**\n', ...reasons.map((r) => `- ${md(r)}`), '');
  return out;
}

function passReason(report: Report): string {
  if (report.gate.basis === 'new-findings')
    return 'the pull request adds no finding of medium severity or above, and every required item is met';
  return `score ${report.score}/100 meets the threshold ${report.threshold}`;
}

function forkNote(options: MarkdownOptions): string[] {
  if (!options.pullRequest?.fromFork) return [];
  return [
    '> **Pull request from a fork.** GitHub gives it a read-only token, so sscop cannot create a check run: findings are shown as workflow annotations (GitHub displays at most 10 per level) and in full below.\n',
  ];
}

function scoreAndConfig(report: Report): string[] {
  const threshold =
    report.gate.basis === 'new-findings'
      ? ' for the whole repository (not gated: the pull request is judged on what it adds)'
      : ` (threshold ${report.threshold})`;
  const out = [
    `**Score ${report.score}/100**${threshold} · coverage ${coverageText(report)}; unknown is never counted as met.\n`,
  ];
  const [applied, proposal] = configSentences(report.config);
  out.push(`${md(applied!)}\n`);
  if (proposal) out.push(`> ${report.config.proposed?.loosens ? '⚠️ ' : ''}${md(proposal)}\n`);
  const suppressions = suppressionSentences(report);
  if (suppressions.pullRequest) out.push(`> ⚠️ **${md(suppressions.pullRequest)}**\n`);
  if (suppressions.accepted) out.push(`${md(suppressions.accepted)}\n`);
  return out;
}

/** On a pull request: every finding it adds, marked, each with its fix. */
function addedByPullRequest(
  report: Report,
  options: MarkdownOptions,
  text: (f: Finding) => FindingText,
): string[] {
  const added = rankedFindings(report).filter((f) => f.new);
  if (!options.pullRequest && !added.length) return [];
  if (!added.length) return ['### 🆕 This pull request adds no findings\n'];
  const gating = report.gate.basis === 'new-findings';
  const count = `${added.length} finding${added.length === 1 ? '' : 's'}`;
  // Off a pull request, findings are new only against a baseline.
  const title = options.pullRequest ? `This pull request adds ${count}` : `New since the baseline: ${count}`;
  const out = [`### 🆕 ${title}\n`];
  if (gating) {
    const failing = added.filter((f) => gatesOnChange(f, report)).length;
    const confident = report.gate.minConfidence ? `, ${report.gate.minConfidence} confidence or above` : '';
    out.push(
      `${failing} of them fail${failing === 1 ? 's' : ''} the gate (medium severity or above${confident}, not suppressed; marked ⛔).\n`,
    );
  }
  out.push(...table(report, added.slice(0, MAX_NEW_FINDINGS), options, text, gating));
  if (added.length > MAX_NEW_FINDINGS) out.push(moreLine(added.length - MAX_NEW_FINDINGS, options));
  return out;
}

/** With a baseline: the findings it had that this report no longer has, most severe first. */
function resolvedSinceBaseline(report: Report, options: MarkdownOptions): string[] {
  const resolved = [...(report.resolved?.findings ?? [])].sort(bySeverityAndPlace);
  if (!resolved.length) return [];
  const count = `${resolved.length} finding${resolved.length === 1 ? '' : 's'}`;
  const title = options.pullRequest
    ? `This pull request resolves ${count}`
    : `Resolved since the baseline: ${count}`;
  const commit = report.resolved!.baselineCommit;
  const since = commit && /^[0-9a-f]{7,64}$/.test(commit) ? ` at \`${commit.slice(0, 12)}\`` : '';
  const rows = resolved.slice(0, MAX_NEW_FINDINGS).map((f) => {
    const severity = f.severity ? `${SEVERITY_ICON[f.severity]} ${f.severity}` : '–';
    const where = f.path ? md(`${f.path}${f.line ? `:${f.line}` : ''}`) : '(repository)';
    // The check id is one of this report's own (only checks that ran resolve findings).
    return `| ${severity} | ${where} | \`${f.checkId}\` | ${mdCode(shorten(f.message, 300))} |`;
  });
  const out = [
    `### ✅ ${title}\n`,
    `In the baseline${since}, no longer found:\n`,
    '| Severity | Where | Check | Finding |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
  if (resolved.length > MAX_NEW_FINDINGS) out.push(moreLine(resolved.length - MAX_NEW_FINDINGS, options));
  return out;
}

function bySeverityAndPlace(a: ResolvedFinding, b: ResolvedFinding): number {
  const rank = (f: ResolvedFinding) => (f.severity ? severityRank(f.severity) : Number.MAX_SAFE_INTEGER);
  return (
    rank(a) - rank(b) ||
    collate(a.path ?? '', b.path ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    collate(a.checkId, b.checkId)
  );
}

/** The fixes that raise the score most, with the points each gives. */
function topFixes(report: Report): string[] {
  const gains = scoreGains(report).slice(0, TOP_FIXES);
  if (!gains.length) return [];
  return [
    '### Fixes that raise the score most\n',
    ...gains.map(
      ({ check, points }, i) =>
        `${i + 1}. **+${points}** \`${check.id}\` — ${mdCode(shorten(check.remediation, 240))}`,
    ),
    '',
  ];
}

/** The findings already in the repository (all of them off a pull request), most severe first. */
function findingsTable(
  report: Report,
  options: MarkdownOptions,
  text: (f: Finding) => FindingText,
): string[] {
  const findings = rankedFindings(report).filter((f) => f.severity !== 'info' && !f.new);
  if (!findings.length) return [];
  const max = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const shown = findings.slice(0, max);
  const onPullRequest = Boolean(options.pullRequest) || rankedFindings(report).some((f) => f.new);
  const title = onPullRequest ? 'Findings already in the repository' : 'Findings';
  const count = `${shown.length} of ${findings.length}, most severe first`;
  const body = [...table(report, shown, options, text, false)];
  if (findings.length > shown.length) body.push(moreLine(findings.length - shown.length, options));
  // Judged on what the pull request adds, these do not decide the gate: collapsed.
  if (report.gate.basis === 'new-findings')
    return [`<details><summary>${title} (${count}; not gated)</summary>\n`, ...body, '</details>\n'];
  return [`### ${title} (${count})\n`, ...body];
}

function table(
  report: Report,
  findings: Finding[],
  options: MarkdownOptions,
  text: (f: Finding) => FindingText,
  markGating: boolean,
): string[] {
  const rows: string[] = ['| Severity | Where | Finding | Fix |', '|---|---|---|---|'];
  const fixesShown = new Set<string>();
  for (const f of findings) {
    const { message, fix, suppressed } = text(f);
    const gate = markGating && gatesOnChange(f, report) ? ' ⛔' : '';
    const severity = `${SEVERITY_ICON[f.severity]} ${f.severity}${confidenceNote(f)}${f.new ? ' 🆕' : ''}${gate}${suppressed ? ' (suppressed)' : ''}`;
    const shown = suppressed ? `${shorten(message, 200)} ${shorten(suppressed, 200)}` : shorten(message, 300);
    // A fix repeated row after row (one check, many lines) is said once.
    const fixCell = !fix ? '' : fixesShown.has(fix) ? '↑ same fix' : mdCode(shorten(fix, 200));
    if (fix) fixesShown.add(fix);
    rows.push(
      `| ${severity} | ${location(report, f, options.serverUrl)} | \`${findingId(f)}\` ${mdCode(shown)} | ${fixCell} |`,
    );
  }
  rows.push('');
  return rows;
}

function moreLine(count: number, options: MarkdownOptions): string {
  const where = options.fullReportHint ?? 'the JSON report (sscop scan --format json)';
  return `${count} more finding${count === 1 ? ' is' : 's are'} in ${md(where)}.\n`;
}

function principlesSection(report: Report): string[] {
  const counts = new Map<ClaimStatus, number>();
  for (const p of report.principles) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  const tally = [...counts].map(([status, n]) => `${n} ${CLAIM_STATUS_LABEL[status]}`);
  const out = [
    `<details><summary>Principles: ${tally.join(', ')}</summary>\n`,
    '| Principle | Status | Score | Claims met |',
    '|---|---|---:|---:|',
  ];
  let theme = '';
  for (const p of report.principles) {
    if (p.theme !== theme) {
      theme = p.theme;
      out.push(`| **Theme ${p.theme} — ${md(p.themeTitle)}** | | | |`);
    }
    const met = p.claims.filter((c) => c.status === 'met').length;
    out.push(
      `| ${p.id} ${md(shorten(p.title, 110))} | ${CLAIM_STATUS_ICON[p.status]} ${CLAIM_STATUS_LABEL[p.status]} | ${p.score ?? '–'} | ${met}/${p.claims.length} |`,
    );
  }
  out.push('\n</details>\n');
  return out;
}

function checksSection(report: Report): string[] {
  const out = [
    `<details><summary>All checks (${report.checks.length})</summary>\n`,
    '| Check | Status | Principles | Summary |',
    '|---|---|---|---|',
  ];
  for (const c of report.checks) {
    const status = c.enabled ? `${CHECK_STATUS_ICON[c.status]} ${CHECK_STATUS_LABEL[c.status]}` : 'disabled';
    out.push(`| \`${c.id}\` | ${status} | ${c.principles.join(', ')} | ${mdCode(shorten(c.summary, 200))} |`);
  }
  out.push('\n</details>\n');
  return out;
}

function unknownsSection(report: Report): string[] {
  const unknowns = report.checks.filter((c) => c.enabled && c.status === 'unknown' && c.unknown);
  if (!unknowns.length) return [];
  return [
    `<details><summary>Not observed: ${unknowns.length} check${unknowns.length === 1 ? '' : 's'}, and what would make ${unknowns.length === 1 ? 'it' : 'them'} observable</summary>\n`,
    ...unknowns.map(
      (c) => `- \`${c.id}\`: ${mdCode(c.unknown!.reason)} — ${mdCode(c.unknown!.howToObserve)}`,
    ),
    '\n</details>\n',
  ];
}

function attestedSection(report: Report): string[] {
  const attested = report.principles.flatMap((p) => p.claims.filter((c) => c.status === 'attested'));
  if (!attested.length) return [];
  const out = ['### Attested (declared in the config, not verified)\n'];
  for (const claim of attested) {
    const notes = claim.evidence.flatMap((e) => (e.kind === 'attestation' ? [e.note] : []));
    out.push(`- ${claim.id} ${md(shorten(claim.text, 120))} — ${md(shorten(notes.join('; '), 200))}`);
  }
  out.push('');
  return out;
}

function notesSection(report: Report): string[] {
  if (!report.notes.length) return [];
  return ['### Notes\n', ...report.notes.map((n) => `- ${md(n)}`), ''];
}

function location(report: Report, f: Finding, serverUrl?: string): string {
  if (!f.path) return '(repository)';
  const text = md(`${f.path}${f.line ? `:${f.line}` : ''}`);
  const links = serverUrl ? permalinkBase(report, serverUrl) : undefined;
  return links ? `[${text}](${permalink(links, f.path, f.line)})` : text;
}

function fitToSize(text: string, options: MarkdownOptions): string {
  const max = options.maxBytes ?? SUMMARY_MAX_BYTES;
  if (Buffer.byteLength(text) <= max) return text;
  const note = `\n\n**Truncated — full report in ${md(options.fullReportHint ?? 'the JSON report (--format json)')}.**\n`;
  let cut = text.slice(0, Math.max(0, max - Buffer.byteLength(note) - 16));
  while (Buffer.byteLength(cut) > max - Buffer.byteLength(note)) cut = cut.slice(0, -1024);
  return cut.slice(0, cut.lastIndexOf('\n')) + note;
}
