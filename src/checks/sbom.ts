/**
 * sbom: a software bill of materials — SPDX or CycloneDX files committed to the tree (read by
 * evidence/sbom-document.ts for the fields each specification requires, and for listing at least
 * one component), and SBOM generation in workflows (Syft, CycloneDX tools, Trivy, BuildKit,
 * GoReleaser, attest-sbom).
 */
import type { CheckOutcome, ClaimVerdict, Evidence, Finding } from '../model/types.js';
import { splitLines } from '../evidence/locate.js';
import { isTestDataPath } from '../evidence/test-material.js';
import { isWorkflowOrActionPath, type Job, type Step, type Workflow } from '../evidence/workflows.js';
import { sbomAssets, type ReleaseAsset } from '../evidence/release-assets.js';
import { recordOverBudget } from '../evidence/parse-budget.js';
import { assessSbomFile, sbomName, type SbomFile } from '../evidence/sbom-document.js';
import { isRecord } from '../model/json.js';
import { findingAt, type CheckContext, type FileCheck } from './check.js';
import { audited, type WorkflowAudit } from './walk.js';

/** Lines longer than this are cut before pattern matching. */
const MAX_LINE = 4000;

const ID = 'sbom';

const GORELEASER_CONFIGS = ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'];

/** What the walk gathers: SBOM generators and dependency submissions in workflow steps. */
interface Generators {
  found: Generator[];
  dependencySubmission: Generator[];
  /** GoReleaser's `sboms:` configuration, which its action then runs. */
  goreleaser?: Generator;
}

const audit: WorkflowAudit<Generators> = {
  id: ID,
  start: (ctx) => ({ found: [], dependencySubmission: [], goreleaser: goreleaserSboms(ctx) }),
  job: (state, job, wf) => gatherJob(state, job, wf),
};

export const sbom: FileCheck = {
  id: ID,
  source: 'files',
  audit,
  needs: (path) =>
    sbomName(path) || isWorkflowOrActionPath(path) || GORELEASER_CONFIGS.includes(path) ? 'text' : undefined,
  run: (ctx) => {
    const files: SbomFile[] = [];
    let testData = 0;
    // Every SBOM-named file is a declared need: no need to look through every path.
    for (const path of ctx.files.needed()) {
      const name = sbomName(path);
      if (!name) continue;
      if (isTestDataPath(path)) {
        testData++;
        continue;
      }
      const text = ctx.files.text(path);
      if (text === undefined) {
        const skip = ctx.files.skipped.find((s) => s.path === path);
        if (skip && name.certainty === 'named') files.push({ path, problems: [], unread: skip.reason });
        continue;
      }
      const assessed = assessSbomFile(path, text, name);
      if (assessed?.overBudget) recordOverBudget(ctx, path, assessed.overBudget);
      if (assessed) files.push(assessed);
    }
    return judge(files, testData, generators(ctx), sbomAssets(ctx.github));
  },
};

interface Generator {
  tool: string;
  path: string;
  line: number;
  /** The SBOM reaches customers: attached to a release, or attested on an image or artefact. */
  shipped: boolean;
}

