/**
 * Markdown report: the document the job summary shows. Themes → principles with status and score,
 * the verdict, coverage, the findings that matter most with links to the exact lines, and what
 * could not be observed. Every repository- or API-sourced string is escaped.
 */
import { escapeMarkdown as md, encodePath } from './escape.js';
import {
  CHECK_STATUS_ICON,
  CHECK_STATUS_LABEL,
  CLAIM_STATUS_ICON,
  CLAIM_STATUS_LABEL,
  coverageText,
  suppressionSentences,
  verdictText,
} from './format.js';
import { configSentences } from '../config/choice.js';
import { findingTextOf } from './finding-text.js';
import { rankedFindings, type Report } from './report.js';
import type { Finding } from '../model/types.js';
import { shorten } from '../shorten.js';

export interface MarkdownOptions {
  /** e.g. https://github.com; with repository and commit, locations become permalinks. */
  serverUrl?: string;
  maxFindings?: number;
  /** Hard cap on the output size in bytes (GitHub's job summary limit is 1 MiB per step). */
  maxBytes?: number;
  /** Where the full report is, for the truncation line. */
  fullReportHint?: string;
}

export const SUMMARY_MAX_BYTES = 1024 * 1024 - 4096;

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const parts: string[] = [];
  const icon = report.passed ? '✅' : '❌';
  parts.push(`## ${icon} sscop — UK Software Security Code of Practice\n`);
  const subject = `${md(report.repository ?? 'repository')}${report.commit ? ` at \`${report.commit.slice(0, 12)}\`` : ''}`;
  parts.push(
    `**Score ${report.score}/100** (threshold ${report.threshold}) · **${report.passed ? 'passed' : 'failed'}** · ${subject} · ${report.metadata.mode} scan\n`,
  );
  if (!report.passed) parts.push(`> ${md(verdictText(report))}\n`);
  parts.push(`Coverage: ${coverageText(report)}. Unknown is never counted as met.\n`);
  const [applied, proposal] = configSentences(report.config);
  parts.push(`${md(applied!)}\n`);
  if (proposal) parts.push(`> ${report.config.proposed?.loosens ? '⚠️ ' : ''}${md(proposal)}\n`);
  const suppressions = suppressionSentences(report);
  if (suppressions.pullRequest) parts.push(`> ⚠️ **${md(suppressions.pullRequest)}**\n`);
  if (suppressions.accepted) parts.push(`${md(suppressions.accepted)}\n`);

  parts.push('| Principle | Status | Score | Claims met |');
  parts.push('|---|---|---:|---:|');
  let theme = '';
  for (const p of report.principles) {
    if (p.theme !== theme) {
      theme = p.theme;
      parts.push(`| **Theme ${p.theme} — ${md(p.themeTitle)}** | | | |`);
    }
    const met = p.claims.filter((c) => c.status === 'met').length;
    parts.push(
      `| ${p.id} ${md(shorten(p.title, 110))} | ${CLAIM_STATUS_ICON[p.status]} ${CLAIM_STATUS_LABEL[p.status]} | ${p.score ?? '–'} | ${met}/${p.claims.length} |`,
    );
  }
  parts.push('');

  const findings = rankedFindings(report).filter((f) => f.severity !== 'info');
  const max = options.maxFindings ?? 30;
  if (findings.length) {
    parts.push(`### Findings (${Math.min(max, findings.length)} of ${findings.length}, most severe first)\n`);
    parts.push('| Severity | Where | Check | Finding |');
    parts.push('|---|---|---|---|');
    const text = findingTextOf(report);
    for (const f of findings.slice(0, max)) {
      const { message, suppressed } = text(f);
      const shown = suppressed
        ? `${shorten(message, 200)} ${shorten(suppressed, 200)}`
        : shorten(message, 300);
      parts.push(
        `| ${f.severity}${suppressed ? ' (suppressed)' : ''} | ${location(report, f, options.serverUrl)} | \`${f.checkId}\` | ${md(shown)} |`,
      );
    }
    parts.push('');
  }

  parts.push('<details><summary>All checks</summary>\n');
  parts.push('| Check | Status | Principles | Summary |');
  parts.push('|---|---|---|---|');
  for (const c of report.checks) {
    const status = c.enabled ? `${CHECK_STATUS_ICON[c.status]} ${CHECK_STATUS_LABEL[c.status]}` : 'disabled';
    parts.push(`| \`${c.id}\` | ${status} | ${c.principles.join(', ')} | ${md(shorten(c.summary, 200))} |`);
  }
  parts.push('\n</details>\n');

  const unknowns = report.checks.filter((c) => c.enabled && c.status === 'unknown' && c.unknown);
  if (unknowns.length) {
    parts.push('### Not observed\n');
    for (const c of unknowns)
      parts.push(`- \`${c.id}\`: ${md(c.unknown!.reason)} — ${md(c.unknown!.howToObserve)}`);
    parts.push('');
  }
  const attested = report.principles.flatMap((p) =>
    p.claims.filter((c) => c.status === 'attested').map((c) => ({ claim: c, p })),
  );
  if (attested.length) {
    parts.push('### Attested (declared in the config, not verified)\n');
    for (const { claim } of attested) {
      const notes = claim.evidence.flatMap((e) => (e.kind === 'attestation' ? [e.note] : []));
      parts.push(`- ${claim.id} ${md(shorten(claim.text, 120))} — ${md(shorten(notes.join('; '), 200))}`);
    }
    parts.push('');
  }
  if (report.notes.length) {
    parts.push('### Notes\n');
    for (const n of report.notes) parts.push(`- ${md(n)}`);
    parts.push('');
  }
  parts.push(`<sub>sscop ${md(report.tool.version)} · ${report.generatedAt}</sub>\n`);
  return fitToSize(parts.join('\n'), options);
}

function location(report: Report, f: Finding, serverUrl?: string): string {
  if (!f.path) return '(repository)';
  const text = md(`${f.path}${f.line ? `:${f.line}` : ''}`);
  if (!serverUrl || !report.commit || !report.repository || !/^[\w.-]+\/[\w.-]+$/.test(report.repository))
    return text;
  const url = `${serverUrl.replace(/\/$/, '')}/${report.repository}/blob/${report.commit}/${encodePath(f.path)}${f.line ? `#L${f.line}` : ''}`;
  return `[${text}](${url})`;
}

function fitToSize(text: string, options: MarkdownOptions): string {
  const max = options.maxBytes ?? SUMMARY_MAX_BYTES;
  if (Buffer.byteLength(text) <= max) return text;
  const note = `\n\n**Truncated — full report in ${md(options.fullReportHint ?? 'the JSON report (--format json)')}.**\n`;
  let cut = text.slice(0, Math.max(0, max - Buffer.byteLength(note) - 16));
  while (Buffer.byteLength(cut) > max - Buffer.byteLength(note)) cut = cut.slice(0, -1024);
  return cut.slice(0, cut.lastIndexOf('\n')) + note;
}
