/**
 * workflow-conditions: `if:` conditions that do not guard what they seem to — an `if:` that mixes
 * `${{ … }}` with other text (or ends in a block scalar's newline) is a non-empty string and always
 * true; `github.actor == 'dependabot[bot]'` in an outsider-triggered workflow is met by whoever
 * makes the bot act last; `contains('main develop', x)` is a substring test an attacker meets
 * with `x = 'mai'`.
 */
import { contextRefs, MAX_LINE, stepPlace } from '../evidence/ci-steps.js';
import { findExpressions } from '../evidence/expressions.js';
import { attackerControlled } from '../evidence/untrusted-contexts.js';
import type { Job, Located, Step, Workflow } from '../evidence/workflows.js';
import type { Location } from '../model/types.js';
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

const ID = 'workflow-conditions';

/** `github.actor == '…[bot]'` either way round, or a substring test on the actor. */
const BOT_CHECK =
  /github\.(?:triggering_)?actor\s*==\s*'[^'\n]{0,100}\[bot\]'|'[^'\n]{0,100}\[bot\]'\s*==\s*github\.(?:triggering_)?actor\b|\b(?:contains|startswith|endswith)\s*\(\s*github\.(?:triggering_)?actor\s*,/i;
/** `contains('a literal', needle)`: a substring test, whose needle is the capture. */
const LITERAL_CONTAINS = /\bcontains\s*\(\s*'(?:[^'\n]|''){0,500}'\s*,\s*([^()\n]{1,300}?)\s*\)/gi;
/** Contexts a pusher of any branch chooses, without being an outsider. */
const REF_CONTEXTS = new Set(['github.ref', 'github.ref_name', 'github.base_ref']);

const audit: WorkflowAudit<RuleState> = {
  id: ID,
  start: ruleState,
  workflow: enterWorkflow,
  job: (state, job, wf) => {
    if (job.if) judgeCondition(state, wf, job, undefined, job.if);
  },
  step: (state, step, job, wf) => {
    if (step.if) judgeCondition(state, wf, job, step, step.if);
  },
  unparsed: (state) => {
    state.unparsed++;
  },
};

export const workflowConditions = walkCheck(audit, 'workflows and actions', (gathered) =>
  judgeRuleHits(ID, gathered, {
    none: 'No workflows or action metadata files.',
    clean: (n) => `Every \`if:\` condition reads as it is meant to (${n} files).`,
    found: (n) => `${n} condition${n === 1 ? '' : 's'} that do not guard what they seem to.`,
  }),
);

function judgeCondition(
  state: RuleState,
  wf: Workflow,
  job: Job,
  step: Step | undefined,
  cond: Located,
): void {
  const where = stepPlace(wf, job, step);
  const text = cond.value.slice(0, MAX_LINE);
  if (alwaysTrue(wf, cond)) {
    addHit(state, {
      rule: 'unsound-condition',
      severity: 'high',
      confidence: 'high',
      at: spanOf(wf, cond),
      message: `The \`if:\` of ${where} mixes \`\${{ … }}\` with other text (or ends in a block scalar's newline), so GitHub reads it as a non-empty string: it is always true and guards nothing.`,
      remediation:
        'Write the whole condition inside one expression (`if: ${{ a && b }}`) or without `${{ }}` at all (`if: a && b`), on one line or with a block scalar that strips the final newline (`|-`).',
    });
  }
  const bot = state.privileged.length ? BOT_CHECK.exec(text) : null;
  if (bot) {
    addHit(state, {
      rule: 'bot-conditions',
      severity: 'high',
      confidence: 'high',
      at: placeOf(wf, cond, bot[0]),
      message: `The \`if:\` of ${where} trusts \`${bot[0]}\` on ${state.privileged.join(', ')}: the actor is whoever caused the latest event, so anyone who gets the bot to act on their pull request (a fork with Dependabot, a rebase comment) passes the check.`,
      remediation:
        "Check who opened the pull request (`github.event.pull_request.user.login == 'dependabot[bot]'`) and that its head is in this repository, not `github.actor`.",
      related: triggerNotes(wf, state.privileged, 'outsiders can start the job'),
    });
  }
  for (const match of text.matchAll(LITERAL_CONTAINS)) unsoundContains(state, wf, cond, where, match);
}

/** A condition with `${{ }}` that is not exactly one expression from its first character to its last. */
function alwaysTrue(wf: Workflow, cond: Located): boolean {
  const value = cond.value;
  if (!value.includes('${{')) return false;
  return !(value.startsWith('${{') && value.endsWith('}}') && findExpressions(wf, cond).length === 1);
}

function unsoundContains(
  state: RuleState,
  wf: Workflow,
  cond: Located,
  where: string,
  match: RegExpMatchArray,
): void {
  const refs = contextRefs(match[1]!);
  const untrusted = attackerControlled(refs);
  const ref = untrusted ?? refs.find((r) => REF_CONTEXTS.has(r.path));
  if (!ref) return;
  addHit(state, {
    rule: 'unsound-contains',
    severity: untrusted ? 'high' : 'medium',
    confidence: untrusted ? 'high' : 'medium',
    at: placeOf(wf, cond, match[0]),
    message:
      `The \`if:\` of ${where} tests \`${match[0].slice(0, 160)}\`: with a string as its first argument, contains() is a substring test, ` +
      `so a \`${ref.path}\` of \`mai\` or an empty one passes a list meant as \`main\` or \`develop\`` +
      (untrusted ? ', and an outsider chooses that value.' : '; whoever can push a branch chooses it.'),
    remediation:
      'Compare with == for each allowed value, or make the first argument a list: `contains(fromJSON(\'["refs/heads/main", "refs/heads/develop"]\'), github.ref)`.',
  });
}

/** Where `found` stands in the condition's source, or the whole condition when quoting hides it. */
function placeOf(wf: Workflow, cond: Located, found: string): Location {
  const source = wf.text.slice(cond.range[0], cond.range[1]);
  const at = source.indexOf(found);
  if (at < 0) return spanOf(wf, cond);
  const start = wf.positionAt(cond.range[0] + at);
  const end = wf.positionAt(cond.range[0] + at + found.length);
  return { path: wf.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
