/**
 * Validates what the fake GitHub serves (and receives) against GitHub's published OpenAPI
 * description (`@octokit/openapi`, api.github.com), so fixtures cannot drift from the real API.
 *
 * The description is OpenAPI 3.0: schemas use `nullable`, boolean `exclusiveMinimum`, and
 * keywords JSON Schema does not know (`example`, `x-github`, `discriminator`…). `toJsonSchema`
 * turns each schema into JSON Schema 2019-09. It is also stricter than GitHub's documents on one
 * point, on purpose: an object schema that lists its properties and says nothing about others gets
 * `unevaluatedProperties: false`, so a fixture with a misspelt or invented field fails.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApiDocument {
  paths: Record<string, Record<string, JsonObject>>;
  components: {
    schemas: Record<string, JsonObject>;
    responses: Record<string, JsonObject>;
    examples: Record<string, JsonObject>;
  };
}

const DOC_ID = 'https://sscop.invalid/api.github.com.schema.json';
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head'];

/** Keywords carried over from an OpenAPI schema; anything else (docs, vendor extensions) is dropped. */
const PLAIN_KEYWORDS = [
  'type',
  'enum',
  'required',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
];

let loaded: OpenApiDocument | undefined;

/** The api.github.com description, parsed once per test file (Jest gives each file its own modules). */
export function githubOpenApi(): OpenApiDocument {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    loaded = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  }
  return loaded;
}

interface RouteEntry {
  template: string;
  regex: RegExp;
  names: string[];
  literals: number;
}

export interface MatchedOperation {
  template: string;
  method: string;
  operationId: string;
  params: Record<string, string>;
}

export interface SchemaProblem {
  where: string;
  problems: string[];
}

/** Route matching and schema validation over one OpenAPI document. */
export class OpenApiValidator {
  private readonly ajv: Ajv2019;
  private readonly routes: RouteEntry[];
  private readonly cache = new Map<string, ValidateFunction | null>();

  constructor(private readonly doc: OpenApiDocument = githubOpenApi()) {
    this.ajv = new Ajv2019({
      strict: false,
      allErrors: true,
      unicodeRegExp: false,
      logger: false,
      validateSchema: false,
    });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => void;
    addFormats(this.ajv);
    const formats = new Set<string>();
    const defs: JsonObject = {};
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      defs[name] = toJsonSchema(schema, false, formats);
      defs[`${name}@loose`] = toJsonSchema(schema, true, formats);
    }
    for (const format of formats) if (!this.ajv.formats[format]) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: DOC_ID, $defs: defs });
    this.routes = Object.keys(doc.paths).map((template) => {
      const names: string[] = [];
      const source = template
        .split('/')
        .map((seg) =>
          seg.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name: string | undefined, lit: string | undefined) => {
            if (name) {
              names.push(name);
              // A file path (the contents API's `{path}`) and a git ref (`heads/main` in the git
              // database API) span segments, as GitHub accepts them.
              const spans = name === 'path' || (name === 'ref' && template.includes('/git/'));
              return spans ? '(.+)' : '([^/]+)';
            }
            return escapeRegExp(lit ?? '');
          }),
        )
        .join('/');
      const literals = template.split('/').filter((s) => s && !s.includes('{')).length;
      return { template, regex: new RegExp(`^${source}$`), names, literals };
    });
  }

  /** The operation a request path addresses; the most specific template wins. */
  match(method: string, pathname: string): MatchedOperation | undefined {
    const lower = method.toLowerCase();
    let best: { route: RouteEntry; groups: string[] } | undefined;
    for (const route of this.routes) {
      if (!this.doc.paths[route.template]?.[lower]) continue;
      const m = route.regex.exec(pathname);
      if (m && (!best || route.literals > best.route.literals)) best = { route, groups: m.slice(1) };
    }
    if (!best) return undefined;
    const op = this.doc.paths[best.route.template]![lower]!;
    const params: Record<string, string> = {};
    const { route, groups } = best;
    route.names.forEach((n, i) => (params[n] = decodeURIComponent(groups[i] ?? '')));
    return { template: best.route.template, method: lower, operationId: String(op.operationId), params };
  }

  /** Problems with a response body for an operation and status; empty when it conforms. */
  validateResponse(op: MatchedOperation, status: number, body: unknown): string[] {
    const operation = this.doc.paths[op.template]![op.method]!;
    const responses = operation.responses as JsonObject;
    let response = responses[String(status)] as JsonObject | undefined;
    if (response === undefined) {
      if (status >= 400) return this.validateAt('schema:basic-error', '#/$defs/basic-error', body);
      if (status === 304) return body === undefined ? [] : ['304 must have no body'];
      return [`${op.operationId} does not document HTTP ${status}`];
    }
    let pointer = `#/paths/${pointerEscape(op.template)}/${op.method}/responses/${status}`;
    if (typeof response.$ref === 'string') {
      pointer = response.$ref;
      response = this.doc.components.responses[response.$ref.split('/').pop()!];
    }
    const schema = (
      (response?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined
    )?.schema;
    if (schema === undefined || schema === null) {
      return body === undefined || body === ''
        ? []
        : [`${op.operationId} HTTP ${status} has no body in the description`];
    }
    return this.validateSchema(pointer, schema as JsonObject, body);
  }

  /** Problems with a request body; empty when it conforms (or the operation takes none and none was sent). */
  validateRequestBody(op: MatchedOperation, body: unknown): string[] {
    const operation = this.doc.paths[op.template]![op.method]!;
    const requestBody = operation.requestBody as JsonObject | undefined;
    if (!requestBody) return body === undefined ? [] : [`${op.operationId} takes no request body`];
    const schema = (
      (requestBody.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined
    )?.schema;
    if (!schema) return [];
    if (body === undefined) return requestBody.required ? [`${op.operationId} requires a body`] : [];
    return this.validateSchema(`request:${op.operationId}`, schema as JsonObject, body);
  }

  /** Validates a value against a named component schema (for fixtures built outside a request). */
  validateComponent(name: string, value: unknown): string[] {
    return this.validateAt(`schema:${name}`, `#/$defs/${name}`, value);
  }

  /** An example from the description's `components/examples`, deep-copied. */
  example(name: string): Json {
    const example = this.doc.components.examples[name];
    if (!example) throw new Error(`no example named ${name} in the OpenAPI description`);
    return structuredClone(example.value as Json);
  }

  private validateSchema(key: string, schema: JsonObject, value: unknown): string[] {
    let validate = this.cache.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(toJsonSchema(schema, false, new Set()));
      this.cache.set(key, validate);
    }
    return run(validate!, value);
  }

  private validateAt(key: string, fragment: string, value: unknown): string[] {
    let validate = this.cache.get(key);
    if (validate === undefined) {
      validate = this.ajv.getSchema(`${DOC_ID}${fragment}`) ?? null;
      if (!validate) throw new Error(`no schema at ${fragment}`);
      this.cache.set(key, validate);
    }
    return run(validate!, value);
  }
}

