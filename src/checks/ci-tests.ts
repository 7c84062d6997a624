/**
 * ci-tests: the project's tests run automatically in CI, and on pull requests (so changes,
 * including dependency updates, are tested before they are merged), not only after a push.
 */
import type { CheckOutcome, ClaimVerdict } from '../model/types.js';
import {
  findCommand,
  PULL_REQUEST_TRIGGERS,
  sourceLines,
  stepAction,
  stepLabel,
  isActionName,
  type SourceLine,
} from '../evidence/ci-steps.js';
import {
  callSummary,
  effectiveTriggers,
  localWorkflows,
  type CallSummary,
  type LocalWorkflows,
} from '../evidence/local-workflows.js';
import type { Step, Workflow } from '../evidence/workflows.js';
import { EvidenceList, findingAt, moreOf } from './check.js';
import { unknown } from './outcome.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import { cutText } from '../shorten.js';

const ID = 'ci-tests';

/** Test runners, one alternative per ecosystem. Bounded, no nested quantifiers. */
const TEST_COMMAND = new RegExp(
  [
    String.raw`\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?test`,
    String.raw`\bnpm\s+(?:t|cit|it|install-test)(?:\s|$)`,
    String.raw`\b(?:npx|pnpx|bunx|yarn|pnpm\s+exec)\s+(?:jest|vitest|mocha|ava|tap|karma|playwright\s+test|cypress\s+run)\b`,
    String.raw`^(?:jest|vitest|mocha|ava|karma)\b`,
    String.raw`\bdeno\s+test\b`,
    String.raw`\bpytest(?:\s|$)`,
    String.raw`\bpython[\d.]{0,4}\s+-m\s+(?:pytest|unittest|nose2?)\b`,
    String.raw`(?:^|[;&|]\s{0,4}|run\s)(?:tox|nox)(?:\s|$)`,
    String.raw`\bhatch\s+(?:test|run\s+[\w:-]{0,40}test)`,
    String.raw`\bgo\s+test\b`,
    String.raw`\bgotestsum\b`,
    String.raw`\bginkgo\b`,
    String.raw`\bcargo\s+(?:test|nextest|llvm-cov|tarpaulin)\b`,
    String.raw`\b(?:mvn|mvnw)\b.{0,200}\b(?:test|verify|install|package)\b`,
    String.raw`\bgradlew?\b.{0,200}\b(?:test|check|build)\b`,
    String.raw`\bmake\s+(?:-\S{1,40}\s+)?(?:test|tests|check|unittest|test-[\w-]{1,40})\b`,
    String.raw`\bctest\b`,
    String.raw`\bmeson\s+test\b`,
    String.raw`\bdotnet\s+test\b`,
    String.raw`\bbundle\s+exec\s+(?:rspec|rake\s+(?:test|spec)|rails\s+test)\b`,
    String.raw`(?:^|[;&|]\s{0,4})(?:rspec|rake\s+(?:test|spec))\b`,
    String.raw`\bphpunit\b`,
    String.raw`\bvendor\/bin\/pest\b`,
    String.raw`\bcomposer\s+(?:run(?:-script)?\s+)?test`,
    String.raw`\bmix\s+test\b`,
    String.raw`\bswift\s+test\b`,
    String.raw`\bxcodebuild\b.{0,300}\btest\b`,
    String.raw`\b(?:flutter|dart)\s+test\b`,
    String.raw`\bsbt\b.{0,200}\btest\b`,
    String.raw`\b(?:lein|stack|cabal)\s+test\b`,
    String.raw`\bzig\s+build\s+test\b`,
    String.raw`\bbazel(?:isk)?\s+(?:test|coverage)\b`,
    String.raw`\b(?:just|task)\s+test`,
    String.raw`\bR\s+CMD\s+check\b`,
    String.raw`\bdevtools::test\b`,
  ].join('|'),
);
/** Lines that install or skip tests rather than run them. */
const NOT_A_TEST_RUN =
  /\b(?:pip3?|uv\s+pip|pipx|poetry|conda|apt(?:-get)?|brew|npm|yarn|pnpm|cargo|go|gem|dotnet\s+tool)\s+(?:install|add|i)\b|-DskipTests|-Dmaven\.test\.skip=true|\s-x\s+test\b/;
