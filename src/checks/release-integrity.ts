/**
 * release-integrity: workflows that publish releases (packages, images, release assets) also sign
 * or attest what they publish — build provenance attestations, SLSA provenance, Sigstore/cosign,
 * npm provenance, PyPI/RubyGems trusted-publishing attestations, GoReleaser signs, GPG — so users
 * can verify it, and publish through short-lived OIDC credentials rather than long-lived tokens.
 */
import type { CheckOutcome, ClaimVerdict, Evidence, Finding } from '../model/types.js';
import {
  findCommand,
  isActionName,
  MAX_LINE,
  stepAction,
  stepLabel,
  withValue,
} from '../evidence/ci-steps.js';
import { localWorkflows, type LocalWorkflows } from '../evidence/local-workflows.js';
import {
  isWorkflowOrActionPath,
  type Job,
  type Permissions,
  type Step,
  type Workflow,
} from '../evidence/workflows.js';
import type { GitHubFacts } from '../github/facts.js';
import { publishedReleases, signatureAssets } from '../evidence/release-assets.js';
import { isKnown } from '../github/fact.js';
import { findingAt, type CheckContext, type FileCheck } from './check.js';
import { unknown } from './outcome.js';
import {
  namesTestHost,
  releaseTriggers,
  releasingWorkflows,
  type ReleaseTriggers,
} from './release-triggers.js';
import { audited, type WorkflowAudit } from './walk.js';
import { cutText } from '../shorten.js';

const ID = 'release-integrity';

const GORELEASER_CONFIGS = ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'];

interface Publisher {
  what: string;
  actions?: readonly string[];
  command?: RegExp;
  when?: (step: Step) => boolean;
}

/** Flags that make a publishing command rehearse rather than publish. */
const REHEARSAL = /--dry-run\b|--snapshot\b|--skip[= ](?:[\w-]{0,40},){0,10}publish\b|--skip-publish\b/;

/** GoReleaser's action publishes when it runs `release` (its default command) without a rehearsal flag. */
function goreleaserPublishes(step: Step): boolean {
  const args = (withValue(step, 'args') ?? '').trim();
  return (args === '' || args.startsWith('release') || args.startsWith('-')) && !REHEARSAL.test(args);
}

