/**
 * workflow-references: third-party references that are not what they seem, judged offline from
 * the `uses:` text alone — a look-alike of a popular action's owner (a typosquat), a reference
 * that imitates a commit SHA or hides characters, and a setup action left to install whatever
 * release of its tool is newest. The lists it compares with are data (rules/action-references.yml).
 * Online it also asks GitHub about each referenced action: an archived repository, a branch or
 * tag name that is both (ref confusion), and advisories covering the version used
 * (vulnerable-actions.ts).
 */
import { actionName, stepPlace } from '../evidence/ci-steps.js';
import type { Job, Located, Step, Workflow } from '../evidence/workflows.js';
import type { ActionLookup, PinVerificationResult } from '../github/pins.js';
import type { Evidence } from '../model/types.js';
import { referenceTables, type SetupAction } from '../rules/action-references.js';
import type { CheckContext, FileCheck } from './check.js';
import { audited, walkCheck, type WorkflowAudit } from './walk.js';
import { addHit, judgeRuleHits, ruleState, spanOf, type RuleState } from './workflow-rules.js';
import { looksAlike } from './typosquats.js';
import { commentVersion, isFullSha } from './pinned-actions.js';
import { advisoryNamesOf, vulnerableActions, type VersionedReference } from './vulnerable-actions.js';

const ID = 'workflow-references';

/** Characters GitHub never puts in an owner, a repository or a release tag, and that hide text. */
const HIDDEN_OR_FOREIGN = /[^\x21-\x7e]/;
/** A ref about as long as a commit SHA, of letters and digits. */
const SHA_LENGTH = /^[0-9a-z]{38,42}$/i;

/** A remote action reference, kept for the online questions about it. */
interface Reference extends VersionedReference {
  /** A branch or tag name; unset for a commit SHA or no ref. */
  ref?: string;
}

interface Gathered extends RuleState {
  /** What each action name was judged to imitate (a scan meets the same few names many times). */
  lookalikes: Map<string, string | undefined>;
  references: Reference[];
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({ ...ruleState(), lookalikes: new Map(), references: [] }),
  workflow: (state) => {
    state.files++;
  },
  job: (state, job, wf) => {
    if (job.uses) judgeReference(state, wf, job.uses, `\`${wf.path}\` › job \`${job.id}\``);
  },
  step: (state, step, job, wf) => {
    if (!step.uses) return;
    judgeReference(state, wf, step.uses, stepPlace(wf, job, step));
    setupVersion(state, wf, job, step, step.uses);
  },
  unparsed: (state) => {
    state.unparsed++;
  },
};

export const workflowReferences: FileCheck = {
  ...walkCheck(audit, 'workflows and actions', (gathered, ctx) => {
    const state = { ...gathered, hits: [...gathered.hits], seen: new Set(gathered.seen) };
    const answers = ctx.github?.actionPins;
    if (answers) addOnlineHits(state, answers);
    const advisories = answers?.advisories && vulnerableActions(gathered.references, answers.advisories);
    for (const hit of advisories?.hits ?? []) addHit(state, hit);
    const outcome = judgeRuleHits(ID, state, {
      none: 'No workflows or action metadata files.',
      clean: (n) =>
        `Every third-party reference names what it seems to, and setup actions pin their tools (${n} files).`,
      found: (n) => `${n} third-party reference${n === 1 ? '' : 's'} to review.`,
    });
    if (gathered.references.length) outcome.evidence.push(...onlineEvidence(ctx, answers, advisories));
    return outcome;
  }),
  // Online, GitHub is asked about each referenced repository and each branch or tag name.
  pinsToVerify: (ctx) => lookupsOf(audited(ctx, audit).references),
};

function lookupsOf(references: readonly Reference[]): ActionLookup[] {
  return references.flatMap((r) => [
    r.ref === undefined ? { repository: r.repository } : { repository: r.repository, ref: r.ref },
    ...advisoryNamesOf(r).map((name) => ({ repository: r.repository, advisoriesOf: name })),
  ]);
}

