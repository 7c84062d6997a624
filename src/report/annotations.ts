/**
 * Annotations for a check run or workflow commands: findings with a file, the most severe first
 * (new findings of a pull request before old ones), capped at a documented total.
 */
import { severityRank, type Finding, type Severity } from '../model/types.js';
import { stripControl } from './escape.js';
import { findingTextOf, type FindingText } from './finding-text.js';
import { rankedFindings, type Report } from './report.js';
import { shorten } from '../shorten.js';

/** At most this many annotations are sent with a check run (50 per request). */
export const MAX_CHECK_RUN_ANNOTATIONS = 500;
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub displays at most 10 workflow-command annotations of each level per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

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
        Number(Boolean(a.suppressed)) - Number(Boolean(b.suppressed)) ||
        Number(Boolean(b.new)) - Number(Boolean(a.new)) ||
        severityRank(a.severity) - severityRank(b.severity),
    );
}

/** A check-run annotation: the finding's title and its message with the fix, as plain text. */
export function toAnnotation(f: Finding & { path: string }, text: FindingText): Annotation {
  const start = Math.max(1, f.line ?? 1);
  const end = Math.max(start, f.endLine ?? start);
  const a: Annotation = {
    path: f.path,
    start_line: start,
    end_line: end,
    // An accepted finding is still shown on its line, but never as a failure or warning.
    annotation_level: f.suppressed ? 'notice' : levelOf(f.severity),
    // Messages are plain text (not Markdown): control characters from repository text (ESC, bidi
    // overrides) are dropped.
    title: stripControl(text.title),
    message: shorten(stripControl(text.messageWithFix), 64_000),
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
  const text = findingTextOf(report);
  return {
    annotations: all.slice(0, MAX_CHECK_RUN_ANNOTATIONS).map((f) => toAnnotation(f, text(f))),
    omitted: Math.max(0, all.length - MAX_CHECK_RUN_ANNOTATIONS),
  };
}

/** What one workflow command (`::error` and the like) says; the action shell prints it. */
export interface WorkflowAnnotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

/**
 * Workflow-command annotations: the most severe first, within GitHub's per-level display limit,
 * with the same title and message as the check run's.
 */
export function workflowCommandAnnotations(report: Report): WorkflowAnnotation[] {
  const text = findingTextOf(report);
  const shown = { failure: 0, warning: 0, notice: 0 };
  const annotations: WorkflowAnnotation[] = [];
  for (const f of orderedLocatedFindings(report)) {
    const level = f.suppressed ? 'notice' : levelOf(f.severity);
    if (shown[level] >= ANNOTATIONS_PER_LEVEL) continue;
    shown[level]++;
    const { title, messageWithFix } = text(f);
    annotations.push({
      level,
      // The runner's log viewer renders ANSI sequences: control characters from repository text are dropped.
      title: stripControl(title),
      message: stripControl(messageWithFix),
      file: stripControl(f.path),
      ...(f.line !== undefined ? { line: f.line } : {}),
      ...(f.column !== undefined ? { column: f.column } : {}),
    });
  }
  return annotations;
}
