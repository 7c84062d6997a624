/**
 * dangerous-workflow: privileged workflows (`pull_request_target`, `workflow_run`, and
 * `issue_comment` bots) that check out or fetch a pull request's untrusted head, so code from a
 * fork runs with this repository's secrets and a token that can write ("pwn request").
 * Job conditions that really gate the job (a maintainer-applied label, same-repository heads,
 * maintainers' comments) lower the severity and are stated.
 */
import type { CheckOutcome, Evidence, Finding, RelatedLocation, Severity } from '../model/types.js';
import {
  contextRefs,
  findCommand,
  jobCondition,
  MAX_LINE,
  pathMatches,
  stepPlace,
  usesAction,
} from '../evidence/ci-steps.js';
import type { Job, Located, Step, Workflow } from '../evidence/workflows.js';
import { findingAt } from './check.js';
import { mergeByPath, notApplicable } from './outcome.js';
import { unparsedFiles, walkCheck, type WorkflowAudit } from './walk.js';
import { cutText } from '../shorten.js';
import { findExpressions } from '../evidence/expressions.js';

const ID = 'dangerous-workflow';

/** Triggers that run in the base repository's privileged context but can be started by outsiders. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'] as const;

/** Contexts naming the untrusted head (branch, commit or repository) of a pull request or run. */
const HEAD_CONTEXTS = [
  'github.event.pull_request.head.sha',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.repo.full_name',
  'github.event.pull_request.merge_commit_sha',
  'github.head_ref',
  'github.event.workflow_run.head_sha',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.head_commit.id',
  'github.event.workflow_run.head_repository.full_name',
  'github.event.workflow_run.pull_requests.*.head.sha',
  'github.event.workflow_run.pull_requests.*.head.ref',
];

/** A pull request's head or merge ref written out: `refs/pull/123/merge`, `pull/${{ … }}/head`. */
const PR_REF = /\bpull\/[^/\n]{1,200}\/(?:head|merge)\b/;
/** Shell commands that fetch or check out a pull request's code. */
const PR_CHECKOUT_COMMAND =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(?:-c\s+\S{1,200}\s+)?(?:fetch|pull)\b.{0,300}\bpull\/|\bhub\s+pr\s+checkout\b/;
const GIT_CHECKOUT = /\bgit\s+(?:checkout|switch|reset\s+--hard)\b/;

interface Gate {
  severity: Severity;
  note: string;
}

interface Hit {
  workflow: Workflow;
  job: Job;
  step: Step;
  at: { line: number; column: number; endLine?: number; endColumn?: number };
  what: string;
  triggers: string[];
  gate?: Gate;
}

/** What the walk gathers: privileged steps that take the untrusted head, and per-file evidence. */
interface Gathered {
  workflows: number;
  hits: Hit[];
  /** Per-file evidence in path order (files that do not parse join it in `run`). */
  evidence: Evidence[];
  /** The privileged triggers of the workflow being walked, and the hit count when it began. */
  current?: { triggers: string[]; hitsBefore: number };
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({ workflows: 0, hits: [], evidence: [] }),
  workflow: (state, wf) => {
    state.current = undefined;
    if (wf.kind !== 'workflow') return;
    state.workflows++;
    const triggers = PRIVILEGED_TRIGGERS.filter((t) => wf.triggers.has(t));
    if (triggers.length) state.current = { triggers, hitsBefore: state.hits.length };
  },
  step: (state, step, job, wf) => {
    if (!state.current) return;
    const found = untrustedCheckout(wf, step);
    const { triggers } = state.current;
    if (found) state.hits.push({ workflow: wf, job, step, ...found, triggers, gate: gateOf(job, step) });
  },
  leaveWorkflow: (state, wf) => {
    const current = state.current;
    if (!current || state.hits.length > current.hitsBefore) return;
    state.evidence.push({
      summary: `\`${wf.path}\` runs on ${current.triggers.join(', ')} without checking out the untrusted head`,
      path: wf.path,
      line: wf.triggers.get(current.triggers[0]!)?.line,
    });
  },
};

export const dangerousWorkflow = walkCheck(audit, 'workflows', (gathered, ctx) => {
  const unparsed = unparsedFiles(ctx).filter((w) => w.kind === 'workflow');
  if (gathered.workflows + unparsed.length === 0) return notApplicable('No workflows in .github/workflows.');
  const unparsedEvidence = unparsed.map((wf) => ({
    summary: `\`${wf.path}\` could not be parsed: ${wf.error.message}`,
    path: wf.path,
    line: wf.error.line,
  }));
  return judge(gathered.hits, mergeByPath(gathered.evidence, unparsedEvidence));
});

