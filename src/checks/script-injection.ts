/**
 * script-injection: attacker-controlled `${{ … }}` expressions (issue and pull request titles and
 * bodies, comments, branch names, commit messages…) expanded into a `run:` script or an
 * `actions/github-script` `script:`, where the runner pastes them in as code before the shell or
 * Node ever sees them. Passing the value through `env:` and reading `$VAR` is the safe pattern
 * and is not reported.
 */
import type { CheckOutcome, Evidence, Finding, Severity } from '../model/types.js';
import { contextRefs, stepPlace, usesAction, type ContextRef } from '../evidence/ci-steps.js';
import type { Job, Located, Step, Workflow } from '../evidence/workflows.js';
import { EvidenceList, findingAt, moreOf } from './check.js';
import { notApplicable } from './outcome.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import { cutText } from '../shorten.js';
import { findExpressions, type ExpressionMatch } from '../evidence/expressions.js';
import { attackerControlled } from '../evidence/untrusted-contexts.js';

const ID = 'script-injection';

/** Events whose payload carries the object a dangerous context sits in. */
const EVENTS_BY_OBJECT: Record<string, readonly string[]> = {
  issue: ['issues', 'issue_comment'],
  pull_request: ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'],
  comment: ['issue_comment', 'pull_request_review_comment', 'commit_comment', 'discussion_comment'],
  review: ['pull_request_review'],
  review_comment: ['pull_request_review_comment'],
  discussion: ['discussion', 'discussion_comment'],
  pages: ['gollum'],
  commits: ['push'],
  head_commit: ['push'],
  workflow_run: ['workflow_run'],
  check_suite: ['check_suite'],
  check_run: ['check_run'],
  workflow_job: ['workflow_job'],
  merge_group: ['merge_group'],
  changes: [
    'issues',
    'issue_comment',
    'pull_request',
    'pull_request_target',
    'discussion',
    'discussion_comment',
  ],
};
const HEAD_REF_EVENTS = [
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
];

/**
 * Events anyone can raise on a public repository that run with the base repository's secrets and
 * a token that can write: an injection there is a takeover, not a nuisance.
 */
const PRIVILEGED = new Set([
  'pull_request_target',
  'workflow_run',
  'issues',
  'issue_comment',
  'discussion',
  'discussion_comment',
  'gollum',
  'commit_comment',
  'check_run',
  'check_suite',
  'workflow_job',
]);

/** Where an expression was found, with what it reads. */
interface Hit {
  path: string;
  place: string;
  sink: 'run' | 'github-script';
  expr: ExpressionMatch;
  context: string;
  severity: Severity;
  reach: string;
}

/** What the walk gathers: the hits, per-file evidence, and how many files it met. */
interface Gathered {
  files: number;
  hits: Hit[];
  evidence: EvidenceList;
  /** The expressions of the file being walked already reported (an anchored step reused by alias is one place). */
  seen: Set<string>;
  hitsBefore: number;
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({ files: 0, hits: [], evidence: new EvidenceList(), seen: new Set(), hitsBefore: 0 }),
  workflow: (state) => {
    state.files++;
    state.seen.clear();
    state.hitsBefore = state.hits.length;
  },
  step: (state, step, job, wf) => injectionsIn(state, wf, job, step),
  leaveWorkflow: (state, wf) => {
    if (state.hits.length > state.hitsBefore) return;
    state.evidence.add(() => ({
      summary: `\`${wf.path}\`: no attacker-controlled expression expanded in a script`,
      path: wf.path,
    }));
  },
  unparsed: (state, file) => {
    state.files++;
    const { message, line } = file.error;
    state.evidence.add(() => ({
      summary: `\`${file.path}\` could not be parsed: ${message}`,
      path: file.path,
      line,
    }));
  },
};

export const scriptInjection = walkCheck(audit, 'workflows and actions', ({ files, hits, evidence }) => {
  if (files === 0) return notApplicable('No workflows or action metadata files: no scripts to inject into.');
  const fileEvidence = evidence.entries(
    (n) => `${moreOf(n, 'file', 'files')} without an injection (or not parsed) not listed one by one`,
  );
  return judge(hits, fileEvidence, files);
});