const RUN_GENERATORS: Array<[RegExp, string, boolean]> = [
  [/(?:^|[\s;&|(`'"])syft(?:\s|$)/, 'Syft', false],
  [
    /\bcyclonedx-(?:npm|py|bom|gomod|node-npm|cli)\b|@cyclonedx\/(?:cyclonedx-npm|bom|cdxgen|yarn-plugin-cyclonedx)|\bcdxgen\b|cyclonedx-maven-plugin|\bcyclonedx:make(?:Aggregate)?Bom\b|\bcyclonedxBom\b|\bcargo[ -]cyclonedx\b|\bdotnet[ -]cyclonedx\b/i,
    'CycloneDX',
    false,
  ],
  [/\bspdx-sbom-generator\b/, 'spdx-sbom-generator', false],
  [/\btrivy\b[^\n]{0,400}(?:--format|-f)[ =](?:cyclonedx|spdx|spdx-json)\b/, 'Trivy', false],
  [
    /\bdocker\s{1,10}(?:buildx\s{1,10})?build\b[^\n]{0,600}(?:--sbom(?:=true)?(?:\s|$)|--attest[ =]type=sbom)/,
    'BuildKit SBOM attestation',
    true,
  ],
  [/\bsbom-tool\s{1,10}generate\b/, 'Microsoft SBOM Tool', false],
  [/\bnpm\s{1,10}sbom\b/, 'npm sbom', false],
  [/\bbom\s{1,10}generate\b/, 'Kubernetes bom', false],
];

const RELEASE_UPLOAD =
  /\bgh\s{1,10}release\s{1,10}(?:upload|create)\b[^\n]{0,400}(?:sbom|spdx|\.cdx|bom\.(?:json|xml))/i;

function generators(ctx: CheckContext): { found: Generator[]; dependencySubmission: Generator[] } {
  const { found, dependencySubmission, goreleaser } = audited(ctx, audit);
  return { found: goreleaser ? [...found, goreleaser] : found, dependencySubmission };
}

/** The job's SBOM generators (shipped when a later step attaches an SBOM to the release). */
function gatherJob(state: Generators, job: Job, wf: Workflow): void {
  const releases = wf.triggers.has('release') || onTags(wf);
  const fromJob: Generator[] = [];
  for (const step of job.steps) {
    const fromUses = usesGenerator(wf, step, releases, state.goreleaser !== undefined);
    if (fromUses) fromJob.push(fromUses);
    if (step.uses && /dependency-submission/i.test(step.uses.value)) {
      state.dependencySubmission.push({
        tool: step.uses.value.split('@')[0]!,
        path: wf.path,
        line: step.uses.pos.line,
        shipped: false,
      });
    }
    if (step.run) fromJob.push(...runGenerators(wf, step));
  }
  // A later step of the same job that attaches an SBOM file to the release ships what was generated.
  if (fromJob.length && job.steps.some(uploadsSbomToRelease)) for (const g of fromJob) g.shipped = true;
  state.found.push(...fromJob);
}

const SBOM_FILE_MENTION = /sbom|spdx|\.cdx\b|\bbom\.(?:json|xml)/i;

function uploadsSbomToRelease(step: Step): boolean {
  if (step.run && shellCommands(step.run.value).some((c) => RELEASE_UPLOAD.test(c.text))) return true;
  const action = step.uses?.value.split('@')[0]?.toLowerCase();
  const files = step.with.get('files')?.value ?? step.with.get('artifacts')?.value ?? '';
  return (
    (action === 'softprops/action-gh-release' || action === 'ncipollo/release-action') &&
    SBOM_FILE_MENTION.test(files.slice(0, MAX_LINE))
  );
}

function usesGenerator(
  wf: Workflow,
  step: Step,
  releases: boolean,
  goreleaserSboms: boolean,
): Generator | undefined {
  if (!step.uses) return undefined;
  const action = step.uses.value.split('@')[0]!.toLowerCase();
  const at = { path: wf.path, line: step.uses.pos.line };
  const withValue = (key: string): string => step.with.get(key)?.value.trim().toLowerCase() ?? '';
  if (action === 'anchore/sbom-action') {
    // The action attaches the SBOM to the release when it runs for one (upload-release-assets defaults to true).
    return {
      tool: 'Syft (anchore/sbom-action)',
      ...at,
      shipped: releases && withValue('upload-release-assets') !== 'false',
    };
  }
  if (action === 'actions/attest-sbom')
    return { tool: 'SBOM attestation (actions/attest-sbom)', ...at, shipped: true };
  if (action.startsWith('cyclonedx/gh-')) return { tool: `CycloneDX (${action})`, ...at, shipped: false };
  if (action === 'advanced-security/sbom-generator-action')
    return { tool: 'SBOM from the dependency graph', ...at, shipped: false };
  if (action === 'aquasecurity/trivy-action' && /^(?:cyclonedx|spdx|spdx-json)$/.test(withValue('format'))) {
    return { tool: 'Trivy', ...at, shipped: false };
  }
  if (
    action === 'docker/build-push-action' &&
    (withValue('sbom') === 'true' || withValue('attests').includes('type=sbom'))
  ) {
    return { tool: 'BuildKit SBOM attestation (docker/build-push-action)', ...at, shipped: true };
  }
  if (action === 'goreleaser/goreleaser-action' && goreleaserSboms) {
    return { tool: 'GoReleaser sboms', ...at, shipped: true };
  }
  return undefined;
}

function runGenerators(wf: Workflow, step: Step): Generator[] {
  const run = step.run!;
  const commands = shellCommands(run.value);
  const out: Generator[] = [];
  for (const [pattern, tool, shipped] of RUN_GENERATORS) {
    const command = commands.find((c) => pattern.test(c.text));
    if (command) {
      out.push({
        tool,
        path: wf.path,
        line: lineOfText(wf, run.range[0], command.first) ?? run.pos.line,
        shipped,
      });
    }
  }
  return out;
}

/** Shell commands with `\` continuations joined, each with its first source line (to locate it). */
function shellCommands(script: string): Array<{ text: string; first: string }> {
  const out: Array<{ text: string; first: string }> = [];
  let current: { text: string; first: string } | undefined;
  for (const raw of splitLines(script)) {
    const line = raw.slice(0, MAX_LINE);
    const continues = line.endsWith('\\');
    const part = continues ? line.slice(0, -1) : line;
    if (current) current.text = `${current.text} ${part}`.slice(0, 4 * MAX_LINE);
    else current = { text: part, first: line };
    if (!continues) {
      out.push(current);
      current = undefined;
    }
  }
  if (current) out.push(current);
  return out;
}

/** The file line of the first occurrence of `needle` at or after `from`, when it is found verbatim. */
function lineOfText(wf: Workflow, from: number, needle: string): number | undefined {
  const trimmed = needle.trim();
  const at = trimmed === '' ? -1 : wf.text.indexOf(trimmed, from);
  return at < 0 ? undefined : wf.positionAt(at).line;
}

function onTags(wf: Workflow): boolean {
  const on = wf.on;
  return isRecord(on) && isRecord(on.push) && on.push.tags !== undefined;
}

function goreleaserSboms(ctx: CheckContext): Generator | undefined {
  for (const path of GORELEASER_CONFIGS) {
    const text = ctx.files.text(path);
    if (text === undefined) continue;
    const index = splitLines(text).findIndex((l) => /^sboms\s{0,10}:/.test(l));
    if (index >= 0) return { tool: 'GoReleaser sboms', path, line: index + 1, shipped: true };
  }
  return undefined;
}

// ---- verdict -----------------------------------------------------------------------------------

function judge(
  files: SbomFile[],
  testData: number,
  gens: { found: Generator[]; dependencySubmission: Generator[] },
  released: ReleaseAsset[] = [],
): CheckOutcome {
  const findings: Finding[] = [];
  const evidence: Evidence[] = [];
  const valid = files.filter((f) => f.problems.length === 0);
  const invalid = files.filter((f) => f.problems.length > 0);
  for (const f of valid) {
    evidence.push({
      summary: f.unread
        ? `SBOM file present but not validated (${f.unread})`
        : `${f.format}${f.version ? ` ${f.version}` : ''} SBOM listing ${f.components} component(s)`,
      path: f.path,
      line: 1,
    });
  }
  for (const f of invalid) {
    const what = f.format ? `${f.format} SBOM` : 'SBOM';
    for (const p of f.problems) {
      findings.push(
        findingAt(
          ID,
          { path: f.path, line: p.line },
          {
            severity: 'medium',
            message: `Invalid ${what}: ${p.message}.`,
            remediation:
              "Regenerate the SBOM with a maintained tool (Syft, cdxgen, cyclonedx-* or the SPDX tools) and validate it against its specification's schema before committing or publishing it.",
          },
        ),
      );
    }
    evidence.push({
      summary: `${what} with ${f.problems.length} problem(s)`,
      path: f.path,
      line: f.problems[0]?.line,
    });
  }
  for (const g of gens.found) {
    evidence.push({
      summary: `SBOM generated by ${g.tool}${g.shipped ? ', shipped with releases' : ''}`,
      path: g.path,
      line: g.line,
    });
  }
  for (const g of gens.dependencySubmission) {
    evidence.push({
      summary: `dependencies submitted to GitHub's dependency graph (${g.tool}), which can export an SPDX SBOM`,
      path: g.path,
      line: g.line,
    });
  }
  if (testData) evidence.push({ summary: `${testData} SBOM file(s) in test data not assessed` });

  for (const a of released.slice(0, 5)) {
    evidence.push({ summary: `SBOM ${a.name} attached to release ${a.release}`, source: 'GitHub releases' });
  }
  const shipped = gens.found.find((g) => g.shipped);
  const has = valid.length + gens.found.length + released.length;
  let status: CheckOutcome['status'];
  let summary: string;
  if (has === 0 && invalid.length === 0) {
    status = 'fail';
    summary = 'No SBOM is committed or generated in a workflow.';
    findings.push(
      findingAt(ID, undefined, {
        severity: 'medium',
        message:
          'No SBOM: neither an SPDX or CycloneDX file in the tree nor a workflow step that generates one.',
        remediation:
          'Generate an SBOM in the release workflow (e.g. anchore/sbom-action, cdxgen or a cyclonedx-* tool) and publish it with each release, ideally attested with actions/attest-sbom.',
      }),
    );
  } else if (has === 0) {
    status = 'fail';
    summary = `The only SBOM file(s) are invalid (${invalid.length}); see findings.`;
  } else {
    status = invalid.length ? 'partial' : 'pass';
    const parts = [
      valid.length ? `${valid.length} valid SBOM file(s)` : '',
      gens.found.length ? `SBOM generation by ${[...new Set(gens.found.map((g) => g.tool))].join(', ')}` : '',
      released.length ? `an SBOM attached to release ${released[0]!.release}` : '',
    ].filter(Boolean);
    summary = `${parts.join(' and ')}${invalid.length ? `; ${invalid.length} invalid SBOM file(s)` : ''}.`;
    summary = summary.charAt(0).toUpperCase() + summary.slice(1);
  }
  const claims: Record<string, ClaimVerdict> = {
    '1.2.1': { status, note: summary },
    '3.1.1': released.length
      ? {
          status: 'pass',
          note: `customers download the SBOM with release ${released[0]!.release} (${released[0]!.name})`,
        }
      : shipped
        ? {
            status: 'pass',
            note: `customers receive the SBOM with releases (${shipped.tool}, ${shipped.path}:${shipped.line})`,
          }
        : {
            status: 'unknown',
            note: 'no SBOM is published with releases or attested, so it gives customers nothing to verify against',
          },
  };
  return { status, summary, findings, evidence, claims };
}

// ---- helpers ------------------------------------------------------------------------------------
