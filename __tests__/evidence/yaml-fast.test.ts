/**
 * The fast YAML parser (js-yaml events into `yaml` nodes) against `yaml` itself: the same workflow
 * model, positions included, for every YAML file in the fixtures and generated trees and for
 * hand-written edge cases; the same document under the options of its other readers (dependabot.yml,
 * the config file, Compose files); what it does not take goes to `yaml`.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { generateTree, SIZES } from '../../bench/generate.js';
import { BUDGETS, parseYamlDocument } from '../../src/evidence/parse-budget.js';
import { parseWorkflow, type Workflow } from '../../src/evidence/workflows.js';
import { parseDocumentFast } from '../../src/evidence/yaml-fast.js';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { FIXTURES } from '../support/run-check.js';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(p));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && statSync(p).size < 200_000) out.push(p);
  }
  return out;
}

/** The model as data, with positions sampled through `positionAt`. */
function comparable(wf: Workflow): unknown {
  const { positionAt, ...rest } = wf;
  const samples = [];
  for (let at = 0; at <= wf.text.length; at += 5) samples.push(positionAt(at));
  return { ...rest, samples };
}

function expectSameModel(file: string, text: string, kind: Workflow['kind']): void {
  const fast = parseWorkflow(file, text, kind);
  const reference = parseWorkflow(file, text, kind, { fastParser: false });
  expect({ file, model: comparable(fast) }).toEqual({ file, model: comparable(reference) });
}

describe('the fast workflow parser', () => {
  const files = yamlFiles(FIXTURES);

  it('gives the model `yaml` gives, for every YAML file in the fixtures', () => {
    expect(files.length).toBeGreaterThan(50);
    let taken = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (parseDocumentFast(text)) taken++;
      for (const kind of ['workflow', 'action'] as const)
        expectSameModel(path.relative(FIXTURES, file), text, kind);
    }
    // Most fixtures are plain YAML: the fast path is what is being tested.
    expect(taken).toBeGreaterThan(files.length / 2);
  });

  it('gives the model `yaml` gives, for the workflows of a generated tree', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sscop-yaml-fast-'));
    try {
      const tree = await generateTree(path.join(dir, 'repo'), { ...SIZES.small, workflows: 40, git: false });
      const workflows = tree.paths.filter((p) => p.startsWith('.github/workflows/'));
      expect(workflows.length).toBe(40);
      for (const p of workflows)
        expectSameModel(p, readFileSync(path.join(tree.root, p), 'utf8'), 'workflow');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['empty values', 'on:\n  push:\n  workflow_dispatch:   \n  pull_request:  # c\npermissions:\njobs: {}\n'],
    ['quoted scalars', 'name: \'it\'\'s\'\nenv:\n  A: "a\\tb"\n  B: "multi\n    line"\njobs: {}\n'],
    [
      'block scalars',
      'jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          echo 1\n\n          echo 2\n\n\n      - run: >-\n          a\n          b\n      - run: |2\n           indented\n      - name: last\n        run: |\n          tail',
    ],
    [
      'flow collections',
      'on: [push, "pull_request"]\njobs:\n  a: {runs-on: x, steps: [{run: a}, {uses: "b@v1"} ] } # c\n',
    ],
    [
      'typed scalars',
      'on: push\nenv:\n  A: 1.10\n  B: 0x1F\n  C: true\n  D: ~\n  E: 1e3\n  F: .inf\n  G: 007\njobs: {}\n',
    ],
    [
      'CRLF line breaks',
      'on: push\r\njobs:\r\n  a:\r\n    runs-on: x\r\n    steps:\r\n      - run: |\r\n          echo a\r\n',
    ],
    ['a plain multi-line scalar', 'name: a\n  b\n  c\non: push\njobs: {}\n'],
    ['a repeated key', 'on: push\non: pull_request\njobs: {}\n'],
    ['a document end marker', 'on: push\njobs: {}\n...\n'],
    ['a tab after a colon', 'on:\tpush\njobs: {}\n'],
    ['keys and values beyond ASCII', 'name: é ü 🚀\non: push\nenv:\n  "ключ": "значение"\njobs: {}\n'],
    ['a document that is not a mapping', '- a\n- b\n'],
    ['an empty file', ''],
    ['comments only', '# nothing\n'],
  ])('agrees with `yaml` on %s', (_label, text) => {
    expectSameModel('.github/workflows/x.yml', text, 'workflow');
  });

  it.each([
    ['anchors and aliases', 'env: &e\n  A: 1\njobs:\n  a:\n    env: *e\n'],
    ['merge keys', 'x: &b\n  a: 1\ny:\n  <<: *b\n'],
    ['tags', 'a: !!str 1\n'],
    ['keep chomping', 'a: |+\n  x\n\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['a lone carriage return', 'a: 1\rb: 2\n'],
    ['an empty sequence item', 'a:\n  -\n  - b\n'],
    ['a key over 1,000 characters (an error to `yaml`)', `${'k'.repeat(1100)}: 1\n`],
  ])('leaves %s to `yaml`', (_label, text) => {
    expect(parseDocumentFast(text)).toBeUndefined();
    expectSameModel('.github/workflows/x.yml', text, 'workflow');
  });
});