const PUBLISHERS: readonly Publisher[] = [
  {
    what: 'an npm package',
    actions: ['js-devtools/npm-publish'],
    command:
      /\b(?:npm|pnpm|bun)(?:\s+-{1,2}[\w-]{1,40}(?:[= ][^\s-]\S{0,200})?){0,4}\s+publish\b|\byarn\s+(?:npm\s+)?publish\b|\bchangeset\s+publish\b|\blerna\s+publish\b/,
  },
  { what: 'an npm package', actions: ['changesets/action'], when: (s) => s.with.has('publish') },
  {
    what: 'a release (semantic-release)',
    actions: ['cycjimmy/semantic-release-action'],
    command: /\bsemantic-release\b/,
  },
  {
    what: 'a Python package',
    actions: ['pypa/gh-action-pypi-publish'],
    command:
      /\btwine\s+upload\b|\buv\s+publish\b|\bpoetry\s+publish\b|\bhatch\s+publish\b|\bflit\s+publish\b/,
  },
  { what: 'a crate', command: /\bcargo\s+publish\b/ },
  { what: 'a gem', actions: ['rubygems/release-gem'], command: /\bgem\s+push\b/ },
  {
    what: 'a Maven/Gradle artifact',
    command:
      /\b(?:mvn|mvnw)\b.{0,200}\bdeploy\b|\bgradlew?\b.{0,200}\bpublish(?:ToMavenCentral|ToSonatype|AllPublications\w{0,60})?\b|\bjreleaser\b/,
  },
  { what: 'a NuGet package', command: /\b(?:dotnet\s+)?nuget\s+push\b/ },
  {
    what: 'a container image',
    actions: ['docker/build-push-action', 'docker/bake-action'],
    when: (s) => /^(?:true|\$\{\{)/.test(withValue(s, 'push') ?? ''),
  },
  {
    what: 'a container image',
    actions: ['redhat-actions/push-to-registry'],
    command:
      /\b(?:docker|podman|buildah)\s+push\b|\bdocker\s+buildx\s+(?:build|bake)\b.{0,300}--push\b|^--push(?:\s|$)|\bdocker\s+(?:buildx\s+imagetools\s+create|manifest\s+push)\b|\bdocker[\s-]compose\b.{0,200}\spush\b|\bko\s+(?:build|publish|resolve)\b/,
  },
  {
    what: 'GitHub release assets',
    actions: [
      'softprops/action-gh-release',
      'ncipollo/release-action',
      'actions/upload-release-asset',
      'svenstaro/upload-release-action',
      'taiki-e/upload-rust-binary-action',
      'marvinpinto/action-automatic-releases',
    ],
    command: /\bgh\s+release\s+(?:create|upload)\b/,
  },
  {
    what: 'a release (GoReleaser)',
    actions: ['goreleaser/goreleaser-action'],
    when: goreleaserPublishes,
    command: /\bgoreleaser\s+release\b/,
  },
  { what: 'a Helm chart', actions: ['helm/chart-releaser-action'], command: /\bhelm\s+push\b/ },
  {
    what: 'a package',
    command:
      /\bmix\s+hex\.publish\b|\bpod\s+trunk\s+push\b|\b(?:dart|flutter)\s+pub\s+publish\b|\b(?:vsce|ovsx)\s+publish\b/,
  },
];

/** Actions that sign or attest what a workflow builds. */
const SIGNING_ACTIONS = [
  'actions/attest-build-provenance',
  'actions/attest',
  'actions/attest-sbom',
  'sigstore/gh-action-sigstore-python',
  'slsa-framework/slsa-github-generator',
  'philips-labs/slsa-provenance-action',
  'crazy-max/ghaction-import-gpg',
  'rubygems/release-gem',
];
const SIGNING_COMMAND =
  /\bcosign\s+(?:sign|attest|sign-blob|attest-blob)\b|\bgpg2?\b.{0,200}(?:--detach-sign|--clearsign|--sign\b|\s-[a-z]{0,4}b)|\bminisign\s+-S\b|\bsignify\s+-S\b|\bjarsigner\b|\bsigntool\s+sign\b|\bcodesign\b|\bsigstore\s+sign\b|\bnotation\s+sign\b|\bnpm\s+publish\b.{0,200}--provenance\b|\bgpg:sign\b/;
const PROVENANCE_ENV = /^npm_config_provenance$/i;
const LONG_LIVED_SECRET =
  /secrets\.(?!github_token\b)[\w-]{0,100}(?:npm|pypi|cargo|crates|rubygems|gem|nuget|sonatype|ossrh|maven|registry|docker|token|password)/i;

/** A step that publishes, as the report names it (the parsed files are not kept). */
interface Release {
  workflow: string;
  /** The workflow's triggers, as the evidence lists them. */
  on: string;
  job: string;
  step: string;
  /** The file the step is written in (a local composite action's, or the workflow). */
  file: string;
  line: number;
  what: string;
  toTestHost: boolean;
}

/** A publishing step, and whether it publishes to a test registry or host rather than to users. */
interface Published {
  line: number;
  what: string;
  toTestHost: boolean;
}

interface Signing {
  workflow: string;
  line: number;
  how: string;
}

/** What the walk gathers: publishing and signing steps, and how many workflows it met. */
interface Gathered {
  local: LocalWorkflows;
  /** The repository's default branch, when the scan read it. */
  defaultBranch?: string;
  triggers: ReleaseTriggers[];
  goreleaserSigns: boolean;
  pkgProvenance: boolean;
  workflows: number;
  releases: Release[];
  signings: Signing[];
  longLived: Release[];
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: (ctx) => ({
    local: localWorkflows(ctx),
    defaultBranch: ctx.github && isKnown(ctx.github.repo) ? ctx.github.repo.value.defaultBranch : undefined,
    triggers: [],
    ...configuredSigning(ctx),
    workflows: 0,
    releases: [],
    signings: [],
    longLived: [],
  }),
  workflow: (state, wf) => {
    if (wf.kind !== 'workflow') return;
    state.workflows++;
    state.triggers.push(releaseTriggers(wf, state.defaultBranch));
  },
  job: (state, job, wf) => {
    if (wf.kind === 'workflow') gatherJob(state, wf, job);
  },
};

export const releaseIntegrity: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) =>
    isWorkflowOrActionPath(path) || path === 'package.json' || GORELEASER_CONFIGS.includes(path)
      ? 'text'
      : undefined,
  audit,
  run: (ctx) => {
    const gathered = audited(ctx, audit);
    const { releases, notReleases, excluded } = releasesOf(gathered);
    const longLived = gathered.longLived.filter((r) => releases.includes(r));
    const outcome = judge(releases, gathered.signings, longLived, gathered.workflows, excluded, ctx.github);
    return { ...outcome, evidence: [...outcome.evidence, ...notReleases] };
  },
};

