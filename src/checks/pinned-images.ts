/**
 * pinned-images: container images a build pulls — Dockerfile `FROM`, workflow `container:` and
 * `services:` images, `docker://` steps and Docker action images — are pinned by digest.
 */
import type { CheckOutcome, Evidence, Finding } from '../model/types.js';
import { isDigestPinned, isDockerfilePath, parseDockerfiles } from '../evidence/dockerfile.js';
import { before, isFixtureOrVendored } from '../evidence/locate.js';
import {
  isWorkflowOrActionPath,
  parseWorkflows,
  type Located,
  type Workflow,
} from '../evidence/workflows.js';
import { finding, type FileCheck } from './check.js';

const ID = 'pinned-images';

interface Tally {
  total: number;
  pinned: number;
  /** References whose value is only known at run time (build args without default, expressions). */
  dynamic: number;
  dockerfiles: number;
  workflowImages: number;
}

export const pinnedImages: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) =>
    isWorkflowOrActionPath(path) || (isDockerfilePath(path) && !isFixtureOrVendored(path))
      ? 'text'
      : undefined,
  run: (ctx) => {
    const tally: Tally = { total: 0, pinned: 0, dynamic: 0, dockerfiles: 0, workflowImages: 0 };
    const findings: Finding[] = [];
    const evidence: Evidence[] = [];

    for (const df of parseDockerfiles(ctx)) {
      tally.dockerfiles++;
      if (df.error) {
        findings.push(
          finding(ID, {
            severity: 'medium',
            path: df.path,
            line: df.error.line,
            column: df.error.column,
            message: `${df.path} could not be read as a Dockerfile (${df.error.message}).`,
          }),
        );
        continue;
      }
      let fileTotal = 0;
      let filePinned = 0;
      for (const from of df.froms) {
        if (from.scratch || from.fromStage) continue;
        tally.total++;
        fileTotal++;
        const at = {
          path: df.path,
          line: from.imagePos.line,
          column: from.imagePos.column,
          endLine: from.imagePos.endLine,
          endColumn: from.imagePos.endColumn,
        };
        if (from.resolved === undefined) {
          tally.dynamic++;
          findings.push(
            finding(ID, {
              severity: 'low',
              ...at,
              message: `FROM ${from.image} is chosen at build time (${(from.unresolved ?? []).join(', ')} has no default), so its pin cannot be checked.`,
              remediation: `Give the ARG a default pinned by digest, e.g. \`ARG ${from.unresolved?.[0] ?? 'BASE'}=image:tag@sha256:<digest>\`, and pass digests in --build-arg.`,
            }),
          );
          continue;
        }
        if (isDigestPinned(from.resolved)) {
          tally.pinned++;
          filePinned++;
          continue;
        }
        const shown = from.resolved === from.image ? from.image : `${from.image} (= ${from.resolved})`;
        findings.push(
          finding(ID, {
            severity: 'medium',
            ...at,
            message: `FROM ${shown} is not pinned by digest: the tag can be re-pointed to a different image.`,
            remediation: digestRemediation(from.resolved, 'FROM '),
          }),
        );
      }
      if (fileTotal)
        evidence.push({
          summary: `${filePinned} of ${fileTotal} base images pinned by digest`,
          path: df.path,
        });
    }

    for (const wf of parseWorkflows(ctx)) {
      if (wf.error) continue; // workflow-syntax reports files that do not parse
      for (const { image, where } of imagesOf(wf)) {
        tally.workflowImages++;
        tally.total++;
        const value = image.value.trim();
        const at = {
          path: wf.path,
          line: image.pos.line,
          column: image.pos.column,
          endLine: image.pos.endLine,
          endColumn: image.pos.endColumn,
        };
        if (value.includes('${{')) {
          tally.dynamic++;
          findings.push(
            finding(ID, {
              severity: 'info',
              ...at,
              message: `The ${where} image \`${value}\` comes from an expression; its pin cannot be checked here.`,
              remediation:
                'Make sure every value the expression can take is pinned by digest (e.g. in the matrix).',
            }),
          );
          continue;
        }
        if (isDigestPinned(value.replace(/^docker:\/\//, ''))) {
          tally.pinned++;
          continue;
        }
        findings.push(
          finding(ID, {
            severity: 'medium',
            ...at,
            message: `The ${where} image \`${value}\` is not pinned by digest.`,
            remediation: digestRemediation(value, where === 'docker:// step' ? 'uses: ' : 'image: '),
          }),
        );
      }
    }
    return outcome(tally, findings, evidence);
  },
};

function imagesOf(wf: Workflow): Array<{ image: Located; where: string }> {
  const out: Array<{ image: Located; where: string }> = [];
  const seen = new Set<number>();
  const add = (image: Located | undefined, where: string): void => {
    if (!image || seen.has(image.range[0]) || image.value.trim() === '') return;
    seen.add(image.range[0]);
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

function digestRemediation(reference: string, prefix: string): string {
  const bare = before(reference.replace(/^docker:\/\//, ''), '@');
  const scheme = reference.startsWith('docker://') ? 'docker://' : '';
  return (
    `Pin by digest and keep the tag for readers: \`${prefix}${scheme}${bare}@sha256:<digest>\` ` +
    `(\`docker buildx imagetools inspect ${bare}\` prints the digest); Dependabot's docker ecosystem or Renovate keep it current.`
  );
}

function outcome(tally: Tally, findings: Finding[], evidence: Evidence[]): CheckOutcome {
  if (tally.dockerfiles === 0 && tally.workflowImages === 0) {
    return {
      status: 'not-applicable',
      summary: 'No Dockerfiles and no container images in workflows: no images to pin.',
      findings,
      evidence: [],
    };
  }
  const counts: Evidence = {
    summary: `${tally.pinned} of ${tally.total} images pinned by digest (${tally.dockerfiles} Dockerfiles, ${tally.workflowImages} workflow images, ${tally.dynamic} chosen at run time)`,
  };
  const unpinned = tally.total - tally.pinned - tally.dynamic;
  const errors = findings.some((f) => f.message.includes('could not be read'));
  const status =
    unpinned > 0
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
  return { status, summary, findings, evidence: [counts, ...evidence] };
}