/** The step's attacker-controlled expressions in a `run:` script or a github-script `script:`. */
function injectionsIn(state: Gathered, wf: Workflow, job: Job, step: Step): void {
  const sinks: Array<[Located, Hit['sink']]> = [];
  if (step.run) sinks.push([step.run, 'run']);
  const script = step.with.get('script');
  if (script && usesAction(step, 'actions/github-script')) sinks.push([script, 'github-script']);
  for (const [located, sink] of sinks) {
    for (const expr of findExpressions(wf, located)) {
      const dangerous = attackerControlled(contextRefs(expr.expression));
      const key = `${expr.line}:${expr.column}`;
      if (!dangerous || state.seen.has(key)) continue;
      state.seen.add(key);
      const { severity, reach } = judgeReach(wf, dangerous);
      state.hits.push({
        path: wf.path,
        place: stepPlace(wf, job, step),
        sink,
        expr,
        context: dangerous.path,
        severity,
        reach,
      });
    }
  }
}

/** How far the value can be pushed by an outsider, given the workflow's triggers. */
function judgeReach(wf: Workflow, ref: ContextRef): { severity: Severity; reach: string } {
  if (wf.kind === 'action') {
    return { severity: 'medium', reach: 'in an action, whose callers decide which events reach it' };
  }
  const events = eventsFor(ref.path);
  const triggers = [...wf.triggers.keys()];
  const delivering = events === 'any' ? triggers : triggers.filter((t) => events.includes(t));
  const privileged = delivering.filter((t) => PRIVILEGED.has(t));
  if (privileged.length) {
    return {
      severity: 'high',
      reach: `on \`${privileged.join('`, `')}\`, which outsiders can trigger and which runs with this repository's secrets and a write token`,
    };
  }
  if (delivering.length) {
    return { severity: 'medium', reach: `on \`${delivering.join('`, `')}\`` };
  }
  if (wf.triggers.has('workflow_call')) {
    return { severity: 'medium', reach: 'in a reusable workflow, which runs on its caller’s event' };
  }
  return {
    severity: 'low',
    reach: `though none of this workflow's triggers (${triggers.join(', ') || 'none'}) fills it in today`,
  };
}

function eventsFor(path: string): readonly string[] | 'any' {
  if (path === 'github.head_ref') return HEAD_REF_EVENTS;
  const parts = path.split('.');
  if (parts[0] !== 'github' || parts[1] !== 'event' || parts.length < 3) return 'any';
  return EVENTS_BY_OBJECT[parts[2]!] ?? 'any';
}

function judge(hits: Hit[], evidence: Evidence[], files: number): CheckOutcome {
  const findings: Finding[] = hits.map((h) => {
    const target = h.sink === 'run' ? 'the shell script' : 'the github-script code';
    const { line, column, endLine, endColumn } = h.expr;
    return findingAt(
      ID,
      { path: h.path, line, column, endLine, endColumn },
      {
        severity: h.severity,
        message:
          `\`\${{ ${cutText(h.expr.expression, 120)} }}\` pastes attacker-controlled text (${h.context}) into ${target} ` +
          `of ${h.place}, ${h.reach}.`,
        remediation:
          h.sink === 'run'
            ? `Pass it through env: (e.g. \`env: VALUE: \${{ ${h.context} }}\`) and use "$VALUE" in the script, quoted.`
            : `Pass it through env: and read process.env.VALUE in the script instead of expanding it into the code.`,
      },
    );
  });
  const hitList = new EvidenceList();
  for (const h of hits) {
    hitList.add(() => ({
      summary: `${h.place}: \`${h.context}\` expanded into ${h.sink === 'run' ? 'run:' : 'script:'}`,
      path: h.path,
      line: h.expr.line,
    }));
  }
  const hitEvidence = hitList.entries(
    (n) => `${moreOf(n, 'expansion', 'expansions')} not listed here (each is a finding)`,
  );
  const worst = findings.some((f) => f.severity === 'high' || f.severity === 'critical');
  if (findings.length === 0) {
    return {
      status: 'pass',
      summary: `No attacker-controlled expression is expanded into a script in ${files} workflow/action file${files === 1 ? '' : 's'}.`,
      findings,
      evidence,
    };
  }
  const onlyLow = findings.every((f) => f.severity === 'low');
  return {
    status: onlyLow ? 'partial' : 'fail',
    summary: worst
      ? `${findings.length} script injection${findings.length === 1 ? '' : 's'}, reachable by outsiders through privileged triggers.`
      : onlyLow
        ? `${findings.length} attacker-controlled expression${findings.length === 1 ? '' : 's'} in scripts, not filled in by the current triggers.`
        : `${findings.length} attacker-controlled expression${findings.length === 1 ? '' : 's'} expanded directly into scripts.`,
    findings,
    evidence: [...hitEvidence, ...evidence],
  };
}
