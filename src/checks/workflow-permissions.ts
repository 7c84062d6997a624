/**
 * workflow-permissions: every workflow limits its GITHUB_TOKEN — a top-level `permissions:` (or
 * one on every job), never `write-all` — and write scopes go only to jobs whose steps need them.
 * Need is judged conservatively from the job's steps: a recognised release, publish, attestation,
 * code-scanning upload or PR-commenting step justifies its scope; a step that could use the token
 * for anything (github-script, a local action, `gh`) makes the scope "review", never an accusation.
 */
import type { CheckOutcome, Evidence, Finding, Severity } from '../model/types.js';
import {
  findCommand,
  isCalledOnly,
  isLocalAction,
  localCallee,
  MAX_LINE,
  receivesToken,
  sourceLines,
  stepAction,
  stepLabel,
  isActionName,
  usesAction,
} from '../evidence/ci-steps.js';
import {
  isWorkflowPath,
  parseWorkflows,
  type Job,
  type Permissions,
  type Step,
  type Workflow,
} from '../evidence/workflows.js';
import { EvidenceList, finding, moreOf, type FileCheck } from './check.js';
import { cutText } from '../shorten.js';

const ID = 'workflow-permissions';

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
interface Need {
  level: NeedLevel;
  why: string;
}

interface FileReport {
  path: string;
  status: string;
  line?: number;
}

export const workflowPermissions: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) => (isWorkflowPath(path) ? 'text' : undefined),
  run: (ctx) => {
    const all = parseWorkflows(ctx);
    const workflows = all.filter((w) => w.kind === 'workflow');
    if (workflows.length === 0) {
      return {
        status: 'not-applicable',
        summary: 'No workflows in .github/workflows.',
        findings: [],
        evidence: [],
      };
    }
    const findings: Finding[] = [];
    const files = new EvidenceList();
    let parsed = 0;
    for (const wf of workflows) {
      if (wf.error) {
        const { message, line } = wf.error;
        files.add(() => fileEvidence({ path: wf.path, status: `could not be parsed (${message})`, line }));
        continue;
      }
      parsed++;
      const report = judgeWorkflow(wf, workflows, findings);
      files.add(() => fileEvidence(report));
    }
    const evidence = files.entries(
      (n) => `${moreOf(n, 'workflow', 'workflows')} not listed one by one (every finding in them is listed)`,
    );
    if (parsed === 0) {
      return {
        status: 'unknown',
        summary: 'No workflow could be parsed, so their token permissions are unknown.',
        findings,
        evidence,
        unknown: {
          reason: 'every workflow file failed to parse',
          howToObserve: 'Fix the YAML errors listed in the evidence (GitHub rejects these workflows too).',
        },
      };
    }
    return judge(findings, evidence, parsed);
  },
};

/** Judges one workflow, appending its findings; returns its one-line status for the evidence list. */
function judgeWorkflow(wf: Workflow, workflows: readonly Workflow[], findings: Finding[]): FileReport {
  const notes: string[] = [];
  const top = wf.permissions;
  const jobsWithout = wf.jobs.filter((j) => !j.permissions && !calleeRestricts(j, workflows));

  if (!top) {
    if (isCalledOnly(wf)) {
      notes.push('no top-level permissions; as a reusable workflow it gets (at most) what its caller grants');
    } else if (jobsWithout.length === 0 && wf.jobs.length > 0) {
      notes.push('no top-level permissions, but every job declares its own');
    } else if (wf.jobs.length > 0) {
      findings.push(
        finding(ID, {
          severity: 'medium',
          path: wf.path,
          line: 1,
          column: 1,
          message:
            `\`${wf.path}\` has no top-level \`permissions:\` and job${jobsWithout.length === 1 ? '' : 's'} ` +
            `${list(jobsWithout.map((j) => j.id))} declare${jobsWithout.length === 1 ? 's' : ''} none, so ` +
            `${jobsWithout.length === 1 ? 'it gets' : 'they get'} the repository's default token permissions ` +
            '(read and write on repositories and organisations that have not changed the default).',
          remediation:
            'Add `permissions: contents: read` (or `permissions: {}`) at the top of the workflow, and grant write scopes ' +
            'only on the jobs that need them.',
        }),
      );
      notes.push(`no top-level permissions; ${jobsWithout.length} job(s) use the default token permissions`);
    }
  } else {
    notes.push(`top-level permissions ${describe(top)}`);
    checkWriteAll(wf, top, 'the whole workflow', findings);
    if (top.kind === 'map') {
      const inheriting = wf.jobs.filter((j) => !j.permissions);
      for (const [scope, level] of top.scopes) {
        if (level.value !== 'write' || inheriting.length === 0) continue;
        const needs = new Map(inheriting.map((j) => [j, jobNeed(wf, j, scope, workflows)]));
        const needers = inheriting.filter((j) => needs.get(j));
        const sure = needers.every((j) => needs.get(j)?.level === 'needed');
        const where = `\`${scope}: write\` at the top of \`${wf.path}\``;
        if (needers.length === 0) {
          findings.push(
            finding(ID, {
              severity: 'medium',
              path: wf.path,
              line: level.pos.line,
              column: level.pos.column,
              message: `${where} is given to ${list(inheriting.map((j) => j.id))}, and no step in ${inheriting.length === 1 ? 'it' : 'them'} appears to need it.`,
              remediation: `Set the top level to \`${scope}: read\` (or \`permissions: {}\`) and grant \`${scope}: write\` on a job only if it needs it.`,
            }),
          );
        } else if (needers.length < inheriting.length) {
          const others = inheriting.filter((j) => !needers.includes(j));
          findings.push(
            finding(ID, {
              severity: 'low',
              path: wf.path,
              line: level.pos.line,
              column: level.pos.column,
              message: `${where} is ${sure ? 'needed' : 'possibly used'} by ${list(needers.map((j) => j.id))} but also given to ${list(others.map((j) => j.id))}.`,
              remediation: `Move \`${scope}: write\` from the top level to the job${needers.length === 1 ? '' : 's'} that need${needers.length === 1 ? 's' : ''} it.`,
            }),
          );
        }
      }
    }
  }

  for (const job of wf.jobs) {
    const perms = job.permissions;
    if (!perms) continue;
    checkWriteAll(wf, perms, `job \`${job.id}\``, findings);
    if (perms.kind !== 'map') continue;
    for (const [scope, level] of perms.scopes) {
      if (level.value !== 'write') continue;
      const need = jobNeed(wf, job, scope, workflows);
      if (need?.level === 'needed') {
        notes.push(`job \`${job.id}\` needs \`${scope}: write\` (${need.why})`);
        continue;
      }
      findings.push(
        finding(ID, {
          severity: need ? 'info' : 'low',
          path: wf.path,
          line: level.pos.line,
          column: level.pos.column,
          message: need
            ? `Review \`${scope}: write\` on job \`${job.id}\`: ${need.why}, which may or may not need it.`
            : `No step in job \`${job.id}\` appears to need \`${scope}: write\`; review whether \`${scope}: read\` (or none) is enough.`,
          remediation: `Keep \`${scope}: write\` only if a step writes through the token; otherwise lower it to \`read\` or remove it.`,
        }),
      );
    }
  }
  return { path: wf.path, status: notes.join('; ') || 'no jobs', line: top?.pos.line };
}

