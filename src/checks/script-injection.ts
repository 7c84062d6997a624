/**
 * script-injection: attacker-controlled `${{ … }}` expressions (issue and pull request titles and
 * bodies, comments, branch names, commit messages…) expanded into a `run:` script or an
 * `actions/github-script` `script:`, where the runner pastes them in as code before the shell or
 * Node ever sees them. Passing the value through `env:` and reading `$VAR` is the safe pattern
 * and is not reported.
 */
import { PRIVILEGED_EVENTS, PULL_REQUEST_EVENTS } from '../evidence/triggers.js';
import type { CheckOutcome, Evidence, Finding, RelatedLocation, Severity } from '../model/types.js';
import { contextRefs, stepPlace, usesAction, type ContextRef } from '../evidence/ci-steps.js';
import type { Job, Located, Step, Workflow } from '../evidence/workflows.js';
import { EvidenceList, findingAt, moreOf } from './check.js';
import { notApplicable } from './outcome.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import { cutText } from '../shorten.js';
import { findExpressions, type ExpressionMatch } from '../evidence/expressions.js';
import { attackerControlled } from '../evidence/untrusted-contexts.js';
import { localWorkflows, type LocalWorkflows } from '../evidence/local-workflows.js';
import { carriedIn, inputCarriers, matrixCarriers, type Carried } from './injection-reach.js';

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

const PRIVILEGED = new Set(PRIVILEGED_EVENTS);

/** Where an expression was found, with what it reads. */
interface Hit {
  path: string;
  place: string;
  sink: 'run' | 'github-script';
  expr: ExpressionMatch;
  context: string;
  severity: Severity;
  reach: string;
  /** For text carried by a matrix axis or an input: the name it is read by, and where it is filled. */
  carried?: { rule: 'matrix-injection' | 'input-injection'; name: string; related: RelatedLocation };
}

/** What the walk gathers: the hits, per-file evidence, and how many files it met. */
interface Gathered {
  files: number;
  hits: Hit[];
  evidence: EvidenceList;
  /** The expressions of the file being walked already reported (an anchored step reused by alias is one place). */
  seen: Set<string>;
  hitsBefore: number;
  local: LocalWorkflows;
  /** The matrix axes of the job being walked that carry attacker text. */
  matrix: ReadonlyMap<string, Carried>;
  /** Places in called workflows and actions already reported for a caller (file:line:column:caller). */
  tracedSeen: Set<string>;
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: (ctx) => ({
    files: 0,
    hits: [],
    evidence: new EvidenceList(),
    seen: new Set(),
    hitsBefore: 0,
    local: localWorkflows(ctx),
    matrix: new Map(),
    tracedSeen: new Set(),
  }),
  workflow: (state) => {
    state.files++;
    state.seen.clear();
    state.hitsBefore = state.hits.length;
  },
  job: (state, job, wf) => {
    state.matrix = matrixCarriers(wf, job);
    const callee = job.uses ? state.local.callee(job) : undefined;
    if (callee) traceInputs(state, wf, job.with, callee, `\`${wf.path}\` › job \`${job.id}\``);
  },
  step: (state, step, job, wf) => {
    injectionsIn(state, wf, job, step);
    const action = step.uses ? state.local.action(step) : undefined;
    if (action) traceInputs(state, wf, step.with, action, stepPlace(wf, job, step));
  },
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

/** Where a step's text becomes code: its `run:` script, or an `actions/github-script` `script:`. */
function scriptSinks(step: Step): Array<[Located, Hit['sink']]> {
  const sinks: Array<[Located, Hit['sink']]> = [];
  if (step.run) sinks.push([step.run, 'run']);
  const script = step.with.get('script');
  if (script && usesAction(step, 'actions/github-script')) sinks.push([script, 'github-script']);
  return sinks;
}

/**
 * The step's attacker-controlled expressions in a `run:` script or a github-script `script:`:
 * read directly, or through a matrix axis the job fills from the event.
 */
function injectionsIn(state: Gathered, wf: Workflow, job: Job, step: Step): void {
  for (const [located, sink] of scriptSinks(step)) {
    for (const expr of findExpressions(wf, located)) {
      const refs = contextRefs(expr.expression);
      const direct = attackerControlled(refs);
      const viaMatrix = direct ? undefined : carriedIn(refs, 'matrix', state.matrix);
      const dangerous = direct ?? viaMatrix?.carried.source;
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
        carried:
          viaMatrix && carriedNote('matrix-injection', viaMatrix.name, viaMatrix.carried, 'the matrix fills'),
      });
    }
  }
}

