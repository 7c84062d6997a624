/**
 * Annotations for a check run or workflow commands: findings with a file, the most severe first
 * (new findings of a pull request before old ones), capped at a documented total.
 */
import { severityRank, type Finding, type Severity } from '../model/types.js';
import { stripControl } from './escape.js';
import { rankedFindings, type Report } from './report.js';
import { shorten } from '../shorten.js';

/** At most this many annotations are sent with a check run (50 per request). */
export const MAX_CHECK_RUN_ANNOTATIONS = 500;
export const ANNOTATIONS_PER_REQUEST = 50;

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

export function levelOf(severity: Severity): AnnotationLevel {
  return severity === 'critical' || severity === 'high'
    ? 'failure'
    : severity === 'medium'
      ? 'warning'
      : 'notice';
}

/** Located findings in the order a reviewer should read them. */
export function orderedLocatedFindings(report: Report): Array<Finding & { path: string }> {
  return rankedFindings(report)
    .filter((f): f is Finding & { path: string } => Boolean(f.path))
    .sort(
      (a, b) =>
        Number(Boolean(b.new)) - Number(Boolean(a.new)) ||
        severityRank(a.severity) - severityRank(b.severity),
    );
}

export function toAnnotation(f: Finding & { path: string }): Annotation {
  const start = Math.max(1, f.line ?? 1);
  const end = Math.max(start, f.endLine ?? start);
  const a: Annotation = {
    path: f.path,
    start_line: start,
    end_line: end,
    annotation_level: levelOf(f.severity),
    // Titles are capped at 255 characters by the API; messages are plain text (not Markdown).
    title: `${f.new ? 'New: ' : ''}${f.checkId} (${f.severity})`.slice(0, 255),
    // Control characters from repository text (ESC, bidi overrides) are dropped: plain text only (issue 9).
    message: shorten(
      stripControl(f.remediation ? `${f.message}\n\nFix: ${f.remediation}` : f.message),
      64_000,
    ),
  };
  // Columns are only allowed when the annotation is on one line.
  if (start === end && f.column) {
    a.start_column = f.column;
    a.end_column = f.endColumn && f.endColumn >= f.column ? f.endColumn : f.column;
  }
  return a;
}

export function checkRunAnnotations(report: Report): { annotations: Annotation[]; omitted: number } {
  const all = orderedLocatedFindings(report);
  return {
    annotations: all.slice(0, MAX_CHECK_RUN_ANNOTATIONS).map(toAnnotation),
    omitted: Math.max(0, all.length - MAX_CHECK_RUN_ANNOTATIONS),
  };
}