function fileEvidence(f: FileReport): Evidence {
  return { summary: `\`${f.path}\`: ${f.status}`, path: f.path, line: f.line };
}

function checkWriteAll(wf: Workflow, perms: Permissions, scope: string, findings: Finding[]): void {
  if (perms.kind !== 'shorthand' || perms.value !== 'write-all') return;
  findings.push(
    finding(ID, {
      severity: 'high',
      path: wf.path,
      line: perms.pos.line,
      column: perms.pos.column,
      message: `\`permissions: write-all\` gives ${scope} of \`${wf.path}\` write access to every scope of the repository.`,
      remediation:
        'Replace write-all with the scopes the jobs need, e.g. `permissions: contents: read` plus job-level writes.',
    }),
  );
}

/**
 * True when a job calling a local reusable workflow needs no permissions of its own because the
 * called workflow declares them (a called workflow can only lower what it is given).
 */
function calleeRestricts(job: Job, workflows: readonly Workflow[]): boolean {
  const callee = localCallee(job, workflows);
  if (!callee) return false;
  return (
    callee.permissions !== undefined || (callee.jobs.length > 0 && callee.jobs.every((j) => j.permissions))
  );
}

/** Whether any step of the job (or of the local workflow it calls) needs `scope: write`. */
function jobNeed(
  wf: Workflow,
  job: Job,
  scope: string,
  workflows: readonly Workflow[],
  depth = 0,
): Need | undefined {
  if (job.uses) {
    const callee = localCallee(job, workflows);
    if (!callee || depth > 3) {
      return {
        level: 'maybe',
        why: `it calls the reusable workflow \`${cutText(job.uses.value, 120)}\`, whose steps are not visible here`,
      };
    }
    let maybe: Need | undefined;
    for (const j of callee.jobs) {
      const n = jobNeed(callee, j, scope, workflows, depth + 1);
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

function describe(p: Permissions): string {
  if (p.kind === 'shorthand') return `\`${p.value}\``;
  if (p.scopes.size === 0) return '`{}` (none)';
  return [...p.scopes].map(([k, v]) => `\`${k}: ${v.value}\``).join(', ');
}

function list(items: string[]): string {
  const shown = items.slice(0, 5).map((i) => `\`${i}\``);
  return items.length > 5 ? `${shown.join(', ')} and ${items.length - 5} more` : shown.join(', ');
}

function judge(findings: Finding[], evidence: Evidence[], parsed: number): CheckOutcome {
  const worst = (severity: Severity): number => findings.filter((f) => f.severity === severity).length;
  const serious = worst('critical') + worst('high') + worst('medium');
  const low = worst('low');
  if (serious) {
    return {
      status: 'fail',
      summary: `${serious} workflow token permission problem${serious === 1 ? '' : 's'} (missing limits, write-all or unneeded write scopes) across ${parsed} workflow${parsed === 1 ? '' : 's'}.`,
      findings,
      evidence,
    };
  }
  if (low) {
    return {
      status: 'partial',
      summary: `Every workflow limits its token, but ${low} write scope${low === 1 ? '' : 's'} ha${low === 1 ? 's' : 've'} no step that appears to need ${low === 1 ? 'it' : 'them'}.`,
      findings,
      evidence,
    };
  }
  return {
    status: 'pass',
    summary: `All ${parsed} workflow${parsed === 1 ? '' : 's'} limit the token, and write scopes go only to jobs that use them${findings.length ? ' (some marked for review)' : ''}.`,
    findings,
    evidence,
  };
}
