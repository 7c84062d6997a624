/**
 * sast: static application security testing runs in CI — CodeQL, Semgrep, SonarCloud/SonarQube,
 * Snyk Code, gosec, bandit, Brakeman, Qodana… Linters with a few security rules (ESLint security
 * plugins, golangci-lint, cppcheck), workflow-only (zizmor) and IaC-only scanners count as partial.
 * CodeQL "default setup" is enabled in settings and leaves no file behind; the code-scanning-alerts
 * (API) check sees it.
 */
import type { CheckOutcome, Evidence } from '../model/types.js';
import { unknown } from './outcome.js';
import {
  findCommand,
  isActionName,
  stepAction,
  stepLabel,
  withValue,
  type SourceLine,
} from '../evidence/ci-steps.js';
import {
  localWorkflows,
  noteRemoteCallee,
  remoteCalleesText,
  type LocalWorkflows,
} from '../evidence/local-workflows.js';
import { isWorkflowOrActionPath, type Step, type Workflow } from '../evidence/workflows.js';
import { BUDGETS, readJsonFile, type JsonFile } from '../evidence/parse-budget.js';
import { findingAt, type FileCheck } from './check.js';
import { audited, type WorkflowAudit } from './walk.js';

const ID = 'sast';

interface Tool {
  name: string;
  /** `full`: a security analyser of the code; `partial`: a linter with some security rules, or a narrow scanner. */
  strength: 'full' | 'partial';
  actions?: readonly string[];
  command?: RegExp;
  /** Extra condition on an action step (e.g. Snyk's `command: code test`). */
  when?: (step: Step) => boolean;
}

const TOOLS: readonly Tool[] = [
  {
    name: 'CodeQL',
    strength: 'full',
    actions: ['github/codeql-action/analyze'],
    command: /\bcodeql\s+database\s+analyze\b/,
  },
  {
    name: 'Semgrep',
    strength: 'full',
    actions: ['returntocorp/semgrep-action', 'semgrep/semgrep-action'],
    command: /\bsemgrep\s+(?:ci|scan|--config)\b/,
  },
  {
    name: 'SonarCloud/SonarQube',
    strength: 'full',
    actions: ['sonarsource/sonarcloud-github-action', 'sonarsource/sonarqube-scan-action'],
    command:
      /\bsonar-scanner\b|\bsonar:sonar\b|\bgradlew?\b.{0,200}\bsonar(?:qube)?\b|\bdotnet\s+sonarscanner\b/,
  },
  {
    name: 'Snyk Code',
    strength: 'full',
    actions: ['snyk/actions'],
    command: /\bsnyk\s+code\s+test\b/,
    when: (step) => /\bcode\s+test\b/.test(withValue(step, 'command') ?? ''),
  },
  {
    name: 'gosec',
    strength: 'full',
    actions: ['securego/gosec'],
    command: /(?:^|[;&|]\s{0,4}|\/)gosec(?:\s|$)/,
  },
  {
    name: 'Bandit',
    strength: 'full',
    actions: [
      'pycqa/bandit-action',
      'tj-actions/bandit',
      'mdegis/bandit-action',
      'shundor/python-bandit-scan',
    ],
    command: /(?:^|[;&|]\s{0,4}|-m\s|run\s)bandit\s/,
  },
  {
    name: 'Brakeman',
    strength: 'full',
    actions: ['devmasx/brakeman-linter-action', 'presidentbeef/brakeman'],
    command: /\bbrakeman\b/,
  },
  { name: 'Qodana', strength: 'full', actions: ['jetbrains/qodana-action'] },
  { name: 'Psalm taint analysis', strength: 'full', command: /\bpsalm\b.{0,200}--taint-analysis\b/ },
  { name: 'njsscan', strength: 'full', actions: ['ajinabraham/njsscan-action'], command: /\bnjsscan\b/ },
  { name: 'Bearer', strength: 'full', actions: ['bearer/bearer-action'], command: /\bbearer\s+scan\b/ },
  {
    name: 'Pysa',
    strength: 'full',
    actions: ['facebook/pysa-action'],
    command: /\bpyre\b.{0,100}\banalyze\b/,
  },
  {
    name: 'a commercial SAST scanner',
    strength: 'full',
    actions: [
      'checkmarx/ast-github-action',
      'checkmarx-ts/checkmarx-cxflow-github-action',
      'veracode/',
      'fortify/',
      'shiftleftsecurity/scan-action',
      'microsoft/security-devops-action',
    ],
  },
  { name: 'Horusec', strength: 'full', command: /\bhorusec\s+start\b/ },
  {
    name: 'golangci-lint',
    strength: 'partial',
    actions: ['golangci/golangci-lint-action'],
    command: /\bgolangci-lint\s+run\b/,
  },
  { name: 'cppcheck', strength: 'partial', command: /\bcppcheck\b/ },
  { name: 'clang-tidy', strength: 'partial', command: /\bclang-tidy\b/ },
  {
    name: 'Flawfinder',
    strength: 'partial',
    actions: ['david-a-wheeler/flawfinder'],
    command: /\bflawfinder\b/,
  },
  { name: 'SpotBugs', strength: 'partial', command: /\bspotbugs\b/ },
  {
    name: 'zizmor (workflows only)',
    strength: 'partial',
    actions: ['zizmorcore/zizmor-action'],
    command: /(?:^|[;&|]\s{0,4}|\s)zizmor\s/,
  },
  {
    name: 'an infrastructure-as-code scanner',
    strength: 'partial',
    actions: ['bridgecrewio/checkov-action', 'aquasecurity/tfsec-action', 'checkmarx/kics-github-action'],
    command: /\b(?:checkov|tfsec|kics\s+scan)\b/,
  },
];

