/**
 * workflow-runners: self-hosted runners that pull requests reach. A fork's pull request runs its
 * own code on the runner, which keeps what it leaves behind (files, processes, credentials) for
 * the next job; GitHub advises against self-hosted runners in public repositories for that reason.
 * Whether the repository is public is a GitHub fact: offline, the finding says so and is of low
 * confidence.
 */
import { PULL_REQUEST_EVENTS } from '../evidence/triggers.js';
import { isKnown } from '../github/fact.js';
import { jobCondition, stepPlace } from '../evidence/ci-steps.js';
import type { Job, Workflow } from '../evidence/workflows.js';
import type { CheckContext } from './check.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import { addHit, judgeRuleHits, ruleState, triggerNotes, type RuleState } from './workflow-rules.js';

const ID = 'workflow-runners';

/** A job condition that keeps fork pull requests out. */
const SAME_REPOSITORY_ONLY =
  /head\.repo\.full_name\s*==\s*github\.repository\b|github\.repository\s*==\s*github\.event\.pull_request\.head\.repo\.full_name|head\.repo\.fork\s*==\s*false|!\s*github\.event\.pull_request\.head\.repo\.fork/;

interface Reached {
  wf: Workflow;
  job: Job;
  triggers: string[];
  gated: boolean;
}

interface Gathered extends RuleState {
  reached: Reached[];
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({ ...ruleState(), reached: [] }),
  workflow: (state) => {
    state.files++;
  },
  job: (state, job, wf) => {
    if (wf.kind !== 'workflow' || !isSelfHosted(job.runsOn)) return;
    const triggers = PULL_REQUEST_EVENTS.filter((t) => wf.triggers.has(t));
    if (triggers.length === 0) return;
    state.reached.push({ wf, job, triggers, gated: SAME_REPOSITORY_ONLY.test(jobCondition(job)) });
  },
  unparsed: (state) => {
    state.unparsed++;
  },
};

export const workflowRunners = walkCheck(audit, 'workflows', (gathered, ctx) => {
  const visibility = repositoryVisibility(ctx);
  if (visibility !== 'private') for (const r of gathered.reached) addReached(gathered, r, visibility);
  const outcome = judgeRuleHits(ID, gathered, {
    none: 'No workflows in .github/workflows.',
    clean: (n) =>
      visibility === 'private' && gathered.reached.length
        ? `Self-hosted runners take pull requests, but the repository is private (${n} files).`
        : `No self-hosted runner is reachable from pull requests (${n} files).`,
    found: (n) => `${n} job${n === 1 ? '' : 's'} run pull requests on self-hosted runners.`,
  });
  return outcome;
});

/** `self-hosted` as a label, in the string, list or `labels:` form. */
function isSelfHosted(runsOn: string | undefined): boolean {
  if (!runsOn) return false;
  return runsOn.trim().toLowerCase() === 'self-hosted' || /"self-hosted"/i.test(runsOn);
}

function repositoryVisibility(ctx: CheckContext): 'public' | 'private' | 'unknown' {
  const repo = ctx.github?.repo;
  if (!repo || !isKnown(repo)) return 'unknown';
  return repo.value.private ? 'private' : 'public';
}

function addReached(state: Gathered, r: Reached, visibility: 'public' | 'unknown'): void {
  const { wf, job } = r;
  const at = job.runsOnAt ?? job.pos;
  addHit(state, {
    rule: 'self-hosted-runner',
    scope: job.id,
    severity: r.gated ? 'low' : 'high',
    confidence: visibility === 'public' ? 'high' : 'low',
    at: { path: wf.path, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn },
    message:
      `${stepPlace(wf, job)} runs on a self-hosted runner on ${r.triggers.join(', ')}` +
      (visibility === 'public'
        ? ', and the repository is public: '
        : '; if the repository is public (an offline scan cannot tell), ') +
      'a fork’s pull request runs its code on a machine that keeps what it leaves for the next job' +
      (r.gated ? '; mitigated: the job runs only for pull requests from this repository.' : '.'),
    remediation:
      'Run pull request jobs on GitHub-hosted runners; keep self-hosted runners for trusted events (push to protected branches, ' +
      'releases) or make them ephemeral (one job per runner) in a runner group limited to this repository.',
    related: triggerNotes(wf, r.triggers, 'pull requests, forks included, start the job'),
  });
}
