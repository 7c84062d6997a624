/**
 * workflow-env-injection: attacker-controlled text written to the runner's environment files in
 * outsider-triggered workflows — a line in `$GITHUB_ENV` sets any variable of the later steps
 * (`LD_PRELOAD`, `NODE_OPTIONS`, `BASH_ENV`: code execution), one in `$GITHUB_PATH` picks the
 * programs they run, a newline in `$GITHUB_OUTPUT` forges outputs — and
 * `ACTIONS_ALLOW_UNSECURE_COMMANDS`, which lets anything a step prints do the same.
 */
import { contextRefs, MAX_LINE, sourceLines, stepPlace } from '../evidence/ci-steps.js';
import { findExpressions } from '../evidence/expressions.js';
import { attackerControlled } from '../evidence/untrusted-contexts.js';
import type { Job, Located, Step, Workflow } from '../evidence/workflows.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import {
  addHit,
  judgeRuleHits,
  enterWorkflow,
  ruleState,
  spanOf,
  triggerNotes,
  type RuleState,
} from './workflow-rules.js';

const ID = 'workflow-env-injection';
const UNSECURE_COMMANDS = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';

/** A line that appends to an environment file: `>> $GITHUB_ENV`, `| tee -a "$GITHUB_PATH"`, `Out-File $env:GITHUB_ENV`. */
const ENV_FILE_WRITE =
  /(?:>>?|\btee\b[^|;&]*|\bOut-File\b[^|;&]*|\bAdd-Content\b[^|;&]*)\s*["']?\$\{?(?:env:)?(GITHUB_(?:ENV|PATH|OUTPUT))\b/i;
/** Commands that print their arguments, so what follows them is the text written. */
const PRINTS = /\b(?:echo|printf|Write-Output|Write-Host)\b|^\s*["']/i;
/** Contexts that hold a git ref name. */
const BRANCH_NAME = /(?:head_ref|head\.ref|head_branch|head\.label)$/;
/** Shell and PowerShell variable references: `$NAME`, `${NAME}`, `$env:NAME`. */
const VARIABLE = /\$(?:env:)?\{?([A-Za-z_][A-Za-z0-9_]*)/g;

interface Gathered extends RuleState {
  /** Variables of the workflow and of the job being walked whose value is attacker-controlled. */
  tainted: { workflow: Map<string, string>; job: Map<string, string> };
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({ ...ruleState(), tainted: { workflow: new Map(), job: new Map() } }),
  workflow: (state, wf) => {
    enterWorkflow(state, wf);
    state.tainted.workflow = taintedVariables(wf, wf.env);
    unsecureCommands(state, wf, wf.env, 'the workflow');
  },
  job: (state, job, wf) => {
    state.tainted.job = taintedVariables(wf, job.env);
    unsecureCommands(state, wf, job.env, stepPlace(wf, job));
  },
  step: (state, step, job, wf) => {
    unsecureCommands(state, wf, step.env, stepPlace(wf, job, step));
    if (state.privileged.length && step.run) envFileWrites(state, wf, job, step);
  },
  unparsed: (state) => {
    state.unparsed++;
  },
};

export const workflowEnvInjection = walkCheck(audit, 'workflows and actions', (gathered) =>
  judgeRuleHits(ID, gathered, {
    none: 'No workflows or action metadata files.',
    clean: (n) =>
      `No attacker-controlled text reaches GITHUB_ENV, GITHUB_PATH or GITHUB_OUTPUT in privileged workflows, and no workflow allows unsecure commands (${n} files).`,
    found: (n) => `${n} place${n === 1 ? '' : 's'} where outsiders can set the environment of later steps.`,
  }),
);

/** Names of `env:` entries whose value expands attacker-controlled text, with that context. */
function taintedVariables(wf: Workflow, env: ReadonlyMap<string, Located>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of env) {
    for (const expr of findExpressions(wf, value)) {
      const ref = attackerControlled(contextRefs(expr.expression));
      if (ref) out.set(name, ref.path);
    }
  }
  return out;
}

function unsecureCommands(
  state: Gathered,
  wf: Workflow,
  env: ReadonlyMap<string, Located>,
  where: string,
): void {
  const value = env.get(UNSECURE_COMMANDS);
  if (!value || value.value.trim().toLowerCase() === 'false') return;
  addHit(state, {
    rule: 'insecure-commands',
    severity: 'high',
    confidence: value.value.includes('${{') ? 'medium' : 'high',
    at: spanOf(wf, value),
    message: `${where} sets ${UNSECURE_COMMANDS}, which turns the retired \`::set-env\` and \`::add-path\` commands back on: any text a step prints (a log line, a test name, a file it cats) can set variables and the PATH of the steps after it.`,
    remediation: `Remove ${UNSECURE_COMMANDS} and write to $GITHUB_ENV and $GITHUB_PATH instead, with values the workflow controls.`,
  });
}

/** Each line of the step's script that writes attacker-controlled text to an environment file. */
function envFileWrites(state: Gathered, wf: Workflow, job: Job, step: Step): void {
  const stepTainted = taintedVariables(wf, step.env);
  for (const line of sourceLines(wf, step.run!)) {
    const write = ENV_FILE_WRITE.exec(line.text.slice(0, MAX_LINE));
    // Only text the line prints is written; a command's argument is not (`gh pr view "$B" >> …`).
    if (!write || !PRINTS.test(line.text.slice(0, write.index))) continue;
    const source = untrustedSource(wf, step, line.line, line.text, stepTainted, state.tainted);
    if (!source) continue;
    const file = write[1]!.toUpperCase();
    const output = file === 'GITHUB_OUTPUT';
    // A git ref cannot hold a newline: a branch name sets only the variable the line names.
    const lineBreakable = !BRANCH_NAME.test(source.context);
    addHit(state, {
      rule: 'github-env',
      severity: output || !lineBreakable ? 'medium' : 'high',
      confidence: output || !lineBreakable ? 'medium' : 'high',
      at: { path: wf.path, line: line.line, column: line.column },
      message:
        `${stepPlace(wf, job, step)} writes ${source.text} to $${file} on ${state.privileged.join(', ')}: ` +
        (output
          ? 'the output carries attacker-controlled text to every later step that expands it' +
            (lineBreakable ? ', and a newline in it forges other outputs.' : '.')
          : lineBreakable
            ? `a newline in it sets any ${file === 'GITHUB_PATH' ? 'directory on the PATH' : 'variable (LD_PRELOAD, NODE_OPTIONS, BASH_ENV)'} for the steps after it, which run with this repository's secrets and token.`
            : `the steps after it, which run with this repository's secrets and token, read the attacker's text as ${file === 'GITHUB_PATH' ? 'a directory to run programs from' : 'a variable'}.`),
      remediation:
        'Do not write attacker-controlled text to environment files in privileged workflows; pass it to the steps that need it ' +
        'through `env:` on each step, or validate it first (an expected pattern, no newlines).',
      related: triggerNotes(wf, state.privileged, 'outsiders can start the job'),
    });
  }
}

/** What attacker-controlled text the line writes: an expression, or a variable set from one. */
function untrustedSource(
  wf: Workflow,
  step: Step,
  lineNumber: number,
  text: string,
  stepTainted: Map<string, string>,
  tainted: Gathered['tainted'],
): { text: string; context: string } | undefined {
  for (const expr of findExpressions(wf, step.run!)) {
    if (expr.line !== lineNumber) continue;
    const ref = attackerControlled(contextRefs(expr.expression));
    if (ref) return { text: `\`${ref.path}\``, context: ref.path };
  }
  for (const match of text.slice(0, MAX_LINE).matchAll(VARIABLE)) {
    const name = match[1]!;
    // A step's own env: entry hides the job's and the workflow's of the same name.
    const context = step.env.has(name)
      ? stepTainted.get(name)
      : (tainted.job.get(name) ?? tainted.workflow.get(name));
    if (context) return { text: `\`$${name}\` (set from \`${context}\`)`, context };
  }
  return undefined;
}
