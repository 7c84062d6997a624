/**
 * SBOM documents: recognising SBOM files by name and reading one — SPDX 2 (JSON, YAML, XML/RDF,
 * tag-value), SPDX 3, CycloneDX (JSON, XML) and Syft JSON — for the fields each specification
 * requires and the components it lists. Every problem found is located on its line. Parsing goes
 * through the parse budgets (parse-budget.ts).
 */
import { errorFirstLine } from '../errors.js';
import { isRecord } from '../model/json.js';
import { cutText } from '../shorten.js';
import { LineIndex } from './line-index.js';
import { lowerName, quote, splitLines } from './locate.js';
import { BUDGETS, parseJson, parseYamlData, type OverBudget } from './parse-budget.js';

/** Lines longer than this are cut before pattern matching. */
/** Lines longer than this are cut before pattern matching. */
const MAX_LINE = 4000;

export type Encoding = 'json' | 'yaml' | 'xml' | 'tag-value';

export interface SbomName {
  encoding: Encoding;
  /** The specification the name promises, if it names one. */
  spec?: 'SPDX' | 'CycloneDX';
  /**
   * `named`: the name says SBOM, so content that is not one is a finding; `maybe`: a generic name
   * (`bom.json`) that other tools use too, so other content is silently not an SBOM.
   */
  certainty: 'named' | 'maybe';
}

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

export type Format = 'SPDX 2' | 'SPDX 3' | 'CycloneDX' | 'Syft JSON';

export interface Problem {
  message: string;
  line: number;
}

export interface SbomFile {
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
      problems: [{ message: `not valid YAML (${errorFirstLine(error)})`, line: line ? Number(line) : 1 }],
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
  const components = checkEntries(doc, at, problems, 'packages', ['name', 'SPDXID'], 'spdxVersion');
  const versionText = typeof version === 'string' ? version : undefined;
  return { path, format: 'SPDX 2', version: versionText, components, problems };
}

/**
 * Checks the list every SBOM must have (SPDX packages, CycloneDX components): a list, not empty,
 * each entry with the fields that name it. Problems go to `problems`; returns how many entries it
 * lists. An empty list is reported at its key, a missing one at `missingAt` (the format's marker).
 */
function checkEntries(
  doc: Record<string, unknown>,
  at: (key: string) => number,
  problems: Problem[],
  list: 'packages' | 'components',
  required: readonly string[],
  missingAt: string,
  emptyNote = '',
): number {
  const entries = Array.isArray(doc[list]) ? (doc[list] as unknown[]) : undefined;
  if (doc[list] !== undefined && !entries)
    problems.push({ message: `"${list}" is not a list`, line: at(list) });
  else if (!entries?.length)
    problems.push({
      message: `lists no ${list}${emptyNote}: an empty SBOM documents nothing`,
      line: at(entries ? list : missingAt),
    });
  else {
    const unnamed = entries.filter(
      (e) => !isRecord(e) || required.some((f) => typeof e[f] !== 'string'),
    ).length;
    const fields = required.map((f) => `"${f}"`).join(' or ');
    if (unnamed)
      problems.push({ message: `${unnamed} ${list.slice(0, -1)}(s) lack ${fields}`, line: at(list) });
  }
  return entries?.length ?? 0;
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
  const root = isRecord(doc.metadata) && isRecord(doc.metadata.component);
  const note = root ? ' besides the root component in metadata' : '';
  const components = checkEntries(doc, at, problems, 'components', ['type', 'name'], 'bomFormat', note);
  const versionText = typeof version === 'string' ? version : undefined;
  return { path, format: 'CycloneDX', version: versionText, components, problems };
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
  const lines = LineIndex.of(text);
  const lineAt = (offset: number): number => (offset < 0 ? 1 : lines.lineAt(offset));
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

/** The line of an offset, counted as JSON and YAML parsers count (at `\n`). */
function countLines(text: string, offset: number): number {
  return LineIndex.of(text, 'lf').lineAt(offset);
}

function countMatches(text: string, pattern: RegExp): number {
  let n = 0;
  for (pattern.lastIndex = 0; pattern.exec(text);) n++;
  return n;
}

function jsonErrorMessage(error: unknown): string {
  return cutText(errorFirstLine(error).replace(/^SyntaxError: /, ''), 200);
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
