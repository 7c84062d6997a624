/**
 * pinned-images: container images a build pulls — Dockerfile `FROM`, workflow `container:` and
 * `services:` images, `docker://` steps, Docker action images and Compose services' images — are
 * pinned by digest, and a Dockerfile's `ADD <url>` verifies what it downloads.
 */
import type { CheckOutcome, Evidence, Finding, Location } from '../model/types.js';
import {
  isDigestPinned,
  isDockerfilePath,
  parseDockerfiles,
  type DockerfileModel,
} from '../evidence/dockerfile.js';
import { isComposePath, parseComposeFiles } from '../evidence/compose.js';
import { before } from '../evidence/locate.js';
import { isLikelyLocalImage } from '../evidence/official-images.js';
import { isFixtureOrVendored } from '../evidence/test-material.js';
import { isWorkflowOrActionPath, useKey, type Located, type Workflow } from '../evidence/workflows.js';
import { findingAt, type CheckContext, type FileCheck, type FindingText } from './check.js';
import { notApplicable } from './outcome.js';
import { audited, type WorkflowAudit } from './walk.js';

const ID = 'pinned-images';

interface Tally {
  total: number;
  pinned: number;
  /** References whose value is only known at run time (build args without default, expressions). */
  dynamic: number;
  dockerfiles: number;
  workflowImages: number;
  composeFiles: number;
  /** `ADD` of remote content with nothing to verify it by. */
  unverifiedAdds: number;
}

/** What the walk gathers: the workflow images counted as in `Tally`, and their findings. */
interface WorkflowImages {
  total: number;
  pinned: number;
  dynamic: number;
  findings: Finding[];
}

const audit: WorkflowAudit<WorkflowImages> = {
  id: ID,
  start: () => ({ total: 0, pinned: 0, dynamic: 0, findings: [] }),
  workflow: (state, wf) => {
    for (const { image, where } of imagesOf(wf)) judgeImage(state, wf, image, where);
  },
};

export const pinnedImages: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) =>
    isWorkflowOrActionPath(path) ||
    (isDockerfilePath(path) && !isFixtureOrVendored(path)) ||
    isComposePath(path)
      ? 'text'
      : undefined,
  audit,
  run: (ctx) => {
    const tally: Tally = {
      total: 0,
      pinned: 0,
      dynamic: 0,
      dockerfiles: 0,
      workflowImages: 0,
      composeFiles: 0,
      unverifiedAdds: 0,
    };
    const findings: Finding[] = [];
    const evidence: Evidence[] = [];

    for (const df of parseDockerfiles(ctx)) {
      tally.dockerfiles++;
      if (df.error) {
        findings.push(
          findingAt(
            ID,
            { path: df.path, line: df.error.line, column: df.error.column },
            {
              severity: 'medium',
              message: `${df.path} could not be read as a Dockerfile (${df.error.message}).`,
            },
          ),
        );
        continue;
      }
      let fileTotal = 0;
      let filePinned = 0;
      for (const from of df.froms) {
        if (from.scratch || from.fromStage) continue;
        tally.total++;
        fileTotal++;
        const at: Location = { path: df.path, ...from.imagePos };
        if (from.unresolved) {
          tally.dynamic++;
          findings.push(
            findingAt(ID, at, {
              severity: 'low',
              message: `FROM ${from.image} is chosen at build time (${(from.unresolved ?? []).join(', ')} has no default), so its pin cannot be checked.`,
              remediation: `Give the ARG a default pinned by digest, e.g. \`ARG ${from.unresolved?.[0] ?? 'BASE'}=image:tag@sha256:<digest>\`, and pass digests in --build-arg.`,
            }),
          );
          continue;
        }
        const loose = (from.expansions ?? [from.resolved ?? '']).find((ref) => !isDigestPinned(ref));
        if (loose === undefined) {
          tally.pinned++;
          filePinned++;
          continue;
        }
        if (isLikelyLocalImage(loose) && !loose.includes('*')) {
          // Not a registry image: it is judged where it is built, and does not count either way.
          tally.total--;
          fileTotal--;
          findings.push(findingAt(ID, at, localFrom(from.image, loose)));
          continue;
        }
        findings.push(findingAt(ID, at, unpinnedFrom(from.image, loose)));
      }
      if (fileTotal)
        evidence.push({
          summary: `${filePinned} of ${fileTotal} base images pinned by digest`,
          path: df.path,
        });
      judgeAdds(df, tally, findings);
    }
    judgeCompose(ctx, tally, findings);

    const inWorkflows = audited(ctx, audit);
    tally.total += inWorkflows.total;
    tally.pinned += inWorkflows.pinned;
    tally.dynamic += inWorkflows.dynamic;
    tally.workflowImages = inWorkflows.total;
    findings.push(...inWorkflows.findings);
    return outcome(tally, findings, evidence);
  },
};

