/**
 * workflow-permissions: every workflow limits its GITHUB_TOKEN — a top-level `permissions:` (or
 * one on every job), never `write-all` — and write scopes go only to jobs whose steps need them.
 * Need is judged conservatively from the job's steps: a recognised release, publish, attestation,
 * code-scanning upload or PR-commenting step justifies its scope; a step that could use the token
 * for anything (github-script, a local action, `gh`) makes the scope "review", never an accusation.
 */
import type { CheckOutcome, Evidence, Finding, Severity } from '../model/types.js';
import { isCalledOnly } from '../evidence/ci-steps.js';
import { localWorkflows, type LocalWorkflows } from '../evidence/local-workflows.js';
import type { Job, Permissions, Workflow } from '../evidence/workflows.js';
import { EvidenceList, findingAt, moreOf } from './check.js';
import { notApplicable, unknown } from './outcome.js';
import { calleeRestricts, jobNeed, type Need, type NeedLevel } from './token-needs.js';
import { walkCheck, type WorkflowAudit } from './walk.js';

const ID = 'workflow-permissions';

interface FileReport {
  path: string;
  status: string;
  line?: number;
}

/** What the walk gathers: findings, per-file evidence, and how many workflows it met and parsed. */
interface Gathered {
  local: LocalWorkflows;
  workflows: number;
  parsed: number;
  findings: Finding[];
  files: EvidenceList;
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: (ctx) => ({
    local: localWorkflows(ctx),
    workflows: 0,
    parsed: 0,
    findings: [],
    files: new EvidenceList(),
  }),
  workflow: (state, wf) => {
    if (wf.kind !== 'workflow') return;
    state.workflows++;
    state.parsed++;
    const report = judgeWorkflow(wf, state.local, state.findings);
    state.files.add(() => fileEvidence(report));
  },
  unparsed: (state, file) => {
    if (file.kind !== 'workflow') return;
    state.workflows++;
    const { message, line } = file.error;
    state.files.add(() =>
      fileEvidence({ path: file.path, status: `could not be parsed (${message})`, line }),
    );
  },
};

export const workflowPermissions = walkCheck(audit, 'workflows', ({ workflows, parsed, findings, files }) => {
  if (workflows === 0) return notApplicable('No workflows in .github/workflows.');
  const evidence = files.entries(
    (n) => `${moreOf(n, 'workflow', 'workflows')} not listed one by one (every finding in them is listed)`,
  );
  if (parsed === 0) {
    return unknown(
      'No workflow could be parsed, so their token permissions are unknown.',
      {
        reason: 'every workflow file failed to parse',
        howToObserve: 'Fix the YAML errors listed in the evidence (GitHub rejects these workflows too).',
      },
      { findings: [...findings], evidence },
    );
  }
  return judge([...findings], evidence, parsed);
});

/** Judges one workflow, appending its findings; returns its one-line status for the evidence list. */
function judgeWorkflow(wf: Workflow, local: LocalWorkflows, findings: Finding[]): FileReport {
  const notes: string[] = [];
  const top = wf.permissions;
  const jobsWithout = wf.jobs.filter((j) => !j.permissions && !calleeRestricts(j, local));

  if (!top) {
    if (isCalledOnly(wf)) {
      notes.push('no top-level permissions; as a reusable workflow it gets (at most) what its caller grants');
    } else if (jobsWithout.length === 0 && wf.jobs.length > 0) {
      notes.push('no top-level permissions, but every job declares its own');
    } else if (wf.jobs.length > 0) {
      findings.push(
        findingAt(
          ID,
          { path: wf.path, line: 1, column: 1 },
          {
            severity: 'medium',
            message:
              `\`${wf.path}\` has no top-level \`permissions:\` and job${jobsWithout.length === 1 ? '' : 's'} ` +
              `${list(jobsWithout.map((j) => j.id))} declare${jobsWithout.length === 1 ? 's' : ''} none, so ` +
              `${jobsWithout.length === 1 ? 'it gets' : 'they get'} the repository's default token permissions ` +
              '(read and write on repositories and organisations that have not changed the default).',
            remediation:
              'Add `permissions: contents: read` (or `permissions: {}`) at the top of the workflow, and grant write scopes ' +
              'only on the jobs that need them.',
          },
        ),
      );
      notes.push(`no top-level permissions; ${jobsWithout.length} job(s) use the default token permissions`);
    }
  } else {
    notes.push(`top-level permissions ${describe(top)}`);
    checkWriteAll(wf, top, 'the whole workflow', findings);
    if (top.kind === 'map') judgeTopWrites(wf, top, local, findings, notes);
  }

  for (const job of wf.jobs) {
    const perms = job.permissions;
    if (!perms) continue;
    checkWriteAll(wf, perms, `job \`${job.id}\``, findings);
    if (perms.kind !== 'map') continue;
    for (const [scope, level] of perms.scopes) {
      if (level.value !== 'write') continue;
      const need = jobNeed(wf, job, scope, local);
      if (need?.level === 'needed') {
        notes.push(`job \`${job.id}\` needs \`${scope}: write\` (${need.why})`);
        continue;
      }
      findings.push(jobWriteFinding(wf, job.id, scope, level.pos, need));
    }
  }
  return { path: wf.path, status: notes.join('; ') || 'no jobs', line: top?.pos.line };
}