/** How many publishing steps that are not releases are listed one by one. */
const MAX_NOT_RELEASES = 5;

/**
 * The publishing steps that release, and the others as evidence of why they do not count: their
 * workflow runs only on pull requests (or branches other than the default), or they publish to a
 * test registry.
 */
function releasesOf(gathered: Gathered): {
  releases: Release[];
  notReleases: Evidence[];
  excluded: number;
} {
  const releasing = releasingWorkflows(gathered.triggers);
  const releases: Release[] = [];
  const notReleases: Evidence[] = [];
  let excluded = 0;
  for (const r of gathered.releases) {
    const why = r.toTestHost
      ? 'to a test registry or host, not to users'
      : releasing.has(r.workflow)
        ? undefined
        : `on ${r.on} only, none of which can release (a pull request, or a push to other than the default branch)`;
    if (!why) releases.push(r);
    else if (excluded++ < MAX_NOT_RELEASES) {
      notReleases.push({
        summary: `not a release: \`${r.workflow}\` › job \`${r.job}\` › step “${r.step}” publishes ${r.what} ${why}`,
        path: r.file,
        line: r.line,
      });
    }
  }
  return { releases, notReleases, excluded };
}

/** Signing configured outside the workflows: GoReleaser `signs:`, npm provenance in package.json. */
function configuredSigning(ctx: CheckContext): { goreleaserSigns: boolean; pkgProvenance: boolean } {
  const goreleaserSigns = GORELEASER_CONFIGS.some((p) =>
    /^\s{0,8}(?:signs|docker_signs|binary_signs)\s*:/m.test((ctx.files.text(p) ?? '').slice(0, 200_000)),
  );
  const pkgProvenance = /"provenance"\s*:\s*true/.test(
    (ctx.files.text('package.json') ?? '').slice(0, 200_000),
  );
  return { goreleaserSigns, pkgProvenance };
}

/** The job's publishing and signing steps (local composite actions' steps expanded in place). */
function gatherJob(state: Gathered, wf: Workflow, job: Job): void {
  const remote = job.uses ? job.uses.value.toLowerCase() : '';
  if (remote.startsWith('slsa-framework/slsa-github-generator/')) {
    state.signings.push({
      workflow: wf.path,
      line: job.uses!.pos.line,
      how: `SLSA provenance (job \`${job.id}\`)`,
    });
  }
  const on = [...wf.triggers.keys()].join(', ') || 'no trigger';
  for (const { file, step } of state.local.expandedSteps(wf, job)) {
    const pub = publisherOf(file, step);
    if (pub) {
      const release = { workflow: wf.path, on, job: job.id, step: stepLabel(step), file: file.path, ...pub };
      state.releases.push(release);
      if (usesLongLivedToken(wf, job, step)) state.longLived.push(release);
      const implicit = implicitSigning(wf, job, step, pub.what, state.goreleaserSigns, state.pkgProvenance);
      if (implicit) state.signings.push({ workflow: wf.path, line: pub.line, how: implicit });
    }
    const sig = signingOf(file, step);
    if (sig) state.signings.push({ workflow: wf.path, ...sig });
  }
}