function run(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => {
    const extra = e.keyword === 'unevaluatedProperties' ? ` (${String(e.params.unevaluatedProperty)})` : '';
    const allowed = e.keyword === 'enum' ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}${allowed}`;
  });
}

/**
 * One OpenAPI 3.0 schema as JSON Schema 2019-09. `loose` is for members of allOf/anyOf/oneOf:
 * they must not close the object themselves, or they would reject their siblings' properties.
 */
export function toJsonSchema(schema: JsonObject, loose: boolean, formats: Set<string>): JsonObject {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return { $ref: `${DOC_ID}#/$defs/${loose ? `${name}@loose` : name}` };
  }
  const out: JsonObject = {};
  for (const k of PLAIN_KEYWORDS) if (schema[k] !== undefined) out[k] = schema[k]!;
  if (typeof out.format === 'string') formats.add(out.format);
  if (schema.exclusiveMinimum === true && typeof schema.minimum === 'number') {
    out.exclusiveMinimum = schema.minimum;
    delete out.minimum;
  }
  if (schema.exclusiveMaximum === true && typeof schema.maximum === 'number') {
    out.exclusiveMaximum = schema.maximum;
    delete out.maximum;
  }
  if (isObject(schema.properties)) {
    const props: JsonObject = {};
    for (const [k, v] of Object.entries(schema.properties))
      props[k] = isObject(v) ? toJsonSchema(v, false, formats) : v;
    out.properties = props;
  }
  if (isObject(schema.items)) out.items = toJsonSchema(schema.items, false, formats);
  if (isObject(schema.not)) out.not = toJsonSchema(schema.not, true, formats);
  if (isObject(schema.additionalProperties))
    out.additionalProperties = toJsonSchema(schema.additionalProperties, false, formats);
  else if (typeof schema.additionalProperties === 'boolean')
    out.additionalProperties = schema.additionalProperties;
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[k];
    if (Array.isArray(list)) out[k] = list.map((s) => (isObject(s) ? toJsonSchema(s, true, formats) : s));
  }
  const listsProperties =
    out.properties !== undefined || ['allOf', 'anyOf', 'oneOf'].some((k) => out[k] !== undefined);
  if (!loose && listsProperties && schema.additionalProperties === undefined && out.type !== 'array') {
    out.unevaluatedProperties = false;
  }
  if (schema.nullable === true) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pointerEscape(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export { METHODS };
export type { Json, JsonObject };