/** Findings from GitHub's answers: only a definite answer makes one. */
function addOnlineHits(state: Gathered, answers: PinVerificationResult): void {
  const archived = new Set(
    answers.repositories.filter((r) => r.archived === true).map((r) => r.repository.toLowerCase()),
  );
  const confused = new Set(
    answers.refs.filter((r) => r.branchAndTag === true).map((r) => `${r.repository.toLowerCase()}@${r.ref}`),
  );
  for (const r of state.references) {
    const name = r.repository.toLowerCase();
    if (archived.has(name)) {
      addHit(state, {
        rule: 'archived-action',
        severity: 'medium',
        confidence: 'high',
        at: r.at,
        message: `${r.place} uses \`${r.repository}\`, which is archived: it gets no fixes, security ones included.`,
        remediation:
          'Replace it with a maintained action (or a fork you maintain), pinned to a full commit SHA.',
      });
    }
    if (r.ref !== undefined && confused.has(`${name}@${r.ref}`)) {
      addHit(state, {
        rule: 'ref-confusion',
        severity: 'medium',
        confidence: 'high',
        at: r.at,
        message:
          `${r.place} uses \`${r.repository}@${r.ref}\`, and \`${r.ref}\` is both a branch and a tag there: ` +
          'a reader cannot tell which one runs, and whoever can push a branch of that name can put code behind a release name.',
        remediation: `Pin the full commit SHA of the release you reviewed, with \`# ${r.ref}\` as a comment.`,
      });
    }
  }
}

/** What was asked of GitHub, and what was not (offline, or beyond the cap, or unanswered). */
function onlineEvidence(
  ctx: CheckContext,
  answers: PinVerificationResult | undefined,
  advisories: { evidence: Evidence } | undefined,
): Evidence[] {
  if (!answers) {
    return [
      {
        summary: ctx.github
          ? 'Archived action repositories, ref confusion and known-vulnerable versions were not checked'
          : 'Archived action repositories, ref confusion and known-vulnerable versions not checked (offline scan; run with --repo and a token)',
      },
    ];
  }
  const unknownRepos = answers.repositories.filter((r) => r.archived === undefined).length;
  const unknownRefs = answers.refs.filter((r) => r.branchAndTag === undefined).length;
  const { repositories, refs } = answers.unchecked;
  return [
    {
      summary:
        `Action repositories looked up: ${answers.repositories.length - unknownRepos} answered, ${unknownRepos} unknown` +
        `; branch or tag names checked: ${answers.refs.length - unknownRefs} answered, ${unknownRefs} unknown` +
        (repositories + refs ? `; ${repositories} repositories and ${refs} names not checked (cap)` : ''),
      source: 'GitHub API',
    },
    advisories?.evidence ?? { summary: 'Known-vulnerable action versions were not checked' },
  ];
}

/**
 * A remote `uses:` split into owner, repository, the action's whole name (with its folder) and
 * ref; none for local, Docker or expression values.
 */
function remoteParts(
  uses: Located,
): { owner: string; repo: string; action: string; ref?: string } | undefined {
  const value = uses.value.trim();
  if (value.startsWith('./') || value.startsWith('docker://') || value.includes('${{')) return undefined;
  const at = value.lastIndexOf('@');
  const action = at < 0 ? value : value.slice(0, at);
  const [owner, repo] = action.split('/');
  if (!owner || !repo) return undefined;
  return { owner, repo, action, ref: at < 0 ? undefined : value.slice(at + 1) };
}

function judgeReference(state: Gathered, wf: Workflow, uses: Located, place: string): void {
  const parts = remoteParts(uses);
  if (!parts) return;
  const at = spanOf(wf, uses);
  if (HIDDEN_OR_FOREIGN.test(uses.value.trim())) {
    addHit(state, {
      rule: 'impostor-reference',
      severity: 'high',
      confidence: 'high',
      at,
      message:
        `${place} names \`${visible(uses.value.trim())}\`, which holds characters that are invisible or look like others ` +
        '(GitHub’s own names are plain ASCII): what a reader sees is not what the runner fetches.',
      remediation:
        'Retype the reference in plain ASCII and pin it to the full commit SHA of the release you reviewed.',
    });
    return;
  }
  if (parts.ref && imitatesSha(parts.ref)) {
    addHit(state, {
      rule: 'impostor-reference',
      severity: 'high',
      confidence: 'high',
      at,
      message:
        `${place} uses \`@${parts.ref}\`, which looks like a commit SHA but is not one (a SHA is 40 hexadecimal digits): ` +
        'it is a branch or tag name, which whoever controls the repository can move.',
      remediation:
        'Replace it with the full 40-digit commit SHA of the release, with the version as a comment.',
    });
  }
  const named = parts.ref !== undefined && !isFullSha(parts.ref);
  const version = named ? parts.ref : parts.ref && commentVersion(wf, uses);
  state.references.push({
    repository: `${parts.owner}/${parts.repo}`,
    action: parts.action,
    ...(named && { ref: parts.ref }),
    ...(version && { version: { text: version, from: named ? 'tag' : 'comment' } }),
    at,
    place,
  });
  typosquat(state, wf, uses, parts, place);
}

