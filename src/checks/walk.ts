/**
 * The engine walks, checks hook in: one traversal of every parsed workflow and action metadata file
 * (workflow → job → step) calls the hooks each audit implements, in the spirit of zizmor's
 * `audit_workflow` / `audit_normal_job` / `audit_step`. An audit implements only the levels it
 * needs and gathers what it finds into state of its own; its check reads that state in `run`.
 *
 * Each file is parsed, handed to every hook, and let go: the walk keeps only what the audits gather
 * (and the few files another file names, in evidence/local-workflows.ts), so the memory a scan
 * needs does not grow with the number of workflows. Files that do not parse are not walked: the
 * walk lists them once, and `workflow-syntax` reports them, whatever other checks are enabled.
 */
import type { CheckOutcome } from '../model/types.js';
import {
  eachWorkflow,
  isWorkflowOrActionPath,
  isWorkflowPath,
  type Job,
  type Step,
  type Workflow,
} from '../evidence/workflows.js';
import type { FileNeed } from '../repo/files.js';
import type { CheckContext, FileCheck } from './check.js';

/** The per-level hooks of one audit, over state `S` it starts for each scan. */
export interface WorkflowAudit<S> {
  /** Names the audit (its check's id). */
  readonly id: string;
  /** Fresh state for one scan. */
  start(ctx: CheckContext): S;
  /** Each parsed file: a workflow in .github/workflows or an action's metadata (`wf.kind`). */
  workflow?(state: S, wf: Workflow): void;
  /** Each job (a composite action's steps are one job, `(composite)`). */
  job?(state: S, job: Job, wf: Workflow): void;
  /** Each step of each job. */
  step?(state: S, step: Step, job: Job, wf: Workflow): void;
  /** After a file's last step: to judge the file as a whole from what its steps showed. */
  leaveWorkflow?(state: S, wf: Workflow): void;
  /** Each file that does not parse, in its place in path order (`workflow-syntax` reports it). */
  unparsed?(state: S, file: UnparsedFile): void;
  /** After the last file: turns what the hooks gathered into the state the check reads. */
  end?(state: S): void;
}

/** A workflow or action file that could not be parsed: where, and why (its text is not kept). */
export type UnparsedFile = Pick<Workflow, 'path' | 'kind'> & { error: NonNullable<Workflow['error']> };

/** The files the walk met: how many, and those that did not parse. */
export interface WalkedFiles {
  count: number;
  unparsed: UnparsedFile[];
}

/** What the walks left: each audit's state (or the error its hooks threw), and the files met. */
interface Walked {
  states: Map<WorkflowAudit<unknown>, { state: unknown } | { error: unknown }>;
  files?: WalkedFiles;
}

const WALK_KEY = 'workflow-walk';

/** One audit in a walk: its state, until a hook throws (then its error, and no more calls). */
class Walker {
  state: unknown;
  error: unknown;
  failed = false;

  constructor(
    readonly audit: WorkflowAudit<unknown>,
    ctx: CheckContext,
  ) {
    this.call(() => (this.state = audit.start(ctx)));
  }

  call(hook: () => void): void {
    if (this.failed) return;
    try {
      hook();
    } catch (error) {
      this.failed = true;
      this.error = error;
    }
  }
}

/**
 * Walks every parsed file once, calling the hooks of every audit given. The engine calls it with
 * the enabled checks' audits before any check runs; `audited` then finds each state ready. A hook
 * that throws stops only its own audit; its check reports the error when it runs.
 */
export function walkWorkflows(ctx: CheckContext, audits: ReadonlyArray<WorkflowAudit<unknown>>): void {
  const walked = walkedOf(ctx);
  const walkers = audits.filter((a) => !walked.states.has(a)).map((a) => new Walker(a, ctx));
  if (walkers.length === 0 && walked.files) return;
  const files: WalkedFiles = { count: 0, unparsed: [] };
  for (const wf of eachWorkflow(ctx)) {
    files.count++;
    if (wf.error) {
      const file: UnparsedFile = { path: wf.path, kind: wf.kind, error: wf.error };
      files.unparsed.push(file);
      for (const w of walkers) if (w.audit.unparsed) w.call(() => w.audit.unparsed!(w.state, file));
      continue;
    }
    visit(walkers, wf);
  }
  walked.files ??= files;
  for (const w of walkers) {
    if (w.audit.end) w.call(() => w.audit.end!(w.state));
    walked.states.set(w.audit, w.failed ? { error: w.error } : { state: w.state });
  }
}

/** Hands one parsed file to every walker's hooks, level by level. */
function visit(walkers: readonly Walker[], wf: Workflow): void {
  for (const w of walkers) if (w.audit.workflow) w.call(() => w.audit.workflow!(w.state, wf));
  for (const job of wf.jobs) {
    for (const w of walkers) if (w.audit.job) w.call(() => w.audit.job!(w.state, job, wf));
    for (const step of job.steps) {
      for (const w of walkers) if (w.audit.step) w.call(() => w.audit.step!(w.state, step, job, wf));
    }
  }
  for (const w of walkers) if (w.audit.leaveWorkflow) w.call(() => w.audit.leaveWorkflow!(w.state, wf));
}

/**
 * What an audit gathered in this scan's walk (it throws what a hook threw). A check run on its
 * own (tests, a check the engine did not walk for) walks for its audit alone.
 */
export function audited<S>(ctx: CheckContext, audit: WorkflowAudit<S>): S {
  const walked = walkedOf(ctx);
  const key = audit as WorkflowAudit<unknown>;
  if (!walked.states.has(key)) walkWorkflows(ctx, [key]);
  const result = walked.states.get(key)!;
  if ('error' in result) throw result.error;
  return result.state as S;
}

/**
 * A check judged from its audit alone: it reads the workflow files (with 'workflows and actions',
 * action metadata files too), is named by its audit, and `judge` turns what the audit gathered
 * into the outcome.
 */
export function walkCheck<S>(
  audit: WorkflowAudit<S>,
  reads: 'workflows' | 'workflows and actions',
  judge: (gathered: S, ctx: CheckContext) => CheckOutcome,
): FileCheck {
  return {
    id: audit.id,
    source: 'files',
    needs: reads === 'workflows' ? needsWorkflows : needsWorkflowsAndActions,
    audit: audit as WorkflowAudit<unknown>,
    run: (ctx) => judge(audited(ctx, audit), ctx),
  };
}

/**
 * What a walk check needs, one function for all that read the same files: the read plan asks each
 * distinct `needs` once per path, so adding a walk check adds nothing to the per-path cost.
 */
const needsWorkflows = (path: string): FileNeed | undefined => (isWorkflowPath(path) ? 'text' : undefined);
const needsWorkflowsAndActions = (path: string): FileNeed | undefined =>
  isWorkflowOrActionPath(path) ? 'text' : undefined;

/** The workflow and action files the walk met (it walks, for no audit, if none has walked yet). */
export function walkedFiles(ctx: CheckContext): WalkedFiles {
  const walked = walkedOf(ctx);
  if (!walked.files) walkWorkflows(ctx, []);
  return walked.files!;
}

/** The workflow and action files that could not be parsed, in path order. */
export function unparsedFiles(ctx: CheckContext): readonly UnparsedFile[] {
  return walkedFiles(ctx).unparsed;
}

function walkedOf(ctx: CheckContext): Walked {
  return ctx.memo(WALK_KEY, (): Walked => ({ states: new Map() }));
}