/** ESLint plugins whose rules look for security problems. */
const ESLINT_SECURITY_PLUGINS = [
  'eslint-plugin-security',
  '@microsoft/eslint-plugin-sdl',
  'eslint-plugin-no-unsanitized',
  'eslint-plugin-security-node',
];
const ESLINT_RUN = /\beslint\b|\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?lint\b/;
const ESLINT_ACTIONS = [
  'wearerequired/lint-action',
  'reviewdog/action-eslint',
  'ataylorme/eslint-annotate-action',
];

/** A step that runs an analyser, as the report names it (the parsed files are not kept). */
interface Hit {
  tool: string;
  strength: Tool['strength'];
  workflow: string;
  job: string;
  step: string;
  /** The local action the step is written in, when it is not the workflow. */
  file?: string;
  line: number;
  /** The workflow's own triggers. */
  triggers: string[];
}

/** What the walk gathers: analyser steps, and how many workflows it met. */
interface Gathered {
  local: LocalWorkflows;
  eslintPlugin?: string;
  workflows: number;
  hits: Hit[];
  /** Reusable workflows of other repositories that jobs call (their steps are not in the checkout). */
  remote: string[];
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: (ctx) => ({
    local: localWorkflows(ctx),
    eslintPlugin: eslintSecurityPlugin(readJsonFile(ctx, 'package.json', BUDGETS.manifestJson)),
    workflows: 0,
    hits: [],
    remote: [],
  }),
  workflow: (state, wf) => {
    if (wf.kind === 'workflow') state.workflows++;
  },
  job: (state, job, wf) => {
    if (wf.kind !== 'workflow') return;
    noteRemoteCallee(state.remote, job);
    for (const { file, step } of state.local.expandedSteps(wf, job)) {
      const found = toolIn(file, step, state.eslintPlugin);
      if (!found) continue;
      const triggers = [...wf.triggers.keys()];
      const where = { workflow: wf.path, job: job.id, step: stepLabel(step), triggers };
      state.hits.push({ ...found, ...where, file: file !== wf ? file.path : undefined });
    }
  },
};

export const sast: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) => (isWorkflowOrActionPath(path) || path === 'package.json' ? 'text' : undefined),
  audit,
  run: (ctx) => {
    const { hits, workflows, remote } = audited(ctx, audit);
    if (hits.length === 0 && remote.length) return analysedElsewhere(remote);
    return judge(hits, workflows, ctx.github !== undefined);
  },
};

/** No analyser in this repository's workflows, but jobs call others' reusable workflows, which may run one. */
function analysedElsewhere(remote: readonly string[]): CheckOutcome {
  const called = remoteCalleesText(remote);
  return unknown(
    `No static analysis was found, but jobs call reusable workflows of other repositories (${called}), which were not read.`,
    {
      reason: `static analysis may run in reusable workflows of other repositories (${called})`,
      howToObserve:
        'Run the analyser in a workflow of this repository, scan online to see code-scanning results, or attest it in .github/sscop.yml.',
    },
  );
}

