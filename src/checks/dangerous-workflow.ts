/**
 * dangerous-workflow: privileged workflows (`pull_request_target`, `workflow_run`, and
 * `issue_comment` bots) that check out or fetch a pull request's untrusted head, so code from a
 * fork runs with this repository's secrets and a token that can write ("pwn request").
 * Job conditions that really gate the job (a maintainer-applied label, same-repository heads,
 * maintainers' comments) lower the severity and are stated.
 */
import {
  severityRank,
  type CheckOutcome,
  type Evidence,
  type Finding,
  type RelatedLocation,
  type Severity,
} from '../model/types.js';
import {
  findCommand,
  jobCondition,
  MAX_LINE,
  stepLabel,
  stepPlace,
  usesAction,
} from '../evidence/ci-steps.js';
import type { Job, Permissions, Step, Workflow } from '../evidence/workflows.js';
import { findingAt } from './check.js';
import { mergeByPath, notApplicable } from './outcome.js';
import { untrustedCheckout } from './untrusted-head.js';
import { unparsedFiles, walkCheck, type WorkflowAudit } from './walk.js';

const ID = 'dangerous-workflow';

/**
 * Triggers where an outsider's pull request head or run output is at hand, in the base
 * repository's privileged context (the wider list of privileged events is in evidence/triggers.ts).
 */
const HEAD_AT_HAND_TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'] as const;

interface Gate {
  severity: Severity;
  note: string;
}

interface Hit {
  workflow: Workflow;
  job: Job;
  step: Step;
  at: { line: number; column: number; endLine?: number; endColumn?: number };
  what: string;
  triggers: string[];
  gate?: Gate;
  /** The folder the head is checked out into, when no later step appears to run code from it. */
  readOnlyFolder?: string;
}

/** What the walk gathers: privileged steps that take the untrusted head, and per-file evidence. */
interface Gathered {
  workflows: number;
  hits: Hit[];
  /** Per-file evidence in path order (files that do not parse join it in `run`). */
  evidence: Evidence[];
  /** The privileged triggers of the workflow being walked, and the hit count when it began. */
  current?: { triggers: string[]; hitsBefore: number };
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({ workflows: 0, hits: [], evidence: [] }),
  workflow: (state, wf) => {
    state.current = undefined;
    if (wf.kind !== 'workflow') return;
    state.workflows++;
    const triggers = HEAD_AT_HAND_TRIGGERS.filter((t) => wf.triggers.has(t));
    if (triggers.length) state.current = { triggers, hitsBefore: state.hits.length };
  },
  step: (state, step, job, wf) => {
    if (!state.current) return;
    const found = untrustedCheckout(wf, job, step);
    const { triggers } = state.current;
    if (!found) return;
    const readOnlyFolder = dataOnlyFolder(job, step);
    state.hits.push({
      workflow: wf,
      job,
      step,
      ...found,
      triggers,
      gate: gateOf(wf, job, step),
      ...(readOnlyFolder ? { readOnlyFolder } : {}),
    });
  },
  leaveWorkflow: (state, wf) => {
    const current = state.current;
    if (!current || state.hits.length > current.hitsBefore) return;
    state.evidence.push({
      summary: `\`${wf.path}\` runs on ${current.triggers.join(', ')} without checking out the untrusted head`,
      path: wf.path,
      line: wf.triggers.get(current.triggers[0]!)?.line,
    });
  },
};

export const dangerousWorkflow = walkCheck(audit, 'workflows', (gathered, ctx) => {
  const unparsed = unparsedFiles(ctx).filter((w) => w.kind === 'workflow');
  if (gathered.workflows + unparsed.length === 0) return notApplicable('No workflows in .github/workflows.');
  const unparsedEvidence = unparsed.map((wf) => ({
    summary: `\`${wf.path}\` could not be parsed: ${wf.error.message}`,
    path: wf.path,
    line: wf.error.line,
  }));
  return judge(gathered.hits, mergeByPath(gathered.evidence, unparsedEvidence));
});

/**
 * The folder an actions/checkout step puts the head in (`with: path:`), when no later step of the
 * job appears to run code from it: no `working-directory` or local action there, and no script
 * that changes into it, runs a file in it or points a build tool at it. Tools from the base
 * branch that only read its files (a generator given `-folder=pr`) do not run the head's code.
 */
