/**
 * pinned-actions: every `uses:` in workflows (steps and reusable-workflow jobs) and in action
 * metadata refers to an immutable revision — a full commit SHA or a local path, or for the SLSA
 * generator's workflows the release tag it requires — and each SHA pin carries a version comment
 * that update tools can maintain. `docker://` steps are images: pinned-images judges them.
 */
import type { CheckOutcome, Evidence, Finding, Severity } from '../model/types.js';
import { isDigestPinned } from '../evidence/dockerfile.js';
import { useKey, type Located, type Workflow } from '../evidence/workflows.js';
import type { Location } from '../model/types.js';
import { EvidenceList, findingAt, FindingTexts, moreOf, type CheckContext, type FileCheck } from './check.js';
import { notApplicable } from './outcome.js';
import { audited, walkCheck, type WorkflowAudit } from './walk.js';

const ID = 'pinned-actions';

/** A `uses:` reference and what kind of pin it is. */
export type UsesKind =
  'sha' | 'local' | 'docker-digest' | 'docker-unpinned' | 'short-sha' | 'mutable' | 'expression' | 'no-ref';

export interface UsesReference {
  kind: UsesKind;
  /** `owner/repo` (with a sub-path for actions in a folder) for remote actions. */
  action?: string;
  ref?: string;
}

const FULL_SHA = /^[0-9a-fA-F]{40}$/;

/** Whether a ref is a full commit SHA: the only ref that cannot be moved. */
export function isFullSha(ref: string): boolean {
  return FULL_SHA.test(ref);
}
const SHORT_SHA = /^[0-9a-f]{7,39}$/;
/** A version in a pin comment: `v4`, `4.1.1`, `v1.2.3-beta.1`, after `#`, `tag=`, `pin@` or `@`. */
const VERSION_IN_COMMENT = /(?:^|[\s=:@/])v?\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z.]{1,40})?(?=$|[\s,;)\]])/;

/** Classifies one `uses:` value. */
export function classifyUses(value: string): UsesReference {
  const v = value.trim();
  if (v.startsWith('./') || v.startsWith('.\\')) return { kind: 'local' };
  if (v.startsWith('docker://'))
    return { kind: isDigestPinned(v) ? 'docker-digest' : 'docker-unpinned', action: v };
  const at = v.lastIndexOf('@');
  if (at < 0) return { kind: v.includes('${{') ? 'expression' : 'no-ref', action: v };
  const action = v.slice(0, at);
  const ref = v.slice(at + 1);
  if (ref.includes('${{') || ref.includes('}}')) return { kind: 'expression', action, ref };
  if (isFullSha(ref)) return { kind: 'sha', action, ref };
  if (SHORT_SHA.test(ref) && /\d/.test(ref) && /[a-f]/.test(ref)) return { kind: 'short-sha', action, ref };
  return { kind: 'mutable', action, ref };
}

interface Tally {
  total: number;
  pinned: number;
  local: number;
  /** SLSA generator workflows referenced by release tag, as the generator requires (counted pinned). */
  slsaByTag: number;
  /** `docker://` steps, left to pinned-images (not counted here). */
  dockerSteps: number;
  files: number;
  unparsed: number;
}

/**
 * The SLSA generator's reusable workflows verify their own ref and fail on anything but a full
 * release tag (`@vX.Y.Z`): a SHA or a shorter tag breaks the build, so the tag is the pin.
 */
const SLSA_GENERATOR_WORKFLOWS = 'slsa-framework/slsa-github-generator/.github/workflows/';
const RELEASE_TAG = /^v\d+\.\d+\.\d+$/;

/** What the walk gathers: the tally, the findings, per-file evidence and the SHA pins to verify online. */
interface Gathered {
  tally: Tally;
  findings: Finding[];
  perFile: EvidenceList;
  texts: FindingTexts;
  pins: ShaPin[];
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({
    tally: { total: 0, pinned: 0, local: 0, slsaByTag: 0, dockerSteps: 0, files: 0, unparsed: 0 },
    findings: [],
    perFile: new EvidenceList(),
    texts: new FindingTexts(),
    pins: [],
  }),
  workflow: (state, wf) => {
    const { tally } = state;
    tally.files++;
    const before = { total: tally.total, pinned: tally.pinned };
    const report = (f: Finding): void => void state.findings.push(state.texts.share(f));
    for (const uses of usesOf(wf)) {
      judgeUses(wf, uses, tally, report);
      const pin = shaPinOf(wf, uses);
      if (pin) state.pins.push(pin);
    }
    if (tally.total > before.total) {
      state.perFile.add(() => ({
        summary: `${tally.pinned - before.pinned} of ${tally.total - before.total} uses: pinned`,
        path: wf.path,
      }));
    }
  },
  // Reported once by workflow-syntax; here a file that does not parse only keeps the verdict from passing.
  unparsed: ({ tally }) => {
    tally.files++;
    tally.unparsed++;
  },
};

