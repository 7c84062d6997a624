/**
 * workflow-secrets: secrets handed out more widely than the step that needs them — every secret
 * passed to a reusable workflow (`secrets: inherit`) or serialised at once (`toJSON(secrets)`),
 * fields of a JSON secret that the log masking does not know (`fromJSON(secrets.X).y`), secrets in
 * outsider-triggered jobs with no environment to gate them, and registry passwords written into
 * the workflow.
 */
import { contextRefs, stepPlace } from '../evidence/ci-steps.js';
import { findExpressions, type ExpressionMatch } from '../evidence/expressions.js';
import type { Job, Workflow } from '../evidence/workflows.js';
import type { Location } from '../model/types.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import {
  addHit,
  jobValues,
  judgeRuleHits,
  enterWorkflow,
  ruleState,
  spanOf,
  triggerNotes,
  type RuleState,
} from './workflow-rules.js';

const ID = 'workflow-secrets';

/** `fromJSON(secrets.X).field` or `fromJSON(secrets['X'])['field']`: a part of a secret. */
const SECRET_FIELD = /fromjson\s*\(\s*secrets\s*(?:\.[\w-]+|\[[^\]]{0,200}\])\s*\)\s*[.[]/i;

const audit: WorkflowAudit<RuleState> = {
  id: ID,
  start: ruleState,
  workflow: enterWorkflow,
  job: (state, job, wf) => {
    if (wf.kind !== 'workflow') return;
    secretsInherit(state, wf, job);
    registryPasswords(state, wf, job);
    let firstSecret: ExpressionMatch | undefined;
    for (const value of jobValues(job)) {
      for (const expr of findExpressions(wf, value)) {
        const refs = contextRefs(expr.expression);
        const at: Location = { path: wf.path, ...expr };
        if (refs.some((r) => r.path === 'secrets' || r.path === 'secrets.*'))
          wholesale(state, wf, job, expr, at);
        if (SECRET_FIELD.test(expr.expression)) unredacted(state, wf, job, expr, at);
        if (
          !firstSecret &&
          refs.some((r) => r.path.startsWith('secrets.') && r.path !== 'secrets.github_token')
        )
          firstSecret = expr;
      }
    }
    if (firstSecret && state.privileged.length && !job.environment)
      outsideEnvironment(state, wf, job, firstSecret);
  },
  unparsed: (state) => {
    state.unparsed++;
  },
};

export const workflowSecrets = walkCheck(audit, 'workflows', (gathered) =>
  judgeRuleHits(ID, gathered, {
    none: 'No workflows in .github/workflows.',
    clean: (n) => `Secrets are passed one by one, and none is written into a workflow (${n} files).`,
    found: (n) => `${n} place${n === 1 ? '' : 's'} where secrets reach more than the step that needs them.`,
  }),
);

function secretsInherit(state: RuleState, wf: Workflow, job: Job): void {
  if (job.secretsInherit?.value.trim() !== 'inherit') return;
  // A workflow of this repository is reviewed with it; another repository's is not.
  const local = job.uses?.value.trim().startsWith('./') ?? false;
  addHit(state, {
    rule: 'secrets-inherit',
    severity: local ? 'low' : 'medium',
    confidence: 'high',
    at: spanOf(wf, job.secretsInherit),
    message: `${stepPlace(wf, job)} passes every secret of this repository to \`${job.uses?.value ?? 'a reusable workflow'}\` (\`secrets: inherit\`), whatever it needs.`,
    remediation:
      'Name the secrets the called workflow needs under `secrets:` (`secrets: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`).',
  });
}

function registryPasswords(state: RuleState, wf: Workflow, job: Job): void {
  for (const [owner, password] of job.registryPasswords) {
    if (password.value.includes('${{')) continue;
    addHit(state, {
      rule: 'hardcoded-container-credentials',
      severity: 'high',
      confidence: 'high',
      at: spanOf(wf, password),
      message: `${stepPlace(wf, job)} writes the registry password of its ${owner === 'container' ? 'container' : `service \`${owner.slice('services.'.length)}\``} into the workflow, where everyone who can read the repository sees it.`,
      remediation:
        'Revoke the password, store a new one as a secret and write `password: ${{ secrets.REGISTRY_PASSWORD }}`.',
    });
  }
}

function wholesale(state: RuleState, wf: Workflow, job: Job, expr: ExpressionMatch, at: Location): void {
  addHit(state, {
    rule: 'secrets-wholesale',
    severity: 'medium',
    confidence: 'high',
    at,
    message: `\`\${{ ${expr.expression.slice(0, 120)} }}\` in ${stepPlace(wf, job)} hands over every secret of the repository (or one chosen at run time), not the one the step needs.`,
    remediation: 'Refer to each secret the step needs by name (`${{ secrets.API_TOKEN }}`).',
  });
}

function unredacted(state: RuleState, wf: Workflow, job: Job, expr: ExpressionMatch, at: Location): void {
  addHit(state, {
    rule: 'unredacted-secrets',
    severity: 'medium',
    confidence: 'high',
    at,
    message: `\`\${{ ${expr.expression.slice(0, 120)} }}\` in ${stepPlace(wf, job)} takes a field out of a JSON secret: the log masks the secret as a whole, not the field, so the value can be printed in clear.`,
    remediation:
      'Store each value that must stay secret as a secret of its own, or mask it first (`echo "::add-mask::$VALUE"`).',
  });
}

function outsideEnvironment(state: RuleState, wf: Workflow, job: Job, expr: ExpressionMatch): void {
  addHit(state, {
    rule: 'secrets-outside-environment',
    // Defence in depth: the job is a risk only if it also runs what an outsider sends.
    severity: 'low',
    confidence: 'medium',
    at: { path: wf.path, ...expr },
    message:
      `${stepPlace(wf, job)} uses secrets on ${state.privileged.join(', ')}, which outsiders can trigger, ` +
      'without an `environment:`, so no reviewer or branch rule stands between the event and the secret.',
    remediation:
      'Move the secret to a GitHub environment with required reviewers or deployment branch rules, and set `environment:` on the job.',
    related: triggerNotes(wf, state.privileged, 'outsiders can start the job'),
  });
}
