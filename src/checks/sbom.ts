/**
 * sbom: a software bill of materials — SPDX or CycloneDX files committed to the tree (parsed and
 * checked for the fields each specification requires, and for listing at least one component), and
 * SBOM generation in workflows (Syft, CycloneDX tools, Trivy, BuildKit, GoReleaser, attest-sbom).
 */
import type { CheckOutcome, ClaimVerdict, Evidence, Finding } from '../model/types.js';
import { isTestDataPath, lowerName, quote, splitLines } from '../evidence/locate.js';
import { isWorkflowOrActionPath, parseWorkflows, type Step, type Workflow } from '../evidence/workflows.js';
import { sbomAssets, type ReleaseAsset } from '../evidence/release-assets.js';
import {
  BUDGETS,
  parseJson,
  parseYamlData,
  recordOverBudget,
  type OverBudget,
} from '../evidence/parse-budget.js';
import { finding, type CheckContext, type FileCheck } from './check.js';
import { cutText } from '../shorten.js';

const ID = 'sbom';

/** Lines longer than this are cut before pattern matching. */
const MAX_LINE = 4000;

type Encoding = 'json' | 'yaml' | 'xml' | 'tag-value';

interface SbomName {
  encoding: Encoding;
  /** The specification the name promises, if it names one. */
  spec?: 'SPDX' | 'CycloneDX';
  /**
   * `named`: the name says SBOM, so content that is not one is a finding; `maybe`: a generic name
   * (`bom.json`) that other tools use too, so other content is silently not an SBOM.
   */
  certainty: 'named' | 'maybe';
}

const GORELEASER_CONFIGS = ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'];

/** Recognises SBOM file names; undefined for every other file. */
export function sbomName(path: string): SbomName | undefined {
  const name = lowerName(path);
  // Every name below contains one of these: most paths stop here.
  if (!name.includes('spdx') && !name.includes('cdx') && !name.includes('bom')) return undefined;
  if (name.endsWith('.spdx')) return { encoding: 'tag-value', spec: 'SPDX', certainty: 'named' };
  let m = /\.spdx\.(json|ya?ml|xml|rdf|rdf\.xml)$/.exec(name);
  if (m)
    return {
      encoding: m[1] === 'json' ? 'json' : m[1]!.startsWith('y') ? 'yaml' : 'xml',
      spec: 'SPDX',
      certainty: 'named',
    };
  m = /\.cdx\.(json|xml)$/.exec(name);
  if (m) return { encoding: m[1] as Encoding, spec: 'CycloneDX', certainty: 'named' };
  m = /(?:^|[._-])sbom\.(json|xml)$/.exec(name);
  if (m) return { encoding: m[1] as Encoding, certainty: 'named' };
  m = /^(?:bom|cyclonedx)\.(json|xml)$|[._-]bom\.(json|xml)$/.exec(name);
  if (m) return { encoding: (m[1] ?? m[2]) as Encoding, certainty: 'maybe' };
  return undefined;
}

type Format = 'SPDX 2' | 'SPDX 3' | 'CycloneDX' | 'Syft JSON';

interface Problem {
  message: string;
  line: number;
}

interface SbomFile {
  path: string;
  format?: Format;
  version?: string;
  /** Packages or components listed. */
  components?: number;
  problems: Problem[];
  /** The file exists but was not read (too large, unreadable). */
  unread?: string;
  /** Not parsed: over its parse budget. */
  overBudget?: OverBudget;
}

export const sbom: FileCheck = {
  id: ID,
  source: 'files',
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

/** Reads one candidate file; undefined when a generic name turns out not to be an SBOM. */
export function assessSbomFile(path: string, text: string, name: SbomName): SbomFile | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (body.includes('\u0000')) {
    return name.certainty === 'named'
      ? { path, problems: [{ message: 'binary content, not an SBOM', line: 1 }] }
      : undefined;
  }
  if (body.trim() === '') {
    return name.certainty === 'named'
      ? { path, problems: [{ message: 'the file is empty', line: 1 }] }
      : undefined;
  }
  switch (name.encoding) {
    case 'json':
      return assessJson(path, body, name);
    case 'yaml':
      return assessYaml(path, body);
    case 'xml':
      return assessXml(path, body, name);
    case 'tag-value':
      return assessTagValue(path, body);
  }
}