function dataOnlyFolder(job: Job, step: Step): string | undefined {
  if (!usesAction(step, 'actions/checkout')) return undefined;
  const folder = step.with.get('path')?.value.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  if (!folder || folder === '.' || !/^[\w.-]{1,100}(?:\/[\w.-]{1,100}){0,5}$/.test(folder)) return undefined;
  const name = folder.replace(/[.]/g, '\\.');
  const runsThere = new RegExp(
    `(?:^|[\\s;&|(])(?:cd|pushd)\\s+["']?(?:\\./)?${name}\\b|(?:^|[\\s;&|(="'])(?:\\./)?${name}/[\\w./-]*\\.(?:sh|bash|py|js|mjs|ts|rb|pl)\\b|(?:^|[\\s;&|(])\\./${name}/|(?:-C|--prefix|--cwd|--dir|--manifest-path|--project|-p)[ =]["']?(?:\\./)?${name}\\b|(?:^|[\\s;&|(])(?:source|\\.)\\s+["']?(?:\\./)?${name}/`,
  );
  for (const later of job.steps) {
    if (later.index <= step.index) continue;
    const dir = later.workingDirectory?.replace(/^\.\//, '');
    if (dir === folder || dir?.startsWith(`${folder}/`)) return undefined;
    const uses = later.uses?.value.replace(/^\.\//, '');
    if (later.uses?.value.startsWith('./') && (uses === folder || uses?.startsWith(`${folder}/`)))
      return undefined;
    // `git -C pr diff` reads the folder with git, which runs nothing from it.
    const script = later.run?.value.slice(0, 20 * MAX_LINE).replace(/\bgit\s+-C\s+\S+/g, 'git');
    if (script && runsThere.test(script)) return undefined;
  }
  return folder;
}

/** What the job's (or step's) condition, or an earlier permission check, requires before the untrusted code runs. */
function gateOf(wf: Workflow, job: Job, step: Step): Gate | undefined {
  const cond = `${jobCondition(job)} && ${(step.if?.value ?? '').slice(0, MAX_LINE).toLowerCase()}`.replace(
    /\s+/g,
    ' ',
  );
  if (
    /head\.repo\.full_name ?== ?github\.repository\b|github\.repository ?== ?github\.event\.pull_request\.head\.repo\.full_name|head\.repo\.fork ?== ?false|!github\.event\.pull_request\.head\.repo\.fork|head_repository\.full_name ?== ?github\.repository\b/.test(
      cond,
    )
  ) {
    return {
      severity: 'low',
      note: 'the job runs only for pull requests from this repository (not forks), so only people with write access can reach it',
    };
  }
  if (
    /author_association/.test(cond) &&
    /owner|member|collaborator/.test(cond) &&
    !/author_association ?!=/.test(cond)
  ) {
    return {
      severity: 'medium',
      note: 'the job runs only when a maintainer (by author association) triggers it, but the code they approve may change after they look',
    };
  }
  const check = job.steps.find((s) => s.index < step.index && checksPermission(wf, s));
  if (check) {
    return {
      severity: 'medium',
      note: `an earlier step (“${stepLabel(check)}”) checks the commenter's permission on this repository, but the code they approve may change after they look`,
    };
  }
  if (/\blabels\b[^)]{0,200}\bname\b|github\.event\.label\.name/.test(cond)) {
    return {
      severity: 'medium',
      note: 'the job is gated on a label a maintainer applies; new commits pushed after labelling still run unless the label is removed on synchronize',
    };
  }
  return undefined;
}

/** Actions that stop a job unless the user who triggered it has a given permission on the repository. */
const PERMISSION_CHECK_ACTIONS = [
  'actions-cool/check-user-permission',
  'prince-chrismc/check-actor-permissions-action',
  'sushichop/action-repository-permission',
  'lannonbr/repo-permission-check-action',
  'xt0rted/slash-command-action',
];
/** Script text that asks GitHub for a user's permission on the repository. */
const PERMISSION_LOOKUP = /getCollaboratorPermissionLevel|\/collaborators\/[^\s/]{1,200}\/permission\b/;

/** True when the step checks the triggering user's permission (the job stops when it fails). */
function checksPermission(wf: Workflow, step: Step): boolean {
  if (usesAction(step, ...PERMISSION_CHECK_ACTIONS)) return true;
  if (findCommand(wf, step, PERMISSION_LOOKUP)) return true;
  const script = step.with.get('script')?.value.slice(0, 20 * MAX_LINE);
  return script !== undefined && PERMISSION_LOOKUP.test(script);
}

/** Where the workflow declares the privileged triggers that make the step dangerous. */
function triggerLocations(h: Hit): RelatedLocation[] {
  return h.triggers.flatMap((trigger) => {
    const at = h.workflow.triggers.get(trigger);
    return at
      ? [
          {
            path: h.workflow.path,
            line: at.line,
            column: at.column,
            note: `the ${trigger} trigger: the job runs with the base repository's secrets and token`,
          },
        ]
      : [];
  });
}

/**
 * What the step does and what the code it takes can reach, as the workflow states it; a gate
 * lowers the severity and is named, and the finding says why it still stands.
 */
function findingMessage(h: Hit, severity: Severity): string {
  const source = h.triggers.includes('workflow_run')
    ? 'the untrusted code of the pull request or run that triggered it'
    : "the pull request's untrusted code";
  const place = `${stepPlace(h.workflow, h.job, h.step)} runs on ${h.triggers.join(', ')} and checks out ${source}`;
  const taken = h.readOnlyFolder
    ? `${place} (${h.what}) into \`${h.readOnlyFolder}/\`; no later step appears to run code from that folder, but any tool that builds, installs or executes what it reads there would run it with ${exposure(h)}`
    : `${place} (${h.what}), which then runs with ${exposure(h)}`;
  if (!h.gate) return `${taken}.`;
  return `${taken}. Gated: ${h.gate.note}; the gate lowers this to ${severity}, and it is still reported because the checked-out code runs with that access.`;
}

/** The token and secrets the checked-out code runs with, from the job's `permissions:` and the secrets it names. */
function exposure(h: Hit): string {
  const perms = h.job.permissions ?? h.workflow.permissions;
  const secrets = jobSecrets(h.job);
  const named = secrets.length
    ? ` and the secret${secrets.length === 1 ? '' : 's'} ${secrets.map((n) => `\`${n}\``).join(', ')} the job uses`
    : '';
  return `${tokenText(perms)}${named}`;
}

function tokenText(perms: Permissions | undefined): string {
  if (!perms)
    return "the repository's default token (read and write unless an administrator made it read-only)";
  if (perms.kind === 'shorthand')
    return perms.value === 'write-all' ? 'a token that can write everywhere' : 'a read-only token';
  const writes = [...perms.scopes]
    .filter(([, level]) => level.value === 'write')
    .map(([scope]) => `\`${scope}: write\``);
  return writes.length ? `a token with ${writes.join(', ')}` : 'a read-only token';
}

