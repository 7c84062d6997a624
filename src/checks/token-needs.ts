/**
 * Which write scopes of the GITHUB_TOKEN a job needs, judged conservatively from its steps (and
 * those of the local reusable workflow it calls): a recognised release, publish, attestation,
 * code-scanning upload or PR-commenting step needs its scope; a step that could use the token for
 * anything (github-script, a local action, `gh`) only maybe does. For workflow-permissions.
 */
import {
  findCommand,
  isActionName,
  isLocalAction,
  MAX_LINE,
  receivesToken,
  sourceLines,
  stepAction,
  stepLabel,
  usesAction,
} from '../evidence/ci-steps.js';
import type { LocalWorkflows } from '../evidence/local-workflows.js';
import type { Job, Step, Workflow } from '../evidence/workflows.js';
import { cutText } from '../shorten.js';

/** What justifies a write scope: actions (an entry ending in `/` covers an owner's actions) and commands. */
interface NeedRule {
  actions: readonly string[];
  command?: RegExp;
  /** Text in the job's `with:`/`env:` values or scripts that shows the need (e.g. a ghcr.io registry). */
  mention?: RegExp;
}

const COMMENTERS = [
  'marocchino/sticky-pull-request-comment',
  'thollander/actions-comment-pull-request',
  'peter-evans/create-or-update-comment',
  'mshick/add-pr-comment',
  'actions/first-interaction',
  'actions/stale',
  'actions-ecosystem/action-create-comment',
  'enricomi/publish-unit-test-result-action',
  'mikepenz/action-junit-report',
  'romeovs/lcov-reporter-action',
  'davelosert/vitest-coverage-report-action',
  'artiomtr/jest-coverage-report-action',
  'py-cov-action/python-coverage-comment-action',
  'madrapps/jacoco-report',
  '5monkeys/cobertura-action',
  'orgoro/coverage',
];
const LABELLERS = [
  'actions/labeler',
  'github/issue-labeler',
  'andymckay/labeler',
  'srvaroa/labeler',
  'codelytv/pr-size-labeler',
  'actions-ecosystem/action-add-labels',
  'actions-ecosystem/action-remove-labels',
  'eps1lon/actions-label-merge-conflict',
  'dessant/label-actions',
];
const RELEASERS = [
  'softprops/action-gh-release',
  'ncipollo/release-action',
  'actions/create-release',
  'actions/upload-release-asset',
  'googleapis/release-please-action',
  'google-github-actions/release-please-action',
  'goreleaser/goreleaser-action',
  'changesets/action',
  'cycjimmy/semantic-release-action',
  'release-drafter/release-drafter',
  'svenstaro/upload-release-action',
  'marvinpinto/action-automatic-releases',
  'taiki-e/upload-rust-binary-action',
  'taiki-e/create-gh-release-action',
  'rickstaa/action-create-tag',
  'mathieudutour/github-tag-action',
  'anothrnick/github-tag-action',
];

