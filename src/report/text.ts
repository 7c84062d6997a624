/**
 * Terminal report: readable without colour (words, not only colours, carry the status), coloured
 * when the caller says the output is a TTY. Every string from the repository is escaped so it
 * cannot move the cursor or recolour the terminal.
 */
import { styleText } from 'node:util';
import type { ClaimStatus, Severity } from '../model/types.js';
import { escapeTerminal } from './escape.js';
import {
  CHECK_STATUS_LABEL,
  CLAIM_STATUS_LABEL,
  coverageText,
  locationText,
  suppressionSentences,
  verdictText,
} from './format.js';
import { configSentences } from '../config/choice.js';
import { confidenceLabel, findingId, findingTextOf } from './finding-text.js';
import { rankedFindings, type Report } from './report.js';
import { shorten } from '../shorten.js';

export interface TextOptions {
  color: boolean;
  /** How many findings to list (the JSON report has all). */
  maxFindings?: number;
}

type Style = Parameters<typeof styleText>[0];

/**
 * Every field printed here is one line: a newline from the repository (a file named `a\nScore
 * 100/100 PASSED`) is shown as `\n`, so it cannot forge lines of the report.
 */
const t = (s: string): string => escapeTerminal(s).replace(/\n/g, '\\n');

export function renderText(report: Report, options: TextOptions): string {
  // The caller decided (conventions in cli/main.ts): styleText must not second-guess it from the stream.
  const paint = (style: Style, s: string): string =>
    options.color ? styleText(style, s, { validateStream: false }) : s;
  const statusStyle: Record<ClaimStatus, Style> = {
    met: 'green',
    'partially-met': 'yellow',
    'not-met': 'red',
    attested: 'cyan',
    unknown: 'gray',
    'not-applicable': 'gray',
  };
  const severityStyle: Record<Severity, Style> = {
    critical: ['bold', 'red'],
    high: 'red',
    medium: 'yellow',
    low: 'blue',
    info: 'gray',
  };
  const out: string[] = [];
  const where = `${t(report.repository ?? '(unknown repository)')}${report.commit ? ` @ ${report.commit.slice(0, 12)}` : ''}`;
  out.push(paint('bold', `sscop ${report.tool.version} — UK Software Security Code of Practice`));
  out.push(
    `${where}  (${report.metadata.mode}${report.metadata.mode === 'offline' ? ': API checks are unknown' : ''})`,
  );
  out.push('');
  const verdict = report.passed ? paint(['bold', 'green'], 'PASSED') : paint(['bold', 'red'], 'FAILED');
  out.push(`Score ${paint('bold', `${report.score}/100`)} (threshold ${report.threshold})  ${verdict}`);
  if (!report.passed) out.push(`  ${verdictText(report)}`);
  out.push(`Coverage ${coverageText(report)}`);
  for (const line of configSentences(report.config)) out.push(t(line));
  const suppressions = suppressionSentences(report);
  if (suppressions.pullRequest) out.push(paint('bold', t(suppressions.pullRequest)));
  if (suppressions.accepted) out.push(t(suppressions.accepted));

  let theme = '';
  for (const p of report.principles) {
    if (p.theme !== theme) {
      theme = p.theme;
      out.push('', paint('bold', `Theme ${p.theme} — ${p.themeTitle}`));
    }
    const status = paint(statusStyle[p.status], CLAIM_STATUS_LABEL[p.status].padEnd(13));
    const score = (p.score === null ? '–' : String(p.score)).padStart(3);
    out.push(`  ${p.id.padEnd(4)} ${status} ${score}  ${shorten(p.title, 90)}`);
  }

  out.push('', paint('bold', 'Checks'));
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    const label = c.enabled ? CHECK_STATUS_LABEL[c.status] : 'disabled';
    out.push(`  ${label.padEnd(8)} ${c.id.padEnd(idWidth)}  ${t(shorten(c.summary, 100))}`);
  }

  const findings = rankedFindings(report).filter((f) => f.severity !== 'info');
  const max = options.maxFindings ?? 15;
  if (findings.length) {
    out.push('', paint('bold', `Top findings (${Math.min(max, findings.length)} of ${findings.length})`));
    const text = findingTextOf(report);
    for (const f of findings.slice(0, max)) {
      const { message, fix, suppressed } = text(f);
      const sev = paint(severityStyle[f.severity], f.severity.toUpperCase().padEnd(8));
      const confidence = confidenceLabel(f) ? `  (${confidenceLabel(f)})` : '';
      out.push(
        `  ${sev} ${t(locationText(f))}  [${findingId(f)}]${confidence}${suppressed ? '  SUPPRESSED' : ''}`,
      );
      out.push(`           ${t(message)}`);
      if (suppressed) out.push(paint('dim', `           ${t(shorten(suppressed, 300))}`));
      else if (fix) out.push(paint('dim', `           fix: ${t(shorten(fix, 200))}`));
    }
  }

  const resolved = report.resolved?.findings ?? [];
  if (resolved.length) {
    out.push('', paint('bold', `Resolved since the baseline (${resolved.length})`));
    for (const f of resolved.slice(0, max)) {
      const severity = (f.severity ?? '').toUpperCase().padEnd(8);
      out.push(`  ${severity} ${t(locationText(f))}  [${t(f.checkId)}]`);
      out.push(`           ${t(shorten(f.message, 300))}`);
    }
    if (resolved.length > max) out.push(`  … ${resolved.length - max} more in the JSON report`);
  }

  const unknowns = report.checks.filter((c) => c.enabled && c.status === 'unknown' && c.unknown);
  if (unknowns.length) {
    out.push('', paint('bold', 'Not observed (what would make it observable)'));
    for (const c of unknowns) out.push(`  ${c.id}: ${t(c.unknown!.reason)} — ${t(c.unknown!.howToObserve)}`);
  }
  if (report.notes.length) {
    out.push('', paint('bold', 'Notes'));
    for (const n of report.notes) out.push(`  ${t(n)}`);
  }
  out.push('');
  return out.join('\n');
}
