/**
 * Which write scopes of the GITHUB_TOKEN a job needs, judged from its steps (and those of the
 * local reusable workflow it calls): an action's scopes come from the curated table
 * `rules/action-token-scopes.yml`; a `run:` script's from the commands it runs (`git push`,
 * `gh release`, `npm publish`, `cosign sign`, the API). A step whose use of the token is not known
 * leaves the need undetermined, so "not needed" is said only of jobs whose every step is known.
 * For workflow-permissions.
 */
import {
  findCommand,
  isLocalAction,
  MAX_LINE,
  receivesToken,
  sourceLines,
  stepAction,
  stepLabel,
} from '../evidence/ci-steps.js';
import type { LocalWorkflows } from '../evidence/local-workflows.js';
import type { Job, Step, Workflow } from '../evidence/workflows.js';
import { actionWrites } from '../rules/action-token-scopes.js';
import { cutText } from '../shorten.js';

/** What justifies a write scope besides the actions table: commands, and text naming GitHub's services. */
interface NeedRule {
  command?: RegExp;
  /** Text in the job's `with:`/`env:` values or scripts that shows the need (e.g. a ghcr.io registry). */
  mention?: RegExp;
}

const NEED_RULES: Record<string, NeedRule> = {
  contents: {
    command:
      /\bgit\s+push\b|\bgh\s+(?:release|pr\s+merge)\b|\bsemantic-release\b|\bchangeset\s+publish\b|\blerna\s+(?:publish|version)\b|\bgoreleaser\b|\brelease-it\b|\bcargo\s+release\b|\bmvn\b.{0,200}\brelease:/,
  },
  // npm, pnpm, yarn, uv and JSR publish through OIDC (trusted publishing, provenance), and so do
  // the release tools that run them; cosign and sigstore sign keylessly.
  'id-token': {
    command:
      /\bcosign\s+(?:sign|attest)|\b(?:npm|pnpm)\s+publish\b|\byarn\s+(?:npm\s+)?publish\b|\buv\s+publish\b|\b(?:jsr|deno)\s+publish\b|\bsigstore\s+sign\b|\bgitsign\b|\bsemantic-release\b|\bchangeset\s+publish\b|\blerna\s+publish\b|\brelease-it\b|\bgoreleaser\s+release\b|ACTIONS_ID_TOKEN_REQUEST/,
  },
  'security-events': { command: /code-scanning\/sarifs|\bcodeql\s+github\s+upload-results\b/ },
  'pull-requests': {
    command:
      /\bgh\s+pr\s+(?:comment|review|merge|edit|close|create|ready|reopen|lock|unlock)\b|\bdanger\s+ci\b/,
  },
  issues: { command: /\bgh\s+(?:issue|label)\b|\bgh\s+pr\s+(?:comment|edit|lock|unlock)\b/ },
  packages: {
    mention: /ghcr\.io|docker\.pkg\.github\.com|(?:npm|maven|nuget|rubygems)\.pkg\.github\.com/i,
  },
  actions: { command: /\bgh\s+(?:workflow|run|cache)\b/ },
  statuses: { command: /\/statuses\// },
  deployments: { command: /\/deployments\b/ },
};

/** Publishing commands that may push to GitHub Packages, depending on configuration we do not read. */
const MAYBE_PACKAGES =
  /\b(?:npm|pnpm|yarn)\s+publish\b|\bmvn\b.{0,200}\bdeploy\b|\bgradlew?\b.{0,200}\bpublish|\bdocker\s+push\b|\bdotnet\s+nuget\s+push\b|\bgem\s+push\b/;
/** Scripts that talk to the GitHub API with whatever token they are given. */
const API_USE = /\bgh\s+api\b|api\.github\.com|\boctokit\b|\bgh\s+[a-z]/i;
const TOKEN_TEXT = /secrets\.github_token|github\.token/i;

/**
 * Run lines that hand over to a script or build target named for releasing, whose commands are
 * not read here: `make release`, `npm run publish`, `./scripts/deploy.sh`.
 */
const OPAQUE_RELEASE =
  /\b(?:make|just|task|mage|rake|nox|tox|npm\s+run|pnpm(?:\s+run)?|yarn(?:\s+run)?|bun\s+run)\s+(?:-{1,2}[\w=-]+\s+)*[\w:.-]{0,60}(?:release|publish|deploy|upload|sign)|(?:^|[\s/'"])[\w.-]{0,60}(?:release|publish|deploy)[\w.-]{0,60}\.(?:sh|bash|py|js|mjs|ts|rb|ps1)\b/i;

/**
 * How a job stands towards a write scope: a step surely uses it (`needed`), a step could use the
 * token for anything (`maybe`), or a step's use of the token is not known (`undetermined`: an
 * action missing from the table, a remote reusable workflow, a release script). No `Need` at all
 * means every step is known and none uses the scope.
 */
export type NeedLevel = 'needed' | 'maybe' | 'undetermined';

export interface Need {
  level: NeedLevel;
  why: string;
}

const RANK: Record<NeedLevel, number> = { needed: 3, maybe: 2, undetermined: 1 };

/** The stronger of two needs (the first when equal): needed over maybe over undetermined over none. */
function stronger(a: Need | undefined, b: Need | undefined): Need | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[b.level] > RANK[a.level] ? b : a;
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

/** How the job (or the local workflow it calls) stands towards `scope: write`; undefined when no step uses it. */
export function jobNeed(
  wf: Workflow,
  job: Job,
  scope: string,
  local: LocalWorkflows,
  depth = 0,
): Need | undefined {
  if (job.uses) return calledNeed(job, job.uses.value, scope, local, depth);
  const tokenInEnv = [...wf.env.values(), ...job.env.values()].some((v) =>
    TOKEN_TEXT.test(v.value.slice(0, MAX_LINE)),
  );
  let need: Need | undefined;
  for (const step of job.steps) {
    need = stronger(need, stepNeed(wf, job, step, scope, tokenInEnv));
    if (need?.level === 'needed') return need;
  }
  return need;
}

function calledNeed(
  job: Job,
  uses: string,
  scope: string,
  local: LocalWorkflows,
  depth: number,
): Need | undefined {
  const callee = local.callee(job);
  if (!callee || depth > 3) {
    return {
      level: 'undetermined',
      why: `it calls the reusable workflow \`${cutText(uses, 120)}\`, whose steps are not visible here`,
    };
  }
  let need: Need | undefined;
  for (const j of callee.jobs) {
    const n = jobNeed(callee, j, scope, local, depth + 1);
    if (n?.level === 'needed')
      return { level: 'needed', why: `called workflow \`${callee.path}\`: ${n.why}` };
    need = stronger(need, n);
  }
  return need;
}

/** How one step stands towards `scope: write`. */
function stepNeed(wf: Workflow, job: Job, step: Step, scope: string, tokenInEnv: boolean): Need | undefined {
  const label = `step “${stepLabel(step)}”`;
  const rule = NEED_RULES[scope];
  if (rule?.mention && mentions(wf, job, step, rule.mention)) {
    return { level: 'needed', why: `${label} works with GitHub Packages` };
  }
  const action = stepAction(step);
  if (action) return actionNeed(step, action, scope, label);
  const command = rule?.command ? findCommand(wf, step, rule.command) : undefined;
  if (command) return { level: 'needed', why: `${label} runs \`${cutText(command.text, 80)}\`` };
  if (scope === 'packages' && findCommand(wf, step, MAYBE_PACKAGES))
    return { level: 'maybe', why: `${label} publishes a package` };
  if (findCommand(wf, step, API_USE)) return { level: 'maybe', why: `${label} calls the GitHub API` };
  if (receivesToken(step)) return { level: 'maybe', why: `${label} is given the token` };
  if (step.run && tokenInEnv)
    return { level: 'maybe', why: `${label} runs with the token in its environment` };
  const opaque = findCommand(wf, step, OPAQUE_RELEASE);
  if (opaque) {
    return {
      level: 'undetermined',
      why: `${label} runs \`${cutText(opaque.text, 80)}\`, whose commands are not read here`,
    };
  }
  return undefined;
}

/** An action's need, from the curated table; an action not in it is undetermined, never unneeded. */
function actionNeed(step: Step, action: string, scope: string, label: string): Need | undefined {
  if (isLocalAction(step))
    return { level: 'undetermined', why: `${label} runs a local action, whose steps are not read here` };
  if (action.startsWith('docker://'))
    return { level: 'undetermined', why: `${label} runs the container \`${cutText(action, 80)}\`` };
  const writes = actionWrites(action);
  if (writes === 'any') return { level: 'maybe', why: `${label} calls the API with ${action}` };
  if (writes?.includes(scope)) return { level: 'needed', why: `${label} uses ${action}` };
  if (writes) return undefined;
  return {
    level: 'undetermined',
    why: `${label} uses ${cutText(action, 80)}, whose token needs are not in sscop's table of actions`,
  };
}

function mentions(wf: Workflow, job: Job, step: Step, pattern: RegExp): boolean {
  const values = [...wf.env.values(), ...job.env.values(), ...step.with.values(), ...step.env.values()];
  if (values.some((v) => pattern.test(v.value.slice(0, MAX_LINE)))) return true;
  return step.run ? sourceLines(wf, step.run).some((l) => pattern.test(l.text)) : false;
}