function assessJson(path: string, text: string, name: SbomName): SbomFile | undefined {
  let data: unknown;
  try {
    const parsed = parseJson(text, BUDGETS.sbomJson);
    if (!parsed.ok) return name.certainty === 'named' ? notParsed(path, parsed.overBudget) : undefined;
    data = parsed.value;
  } catch (error) {
    if (name.certainty === 'maybe') return undefined;
    return {
      path,
      problems: [
        { message: `not valid JSON (${jsonErrorMessage(error)})`, line: jsonErrorLine(error, text) },
      ],
    };
  }
  const at = (key: string): number => lineOfKey(text, key, 'json');
  if (isRecord(data)) {
    if (data.bomFormat !== undefined || name.spec === 'CycloneDX') return validateCycloneDx(path, data, at);
    if (data.spdxVersion !== undefined || data.SPDXID !== undefined || name.spec === 'SPDX') {
      if (isSpdx3(data)) return validateSpdx3(path, data, at);
      return validateSpdx2(path, data, at);
    }
    if (isSpdx3(data)) return validateSpdx3(path, data, at);
    if (Array.isArray(data.artifacts) && isSyft(data)) {
      const components = data.artifacts.length;
      return {
        path,
        format: 'Syft JSON',
        components,
        problems: components ? [] : [{ message: 'lists no artifacts (packages)', line: at('artifacts') }],
      };
    }
  }
  if (name.certainty === 'maybe') return undefined;
  return {
    path,
    problems: [{ message: 'JSON, but neither SPDX nor CycloneDX (no spdxVersion or bomFormat)', line: 1 }],
  };
}

/** A named SBOM over its parse budget: present, not validated. */
function notParsed(path: string, over: OverBudget): SbomFile {
  return { path, problems: [], unread: over.message, overBudget: over };
}

function assessYaml(path: string, text: string): SbomFile {
  let data: unknown;
  try {
    const parsed = parseYamlData(text, BUDGETS.sbomYaml);
    if (!parsed.ok) return notParsed(path, parsed.overBudget);
    data = parsed.value;
  } catch (error) {
    const line = /at line (\d{1,9})/.exec(String(error))?.[1];
    return {
      path,
      problems: [{ message: `not valid YAML (${firstLine(error)})`, line: line ? Number(line) : 1 }],
    };
  }
  if (!isRecord(data))
    return { path, problems: [{ message: 'not an SPDX document (not a YAML mapping)', line: 1 }] };
  return validateSpdx2(path, data, (key) => lineOfKey(text, key, 'yaml'));
}

function validateSpdx2(path: string, doc: Record<string, unknown>, at: (key: string) => number): SbomFile {
  const problems: Problem[] = [];
  const need = (key: string, ok: boolean, message: string): void => {
    if (!ok) problems.push({ message, line: at(key) });
  };
  const version = doc.spdxVersion;
  need(
    'spdxVersion',
    typeof version === 'string' && /^SPDX-2\.[0-3]$/.test(version),
    fieldMessage('spdxVersion', version, '"SPDX-2.x"'),
  );
  need('SPDXID', doc.SPDXID === 'SPDXRef-DOCUMENT', fieldMessage('SPDXID', doc.SPDXID, '"SPDXRef-DOCUMENT"'));
  need(
    'dataLicense',
    doc.dataLicense === 'CC0-1.0',
    fieldMessage('dataLicense', doc.dataLicense, '"CC0-1.0"'),
  );
  need(
    'name',
    typeof doc.name === 'string' && doc.name.trim() !== '',
    fieldMessage('name', doc.name, 'the document name'),
  );
  need(
    'documentNamespace',
    typeof doc.documentNamespace === 'string' &&
      /^[a-z][a-z0-9+.-]{0,20}:\S{1,2000}$/i.test(doc.documentNamespace) &&
      !doc.documentNamespace.includes('#'),
    fieldMessage('documentNamespace', doc.documentNamespace, 'a unique URI without "#"'),
  );
  const info = doc.creationInfo;
  need(
    'creationInfo',
    isRecord(info) &&
      typeof info.created === 'string' &&
      Array.isArray(info.creators) &&
      info.creators.length > 0,
    isRecord(info)
      ? 'creationInfo needs "created" and at least one entry in "creators"'
      : fieldMessage('creationInfo', info, 'an object'),
  );
  const packages = Array.isArray(doc.packages) ? doc.packages : undefined;
  if (doc.packages !== undefined && !packages)
    problems.push({ message: '"packages" is not a list', line: at('packages') });
  else if (!packages?.length)
    problems.push({
      message: 'lists no packages: an empty SBOM documents nothing',
      line: at(packages ? 'packages' : 'spdxVersion'),
    });
  else {
    const unnamed = packages.filter(
      (p) => !isRecord(p) || typeof p.name !== 'string' || typeof p.SPDXID !== 'string',
    ).length;
    if (unnamed)
      problems.push({ message: `${unnamed} package(s) lack "name" or "SPDXID"`, line: at('packages') });
  }
  return {
    path,
    format: 'SPDX 2',
    version: typeof version === 'string' ? version : undefined,
    components: packages?.length ?? 0,
    problems,
  };
}