/** An `ADD` source fetched from the network: a URL, or a Git repository. */
const REMOTE_SOURCE = /^(?:https?|ftp):\/\/|^git@|^git:\/\//i;
/**
 * A Git source pinned to a commit: `…#<40 hex digits>` (optionally `:subdir`), or BuildKit's query
 * form with `commit=` or `checksum=` (which BuildKit checks against the commit it fetched).
 */
const GIT_COMMIT = /#[0-9a-f]{40}(?::|$)|[?&](?:commit|checksum)=/i;

/** Each `ADD` of remote content without a `--checksum=` (or, for Git, a commit) to verify it. */
function judgeAdds(df: DockerfileModel, tally: Tally, findings: Finding[]): void {
  for (const add of df.adds) {
    if (add.instruction.flags.some((f) => f.name.toLowerCase() === 'checksum' && f.value)) continue;
    for (const source of add.sources) {
      if (!REMOTE_SOURCE.test(source.value) || GIT_COMMIT.test(source.value)) continue;
      tally.unverifiedAdds++;
      const git = /^git[@:]|\.git(?:[#?]|$)/i.test(source.value);
      findings.push({
        ...findingAt(
          ID,
          { path: df.path, ...source.pos },
          {
            severity: 'medium',
            message:
              `ADD ${source.value} fetches ${git ? 'a Git repository at a moving ref' : 'remote content'} at build time ` +
              'with nothing to verify it by: whatever the server returns that day goes into the image.',
            remediation: git
              ? 'Pin the repository to a commit (`ADD https://host/repo.git#<40-digit commit> /dest`) or use `--checksum=`.'
              : 'Add `--checksum=sha256:<digest>` (`ADD --checksum=sha256:… <url> <dest>`), or download in a RUN step that checks a published checksum or signature.',
          },
        ),
        rule: 'add-remote-url',
        confidence: 'high',
      });
    }
  }
}

/** Each Compose service's pulled image, counted and judged like a workflow's. */
function judgeCompose(ctx: CheckContext, tally: Tally, findings: Finding[]): void {
  for (const file of parseComposeFiles(ctx)) {
    tally.composeFiles++;
    if (file.error) {
      findings.push(
        findingAt(
          ID,
          { path: file.path, line: file.error.line },
          {
            severity: 'low',
            message: `${file.path} could not be read as a Compose file (${file.error.message}); its images were not judged.`,
          },
        ),
      );
      continue;
    }
    for (const { service, image } of file.images) {
      tally.total++;
      const value = image.value.trim();
      const at: Location = { path: file.path, ...image.pos };
      if (/\$\{?[A-Za-z_]/.test(value)) {
        tally.dynamic++;
        findings.push({
          ...findingAt(ID, at, {
            severity: 'info',
            message: `The Compose service ${service} image \`${value}\` is chosen by a variable; its pin cannot be checked here.`,
            remediation: 'Make sure every value the variable can take is pinned by digest.',
          }),
          rule: 'compose-image',
          confidence: 'low',
        });
        continue;
      }
      if (isDigestPinned(value)) {
        tally.pinned++;
        continue;
      }
      findings.push({
        ...findingAt(ID, at, {
          severity: 'medium',
          message: `The Compose service ${service} image \`${value}\` is not pinned by digest.`,
          remediation: digestRemediation(value, 'image: '),
        }),
        rule: 'compose-image',
        confidence: 'high',
      });
    }
  }
}

/** Counts one workflow image in `state`, with its finding when it is not pinned by digest. */
function judgeImage(state: WorkflowImages, wf: Workflow, image: Located, where: string): void {
  state.total++;
  const value = image.value.trim();
  const at: Location = { path: wf.path, ...image.pos };
  if (value.includes('${{')) {
    state.dynamic++;
    state.findings.push(
      findingAt(ID, at, {
        severity: 'info',
        message: `The ${where} image \`${value}\` comes from an expression; its pin cannot be checked here.`,
        remediation:
          'Make sure every value the expression can take is pinned by digest (e.g. in the matrix).',
      }),
    );
    return;
  }
  if (isDigestPinned(value.replace(/^docker:\/\//, ''))) {
    state.pinned++;
    return;
  }
  state.findings.push(
    findingAt(ID, at, {
      severity: 'medium',
      message: `The ${where} image \`${value}\` is not pinned by digest.`,
      remediation: digestRemediation(value, where === 'docker:// step' ? 'uses: ' : 'image: '),
    }),
  );
}

function imagesOf(wf: Workflow): Array<{ image: Located; where: string }> {
  const out: Array<{ image: Located; where: string }> = [];
  const seen = new Set<string>();
  const add = (image: Located | undefined, where: string): void => {
    if (!image || seen.has(useKey(image)) || image.value.trim() === '') return;
    seen.add(useKey(image));
    out.push({ image, where });
  };
  for (const job of wf.jobs) {
    add(job.container, `job ${job.id} container`);
    for (const [name, image] of job.services) add(image, `service ${name}`);
    for (const step of job.steps)
      if (step.uses?.value.trim().startsWith('docker://')) add(step.uses, 'docker:// step');
  }
  if (wf.runsImage?.value.trim().startsWith('docker://')) add(wf.runsImage, 'Docker action');
  return out;
}

/** The finding text for a FROM whose image (or one of those it can name) is not pinned by digest. */
function unpinnedFrom(written: string, loose: string): FindingText {
  const shown = loose === written ? written : `${written} (= ${loose})`;
  return {
    severity: 'medium',
    message: `FROM ${shown} is not pinned by digest: the tag can be re-pointed to a different image.`,
    remediation: loose.includes('*')
      ? "A digest names one image, so a tag chosen by platform cannot be pinned: name one multi-platform image by its index digest (`FROM image:tag@sha256:<digest>`, from `docker buildx imagetools inspect image:tag`); BuildKit picks each platform's image from the index."
      : digestRemediation(loose, 'FROM '),
  };
}

/** The finding text for a FROM of a name no registry serves as an official image: built locally, most likely. */
function localFrom(written: string, loose: string): FindingText {
  const shown = loose === written ? written : `${written} (= ${loose})`;
  return {
    severity: 'medium',
    confidence: 'low',
    message: `FROM ${shown} is not pinned by digest, but it names no registry and is not a Docker Official Image: it is most likely an image this project builds first, whose own Dockerfile is where pinning applies.`,
    remediation: `If it is pulled from a registry, name the registry and pin it: ${digestRemediation(loose, 'FROM ')}`,
  };
}

function digestRemediation(reference: string, prefix: string): string {
  const bare = before(reference.replace(/^docker:\/\//, ''), '@');
  const scheme = reference.startsWith('docker://') ? 'docker://' : '';
  return (
    `Pin by digest and keep the tag for readers: \`${prefix}${scheme}${bare}@sha256:<digest>\` ` +
    `(\`docker buildx imagetools inspect ${bare}\` prints the digest); Dependabot's docker ecosystem or Renovate keep it current.`
  );
}

function outcome(tally: Tally, findings: Finding[], evidence: Evidence[]): CheckOutcome {
  if (tally.dockerfiles === 0 && tally.workflowImages === 0 && tally.composeFiles === 0)
    return notApplicable('No Dockerfiles and no container images in workflows: no images to pin.');
  const counts: Evidence = {
    summary:
      `${tally.pinned} of ${tally.total} images pinned by digest (${tally.dockerfiles} Dockerfiles, ${tally.workflowImages} workflow images, ` +
      (tally.composeFiles ? `${tally.composeFiles} Compose files, ` : '') +
      `${tally.dynamic} chosen at run time)` +
      (tally.unverifiedAdds ? `; ${tally.unverifiedAdds} ADD of unverified remote content` : ''),
  };
  const unpinned = tally.total - tally.pinned - tally.dynamic;
  const errors = findings.some((f) => f.message.includes('could not be read'));
  const status =
    unpinned + tally.unverifiedAdds > 0
      ? tally.pinned === 0
        ? 'fail'
        : 'partial'
      : tally.dynamic > 0 || errors
        ? 'partial'
        : 'pass';
  const summary =
    tally.total === 0
      ? 'No base images to pin (only scratch or earlier build stages).'
      : unpinned > 0
        ? `${unpinned} of ${tally.total} container images are not pinned by digest.`
        : tally.dynamic > 0
          ? `Every literal image is pinned by digest; ${tally.dynamic} chosen at run time could not be checked.`
          : `All ${tally.total} container images are pinned by digest.`;
  const adds = tally.unverifiedAdds
    ? ` ${tally.unverifiedAdds} ADD instruction${tally.unverifiedAdds === 1 ? '' : 's'} fetch remote content without a checksum.`
    : '';
  return { status, summary: summary + adds, findings, evidence: [counts, ...evidence] };
}
