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
import type { Permissions, Workflow } from '../evidence/workflows.js';
import { EvidenceList, findingAt, moreOf } from './check.js';
import { notApplicable, unknown } from './outcome.js';
import { calleeRestricts, jobNeed } from './token-needs.js';
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
    if (top.kind === 'map') {
      const inheriting = wf.jobs.filter((j) => !j.permissions);
      for (const [scope, level] of top.scopes) {
        if (level.value !== 'write' || inheriting.length === 0) continue;
        const needs = new Map(inheriting.map((j) => [j, jobNeed(wf, j, scope, local)]));
        const needers = inheriting.filter((j) => needs.get(j));
        const sure = needers.every((j) => needs.get(j)?.level === 'needed');
        const where = `\`${scope}: write\` at the top of \`${wf.path}\``;
        if (needers.length === 0) {
          findings.push(
            findingAt(
              ID,
              { path: wf.path, line: level.pos.line, column: level.pos.column },
              {
                severity: 'medium',
                message: `${where} is given to ${list(inheriting.map((j) => j.id))}, and no step in ${inheriting.length === 1 ? 'it' : 'them'} appears to need it.`,
                remediation: `Set the top level to \`${scope}: read\` (or \`permissions: {}\`) and grant \`${scope}: write\` on a job only if it needs it.`,
              },
            ),
          );
        } else if (needers.length < inheriting.length) {
          const others = inheriting.filter((j) => !needers.includes(j));
          findings.push(
            findingAt(
              ID,
              { path: wf.path, line: level.pos.line, column: level.pos.column },
              {
                severity: 'low',
                message: `${where} is ${sure ? 'needed' : 'possibly used'} by ${list(needers.map((j) => j.id))} but also given to ${list(others.map((j) => j.id))}.`,
                remediation: `Move \`${scope}: write\` from the top level to the job${needers.length === 1 ? '' : 's'} that need${needers.length === 1 ? 's' : ''} it.`,
              },
            ),
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
      const need = jobNeed(wf, job, scope, local);
      if (need?.level === 'needed') {
        notes.push(`job \`${job.id}\` needs \`${scope}: write\` (${need.why})`);
        continue;
      }
      findings.push(
        findingAt(
          ID,
          { path: wf.path, line: level.pos.line, column: level.pos.column },
          {
            severity: need ? 'info' : 'low',
            message: need
              ? `Review \`${scope}: write\` on job \`${job.id}\`: ${need.why}, which may or may not need it.`
              : `No step in job \`${job.id}\` appears to need \`${scope}: write\`; review whether \`${scope}: read\` (or none) is enough.`,
            remediation: `Keep \`${scope}: write\` only if a step writes through the token; otherwise lower it to \`read\` or remove it.`,
          },
        ),
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