export const pinnedActions: FileCheck = {
  ...walkCheck(audit, 'workflows and actions', ({ tally, findings, perFile }, ctx) => {
    const evidence = perFile.entries(
      (n) =>
        `${moreOf(n, 'file', 'files')} not listed one by one (counted in the total; every finding is listed)`,
    );
    const all = [...findings];
    addPinVerification(ctx, all, evidence);
    return outcome(tally, all, evidence);
  }),
  // Online, each SHA pin is checked against the tag its version comment names.
  pinsToVerify: (ctx) => shaPins(ctx),
};

/** Online: findings for SHA pins whose commit or version comment does not check out. */
function addPinVerification(ctx: CheckContext, findings: Finding[], evidence: Evidence[]): void {
  const pins = shaPins(ctx);
  if (pins.length === 0) return;
  const verification = ctx.github?.actionPins;
  if (!verification) {
    evidence.push({
      summary: ctx.github
        ? 'SHA pins were not verified against their repositories'
        : 'SHA pins not verified against their repositories (offline scan; run with --repo and a token)',
    });
    return;
  }
  const counts = new Map<string, number>();
  for (const r of verification.results) {
    counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
    const at = pins.filter(
      (p) =>
        p.repository.toLowerCase() === r.repository.toLowerCase() &&
        p.sha === r.sha &&
        p.version === r.version,
    );
    for (const p of at) {
      const where: Location = { path: p.path, line: p.line, column: p.column };
      const pinned = `${r.repository}@${r.sha.slice(0, 12)}`;
      if (r.verdict === 'sha-not-found') {
        findings.push(
          findingAt(ID, where, {
            severity: 'high',
            message: `${pinned} is not a commit of ${r.repository}: the step will fail, or the SHA was mistyped or taken from elsewhere.`,
            remediation: remediationFor(r.repository, r.version),
          }),
        );
      } else if (r.verdict === 'version-mismatch') {
        findings.push(
          findingAt(ID, where, {
            severity: 'medium',
            message: `${pinned} is commented as ${r.version}, but ${r.version} of ${r.repository} is commit ${r.versionSha!.slice(0, 12)}: the comment misleads reviewers and update tools, or the pin is not that release.`,
            remediation: `Pin ${r.version}'s commit (\`uses: ${r.repository}@${r.versionSha} # ${r.version}\`) or correct the comment.`,
          }),
        );
      } else if (r.verdict === 'unverified') {
        // Nothing is known about the pin: a note for the reader, never a verdict to gate on.
        findings.push({
          ...findingAt(ID, where, {
            severity: 'info',
            message: `${pinned} could not be verified against ${r.repository}${r.note ? ` (${r.note})` : ''}.`,
            remediation: `Check the pin by hand (\`gh api repos/${r.repository}/commits/${r.sha}\` with a token that can read ${r.repository}).`,
          }),
          confidence: 'low',
        });
      } else if (r.verdict === 'version-not-found') {
        findings.push(
          findingAt(ID, where, {
            severity: 'low',
            message: `${pinned} is commented as ${r.version}, which is not a tag or branch of ${r.repository}.`,
            remediation: 'Write the release tag the SHA belongs to in the comment.',
          }),
        );
      }
    }
  }
  const parts = [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', ');
  evidence.push({
    summary: `SHA pins checked against their repositories: ${parts}${verification.skipped ? `; ${verification.skipped} more not checked (cap)` : ''}`,
    source: 'GitHub API',
  });
}

/** A remote action pinned by full SHA, with the version its comment names (if any). */
export interface ShaPin {
  /** `owner/repo` whose commit the SHA must be. */
  repository: string;
  sha: string;
  /** A full version from the comment (`v4.1.1`), when it names one precisely enough to verify. */
  version?: string;
  path: string;
  line: number;
  column: number;
}

/** Versions precise enough to name one release (a bare `v4` is a moving major tag). */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.]{1,40})?$/;

/** Every SHA pin in the repository's workflows and actions, for verification against the API. */
export function shaPins(ctx: CheckContext): readonly ShaPin[] {
  return audited(ctx, audit).pins;
}