/** A project CI script whose contents we do not read (weaker evidence). */
const CI_SCRIPT =
  /(?:^|[;&|]\s{0,4})(?:make|just|task|(?:npm|pnpm|yarn)\s+run)\s+(?:ci|tests?|check)\b|(?:^|[;&|]\s{0,4}|bash\s{1,4}|sh\s{1,4})(?:[\w.-]{0,60}[./])?(?:[\w.-]{0,60}\/)?(?:ci|tests?|run[-_]tests?|check)(?:\.sh|\/run)?(?:\s|$)/;

/** Actions that run a project's tests themselves. */
const TEST_ACTIONS = [
  'cypress-io/github-action',
  'r-lib/actions/check-r-package',
  'julia-actions/julia-runtest',
  'matlab-actions/run-tests',
];
/** Inputs through which wrapper actions (retry, xvfb, gradle) take the command they run. */
const COMMAND_INPUTS = ['run', 'command', 'arguments', 'script', 'cmd'];

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
  /** The triggers that start the workflow (its own, or its callers' for a reusable workflow). */
  triggers: Set<string>;
}

/** What the walk gathers: test runs, and each workflow's triggers and local calls. */
interface Gathered {
  local: LocalWorkflows;
  runs: TestRun[];
  workflows: CallSummary[];
  /** Where the first test run's workflow names its first trigger (a finding points there). */
  firstTriggerLine?: number;
}

const NO_TRIGGERS: Set<string> = new Set();

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: (ctx) => ({ local: localWorkflows(ctx), runs: [], workflows: [] }),
  workflow: (state, wf) => {
    if (wf.kind === 'workflow') state.workflows.push(callSummary(wf));
  },
  job: (state, job, wf) => {
    if (wf.kind !== 'workflow') return;
    for (const { file, step } of state.local.expandedSteps(wf, job)) {
      const found = testIn(file, step);
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

export const ciTests = walkCheck(audit, 'workflows and actions', (gathered, ctx) => {
  const otherCi = OTHER_CI.filter((p) => ctx.files.has(p));
  return judge(gathered.runs, gathered.workflows.length, otherCi, gathered.firstTriggerLine);
});

function testIn(file: Workflow, step: Step): Pick<TestRun, 'line' | 'column' | 'what' | 'weak'> | undefined {
  const action = stepAction(step);
  if (action && TEST_ACTIONS.some((a) => isActionName(action, a)) && step.uses) {
    return { line: step.uses.pos.line, column: step.uses.pos.column, what: action, weak: false };
  }
  const lines: SourceLine[] = [];
  const strong = findCommand(file, step, TEST_COMMAND, NOT_A_TEST_RUN);
  if (strong) return { ...strong, what: cutText(strong.text, 120), weak: false };
  for (const key of COMMAND_INPUTS) {
    const value = step.uses ? step.with.get(key) : undefined;
    if (value) lines.push(...sourceLines(file, value));
  }
  const wrapped = lines.find((l) => TEST_COMMAND.test(l.text) && !NOT_A_TEST_RUN.test(l.text));
  if (wrapped) return { ...wrapped, what: cutText(wrapped.text, 120), weak: false };
  const script = findCommand(file, step, CI_SCRIPT);
  if (script)
    return { ...script, what: `${cutText(script.text, 120)} (a project script, not inspected)`, weak: true };
  return undefined;
}

function judge(
  runs: TestRun[],
  workflowCount: number,
  otherCi: string[],
  firstTriggerLine: number | undefined,
): CheckOutcome {
  const list = new EvidenceList();
  for (const r of runs) {
    list.add(() => ({
      summary:
        `\`${r.workflow}\` › job \`${r.job}\` › step “${r.step}” runs \`${r.what}\`` +
        `${r.file !== undefined ? ` (in \`${r.file}\`)` : ''} on ${[...r.triggers].join(', ') || 'no trigger'}`,
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
