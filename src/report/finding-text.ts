/**
 * How a finding reads, decided once for every surface (text, Markdown and the job summary,
 * check-run and workflow-command annotations, SARIF, the evidence pack): its title, its message,
 * its fix, and the message and fix as one text. Surfaces keep only their layout, their size limits
 * and their escaping (escape.ts): everything here is plain, unescaped text.
 */
import { confidenceOf, type Finding } from '../model/types.js';
import type { Report, ReportCheck } from './report.js';
import { cutText } from '../shorten.js';

/** GitHub rejects check-run annotation titles longer than this; workflow commands get the same title. */
export const MAX_TITLE_LENGTH = 255;

export interface FindingText {
  /**
   * `sscop <check>[/<rule>] (<severity>[, <confidence> confidence])`, led by `New: ` when the pull
   * request added the finding.
   */
  title: string;
  message: string;
  /** The finding's own remediation, else its check's; absent only when neither says anything. */
  fix?: string;
  /** The message, then the fix, for surfaces that show a single text. */
  messageWithFix: string;
  /** For a suppressed finding: why it is accepted, where that is written, until when and by whom. */
  suppressed?: string;
}

/** What a finding is called where it can be suppressed or gated on: `check`, or `check/rule`. */
export function findingId(f: Pick<Finding, 'checkId' | 'rule'>): string {
  return f.rule ? `${f.checkId}/${f.rule}` : f.checkId;
}

/** Whether a suppression or `fail-on` id names the finding: its check, or its check and rule. */
export function namesFinding(id: string, f: Pick<Finding, 'checkId' | 'rule'>): boolean {
  return id === f.checkId || (f.rule !== undefined && id === findingId(f));
}

/** `low confidence` for a finding that is not certain; empty for one the evidence shows outright. */
export function confidenceLabel(f: Pick<Finding, 'confidence'>): string {
  const confidence = confidenceOf(f);
  return confidence === 'high' ? '' : `${confidence} confidence`;
}

/** `, low confidence`, to follow a severity; empty for a certain finding. */
export function confidenceNote(f: Pick<Finding, 'confidence'>): string {
  const label = confidenceLabel(f);
  return label ? `, ${label}` : '';
}

/** `check` is the finding's check, whose remediation stands in when the finding has none. */
export function findingText(f: Finding, check: Pick<ReportCheck, 'remediation'> | undefined): FindingText {
  const fix = f.remediation || check?.remediation || undefined;
  const suppressed = suppressionText(f);
  const lead = `${f.new ? 'New: ' : ''}${suppressed ? 'Suppressed: ' : ''}`;
  const messageWithFix = fix ? `${f.message}\n\nFix: ${fix}` : f.message;
  return {
    title: cutText(`${lead}sscop ${findingId(f)} (${f.severity}${confidenceNote(f)})`, MAX_TITLE_LENGTH),
    message: f.message,
    ...(fix ? { fix } : {}),
    messageWithFix: suppressed ? `${messageWithFix}\n\n${suppressed}` : messageWithFix,
    ...(suppressed ? { suppressed } : {}),
  };
}

/** `Suppressed (inline comment at ci.yml:12; expires 2027-01-31; owner @team): reason`. */
export function suppressionText(f: Finding): string | undefined {
  const s = f.suppression;
  if (!f.suppressed || !s) return undefined;
  const where = s.path ? ` at ${s.path}${s.line ? `:${s.line}` : ''}` : '';
  const details = [
    `${s.source === 'inline' ? 'inline comment' : 'config ignore entry'}${where}`,
    ...(s.expires ? [`expires ${s.expires}`] : []),
    ...(s.owner ? [`owner ${s.owner}`] : []),
  ];
  return `Suppressed (${details.join('; ')}): ${s.reason}`;
}

/** `findingText` for the findings of one report, each read with its own check. */
export function findingTextOf(report: Pick<Report, 'checks'>): (f: Finding) => FindingText {
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  return (f) => findingText(f, checks.get(f.checkId));
}
