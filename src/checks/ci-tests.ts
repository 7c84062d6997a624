/**
 * ci-tests: the project's tests run automatically in CI, and on pull requests (so changes,
 * including dependency updates, are tested before they are merged), not only after a push.
 */
import type { CheckOutcome, ClaimVerdict } from '../model/types.js';
import { PULL_REQUEST_TRIGGERS, stepAction, stepLabel, isActionName } from '../evidence/ci-steps.js';
import {
  type CallSummary,
  callSummary,
  effectiveTriggers,
  type LocalWorkflows,
  localWorkflows,
  noteRemoteCallee,
  remoteCalleesText,
} from '../evidence/local-workflows.js';
import {
  chainText,
  isRunnableFilePath,
  stepCommands,
  type RunCommand,
  type RunPlace,
  type StepCommands,
} from '../evidence/step-commands.js';
import { isWorkflowOrActionPath, type Job, type Step, type Workflow } from '../evidence/workflows.js';
import { EvidenceList, findingAt, moreOf, type FileCheck } from './check.js';
import { unknown } from './outcome.js';
import { runsProjectCiScript, runsTests } from './test-runners.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import { cutText } from '../shorten.js';

const ID = 'ci-tests';

/** Actions that run a project's tests themselves. */
const TEST_ACTIONS = [
  'cypress-io/github-action',
  'r-lib/actions/check-r-package',
  'julia-actions/julia-runtest',
  'matlab-actions/run-tests',
];

/** Other CI systems, whose configuration this check does not read. */
const OTHER_CI = [
  '.travis.yml',
  '.circleci/config.yml',
  '.gitlab-ci.yml',
  'Jenkinsfile',
  'azure-pipelines.yml',
  'appveyor.yml',
  '.appveyor.yml',
  '.drone.yml',
  'bitbucket-pipelines.yml',
  '.cirrus.yml',
  '.woodpecker.yml',
  '.buildkite/pipeline.yml',
];

/** A step that runs tests, as the report names it (the parsed files are not kept). */
interface TestRun {
  /** The workflow, and the job and step (a local composite action's step when `file` is set). */
  workflow: string;
  job: string;
  step: string;
  /** The local action the step is written in, when it is not the workflow. */
  file?: string;
  line: number;
  column: number;
  what: string;
  weak: boolean;
  /** The places that led to the command when it is not in the step itself (workflow line → Makefile:line). */
  chain?: string;
  /** The triggers that start the workflow (its own, or its callers' for a reusable workflow). */
  triggers: Set<string>;
}

/** What the walk gathers: test runs, and each workflow's triggers and local calls. */
interface Gathered {
  local: LocalWorkflows;
  commands: StepCommands;
  runs: TestRun[];
  /** Files steps run that could not be read (what they would show is unknown). */
  unread: string[];
  /** Reusable workflows of other repositories that jobs call (their steps are not in the checkout). */
  remote: string[];
  workflows: CallSummary[];
  /** Where the first test run's workflow names its first trigger (a finding points there). */
  firstTriggerLine?: number;
}

const NO_TRIGGERS: Set<string> = new Set();

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: (ctx) => ({
    local: localWorkflows(ctx),
    commands: stepCommands(ctx),
    runs: [],
    unread: [],
    remote: [],
    workflows: [],
  }),
  workflow: (state, wf) => {
    if (wf.kind === 'workflow') state.workflows.push(callSummary(wf));
  },
  job: (state, job, wf) => {
    if (wf.kind !== 'workflow') return;
    noteRemoteCallee(state.remote, job);
    for (const { file, job: inner, step } of state.local.expandedSteps(wf, job)) {
      const found = testIn(state, file, inner, step);
      if (!found) continue;
      if (state.runs.length === 0) state.firstTriggerLine = wf.triggers.values().next().value?.line;
      const where = { workflow: wf.path, job: job.id, step: stepLabel(step) };
      state.runs.push({
        ...where,
        file: file !== wf ? file.path : undefined,
        ...found,
        triggers: NO_TRIGGERS,
      });
    }
  },
  end: (state) => {
    const triggers = effectiveTriggers(state.workflows);
    for (const run of state.runs) run.triggers = triggers.get(run.workflow) ?? NO_TRIGGERS;
  },
};

const walked = walkCheck(audit, 'workflows and actions', (gathered, ctx) => {
  const otherCi = OTHER_CI.filter((p) => ctx.files.has(p));
  return judge(gathered, otherCi);
});

/** Also reads the Makefiles and scripts steps run (step-commands.ts). */
export const ciTests: FileCheck = {
  ...walked,
  needs: (path: string) => (isWorkflowOrActionPath(path) || isRunnableFilePath(path) ? 'text' : undefined),
};

type Found = Pick<TestRun, 'line' | 'column' | 'what' | 'weak' | 'chain'>;