function isSpdx3(doc: Record<string, unknown>): boolean {
  const context = doc['@context'];
  const contexts = Array.isArray(context) ? context : [context];
  return contexts.some((c) => typeof c === 'string' && /spdx\.org\/rdf\/3\./.test(c));
}

function validateSpdx3(path: string, doc: Record<string, unknown>, at: (key: string) => number): SbomFile {
  const graph = Array.isArray(doc['@graph']) ? doc['@graph'] : undefined;
  if (!graph)
    return {
      path,
      format: 'SPDX 3',
      problems: [{ message: 'SPDX 3 JSON-LD without an "@graph" list', line: at('@context') }],
    };
  const typeOf = (e: unknown): string => (isRecord(e) ? String(e.type ?? e['@type'] ?? '') : '');
  const problems: Problem[] = [];
  if (!graph.some((e) => typeOf(e) === 'SpdxDocument')) {
    problems.push({ message: 'the graph has no SpdxDocument element', line: at('@graph') });
  }
  if (!graph.some((e) => typeOf(e) === 'CreationInfo')) {
    problems.push({ message: 'the graph has no CreationInfo element', line: at('@graph') });
  }
  const components = graph.filter((e) => /^(?:software_)?Package$/.test(typeOf(e))).length;
  if (components === 0)
    problems.push({
      message: 'lists no software_Package elements: an empty SBOM documents nothing',
      line: at('@graph'),
    });
  return { path, format: 'SPDX 3', components, problems };
}

function validateCycloneDx(
  path: string,
  doc: Record<string, unknown>,
  at: (key: string) => number,
): SbomFile {
  const problems: Problem[] = [];
  if (doc.bomFormat !== 'CycloneDX') {
    problems.push({
      message: fieldMessage('bomFormat', doc.bomFormat, '"CycloneDX"'),
      line: at('bomFormat'),
    });
  }
  const version = doc.specVersion;
  if (typeof version !== 'string' || !/^1\.\d{1,2}$/.test(version)) {
    problems.push({
      message: fieldMessage('specVersion', version, 'a version such as "1.6"'),
      line: at('specVersion'),
    });
  }
  if (doc.version !== undefined && !(Number.isInteger(doc.version) && Number(doc.version) >= 1)) {
    problems.push({
      message: fieldMessage('version', doc.version, 'an integer of 1 or more'),
      line: at('version'),
    });
  }
  if (
    doc.serialNumber !== undefined &&
    !(
      typeof doc.serialNumber === 'string' &&
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(doc.serialNumber)
    )
  ) {
    problems.push({
      message: fieldMessage('serialNumber', doc.serialNumber, 'urn:uuid:<RFC 4122 UUID>'),
      line: at('serialNumber'),
    });
  }
  const components = Array.isArray(doc.components) ? doc.components : undefined;
  if (doc.components !== undefined && !components)
    problems.push({ message: '"components" is not a list', line: at('components') });
  else if (!components?.length) {
    const root = isRecord(doc.metadata) && isRecord(doc.metadata.component);
    problems.push({
      message: `lists no components${root ? ' besides the root component in metadata' : ''}: an empty SBOM documents nothing`,
      line: at(components ? 'components' : 'bomFormat'),
    });
  } else {
    const bad = components.filter(
      (c) => !isRecord(c) || typeof c.type !== 'string' || typeof c.name !== 'string',
    ).length;
    if (bad) problems.push({ message: `${bad} component(s) lack "type" or "name"`, line: at('components') });
  }
  return {
    path,
    format: 'CycloneDX',
    version: typeof version === 'string' ? version : undefined,
    components: components?.length ?? 0,
    problems,
  };
}

