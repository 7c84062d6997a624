/** `${{ … }}` expressions in a workflow's values, located in the file. */
import type { Located, Workflow } from './workflows.js';

/** A `${{ … }}` expression found in a value's source text, with its position in the file. */
export interface ExpressionMatch {
  /** The expression's inner text, trimmed (e.g. `github.event.issue.title`). */
  expression: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Finds `${{ … }}` expressions in the source text of a located value, so a finding can point at the
 * expression itself (inside a block scalar, that is a later line than the key).
 */
export function findExpressions(workflow: Workflow, located: Located): ExpressionMatch[] {
  const source = workflow.text.slice(located.range[0], located.range[1]);
  const out: ExpressionMatch[] = [];
  let from = 0;
  // A linear scan with indexOf: no regex backtracking on attacker-controlled text.
  for (;;) {
    const open = source.indexOf('${{', from);
    if (open < 0) break;
    const close = source.indexOf('}}', open + 3);
    if (close < 0) break;
    const start = workflow.positionAt(located.range[0] + open);
    const end = workflow.positionAt(located.range[0] + close + 2);
    out.push({
      expression: source.slice(open + 3, close).trim(),
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    });
    from = close + 2;
  }
  return out;
}