function testIn(state: Gathered, file: Workflow, job: Job, step: Step): Found | undefined {
  const action = stepAction(step);
  if (action && TEST_ACTIONS.some((a) => isActionName(action, a)) && step.uses) {
    return { line: step.uses.pos.line, column: step.uses.pos.column, what: action, weak: false };
  }
  const runs = state.commands.runs(file, step, job);
  const strong = runs.commands.find((c) => runsTests(c.words));
  if (strong) return found(strong, cutText(strong.text, 120), false);
  const script = runs.commands.find((c) => runsProjectCiScript(c.words));
  if (script) {
    const read = runs.commands.some(
      (c) => c.via.length > script.via.length && c.via.includes(last(script.via)),
    );
    const note = read
      ? 'a project script; no test runner recognised in it'
      : 'a project script, not inspected';
    return found(script, `${cutText(script.text, 120)} (${note})`, true);
  }
  for (const u of runs.unread) if (!state.unread.includes(u.path)) state.unread.push(u.path);
  return undefined;
}

function found(command: RunCommand, what: string, weak: boolean): Found {
  const [first] = command.via;
  return {
    line: first!.line,
    column: first!.column,
    what,
    weak,
    ...(command.via.length > 1 && { chain: chainText(command.via) }),
  };
}

function last(via: readonly RunPlace[]): RunPlace {
  return via[via.length - 1]!;
}

function judge(gathered: Gathered, otherCi: string[]): CheckOutcome {
  const { runs, firstTriggerLine } = gathered;
  const workflowCount = gathered.workflows.length;
  const list = new EvidenceList();
  for (const r of runs) {
    list.add(() => ({
      summary:
        `\`${r.workflow}\` › job \`${r.job}\` › step “${r.step}” runs \`${r.what}\`` +
        `${r.file !== undefined ? ` (in \`${r.file}\`)` : ''}${r.chain ? ` via ${r.chain}` : ''}` +
        ` on ${[...r.triggers].join(', ') || 'no trigger'}`,
      path: r.file ?? r.workflow,
      line: r.line,
    }));
  }
  const evidence = list.entries((n) => `${moreOf(n, 'test step', 'test steps')} not listed one by one`);
  const onPr = runs.filter((r) => PULL_REQUEST_TRIGGERS.some((t) => r.triggers.has(t)));
  const strongOnPr = onPr.filter((r) => !r.weak);
  if (onPr.length) {
    const best = strongOnPr[0] ?? onPr[0]!;
    return {
      status: 'pass',
      summary: `Tests run on pull requests: \`${best.workflow}\` job \`${best.job}\` runs \`${best.what}\` (line ${best.line}).`,
      findings: [],
      evidence,
    };
  }
  if (runs.length) {
    const first = runs[0]!;
    const verdict = (note: string): ClaimVerdict => ({ status: 'partial', note });
    return {
      status: 'partial',
      summary: `Tests run in CI (${first.workflow}, job ${first.job}) but not on pull requests, so changes are tested only after they are merged.`,
      findings: [
        findingAt(
          ID,
          { path: first.workflow, line: firstTriggerLine ?? 1 },
          {
            severity: 'medium',
            message: `Tests in \`${first.workflow}\` run on ${[...first.triggers].join(', ') || 'no trigger'}, not on pull requests.`,
            remediation:
              'Add `pull_request:` (and `merge_group:` if you use a merge queue) to the workflow’s `on:` triggers.',
          },
        ),
      ],
      evidence,
      claims: {
        '1.3.3': verdict('Defects are found only after changes are merged, not before.'),
        '1.2.4': verdict('Dependency update pull requests are not tested before they are merged.'),
      },
    };
  }
  if (gathered.remote.length) {
    const called = remoteCalleesText(gathered.remote);
    return unknown(
      `No test command was found, but jobs call reusable workflows of other repositories (${called}), which were not read.`,
      {
        reason: `tests may run in reusable workflows of other repositories (${called})`,
        howToObserve:
          'Run the tests in a workflow of this repository, or attest the CI evidence in .github/sscop.yml.',
      },
    );
  }
  if (gathered.unread.length) {
    const files = gathered.unread.join(', ');
    return unknown(`No test command was found, but steps run ${files}, which could not be read.`, {
      reason: `steps run ${files}, which could not be read`,
      howToObserve:
        'Commit the script as a regular file within the read limit, or run the tests in a workflow step.',
    });
  }
  if (workflowCount === 0 && otherCi.length) {
    return unknown(
      `CI is configured in ${otherCi.join(', ')}, which this check does not read.`,
      {
        reason: `tests may run in ${otherCi.join(', ')}`,
        howToObserve:
          'Run tests in a GitHub Actions workflow on pull_request, or attest the CI evidence in .github/sscop.yml.',
      },
      { evidence: otherCi.map((p) => ({ summary: `CI configuration for another system: ${p}`, path: p })) },
    );
  }
  return {
    status: 'fail',
    summary:
      workflowCount === 0
        ? 'No CI workflow runs the tests.'
        : `None of the ${workflowCount} workflow${workflowCount === 1 ? '' : 's'} runs a recognised test command.`,
    findings: [
      findingAt(ID, undefined, {
        severity: 'medium',
        message:
          workflowCount === 0
            ? 'No CI: nothing runs the tests automatically.'
            : 'No workflow step runs a recognised test command (npm test, pytest, go test, cargo test, mvn verify, gradle test, make test…).',
        remediation:
          'Add a workflow triggered on `pull_request` and `push` that installs dependencies and runs the test suite.',
      }),
    ],
    evidence: otherCi.map((p) => ({ summary: `CI configuration for another system: ${p}`, path: p })),
  };
}