/** The exact version a pin's comment names (`# v4.1.1`, `# tag=v4.1.1`), if it names one. */
export function commentVersion(wf: Workflow, uses: Located): string | undefined {
  const comment = trailingComment(wf.text, uses.range[1]);
  const version = comment?.split(/\s+/).find((w) => EXACT_VERSION.test(w.replace(/^(?:tag=|pin@)/, '')));
  return version?.replace(/^(?:tag=|pin@)/, '');
}

/** The SHA pin a `uses:` is, if it is one. */
function shaPinOf(wf: Workflow, uses: Located): ShaPin | undefined {
  const ref = classifyUses(uses.value);
  if (ref.kind !== 'sha' || !ref.action || !ref.ref) return undefined;
  const repository = ref.action.split('/').slice(0, 2).join('/');
  return {
    repository,
    sha: ref.ref.toLowerCase(),
    version: commentVersion(wf, uses),
    path: wf.path,
    line: uses.pos.line,
    column: uses.pos.column,
  };
}

/** Every `uses:` of a file, each alias of one (`uses: *checkout`, `- *checkout_step`) a use of its own. */
function usesOf(wf: Workflow): Located[] {
  const seen = new Set<string>();
  const out: Located[] = [];
  const add = (u: Located | undefined): void => {
    if (!u || seen.has(useKey(u))) return;
    seen.add(useKey(u));
    out.push(u);
  };
  for (const job of wf.jobs) {
    add(job.uses);
    for (const step of job.steps) add(step.uses);
  }
  return out.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
}

/** Judges one `uses:`, counting it in `tally` and passing its finding (if any) to `report`. */
function judgeUses(wf: Workflow, uses: Located, tally: Tally, report: (f: Finding) => void): void {
  const ref = classifyUses(uses.value);
  if (ref.kind === 'docker-digest' || ref.kind === 'docker-unpinned') {
    // An image, not an action: pinned-images reports it, with the digest advice that fits.
    tally.dockerSteps++;
    return;
  }
  tally.total++;
  const source = wf.text.slice(uses.range[0], uses.range[1]);
  const atIndex = source.lastIndexOf('@');
  // At an alias, the finding stands on the alias; the ref is in the anchored text.
  const refPos =
    atIndex >= 0 && !uses.alias
      ? wf.positionAt(uses.range[0] + atIndex + 1)
      : { line: uses.pos.line, column: uses.pos.column };
  const at: Location = {
    path: wf.path,
    line: refPos.line,
    column: refPos.column,
    endLine: uses.pos.endLine,
    endColumn: uses.pos.endColumn,
  };
  const value = uses.value.trim();
  if (ref.action?.toLowerCase().startsWith(SLSA_GENERATOR_WORKFLOWS)) {
    judgeSlsaGenerator(ref, value, at, tally, report);
    return;
  }
  switch (ref.kind) {
    case 'local':
      tally.pinned++;
      tally.local++;
      return;
    case 'sha': {
      tally.pinned++;
      const comment = trailingComment(wf.text, uses.range[1]);
      if (comment === undefined || !VERSION_IN_COMMENT.test(comment)) {
        report(
          findingAt(ID, at, {
            severity: 'info',
            message:
              comment === undefined
                ? `${value} is pinned by SHA without a version comment, so readers and update tools cannot tell which release it is.`
                : `${value} is pinned by SHA but its comment \`# ${comment}\` names no version.`,
            remediation: `Add the release after the SHA on the same line: \`uses: ${ref.action}@${ref.ref} # vX.Y.Z\`.`,
          }),
        );
      }
      return;
    }
    case 'expression':
      report(
        findingAt(ID, at, {
          severity: 'medium',
          message: `${value} takes its ref from an expression, so it cannot be pinned (and GitHub does not evaluate expressions in uses:).`,
          remediation:
            'Write the action and a full commit SHA literally; choose between actions with `if:` on separate steps.',
        }),
      );
      return;
    case 'no-ref':
      report(
        findingAt(ID, at, {
          severity: 'medium',
          message: `${value} names no ref; a remote action needs \`@<ref>\` and should use a full commit SHA.`,
          remediation: remediationFor(value),
        }),
      );
      return;
    default:
      report(
        findingAt(ID, at, {
          severity: severityFor(ref.action ?? ''),
          message:
            ref.kind === 'short-sha'
              ? `${value} uses a short SHA; only a full 40-character commit SHA is an immutable pin.`
              : `${value} is pinned to \`${ref.ref}\`, a tag or branch that can be moved to other code.${
                  isGithubOwned(ref.action ?? '') ? ' (GitHub-owned action.)' : ''
                }`,
          remediation: remediationFor(ref.action ?? value, ref.ref),
        }),
      );
  }
}