function isSyft(doc: Record<string, unknown>): boolean {
  const descriptor = isRecord(doc.descriptor) ? doc.descriptor.name : undefined;
  const schema = isRecord(doc.schema) ? doc.schema.url : undefined;
  return descriptor === 'syft' || (typeof schema === 'string' && schema.includes('anchore/syft'));
}

/**
 * XML is inspected, not parsed: the root element and its namespace, the component elements after
 * `<components>`, and a closing root tag (a truncated file has none).
 */
function assessXml(path: string, text: string, name: SbomName): SbomFile | undefined {
  const lineAt = (offset: number): number => (offset < 0 ? 1 : splitLines(text.slice(0, offset)).length);
  const bomAt = text.search(/<(?:[A-Za-z_][\w.-]{0,40}:)?bom[\s>]/);
  const cdxNs =
    /xmlns(?::[\w.-]{1,40})?\s{0,10}=\s{0,10}["']http:\/\/cyclonedx\.org\/schema\/bom\/(1\.\d{1,2})["']/.exec(
      text,
    );
  if (bomAt >= 0 && (cdxNs || name.spec === 'CycloneDX')) {
    const problems: Problem[] = [];
    if (!cdxNs)
      problems.push({
        message: 'the <bom> element lacks the CycloneDX namespace (http://cyclonedx.org/schema/bom/1.x)',
        line: lineAt(bomAt),
      });
    if (!/<\/(?:[\w.-]{1,40}:)?bom\s{0,10}>\s*$/.test(text.slice(-4096))) {
      problems.push({
        message: 'not well-formed: no closing </bom> tag (truncated?)',
        line: splitLines(text).length,
      });
    }
    const listAt = text.search(/<(?:[\w.-]{1,40}:)?components[\s>]/);
    const components =
      listAt < 0 ? 0 : countMatches(text.slice(listAt), /<(?:[\w.-]{1,40}:)?component[\s>/]/g);
    if (components === 0) {
      problems.push({
        message: 'lists no components: an empty SBOM documents nothing',
        line: lineAt(listAt < 0 ? bomAt : listAt),
      });
    }
    return { path, format: 'CycloneDX', version: cdxNs?.[1], components, problems };
  }
  if (/spdx\.org\/rdf\/terms/.test(text.slice(0, 8192)) || name.spec === 'SPDX') {
    const problems: Problem[] = [];
    const docAt = text.search(/<(?:spdx:)?SpdxDocument[\s>]/);
    if (docAt < 0) problems.push({ message: 'no SpdxDocument element', line: 1 });
    const components = countMatches(text, /<(?:spdx:)?Package[\s>]/g);
    if (components === 0)
      problems.push({ message: 'lists no packages: an empty SBOM documents nothing', line: lineAt(docAt) });
    return { path, format: 'SPDX 2', components, problems };
  }
  if (name.certainty === 'maybe') return undefined;
  return {
    path,
    problems: [{ message: 'XML, but neither a CycloneDX <bom> nor an SPDX RDF document', line: 1 }],
  };
}

const TAG_VALUE_FIELDS: Array<[tag: string, test: (v: string) => boolean, expected: string]> = [
  ['SPDXVersion', (v) => /^SPDX-2\.[0-3]$/.test(v), '"SPDX-2.x"'],
  ['DataLicense', (v) => v === 'CC0-1.0', '"CC0-1.0"'],
  ['SPDXID', (v) => v === 'SPDXRef-DOCUMENT', '"SPDXRef-DOCUMENT"'],
  ['DocumentName', (v) => v !== '', 'the document name'],
  [
    'DocumentNamespace',
    (v) => /^[a-z][a-z0-9+.-]{0,20}:\S{1,2000}$/i.test(v) && !v.includes('#'),
    'a unique URI without "#"',
  ],
  ['Creator', (v) => v !== '', 'at least one creator'],
  ['Created', (v) => v !== '', 'the creation time'],
];

