/** Validators for the committed report schema and the SARIF 2.1.0 schema. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const addFormats = addFormatsModule as unknown as (ajv: object) => void;
const AjvDraft04 = AjvDraft04Module as unknown as typeof import('ajv').default;

export const reportSchema = JSON.parse(
  readFileSync(path.join(here, '..', '..', 'schema', 'report.schema.json'), 'utf8'),
);

export function validateReport(report: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(reportSchema);
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export function validateSarif(log: unknown): string[] {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export const attestationPredicateSchema = JSON.parse(
  readFileSync(path.join(here, '..', '..', 'schema', 'attestation-predicate.v1.schema.json'), 'utf8'),
);

export function validateAttestationPredicate(predicate: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(attestationPredicateSchema);
  return validate(predicate) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