function typosquat(
  state: Gathered,
  wf: Workflow,
  uses: Located,
  parts: { owner: string; repo: string },
  place: string,
): void {
  const name = `${parts.owner}/${parts.repo}`.toLowerCase();
  if (!state.lookalikes.has(name)) state.lookalikes.set(name, looksAlike(name, referenceTables()));
  const imitated = state.lookalikes.get(name);
  if (!imitated) return;
  addHit(state, {
    rule: 'typosquat-action',
    severity: 'high',
    confidence: 'medium',
    at: spanOf(wf, uses),
    message:
      `${place} uses \`${name}\`, one slip away from the popular \`${imitated}\`: a look-alike owner is how ` +
      'typosquatted actions reach workflows, and whoever holds that account runs code here with the job’s token and secrets.',
    remediation: `If you meant \`${imitated}\`, correct the owner and pin the full commit SHA; if \`${name}\` is intended, review its source and pin it by SHA.`,
  });
}

/** A setup action whose tool version follows new releases, by value or by its default. */
function setupVersion(state: Gathered, wf: Workflow, job: Job, step: Step, uses: Located): void {
  const setup = referenceTables().setup.get(actionName(uses.value));
  if (!setup) return;
  if (setup.files.some((f) => step.with.has(f))) return;
  const given = setup.inputs.map((i) => step.with.get(i)).find((v) => v !== undefined);
  if (given) {
    const value = given.value.trim().toLowerCase();
    if (!setup.moving.includes(value)) return;
    addSetupHit(
      state,
      wf,
      step,
      setup,
      given,
      'high',
      `\`${setup.inputs[0]}: ${given.value.trim()}\` follows each new release of the tool`,
      job,
    );
    return;
  }
  if (setup.unset === 'latest') {
    addSetupHit(
      state,
      wf,
      step,
      setup,
      uses,
      'medium',
      `without \`${setup.inputs[0]}\`, it installs the newest release of the tool`,
      job,
    );
  }
}

function addSetupHit(
  state: Gathered,
  wf: Workflow,
  step: Step,
  setup: SetupAction,
  at: Located,
  confidence: 'high' | 'medium',
  what: string,
  job: Job,
): void {
  addHit(state, {
    rule: 'setup-version-unpinned',
    severity: 'low',
    confidence,
    at: spanOf(wf, at),
    message:
      `${stepPlace(wf, job, step)}: ${what} (${setup.source}), so a ` +
      'release published minutes ago, malicious or broken, is in the build before anyone has looked at it.',
    remediation: `Set \`${setup.inputs[0]}\` to an exact version${setup.files.length ? ` or name a version file with \`${setup.files[0]}\`` : ''}, and let Dependabot or Renovate raise it.`,
  });
}

/**
 * A ref that passes for a commit SHA at a glance and is not one: SHA-long, nearly all hexadecimal
 * (`0` swapped for `o`, a digit too many). A shorter run of hex digits is an abbreviated SHA,
 * which pinned-actions reports.
 */
function imitatesSha(ref: string): boolean {
  if (!SHA_LENGTH.test(ref) || isFullSha(ref)) return false;
  const foreign = ref.replace(/[0-9a-f]/gi, '').length;
  return foreign === 0 ? ref.length > 40 : foreign <= 3;
}

/** The reference with its hidden and foreign characters made visible as code points. */
function visible(text: string): string {
  return [...text.slice(0, 200)]
    .map((c) =>
      HIDDEN_OR_FOREIGN.test(c) ? `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>` : c,
    )
    .join('');
}