/**
 * The scripts of a local reusable workflow or composite action (`target`) that expand an input a
 * caller in `wf` fills with attacker text: each is reported where it is expanded, with the reach of
 * the caller's triggers and the caller's `with:` entry as a related location.
 */
function traceInputs(
  state: Gathered,
  wf: Workflow,
  inputs: ReadonlyMap<string, Located>,
  target: Workflow,
  caller: string,
): void {
  const carriers = inputCarriers(wf, inputs);
  if (carriers.size === 0) return;
  for (const job of target.jobs) {
    for (const step of job.steps) {
      for (const [located, sink] of scriptSinks(step)) {
        for (const expr of findExpressions(target, located)) {
          const viaInput = carriedIn(contextRefs(expr.expression), 'inputs', carriers);
          const key = `${target.path}:${expr.line}:${expr.column}:${wf.path}`;
          if (!viaInput || state.tracedSeen.has(key)) continue;
          state.tracedSeen.add(key);
          const { severity, reach } = judgeReach(wf, viaInput.carried.source);
          state.hits.push({
            path: target.path,
            place: `${stepPlace(target, job, step)}, called by ${caller}`,
            sink,
            expr,
            context: viaInput.carried.source.path,
            severity,
            reach,
            carried: carriedNote('input-injection', viaInput.name, viaInput.carried, `${caller} fills`),
          });
        }
      }
    }
  }
}

function carriedNote(
  rule: NonNullable<Hit['carried']>['rule'],
  name: string,
  carried: Carried,
  filler: string,
): Hit['carried'] {
  const { line, column, endLine, endColumn } = carried.at.pos;
  return {
    rule,
    name,
    related: {
      path: carried.file.path,
      line,
      column,
      endLine,
      endColumn,
      note: `${filler} \`${name}\` from ${carried.source.path} here`,
    },
  };
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
  if (path === 'github.head_ref') return PULL_REQUEST_EVENTS;
  const parts = path.split('.');
  if (parts[0] !== 'github' || parts[1] !== 'event' || parts.length < 3) return 'any';
  return EVENTS_BY_OBJECT[parts[2]!] ?? 'any';
}

function judge(hits: Hit[], evidence: Evidence[], files: number): CheckOutcome {
  const findings: Finding[] = hits.map((h) => {
    const target = h.sink === 'run' ? 'the shell script' : 'the github-script code';
    const { line, column, endLine, endColumn } = h.expr;
    // Findings read straight from the event keep the check's own SARIF rule, as before; those
    // carried by a matrix axis or an input are rules of their own.
    const rule = h.carried && { rule: h.carried.rule, confidence: 'high' as const };
    const built = findingAt(
      ID,
      { path: h.path, line, column, endLine, endColumn },
      {
        severity: h.severity,
        message:
          `\`\${{ ${cutText(h.expr.expression, 120)} }}\` pastes attacker-controlled text (${h.context}` +
          `${h.carried ? `, through \`${h.carried.name}\`` : ''}) into ${target} of ${h.place}, ${h.reach}.`,
        remediation:
          h.sink === 'run'
            ? `Pass it through env: (e.g. \`env: VALUE: \${{ ${h.carried?.name ?? h.context} }}\`) and use "$VALUE" in the script, quoted.`
            : `Pass it through env: and read process.env.VALUE in the script instead of expanding it into the code.`,
        related: h.carried ? [h.carried.related] : undefined,
      },
    );
    return rule ? { ...built, ...rule } : built;
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