const NEED_RULES: Record<string, NeedRule> = {
  contents: {
    actions: [
      ...RELEASERS,
      'stefanzweifel/git-auto-commit-action',
      'endbug/add-and-commit',
      'peter-evans/create-pull-request',
      'peter-evans/repository-dispatch',
      'ad-m/github-push-action',
      'jamesives/github-pages-deploy-action',
      'peaceiris/actions-gh-pages',
      'crazy-max/ghaction-github-pages',
      'benchmark-action/github-action-benchmark',
      'gradle/actions/dependency-submission',
      'advanced-security/',
      'actions/go-dependency-submission',
      'scalacenter/sbt-dependency-submission',
    ],
    command:
      /\bgit\s+push\b|\bgh\s+(?:release|pr\s+merge)\b|\bsemantic-release\b|\bchangeset\s+publish\b|\blerna\s+(?:publish|version)\b|\bgoreleaser\b|\brelease-it\b|\bcargo\s+release\b|\bmvn\b.{0,200}\brelease:/,
  },
  'id-token': {
    actions: [
      'actions/attest-build-provenance',
      'actions/attest',
      'actions/attest-sbom',
      'actions/deploy-pages',
      'sigstore/',
      'slsa-framework/',
      'aws-actions/configure-aws-credentials',
      'google-github-actions/auth',
      'azure/login',
      'hashicorp/vault-action',
      'pypa/gh-action-pypi-publish',
      'octo-sts/action',
      'chainguard-dev/setup-chainctl',
      'jfrog/setup-jfrog-cli',
      'pulumi/auth-actions',
      'rust-lang/crates-io-auth-action',
      'ossf/scorecard-action',
      'codecov/codecov-action',
      'goreleaser/goreleaser-action',
      'tailscale/github-action',
    ],
    command:
      /\bcosign\s+(?:sign|attest)|\b(?:npm|pnpm)\s+publish\b|\byarn\s+(?:npm\s+)?publish\b|\buv\s+publish\b|\bsigstore\s+sign\b|ACTIONS_ID_TOKEN_REQUEST/,
  },
  'security-events': {
    actions: [
      'github/codeql-action',
      'ossf/scorecard-action',
      'zizmorcore/zizmor-action',
      'microsoft/security-devops-action',
    ],
    command: /code-scanning\/sarifs|\bcodeql\s+github\s+upload-results\b/,
  },
  'pull-requests': {
    actions: [
      ...COMMENTERS,
      ...LABELLERS,
      'peter-evans/create-pull-request',
      'peter-evans/enable-pull-request-automerge',
      'googleapis/release-please-action',
      'google-github-actions/release-please-action',
      'changesets/action',
      'reviewdog/',
      'actions/dependency-review-action',
      'danger/danger-js',
      'hmarr/auto-approve-action',
      'pascalgn/automerge-action',
      'fastify/github-action-merge-dependabot',
      'ahmadnassri/action-dependabot-auto-merge',
      'release-drafter/release-drafter',
      'kentaro-m/auto-assign-action',
      'dependabot/fetch-metadata',
    ],
    command: /\bgh\s+pr\s+(?:comment|review|merge|edit|close|create|ready|reopen)\b|\bdanger\s+ci\b/,
  },
  issues: {
    actions: [
      ...COMMENTERS,
      ...LABELLERS,
      'peter-evans/create-issue-from-file',
      'jasonetco/create-an-issue',
      'dessant/lock-threads',
      'googleapis/release-please-action',
      'google-github-actions/release-please-action',
    ],
    command: /\bgh\s+(?:issue|label)\b|\bgh\s+pr\s+(?:comment|edit)\b/,
  },
  packages: {
    actions: ['actions/delete-package-versions', 'redhat-actions/push-to-registry'],
    mention: /ghcr\.io|docker\.pkg\.github\.com|(?:npm|maven|nuget|rubygems)\.pkg\.github\.com/i,
  },
  pages: { actions: ['actions/deploy-pages'] },
  actions: {
    actions: [
      'benc-uk/workflow-dispatch',
      'mattraks/delete-workflow-runs',
      'geekyeggo/delete-artifact',
      'convictional/trigger-workflow-and-wait',
      'the-actions-org/workflow-dispatch',
      'aurelien-baudet/workflow-dispatch',
    ],
    command: /\bgh\s+(?:workflow|run|cache)\b/,
  },
  checks: {
    actions: [
      'dorny/test-reporter',
      'enricomi/publish-unit-test-result-action',
      'mikepenz/action-junit-report',
      'reviewdog/',
      'louisbrunner/checks-action',
      'wearerequired/lint-action',
      'ataylorme/eslint-annotate-action',
      'phoenix-actions/test-reporting',
      'github/super-linter',
      'super-linter/super-linter',
    ],
  },
  statuses: {
    actions: [
      'github/super-linter',
      'super-linter/super-linter',
      'sibz/github-status-action',
      'myrotvorets/set-commit-status-action',
      'ouzi-dev/commit-status-updater',
    ],
    command: /\/statuses\//,
  },
  deployments: {
    actions: [
      'chrnorm/deployment-action',
      'chrnorm/deployment-status',
      'bobheadxi/deployments',
      'amondnet/vercel-action',
    ],
    command: /\/deployments\b/,
  },
  attestations: { actions: ['actions/attest-build-provenance', 'actions/attest', 'actions/attest-sbom'] },
  discussions: { actions: ['abirismyname/create-discussion'] },
};

/** Publishing commands that may push to GitHub Packages, depending on configuration we do not read. */
const MAYBE_PACKAGES =
  /\b(?:npm|pnpm|yarn)\s+publish\b|\bmvn\b.{0,200}\bdeploy\b|\bgradlew?\b.{0,200}\bpublish|\bdocker\s+push\b|\bdotnet\s+nuget\s+push\b|\bgem\s+push\b/;
