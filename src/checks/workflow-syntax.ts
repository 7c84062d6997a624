/**
 * workflow-syntax: every workflow and action metadata file parses. A file that does not is
 * reported here, once, at the parser's position — whatever other checks are enabled — since no
 * check could judge what it runs (the engine's walk leaves it out).
 */
import { isWorkflowOrActionPath } from '../evidence/workflows.js';
import type { CheckOutcome, ClaimVerdict } from '../model/types.js';
import { countText, findingAt, type FileCheck } from './check.js';
import { notApplicable } from './outcome.js';
import { walkedFiles, type UnparsedFile } from './walk.js';

const ID = 'workflow-syntax';
const CLAIMS = ['1.2.2', '2.1.4'];

export const workflowSyntax: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) => (isWorkflowOrActionPath(path) ? 'text' : undefined),
  run: (ctx) => {
    const { count, unparsed } = walkedFiles(ctx);
    if (count === 0) return notApplicable('No workflows and no action metadata files.');
    return unparsed.length ? broken(unparsed, count) : allParse(count);
  },
};

/**
 * Every file parses. That the files are well formed says nothing for the claims either way — the
 * checks that read them judge those — so the claims are not-applicable here, never raised by it.
 */
function allParse(files: number): CheckOutcome {
  const note = 'every workflow and action file parses; the checks that read them judge this claim';
  return {
    status: 'pass',
    summary: `All ${countText(files)} workflow and action file(s) parse.`,
    findings: [],
    evidence: [],
    claims: verdicts({ status: 'not-applicable', note }),
  };
}

function broken(unparsed: readonly UnparsedFile[], files: number): CheckOutcome {
  const note = 'a workflow or action file does not parse, so what it runs could not be verified';
  return {
    status: 'fail',
    summary: `${unparsed.length} of ${countText(files)} workflow and action file(s) do not parse, so no check could judge them.`,
    findings: unparsed.map((wf) =>
      findingAt(
        ID,
        { path: wf.path, line: wf.error.line, column: wf.error.column },
        {
          severity: 'medium',
          message: `${wf.path} could not be parsed (${wf.error.message}), so no check could judge what it runs.`,
          remediation: wf.error.overBudget
            ? 'Split or simplify the file; real workflows are a few kilobytes.'
            : 'Fix the YAML syntax; GitHub cannot run this file either.',
        },
      ),
    ),
    evidence: [],
    claims: verdicts({ status: 'fail', note }),
  };
}

function verdicts(verdict: ClaimVerdict): Record<string, ClaimVerdict> {
  return Object.fromEntries(CLAIMS.map((c) => [c, verdict]));
}
