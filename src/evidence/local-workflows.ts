/**
 * Cross-file lookups of workflows: the local composite action a `uses: ./dir` step runs, the local
 * reusable workflow a `jobs.<id>.uses: ./.github/workflows/x.yml` job calls, and the triggers that
 * really start a called workflow. The engine's walk hands each file to the checks and drops it; the
 * few files another file names are parsed here when first asked for, and kept for the scan.
 */
import { cutText } from '../shorten.js';
import type { EvidenceContext } from './context.js';
import { before, trimTrailing } from './locate.js';
import { recordOverBudget } from './parse-budget.js';
import type { RunPlace } from './step-commands.js';
import {
  isActionMetadataPath,
  isWorkflowPath,
  parseWorkflow,
  type Job,
  type Step,
  type Workflow,
} from './workflows.js';

/** The workflow and action files other files name, parsed once each, when first named. */
export class LocalWorkflows {
  private readonly parsed = new Map<string, Workflow | undefined>();

  constructor(private readonly ctx: EvidenceContext) {}

  /** The repository's workflow or action file at `path`, parsed (undefined when there is none). */
  file(path: string): Workflow | undefined {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const text = isWorkflowPath(path) || isActionMetadataPath(path) ? this.ctx.files.text(path) : undefined;
    const wf =
      text === undefined
        ? undefined
        : parseWorkflow(path, text, isWorkflowPath(path) ? 'workflow' : 'action');
    if (wf?.error?.overBudget) recordOverBudget(this.ctx, path, wf.error.overBudget);
    this.parsed.set(path, wf);
    return wf;
  }

  /** The local workflow a job calls (`uses: ./.github/workflows/x.yml`), if it is in the repository. */
  callee(job: Job): Workflow | undefined {
    const path = calleePath(job);
    const wf = path === undefined ? undefined : this.file(path);
    return wf?.kind === 'workflow' ? wf : undefined;
  }

  /** The composite action a `uses: ./path` step runs, when its action.yml is in this repository. */
  action(step: Step): Workflow | undefined {
    if (!step.uses?.value.trim().startsWith('./')) return undefined;
    const dir = trimTrailing(step.uses.value.trim().slice(2), '/');
    // `action.yaml` sorts first: where both exist, it is the one found.
    for (const path of [`${dir}/action.yaml`, `${dir}/action.yml`]) {
      const wf = this.file(path);
      if (wf?.kind === 'action') return wf;
    }
    return undefined;
  }

  /**
   * Every step a job runs, with the steps of local composite actions it uses expanded in place
   * (a few levels deep), each with the file and job it is written in and the `uses:` lines that
   * led there (none for the job's own steps).
   */
  *expandedSteps(
    workflow: Workflow,
    job: Job,
    depth = 0,
    via: readonly RunPlace[] = [],
  ): Generator<{ file: Workflow; job: Job; step: Step; via: readonly RunPlace[] }> {
    for (const step of job.steps) {
      yield { file: workflow, job, step, via };
      const action = depth < 3 ? this.action(step) : undefined;
      if (!action || !step.uses) continue;
      const at = [...via, { path: workflow.path, line: step.uses.pos.line, column: step.uses.pos.column }];
      for (const inner of action.jobs) yield* this.expandedSteps(action, inner, depth + 1, at);
    }
  }
}

/** This scan's lookups (one per scan, like the parsed files they keep). */
export function localWorkflows(ctx: EvidenceContext): LocalWorkflows {
  return ctx.memo('local-workflows', () => new LocalWorkflows(ctx));
}

/** The path of the local workflow a job calls (`./.github/workflows/x.yml@ref` → without `./` and ref). */
export function calleePath(job: Job): string | undefined {
  const uses = job.uses?.value.trim();
  if (!uses?.startsWith('./')) return undefined;
  return before(uses.slice(2), '@');
}

/** Reusable workflows of other repositories a walk may note; beyond this many the list is long enough. */
const MAX_REMOTE_CALLEES = 20;

/**
 * Notes the reusable workflow of another repository a job calls (`owner/repo/.github/workflows/x.yml@ref`):
 * its steps are not in the checkout, so what it runs cannot be seen. Each noted once, within a bound.
 */
export function noteRemoteCallee(into: string[], job: Job): void {
  const uses = job.uses?.value.trim();
  if (!uses || uses.startsWith('./') || into.length >= MAX_REMOTE_CALLEES) return;
  const shown = cutText(uses, 120);
  if (!into.includes(shown)) into.push(shown);
}

/** `a, b, c, …`: the first few noted callees, for a note. */
export function remoteCalleesText(callees: readonly string[]): string {
  return `${callees.slice(0, 3).join(', ')}${callees.length > 3 ? ', …' : ''}`;
}

/** What the trigger index keeps of a workflow: its own triggers and the local workflows it calls. */
export interface CallSummary {
  path: string;
  triggers: readonly string[];
  callees: readonly string[];
}

/** A workflow's call summary (its triggers, the paths of the local workflows its jobs call). */
export function callSummary(wf: Workflow): CallSummary {
  const callees: string[] = [];
  for (const job of wf.jobs) {
    const path = calleePath(job);
    if (path !== undefined) callees.push(path);
  }
  return { path: wf.path, triggers: [...wf.triggers.keys()], callees };
}

/**
 * Triggers that really start each workflow: its own, plus, for workflows others call, the
 * triggers of the local workflows that call them (followed a few levels deep).
 */
export function effectiveTriggers(workflows: readonly CallSummary[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const w of workflows) out.set(w.path, new Set(w.triggers));
  // GitHub allows 4 levels of nesting; each round propagates one level.
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (const caller of workflows) {
      const from = out.get(caller.path)!;
      for (const callee of caller.callees) {
        const to = out.get(callee);
        if (!to) continue;
        for (const t of from) {
          if (t !== 'workflow_call' && !to.has(t)) {
            to.add(t);
            changed = true;
          }
        }
      }
    }
    if (!changed) break;
  }
  return out;
}