function publisherOf(file: Workflow, step: Step): Published | undefined {
  const action = stepAction(step);
  for (const p of PUBLISHERS) {
    if (
      action &&
      step.uses &&
      (p.actions ?? []).some((a) => isActionName(action, a)) &&
      (p.when?.(step) ?? true)
    ) {
      return { line: step.uses.pos.line, what: p.what, toTestHost: imageTagsOnTestHosts(step) };
    }
    const command = p.command ? findCommand(file, step, p.command, REHEARSAL) : undefined;
    if (command) return { line: command.line, what: p.what, toTestHost: namesTestHost(command.text) };
  }
  return undefined;
}

/** An image action whose every tag names a test registry (`localhost:5000/app`) pushes nowhere users pull from. */
function imageTagsOnTestHosts(step: Step): boolean {
  const tags = (step.with.get('tags')?.value ?? '')
    .slice(0, MAX_LINE)
    .split(/[\s,]+/)
    .filter(Boolean);
  return tags.length > 0 && tags.every((t) => namesTestHost(t));
}

function signingOf(file: Workflow, step: Step): { line: number; how: string } | undefined {
  const action = stepAction(step);
  const signer = action ? SIGNING_ACTIONS.find((a) => isActionName(action, a)) : undefined;
  if (signer && step.uses) return { line: step.uses.pos.line, how: signer };
  if (action && isActionName(action, 'actions/setup-java') && step.with.has('gpg-private-key') && step.uses) {
    return {
      line: step.uses.pos.line,
      how: 'GPG key for Maven signing (actions/setup-java gpg-private-key)',
    };
  }
  const command = findCommand(file, step, SIGNING_COMMAND);
  if (command) return { line: command.line, how: `\`${cutText(command.text, 80)}\`` };
  return undefined;
}

/** Signing that comes with the publishing tool itself. */
function implicitSigning(
  wf: Workflow,
  job: Job,
  step: Step,
  what: string,
  goreleaserSigns: boolean,
  pkgProvenance: boolean,
): string | undefined {
  const action = stepAction(step);
  if (action && isActionName(action, 'pypa/gh-action-pypi-publish')) {
    // Attestations are on by default with trusted publishing (v1.11+); a password disables them.
    if (withValue(step, 'attestations') !== 'false' && !step.with.has('password'))
      return 'PyPI attestations (trusted publishing)';
  }
  if (what.includes('GoReleaser') && goreleaserSigns) return 'GoReleaser `signs:` configuration';
  if (what === 'an npm package') {
    const env = [...wf.env, ...job.env, ...step.env];
    if (env.some(([k, v]) => PROVENANCE_ENV.test(k) && /^true$/i.test(v.value.trim())))
      return 'npm provenance (NPM_CONFIG_PROVENANCE)';
    if (pkgProvenance) return 'npm provenance (publishConfig.provenance in package.json)';
    if (grantsIdToken(job.permissions ?? wf.permissions) && !usesLongLivedToken(wf, job, step)) {
      return 'npm trusted publishing (OIDC), which publishes provenance';
    }
  }
  return undefined;
}

function grantsIdToken(p: Permissions | undefined): boolean {
  if (!p) return false;
  if (p.kind === 'shorthand') return p.value === 'write-all';
  return p.scopes.get('id-token')?.value === 'write';
}

function usesLongLivedToken(wf: Workflow, job: Job, step: Step): boolean {
  const values = [...wf.env.values(), ...job.env.values(), ...step.env.values(), ...step.with.values()];
  if (values.some((v) => LONG_LIVED_SECRET.test(v.value.slice(0, MAX_LINE)))) return true;
  return step.run !== undefined && LONG_LIVED_SECRET.test(step.run.value.slice(0, MAX_LINE));
}