/** An SLSA generator workflow: its full release tag is the pin; anything else fails the build. */
function judgeSlsaGenerator(
  ref: UsesReference,
  value: string,
  at: Location,
  tally: Tally,
  report: (f: Finding) => void,
): void {
  if (ref.kind === 'mutable' && RELEASE_TAG.test(ref.ref ?? '')) {
    tally.pinned++;
    tally.slsaByTag++;
    return;
  }
  report(
    findingAt(ID, at, {
      severity: 'medium',
      message: `${value} does not name a full release tag: the SLSA generator verifies its own ref and fails the build on a commit SHA, a shorter tag or a branch.`,
      remediation: `Reference the generator by its release tag (\`uses: ${ref.action}@vX.Y.Z\`), not by SHA; Dependabot or Renovate keep the tag current.`,
    }),
  );
}

/** GitHub's own actions are a smaller risk than third parties' (Scorecard scores them apart too). */
function severityFor(action: string): Severity {
  return isGithubOwned(action) ? 'low' : 'medium';
}

function isGithubOwned(action: string): boolean {
  const owner = action.split('/')[0]?.toLowerCase();
  return owner === 'actions' || owner === 'github';
}

function remediationFor(action: string, ref?: string): string {
  const repo = action.split('/').slice(0, 2).join('/');
  const tag = ref && !SHORT_SHA.test(ref) ? ref : 'vX.Y.Z';
  return (
    `Pin to the full commit SHA of a release and keep the version as a comment: \`uses: ${action}@<sha> # ${tag}\` ` +
    `(\`gh api repos/${repo}/commits/${tag} --jq .sha\` gives the SHA); Dependabot or Renovate keep both up to date.`
  );
}

/** The comment after a value on its source line (`# v4.1.1` → `v4.1.1`), if any. */
function trailingComment(text: string, valueEnd: number): string | undefined {
  let end = text.indexOf('\n', valueEnd);
  if (end < 0) end = text.length;
  const rest = text.slice(valueEnd, Math.min(end, valueEnd + 2000));
  const hash = rest.indexOf('#');
  if (hash < 0) return undefined;
  // A YAML comment starts with `#` after whitespace (or right after a quoted scalar).
  if (hash > 0 && !/\s/.test(rest[hash - 1]!) && !/["']\s*$/.test(rest.slice(0, hash))) return undefined;
  return rest
    .slice(hash + 1)
    .replace(/\r$/, '')
    .trim();
}

function outcome(tally: Tally, findings: Finding[], evidence: Evidence[]): CheckOutcome {
  const exceptions = [
    tally.slsaByTag ? `${tally.slsaByTag} SLSA generator workflow(s) by release tag, as it requires` : '',
    tally.dockerSteps ? `${tally.dockerSteps} docker:// step(s) left to pinned-images` : '',
  ].filter(Boolean);
  const counts: Evidence = {
    summary: `${tally.pinned} of ${tally.total} uses: pinned to a full commit SHA or a local path (${tally.local} local) across ${tally.files} workflow and action files${exceptions.length ? `; ${exceptions.join('; ')}` : ''}`,
  };
  if (tally.files === 0) return notApplicable('No workflows or action metadata: no actions to pin.');
  const unpinned = tally.total - tally.pinned;
  // Local paths are not pins: a repository whose every remote reference is movable fails.
  const remotePinned = tally.pinned - tally.local;
  const status =
    unpinned === 0 ? (tally.unparsed ? 'partial' : 'pass') : remotePinned === 0 ? 'fail' : 'partial';
  const summary =
    tally.total === 0
      ? tally.unparsed
        ? `No uses: could be checked: ${tally.unparsed} file(s) do not parse.`
        : 'The workflows use no actions.'
      : unpinned === 0
        ? `All ${tally.total} uses: are pinned to immutable revisions${tally.unparsed ? `, but ${tally.unparsed} file(s) could not be parsed` : ''}.`
        : `${unpinned} of ${tally.total} uses: are not pinned to a full commit SHA.`;
  return {
    status: tally.total === 0 && tally.unparsed ? 'partial' : status,
    summary,
    findings,
    evidence: [counts, ...evidence],
  };
}