/**
 * Top-level write scopes judged against the jobs that inherit them. A job whose every step is
 * known and none uses the scope makes the grant too wide; a job with a step that is not known
 * leaves its need undetermined, which is said as such and never counted as unneeded.
 */
function judgeTopWrites(
  wf: Workflow,
  top: Extract<Permissions, { kind: 'map' }>,
  local: LocalWorkflows,
  findings: Finding[],
  notes: string[],
): void {
  const inheriting = wf.jobs.filter((j) => !j.permissions);
  for (const [scope, level] of top.scopes) {
    if (level.value !== 'write' || inheriting.length === 0) continue;
    const needs = new Map(inheriting.map((j) => [j, jobNeed(wf, j, scope, local)]));
    const of = (...levels: Array<NeedLevel | undefined>): Job[] =>
      inheriting.filter((j) => levels.includes(needs.get(j)?.level));
    const users = of('needed', 'maybe');
    const unclear = of('undetermined');
    const idle = of(undefined);
    const where = `\`${scope}: write\` at the top of \`${wf.path}\``;
    const at = { path: wf.path, line: level.pos.line, column: level.pos.column };
    const lower = `Set the top level to \`${scope}: read\` (or \`permissions: {}\`) and grant \`${scope}: write\` on a job only if it needs it.`;
    if (idle.length === inheriting.length) {
      findings.push(
        findingAt(ID, at, {
          severity: 'medium',
          message: `${where} is given to ${list(idle.map((j) => j.id))}, and no step in ${idle.length === 1 ? 'it' : 'them'} uses it (every step is known).`,
          remediation: lower,
        }),
      );
    } else if (idle.length > 0) {
      const sure = users.length > 0 && users.every((j) => needs.get(j)?.level === 'needed');
      const others = [
        users.length ? `${sure ? 'needed' : 'possibly used'} by ${list(users.map((j) => j.id))}` : '',
        unclear.length ? `of undetermined need to ${list(unclear.map((j) => j.id))}` : '',
      ].filter(Boolean);
      findings.push(
        findingAt(ID, at, {
          severity: 'low',
          message: `${where} is ${others.join(' and ')} but also given to ${list(idle.map((j) => j.id))}, where no step uses it.`,
          remediation: `Move \`${scope}: write\` from the top level to the jobs that need it.`,
        }),
      );
    } else if (users.length === 0) {
      const why = needs.get(unclear[0]!)!.why;
      findings.push(
        lowConfidence(
          findingAt(ID, at, {
            severity: 'info',
            message: `Could not determine whether ${list(unclear.map((j) => j.id))} need${unclear.length === 1 ? 's' : ''} ${where}: ${why}.`,
            remediation: `Keep \`${scope}: write\` only if a step writes through the token; otherwise ${lower[0]!.toLowerCase()}${lower.slice(1)}`,
          }),
        ),
      );
    } else {
      notes.push(`${where} is used by ${list(users.map((j) => j.id))}`);
    }
  }
}

/** The finding for a job-level write scope no step surely needs. */
function jobWriteFinding(
  wf: Workflow,
  jobId: string,
  scope: string,
  pos: { line: number; column: number },
  need: Need | undefined,
): Finding {
  const at = { path: wf.path, line: pos.line, column: pos.column };
  const remediation = `Keep \`${scope}: write\` only if a step writes through the token; otherwise lower it to \`read\` or remove it.`;
  if (!need) {
    return findingAt(ID, at, {
      severity: 'low',
      message: `No step in job \`${jobId}\` uses \`${scope}: write\` (every step is a known action or a script read here); review whether \`${scope}: read\` (or none) is enough.`,
      remediation,
    });
  }
  const message =
    need.level === 'maybe'
      ? `Review \`${scope}: write\` on job \`${jobId}\`: ${need.why}, which may or may not need it.`
      : `Could not determine whether job \`${jobId}\` needs \`${scope}: write\`: ${need.why}.`;
  return lowConfidence(findingAt(ID, at, { severity: 'info', message, remediation }));
}

/** A guess about a need is stated, never gated on. */
function lowConfidence(finding: Finding): Finding {
  return { ...finding, confidence: 'low' };
}

function fileEvidence(f: FileReport): Evidence {
  return { summary: `\`${f.path}\`: ${f.status}`, path: f.path, line: f.line };
}

function checkWriteAll(wf: Workflow, perms: Permissions, scope: string, findings: Finding[]): void {
  if (perms.kind !== 'shorthand' || perms.value !== 'write-all') return;
  findings.push(
    findingAt(
      ID,
      { path: wf.path, line: perms.pos.line, column: perms.pos.column },
      {
        severity: 'high',
        message: `\`permissions: write-all\` gives ${scope} of \`${wf.path}\` write access to every scope of the repository.`,
        remediation:
          'Replace write-all with the scopes the jobs need, e.g. `permissions: contents: read` plus job-level writes.',
      },
    ),
  );
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