/** The place where the step takes the untrusted head, if it does. */
function untrustedCheckout(wf: Workflow, step: Step): Pick<Hit, 'at' | 'what'> | undefined {
  if (usesAction(step, 'actions/checkout')) {
    for (const key of ['ref', 'repository']) {
      const value = step.with.get(key);
      const at = value && headReference(wf, value);
      if (at) return { at, what: `actions/checkout with \`${key}: ${cutText(value.value, 120)}\`` };
    }
    return undefined;
  }
  if (!step.run) return undefined;
  const command = findCommand(wf, step, PR_CHECKOUT_COMMAND);
  if (command) {
    return { at: command, what: `\`${cutText(command.text, 120)}\`` };
  }
  const checkout = findCommand(wf, step, GIT_CHECKOUT);
  if (checkout) {
    const head = headReference(wf, step.run, checkout.line);
    if (head) return { at: head, what: `\`${cutText(checkout.text, 120)}\`` };
  }
  return undefined;
}

/** Where a value names the untrusted head (by context or as a `pull/N/head|merge` ref). */
function headReference(
  wf: Workflow,
  value: Located,
  onLine?: number,
): { line: number; column: number; endLine?: number; endColumn?: number } | undefined {
  for (const expr of findExpressions(wf, value)) {
    if (onLine !== undefined && expr.line !== onLine) continue;
    if (contextRefs(expr.expression).some((r) => HEAD_CONTEXTS.some((p) => pathMatches(r.path, p))))
      return expr;
  }
  if (onLine === undefined && PR_REF.test(value.value.slice(0, MAX_LINE))) return value.pos;
  return undefined;
}

/** What the job's (or step's) condition requires before the untrusted code runs. */
function gateOf(job: Job, step: Step): Gate | undefined {
  const cond = `${jobCondition(job)} && ${(step.if?.value ?? '').slice(0, MAX_LINE).toLowerCase()}`.replace(
    /\s+/g,
    ' ',
  );
  if (
    /head\.repo\.full_name ?== ?github\.repository\b|github\.repository ?== ?github\.event\.pull_request\.head\.repo\.full_name|head\.repo\.fork ?== ?false|!github\.event\.pull_request\.head\.repo\.fork|head_repository\.full_name ?== ?github\.repository\b/.test(
      cond,
    )
  ) {
    return {
      severity: 'low',
      note: 'the job runs only for pull requests from this repository (not forks), so only people with write access can reach it',
    };
  }
  if (
    /author_association/.test(cond) &&
    /owner|member|collaborator/.test(cond) &&
    !/author_association ?!=/.test(cond)
  ) {
    return {
      severity: 'medium',
      note: 'the job runs only when a maintainer (by author association) triggers it; the code they approve may change after they look',
    };
  }
  if (/\blabels\b[^)]{0,200}\bname\b|github\.event\.label\.name/.test(cond)) {
    return {
      severity: 'medium',
      note: 'the job is gated on a label a maintainer applies; new commits pushed after labelling still run unless the label is removed on synchronize',
    };
  }
  return undefined;
}

/** Where the workflow declares the privileged triggers that make the step dangerous. */
function triggerLocations(h: Hit): RelatedLocation[] {
  return h.triggers.flatMap((trigger) => {
    const at = h.workflow.triggers.get(trigger);
    return at
      ? [
          {
            path: h.workflow.path,
            line: at.line,
            column: at.column,
            note: `the ${trigger} trigger: the job runs with the base repository's secrets and token`,
          },
        ]
      : [];
  });
}

function judge(hits: Hit[], evidence: Evidence[]): CheckOutcome {
  const findings: Finding[] = hits.map((h) => {
    const severity: Severity =
      h.gate?.severity ??
      (h.triggers.includes('issue_comment') && h.triggers.length === 1 ? 'high' : 'critical');
    return findingAt(
      ID,
      { path: h.workflow.path, ...h.at },
      {
        severity,
        message:
          `${stepPlace(h.workflow, h.job, h.step)} runs on ${h.triggers.join(', ')} and takes the untrusted pull request code ` +
          `(${h.what}), which then runs with this repository's secrets and write token` +
          (h.gate ? `; mitigated: ${h.gate.note}.` : '.'),
        remediation:
          'Run untrusted code only in a `pull_request` workflow (read-only token, no secrets); if results must be published, ' +
          'upload them as an artifact and let a separate workflow_run job consume the data without executing it.',
        related: triggerLocations(h),
      },
    );
  });
  const hitEvidence: Evidence[] = hits.map((h) => ({
    summary: `${stepPlace(h.workflow, h.job, h.step)}: ${h.what}${h.gate ? ` (gated: ${h.gate.note})` : ''}`,
    path: h.workflow.path,
    line: h.at.line,
  }));
  if (findings.length === 0) {
    return {
      status: 'pass',
      summary: 'No privileged workflow checks out or runs untrusted pull request code.',
      findings,
      evidence,
    };
  }
  const ungated = hits.filter((h) => !h.gate).length;
  return {
    status: ungated ? 'fail' : 'partial',
    summary: ungated
      ? `${ungated} privileged workflow step${ungated === 1 ? '' : 's'} check${ungated === 1 ? 's' : ''} out untrusted pull request code.`
      : `Untrusted pull request code is checked out in privileged workflows, but only behind a gate (see findings).`,
    findings,
    evidence: [...hitEvidence, ...evidence],
  };
}