/**
 * A document's nodes as data, as its readers use them: values, where each node starts (and where
 * a scalar ends), flow style. Where a block collection ends is not read, and the two place it
 * differently (before or after its last line break).
 */
function documentShape(doc: Document): unknown {
  const shape = (node: unknown): unknown => {
    if (isScalar(node)) return { value: node.value, at: node.range?.slice(0, 2) };
    if (isMap(node))
      return {
        map: node.items.map((p) => [shape(p.key), shape(p.value)]),
        at: node.range?.[0],
        flow: !!node.flow,
      };
    if (isSeq(node)) return { seq: node.items.map(shape), at: node.range?.[0], flow: !!node.flow };
    return node === null || node === undefined ? null : { other: String(node) };
  };
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    js = { thrown: String(error) };
  }
  return {
    contents: shape(doc.contents as Node | null),
    js,
    errors: doc.errors.map((e) => e.message),
    warnings: doc.warnings.map((w) => w.message),
  };
}

describe('the fast parser for the other YAML documents read with positions', () => {
  const readers = {
    'dependabot.yml (keys unique)': {},
    'the config file (keys unique)': { uniqueKeys: true },
    'Compose files (merge keys, repeated keys)': { merge: true, uniqueKeys: false },
  } as const;
  const parsed = (text: string, fast: boolean, options: object = {}) => {
    const read = parseYamlDocument(text, BUDGETS.dependabot, { ...options, fast });
    if (!read.ok) throw new Error('over budget');
    return documentShape(read.value);
  };

  it.each(Object.entries(readers))(
    'gives the document `yaml` gives for %s, for every YAML file in the fixtures',
    (_reader, options) => {
      const files = yamlFiles(FIXTURES);
      let taken = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        if (parseDocumentFast(text, { uniqueKeys: !('uniqueKeys' in options) || options.uniqueKeys }))
          taken++;
        expect({ file, doc: parsed(text, true, options) }).toEqual({
          file,
          doc: parsed(text, false, options),
        });
      }
      expect(taken).toBeGreaterThan(files.length / 2);
    },
  );

  it.each([
    ['a repeated key', 'version: 2\nversion: 3\n'],
    ['a repeated key deeper down', 'updates:\n  - directory: /\n    directory: /web\n'],
    ['keys equal once resolved', 'a: 1\n"a": 2\n1: x\n0x1: y\n'],
    ['a repeated key in a flow mapping', 'x: {a: 1, a: 2}\n'],
  ])('leaves %s to `yaml`, which reports it', (_label, text) => {
    expect(parseDocumentFast(text, { uniqueKeys: true })).toBeUndefined();
    expect(parsed(text, true)).toEqual(parsed(text, false));
    expect((parsed(text, false) as { errors: string[] }).errors.join()).toMatch(/unique/);
  });

  it('takes the same keys in different mappings, and repeated keys where they may repeat', () => {
    const text = 'a:\n  x: 1\nb:\n  x: 2\n';
    expect(parseDocumentFast(text, { uniqueKeys: true })).toBeDefined();
    expect(parseDocumentFast('a: 1\na: 2\n', { uniqueKeys: false })).toBeDefined();
  });
});
