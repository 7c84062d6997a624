/**
 * workflow-references: third-party references that are not what they seem, judged offline from
 * the `uses:` text alone — a look-alike of a popular action's owner (a typosquat), a reference
 * that imitates a commit SHA or hides characters, and a setup action left to install whatever
 * release of its tool is newest. The lists it compares with are data (rules/action-references.yml).
 */
import { actionName, stepPlace } from '../evidence/ci-steps.js';
import type { Job, Located, Step, Workflow } from '../evidence/workflows.js';
import { referenceTables, type SetupAction } from '../rules/action-references.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import { addHit, judgeRuleHits, ruleState, spanOf, type RuleState } from './workflow-rules.js';
import { looksAlike } from './typosquats.js';

const ID = 'workflow-references';

/** Characters GitHub never puts in an owner, a repository or a release tag, and that hide text. */
const HIDDEN_OR_FOREIGN = /[^\x21-\x7e]/;
/** A ref about as long as a commit SHA, of letters and digits. */
const SHA_LENGTH = /^[0-9a-z]{38,42}$/i;

interface Gathered extends RuleState {
  /** What each action name was judged to imitate (a scan meets the same few names many times). */
  lookalikes: Map<string, string | undefined>;
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({ ...ruleState(), lookalikes: new Map() }),
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

export const workflowReferences = walkCheck(audit, 'workflows and actions', (gathered) =>
  judgeRuleHits(ID, gathered, {
    none: 'No workflows or action metadata files.',
    clean: (n) =>
      `Every third-party reference names what it seems to, and setup actions pin their tools (${n} files).`,
    found: (n) => `${n} third-party reference${n === 1 ? '' : 's'} to review.`,
  }),
);

/** A remote `uses:` split into owner, repository and ref (none for local, Docker or expression values). */
function remoteParts(uses: Located): { owner: string; repo: string; ref?: string } | undefined {
  const value = uses.value.trim();
  if (value.startsWith('./') || value.startsWith('docker://') || value.includes('${{')) return undefined;
  const at = value.lastIndexOf('@');
  const [owner, repo] = (at < 0 ? value : value.slice(0, at)).split('/');
  if (!owner || !repo) return undefined;
  return { owner, repo, ref: at < 0 ? undefined : value.slice(at + 1) };
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
  if (!SHA_LENGTH.test(ref) || /^[0-9a-f]{40}$/i.test(ref)) return false;
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
