/**
 * How a finding reads, decided once for every surface (text, Markdown and the job summary,
 * check-run and workflow-command annotations, SARIF, the evidence pack): its title, its message,
 * its fix, and the message and fix as one text. Surfaces keep only their layout, their size limits
 * and their escaping (escape.ts): everything here is plain, unescaped text.
 */
import type { Finding } from '../model/types.js';
import type { Report, ReportCheck } from './report.js';
import { cutText } from '../shorten.js';

/** GitHub rejects check-run annotation titles longer than this; workflow commands get the same title. */
export const MAX_TITLE_LENGTH = 255;

export interface FindingText {
  /** `sscop <check> (<severity>)`, led by `New: ` when the pull request added the finding. */
  title: string;
  message: string;
  /** The finding's own remediation, else its check's; absent only when neither says anything. */
  fix?: string;
  /** The message, then the fix, for surfaces that show a single text. */
  messageWithFix: string;
}

/** `check` is the finding's check, whose remediation stands in when the finding has none. */
export function findingText(f: Finding, check: Pick<ReportCheck, 'remediation'> | undefined): FindingText {
  const fix = f.remediation || check?.remediation || undefined;
  return {
    title: cutText(`${f.new ? 'New: ' : ''}sscop ${f.checkId} (${f.severity})`, MAX_TITLE_LENGTH),
    message: f.message,
    ...(fix ? { fix } : {}),
    messageWithFix: fix ? `${f.message}\n\nFix: ${fix}` : f.message,
  };
}

/** `findingText` for the findings of one report, each read with its own check. */
export function findingTextOf(report: Pick<Report, 'checks'>): (f: Finding) => FindingText {
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  return (f) => findingText(f, checks.get(f.checkId));
}