function toolIn(
  file: Workflow,
  step: Step,
  eslintPlugin: string | undefined,
): Pick<Hit, 'tool' | 'strength' | 'line'> | undefined {
  const action = stepAction(step);
  for (const tool of TOOLS) {
    const byAction =
      action !== undefined &&
      (tool.actions ?? []).some((a) => (a.endsWith('/') ? action.startsWith(a) : isActionName(action, a))) &&
      (tool.when?.(step) ?? true);
    if (byAction && step.uses) return { tool: tool.name, strength: tool.strength, line: step.uses.pos.line };
    const command: SourceLine | undefined = tool.command ? findCommand(file, step, tool.command) : undefined;
    if (command) return { tool: tool.name, strength: tool.strength, line: command.line };
  }
  if (eslintPlugin) {
    if (action && ESLINT_ACTIONS.some((a) => isActionName(action, a)) && step.uses) {
      return { tool: `ESLint with ${eslintPlugin}`, strength: 'partial', line: step.uses.pos.line };
    }
    const command = findCommand(file, step, ESLINT_RUN);
    if (command) return { tool: `ESLint with ${eslintPlugin}`, strength: 'partial', line: command.line };
  }
  return undefined;
}

function eslintSecurityPlugin(pkg: JsonFile | undefined): string | undefined {
  if (!pkg?.ok || typeof pkg.value !== 'object' || pkg.value === null) return undefined;
  for (const field of ['devDependencies', 'dependencies']) {
    const deps = (pkg.value as Record<string, unknown>)[field];
    if (typeof deps !== 'object' || deps === null) continue;
    const found = ESLINT_SECURITY_PLUGINS.find((p) => p in deps);
    if (found) return found;
  }
  return undefined;
}

function judge(hits: Hit[], workflowCount: number, online: boolean): CheckOutcome {
  const evidence: Evidence[] = hits.map((h) => ({
    summary:
      `${h.tool} in \`${h.workflow}\` › job \`${h.job}\` › step “${h.step}”` +
      `${h.file !== undefined ? ` (in \`${h.file}\`)` : ''} on ${h.triggers.join(', ') || 'no trigger'}`,
    path: h.file ?? h.workflow,
    line: h.line,
  }));
  const full = hits.filter((h) => h.strength === 'full');
  const tools = (hs: Hit[]): string => [...new Set(hs.map((h) => h.tool))].join(', ');
  const inputNote = {
    status: 'partial' as const,
    note: 'Static analysis looks for unvalidated input reaching dangerous sinks; it does not show that all input is validated.',
  };
  if (full.length) {
    return {
      status: 'pass',
      summary: `Static application security testing runs in CI: ${tools(full)} (${full[0]!.workflow}, line ${full[0]!.line}).`,
      findings: [],
      evidence,
      claims: { '1.4.4': inputNote },
    };
  }
  if (hits.length) {
    return {
      status: 'partial',
      summary: `Only narrower static analysis runs in CI (${tools(hits)}); no security analyser of the code itself.`,
      findings: [
        findingAt(
          ID,
          { path: hits[0]!.file ?? hits[0]!.workflow, line: hits[0]!.line },
          {
            severity: 'low',
            message: `${tools(hits)} find${hits.length === 1 ? 's' : ''} some security problems, but no SAST tool (CodeQL, Semgrep, SonarCloud…) analyses the code.`,
            remediation:
              'Add CodeQL (github/codeql-action init + analyze) or Semgrep on pull_request and push.',
          },
        ),
      ],
      evidence,
      claims: { '1.4.4': inputNote },
    };
  }
  return {
    status: 'fail',
    summary:
      `No static application security testing in ${workflowCount ? `the ${workflowCount} workflow${workflowCount === 1 ? '' : 's'}` : 'CI'}` +
      ' (CodeQL default setup, enabled in settings, leaves no file; the code-scanning-alerts check sees it).',
    findings: [
      findingAt(ID, undefined, {
        severity: 'medium',
        message:
          'No SAST tool (CodeQL, Semgrep, SonarCloud, Snyk Code, gosec, bandit…) runs in any workflow. ' +
          (online
            ? 'If CodeQL default setup is enabled in the repository settings, this is expected; the code-scanning-alerts check shows whether it is.'
            : 'If CodeQL default setup is enabled in the repository settings, this is expected; run sscop online to see it.'),
        remediation: 'Enable CodeQL default setup, or add a code-scanning workflow on pull_request and push.',
      }),
    ],
    evidence,
  };
}