/** Scripts that talk to the GitHub API with whatever token they are given. */
const API_USE = /\bgh\s+api\b|api\.github\.com|\boctokit\b|\bgh\s+[a-z]/i;
const TOKEN_TEXT = /secrets\.github_token|github\.token/i;

type NeedLevel = 'needed' | 'maybe';

/** Whether a job needs a write scope: surely (a step that uses it), or maybe (a step that could). */
export interface Need {
  level: NeedLevel;
  why: string;
}

/**
 * True when a job calling a local reusable workflow needs no permissions of its own because the
 * called workflow declares them (a called workflow can only lower what it is given).
 */
export function calleeRestricts(job: Job, local: LocalWorkflows): boolean {
  const callee = local.callee(job);
  if (!callee) return false;
  return (
    callee.permissions !== undefined || (callee.jobs.length > 0 && callee.jobs.every((j) => j.permissions))
  );
}

/** Whether any step of the job (or of the local workflow it calls) needs `scope: write`. */
export function jobNeed(
  wf: Workflow,
  job: Job,
  scope: string,
  local: LocalWorkflows,
  depth = 0,
): Need | undefined {
  if (job.uses) {
    const callee = local.callee(job);
    if (!callee || depth > 3) {
      return {
        level: 'maybe',
        why: `it calls the reusable workflow \`${cutText(job.uses.value, 120)}\`, whose steps are not visible here`,
      };
    }
    let maybe: Need | undefined;
    for (const j of callee.jobs) {
      const n = jobNeed(callee, j, scope, local, depth + 1);
      if (n?.level === 'needed')
        return { level: 'needed', why: `called workflow \`${callee.path}\`: ${n.why}` };
      maybe ??= n;
    }
    return maybe;
  }
  const rule = NEED_RULES[scope];
  const tokenInEnv = [...wf.env.values(), ...job.env.values()].some((v) =>
    TOKEN_TEXT.test(v.value.slice(0, MAX_LINE)),
  );
  let maybe: Need | undefined;
  for (const step of job.steps) {
    const action = stepAction(step);
    if (
      rule &&
      action &&
      rule.actions.some((a) => (a.endsWith('/') ? action.startsWith(a) : isActionName(action, a)))
    ) {
      return { level: 'needed', why: `step “${stepLabel(step)}” uses ${action}` };
    }
    const command = rule?.command ? findCommand(wf, step, rule.command) : undefined;
    if (command)
      return { level: 'needed', why: `step “${stepLabel(step)}” runs \`${cutText(command.text, 80)}\`` };
    if (rule?.mention && mentions(wf, job, step, rule.mention)) {
      return { level: 'needed', why: `step “${stepLabel(step)}” works with GitHub Packages` };
    }
    maybe ??= uncertainUse(wf, step, scope, tokenInEnv);
  }
  return maybe;
}

/** A step that could use the token for `scope` in ways this check cannot see. */
function uncertainUse(wf: Workflow, step: Step, scope: string, tokenInEnv: boolean): Need | undefined {
  const label = `step “${stepLabel(step)}”`;
  if (usesAction(step, 'actions/github-script'))
    return { level: 'maybe', why: `${label} calls the API with github-script` };
  if (isLocalAction(step)) return { level: 'maybe', why: `${label} runs a local action` };
  if (scope === 'packages' && findCommand(wf, step, MAYBE_PACKAGES))
    return { level: 'maybe', why: `${label} publishes a package` };
  if (step.run && findCommand(wf, step, API_USE))
    return { level: 'maybe', why: `${label} calls the GitHub API` };
  if (receivesToken(step) && !usesAction(step, 'actions/checkout'))
    return { level: 'maybe', why: `${label} is given the token` };
  if (step.run && tokenInEnv)
    return { level: 'maybe', why: `${label} runs with the token in its environment` };
  return undefined;
}

function mentions(wf: Workflow, job: Job, step: Step, pattern: RegExp): boolean {
  const values = [...wf.env.values(), ...job.env.values(), ...step.with.values(), ...step.env.values()];
  if (values.some((v) => pattern.test(v.value.slice(0, MAX_LINE)))) return true;
  return step.run ? sourceLines(wf, step.run).some((l) => pattern.test(l.text)) : false;
}