function assessTagValue(path: string, text: string): SbomFile {
  const first = new Map<string, { value: string; line: number }>();
  let packages = 0;
  splitLines(text).forEach((raw, i) => {
    const line = raw.slice(0, MAX_LINE);
    const m = /^([A-Za-z][A-Za-z0-9]{0,60}):\s?(.*)$/.exec(line);
    if (!m) return;
    const tag = m[1]!;
    if (tag === 'PackageName') packages++;
    if (!first.has(tag)) first.set(tag, { value: m[2]!.trim(), line: i + 1 });
  });
  const problems: Problem[] = [];
  if (!first.has('SPDXVersion') && !first.has('SPDXID')) {
    return {
      path,
      problems: [{ message: 'not an SPDX tag-value document (no SPDXVersion or SPDXID tag)', line: 1 }],
    };
  }
  for (const [tag, test, expected] of TAG_VALUE_FIELDS) {
    const field = first.get(tag);
    if (!field) problems.push({ message: `missing ${tag} (expected ${expected})`, line: 1 });
    else if (!test(field.value))
      problems.push({
        message: `${tag} is "${quote(field.value, 60)}" (expected ${expected})`,
        line: field.line,
      });
  }
  if (packages === 0)
    problems.push({
      message: 'lists no packages (no PackageName tag): an empty SBOM documents nothing',
      line: first.get('SPDXVersion')?.line ?? 1,
    });
  return { path, format: 'SPDX 2', version: first.get('SPDXVersion')?.value, components: packages, problems };
}

// ---- SBOM generation in workflows ----------------------------------------------------------

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
  const found: Generator[] = [];
  const dependencySubmission: Generator[] = [];
  const goreleaser = goreleaserSboms(ctx);
  for (const wf of parseWorkflows(ctx)) {
    const releases = wf.triggers.has('release') || onTags(wf);
    for (const job of wf.jobs) {
      const fromJob: Generator[] = [];
      for (const step of job.steps) {
        const fromUses = usesGenerator(wf, step, releases, goreleaser !== undefined);
        if (fromUses) fromJob.push(fromUses);
        if (step.uses && /dependency-submission/i.test(step.uses.value)) {
          dependencySubmission.push({
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
      found.push(...fromJob);
    }
  }
  if (goreleaser) found.push(goreleaser);
  return { found, dependencySubmission };
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
        finding(ID, {
          severity: 'medium',
          path: f.path,
          line: p.line,
          message: `Invalid ${what}: ${p.message}.`,
          remediation:
            "Regenerate the SBOM with a maintained tool (Syft, cdxgen, cyclonedx-* or the SPDX tools) and validate it against its specification's schema before committing or publishing it.",
        }),
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
      finding(ID, {
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

function fieldMessage(key: string, value: unknown, expected: string): string {
  if (value === undefined) return `missing "${key}" (expected ${expected})`;
  const shown =
    typeof value === 'string'
      ? `"${quote(value, 60)}"`
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'an object'
          : String(value);
  return `"${key}" is ${shown} (expected ${expected})`;
}

/** Line of the first `"key":` (JSON) or `key:` at a line start (YAML); 1 when it is absent. */
function lineOfKey(text: string, key: string, encoding: 'json' | 'yaml'): number {
  const needle = encoding === 'json' ? `"${key}"` : `${key}:`;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) return 1;
    if (encoding === 'json' || at === 0 || /[\n ]/.test(text[at - 1]!)) return countLines(text, at);
    from = at + needle.length;
  }
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function countMatches(text: string, pattern: RegExp): number {
  let n = 0;
  for (pattern.lastIndex = 0; pattern.exec(text);) n++;
  return n;
}

function jsonErrorMessage(error: unknown): string {
  return cutText(firstLine(error).replace(/^SyntaxError: /, ''), 200);
}

/** JSON.parse reports a position (and, in newer Node, a line); turn either into a line. */
function jsonErrorLine(error: unknown, text: string): number {
  const message = String(error instanceof Error ? error.message : error);
  const line = /\(line (\d{1,9}) column \d{1,9}\)/.exec(message)?.[1];
  if (line) return Number(line);
  const position = /at position (\d{1,12})/.exec(message)?.[1];
  if (position) return countLines(text, Number(position));
  return /Unexpected end of JSON input/.test(message) ? splitLines(text).length : 1;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? 'unknown error';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
