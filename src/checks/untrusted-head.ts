/**
 * Where a workflow step takes the untrusted head of a pull request (or of the run that triggered
 * a `workflow_run`): a checkout whose `ref:`/`repository:` names it, a `gh pr checkout`, a fetch of
 * `pull/N/head`. The head may be named directly (`github.event.pull_request.head.sha`), written out
 * as a pull request ref, or passed on through an `env:` variable or an earlier step's output that
 * looked the pull request up. For dangerous-workflow.
 */
import {
  contextRefs,
  findCommand,
  MAX_LINE,
  pathMatches,
  sourceLines,
  usesAction,
} from '../evidence/ci-steps.js';
import { findExpressions } from '../evidence/expressions.js';
import type { Job, Located, Step, Workflow } from '../evidence/workflows.js';
import { cutText } from '../shorten.js';

/** Contexts naming the untrusted head (branch, commit or repository) of a pull request. */
const HEAD_CONTEXTS = [
  'github.event.pull_request.head.sha',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.repo.full_name',
  'github.event.pull_request.merge_commit_sha',
  'github.head_ref',
];
/**
 * Everything about the run that triggered a `workflow_run` (its branch, commit, head repository,
 * pull requests) may be a fork's; only `workflow_run.repository` is this repository.
 */
const WORKFLOW_RUN = 'github.event.workflow_run.';
const WORKFLOW_RUN_BASE = 'github.event.workflow_run.repository.';

/** A pull request's head or merge ref written out: `refs/pull/123/merge`, `pull/${{ … }}/head`. */
const PR_REF = /\bpull\/[^/\n]{1,200}\/(?:head|merge)\b/;
/** Shell commands that fetch or check out a pull request's code. */
const PR_CHECKOUT_COMMAND =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(?:-c\s+\S{1,200}\s+)?(?:fetch|pull)\b.{0,300}\bpull\/|\bhub\s+pr\s+checkout\b/;
const GIT_CHECKOUT = /\bgit\s+(?:checkout|switch|reset\s+--hard)\b/;

/** Actions that look up the pull request a comment is on and output its head branch and SHA. */
const HEAD_LOOKUP_ACTIONS = [
  'xt0rted/pull-request-comment-branch',
  'alessbell/pull-request-comment-branch',
  'gotson/pull-request-comment-branch',
];
/** Script text that fetches a pull request (gh, the REST API, github-script). */
const PR_LOOKUP = /\bgh\s+pr\s+view\b|\/pulls\/|\bpulls\.get\b|\bgetPullRequest\b/;
/** Script text that reads the head out of the pull request it fetched. */
const HEAD_FIELD = /head(?:RefOid|RefName|Repository|_sha|_ref|\.sha|\.ref|\.repo)/i;

export interface HeadTake {
  at: { line: number; column: number; endLine?: number; endColumn?: number };
  /** What the step does, for the finding: "actions/checkout with `ref: …`". */
  what: string;
}

/** The place where the step takes the untrusted head, if it does. */
export function untrustedCheckout(wf: Workflow, job: Job, step: Step): HeadTake | undefined {
  if (usesAction(step, 'actions/checkout')) {
    for (const key of ['ref', 'repository']) {
      const value = step.with.get(key);
      const at = value && headReference(wf, job, step, value);
      if (at) return { at, what: `actions/checkout with \`${key}: ${cutText(value.value, 120)}\`` };
    }
    return undefined;
  }
  if (!step.run) return undefined;
  const command = findCommand(wf, step, PR_CHECKOUT_COMMAND);
  if (command) return { at: command, what: `\`${cutText(command.text, 120)}\`` };
  const checkout = findCommand(wf, step, GIT_CHECKOUT);
  if (!checkout) return undefined;
  const head = headReference(wf, job, step, step.run, checkout.line) ?? headVariable(wf, job, step, checkout);
  return head && { at: head, what: `\`${cutText(checkout.text, 120)}\`` };
}

/** Where a value names the untrusted head (by context, variable, step output or a `pull/N/head|merge` ref). */
function headReference(
  wf: Workflow,
  job: Job,
  step: Step,
  value: Located,
  onLine?: number,
  depth = 0,
): HeadTake['at'] | undefined {
  for (const expr of findExpressions(wf, value)) {
    if (onLine !== undefined && expr.line !== onLine) continue;
    if (contextRefs(expr.expression).some((r) => namesHead(wf, job, step, r.path, depth))) return expr;
  }
  if (onLine === undefined && PR_REF.test(value.value.slice(0, MAX_LINE))) return value.pos;
  return undefined;
}

function namesHead(wf: Workflow, job: Job, step: Step, path: string, depth: number): boolean {
  if (HEAD_CONTEXTS.some((p) => pathMatches(path, p))) return true;
  if (path.startsWith(WORKFLOW_RUN) && !path.startsWith(WORKFLOW_RUN_BASE)) return true;
  if (path.includes('head') && path.startsWith('github.event.pull_request.')) return true;
  if (depth > 0) return false;
  const [root, name, field] = path.split('.');
  if (root === 'env' && name) {
    const value = envValue(wf, job, step, name);
    return value !== undefined && headReference(wf, job, step, value, undefined, depth + 1) !== undefined;
  }
  if (root === 'steps' && name && field === 'outputs') {
    const source = job.steps.find((s) => s.index < step.index && s.id?.toLowerCase() === name);
    return source !== undefined && looksUpHead(wf, source, path);
  }
  return false;
}

/** A `$NAME` on the checkout line whose `env:` value names the head. */
function headVariable(
  wf: Workflow,
  job: Job,
  step: Step,
  line: { text: string; line: number; column: number },
): HeadTake['at'] | undefined {
  for (const m of line.text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]{0,100})/g)) {
    const value = envValue(wf, job, step, m[1]!.toLowerCase());
    if (value && headReference(wf, job, step, value, undefined, 1))
      return { line: line.line, column: line.column };
  }
  return undefined;
}

/** The `env:` value a step sees for `name` (lower-case): its own, its job's, or the workflow's. */
function envValue(wf: Workflow, job: Job, step: Step, name: string): Located | undefined {
  for (const env of [step.env, job.env, wf.env]) {
    for (const [key, value] of env) if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

/** True when an earlier step fetched the pull request and `output` carries its head. */
function looksUpHead(wf: Workflow, source: Step, output: string): boolean {
  if (usesAction(source, ...HEAD_LOOKUP_ACTIONS)) return output.includes('head');
  const texts = [...(source.run ? [source.run] : []), ...source.with.values()];
  const lines = texts.flatMap((t) => sourceLines(wf, t).map((l) => l.text));
  return lines.some((l) => PR_LOOKUP.test(l)) && lines.some((l) => HEAD_FIELD.test(l));
}