/** The secrets (other than GITHUB_TOKEN) the job's steps and environment name, at most five. */
function jobSecrets(job: Job): string[] {
  const names = new Set<string>();
  const values = [
    ...job.env.values(),
    ...job.steps.flatMap((s) => [...s.with.values(), ...s.env.values(), ...(s.run ? [s.run] : [])]),
  ];
  for (const v of values) {
    for (const m of v.value.slice(0, 20 * MAX_LINE).matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]{0,100})/g)) {
      if (m[1]!.toUpperCase() !== 'GITHUB_TOKEN') names.add(m[1]!);
    }
  }
  return [...names].slice(0, 5);
}

/** The less severe of a gate's severity (when there is a gate) and the step's own. */
function lessSevere(gated: Severity | undefined, own: Severity): Severity {
  return gated !== undefined && severityRank(gated) > severityRank(own) ? gated : own;
}

function judge(hits: Hit[], evidence: Evidence[]): CheckOutcome {
  const findings: Finding[] = hits.map((h) => {
    const ungated: Severity = h.readOnlyFolder
      ? 'medium'
      : h.triggers.includes('issue_comment') && h.triggers.length === 1
        ? 'high'
        : 'critical';
    const severity: Severity = lessSevere(h.gate?.severity, ungated);
    return findingAt(
      ID,
      { path: h.workflow.path, ...h.at },
      {
        severity,
        ...(h.readOnlyFolder ? { confidence: 'medium' as const } : {}),
        message: findingMessage(h, severity),
        remediation:
          'Run untrusted code only in a `pull_request` workflow (read-only token, no secrets); if results must be published, ' +
          'upload them as an artifact and let a separate workflow_run job consume the data without executing it.',
        related: triggerLocations(h),
      },
    );
  });
  const hitEvidence: Evidence[] = hits.map((h) => ({
    summary: `${stepPlace(h.workflow, h.job, h.step)}: ${h.what}${h.gate ? ` (gated: ${h.gate.note})` : ''}`,
    path: h.workflow.path,
    line: h.at.line,
  }));
  if (findings.length === 0) {
    return {
      status: 'pass',
      summary: 'No privileged workflow checks out or runs untrusted pull request code.',
      findings,
      evidence,
    };
  }
  const ungated = hits.filter((h) => !h.gate && !h.readOnlyFolder).length;
  return {
    status: ungated ? 'fail' : 'partial',
    summary: ungated
      ? `${ungated} privileged workflow step${ungated === 1 ? '' : 's'} check${ungated === 1 ? 's' : ''} out untrusted pull request code.`
      : `Untrusted pull request code is checked out in privileged workflows, but only behind a gate (see findings).`,
    findings,
    evidence: [...hitEvidence, ...evidence],
  };
}