function judge(
  releases: Release[],
  signings: Signing[],
  longLived: Release[],
  workflows: number,
  notReleases: number,
  github?: GitHubFacts,
): CheckOutcome {
  const byWorkflow = new Map<string, Release[]>();
  for (const r of releases) byWorkflow.set(r.workflow, [...(byWorkflow.get(r.workflow) ?? []), r]);
  const published = publishedReleases(github)?.filter((r) => r.assets.length > 0) ?? [];
  const signedAssets = signatureAssets(github);
  const assetEvidence: Evidence[] = signedAssets
    .slice(0, 5)
    .map((a) => ({ summary: `release ${a.release} ships ${a.name}`, source: 'GitHub releases' }));
  if (byWorkflow.size === 0 && published.length > 0) {
    // No release workflow in the files, but the releases themselves show what customers get.
    const unsigned = published.filter((r) => !signedAssets.some((a) => a.release === r.tag));
    if (unsigned.length === 0) {
      return {
        status: 'pass',
        summary: `Every recent release with assets (${published.length}) ships signatures or provenance.`,
        findings: [],
        evidence: assetEvidence,
      };
    }
    return {
      status: signedAssets.length ? 'partial' : 'fail',
      summary: `${unsigned.length} of ${published.length} recent releases ship assets without signatures or provenance.`,
      findings: [
        findingAt(ID, undefined, {
          severity: 'medium',
          message: `Release ${unsigned[0]!.tag} ships ${unsigned[0]!.assets.length} asset(s) with no signature, Sigstore bundle or provenance attestation beside them.`,
          remediation:
            'Attest release assets with actions/attest-build-provenance or sign them with cosign, and attach the bundle to the release.',
        }),
      ],
      evidence: assetEvidence,
    };
  }
  if (byWorkflow.size === 0) {
    return unknown(
      `None of the ${workflows} workflow${workflows === 1 ? '' : 's'} publishes a release${notReleases ? ` (${notReleases} publishing step${notReleases === 1 ? ' is' : 's are'} not: see the evidence for why)` : ''}, so how releases are distributed and signed cannot be seen from the files.`,
      {
        reason: 'no workflow publishes packages, images or release assets',
        // Online, the releases were read and none has assets: only a workflow can show more.
        howToObserve: github
          ? 'Publish releases from a workflow that signs or attests them (actions/attest-build-provenance).'
          : 'Publish releases from a workflow that signs or attests them (actions/attest-build-provenance), or run sscop online so release assets and their signatures can be inspected.',
      },
    );
  }
  const evidence: Evidence[] = [...assetEvidence];
  const findings: Finding[] = [];
  let signed = 0;
  for (const [wf, rels] of byWorkflow) {
    const what = [...new Set(rels.map((r) => r.what))].join(', ');
    const sigs = signings.filter((s) => s.workflow === wf);
    for (const r of rels) {
      evidence.push({
        summary: `\`${wf}\` › job \`${r.job}\` › step “${r.step}” publishes ${r.what} (on ${r.on})`,
        path: r.file,
        line: r.line,
      });
    }
    if (sigs.length) {
      signed++;
      for (const s of sigs)
        evidence.push({ summary: `\`${wf}\` signs/attests: ${s.how}`, path: wf, line: s.line });
      continue;
    }
    const first = rels[0]!;
    findings.push(
      findingAt(
        ID,
        { path: first.file, line: first.line },
        {
          severity: 'medium',
          message: `\`${wf}\` publishes (${what}) at step “${first.step}” without signing it or attesting its provenance, so users cannot verify what they download.`,
          remediation:
            'Add actions/attest-build-provenance (permissions id-token: write, attestations: write) for the published files or images, ' +
            'or publish with provenance (npm publish --provenance, PyPI trusted publishing, cosign sign).',
        },
      ),
    );
  }
  const claims: Record<string, ClaimVerdict> = {
    '3.1.2': longLived.length
      ? {
          status: 'partial',
          note: `Published from CI, but with a long-lived registry secret (${longLived[0]!.workflow}, line ${longLived[0]!.line}); trusted publishing (OIDC) removes it.`,
        }
      : { status: 'pass', note: 'Published from CI without long-lived registry secrets in the workflow.' },
  };
  const total = byWorkflow.size;
  const status = signed === total ? 'pass' : signed ? 'partial' : 'fail';
  return {
    status,
    summary:
      status === 'pass'
        ? `Every release workflow (${total}) signs or attests what it publishes.`
        : status === 'partial'
          ? `${signed} of ${total} release workflows sign or attest what they publish.`
          : `${total === 1 ? 'The release workflow publishes' : `${total} release workflows publish`} without signatures or provenance.`,
    findings,
    evidence,
    claims,
  };
}
