import { describe, expect, it } from '@jest/globals';
import { load as loadYaml } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_CHECKS } from '../src/checks/index.js';
import { loadRulePack, parseRulePack } from '../src/rules/pack.js';
import { loadCrosswalk, parseCrosswalk } from '../src/rules/crosswalk.js';
import { parseActionTable } from '../src/rules/action-token-scopes.js';
import { parseReferenceTables } from '../src/rules/action-references.js';
import { data as codeData } from '../rules/code-of-practice.yml';
import { data as checksData } from '../rules/checks.yml';
import { data as crosswalkData } from '../rules/osps-crosswalk.yml';
import { data as tokenScopesData } from '../rules/action-token-scopes.yml';
import { data as referencesData } from '../rules/action-references.yml';

describe('the rule pack', () => {
  const pack = loadRulePack();

  it('has the Code’s 4 themes, 14 principles and 45 claims', () => {
    expect(pack.themes.map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    expect(pack.principles).toHaveLength(14);
    expect(pack.claims.size).toBe(45);
    expect(pack.themes.map((t) => t.principles.reduce((n, p) => n + p.claims.length, 0))).toEqual([
      19, 10, 10, 6,
    ]);
  });

  it('files every claim under exactly one principle that matches its id', () => {
    const seen = new Map<string, string>();
    for (const principle of pack.principles) {
      for (const claim of principle.claims) {
        expect(seen.has(claim.id)).toBe(false);
        seen.set(claim.id, principle.id);
        expect(claim.id.startsWith(`${principle.id}.`)).toBe(true);
      }
    }
    expect(seen.size).toBe(45);
  });

  it('quotes principle titles and claims from the Code', () => {
    expect(pack.principles.find((p) => p.id === '3.2')?.title).toBe(
      'Implement and publish an effective vulnerability disclosure process.',
    );
    expect(pack.claims.get('4.2.1')?.text).toBe(
      "Customers are given at least 1 year's notice of when software will no longer be supported.",
    );
  });

  it('has exactly one rule entry for every implemented check, and no entry without an implementation', () => {
    const implemented = ALL_CHECKS.map((c) => c.id).sort();
    expect(new Set(implemented).size).toBe(implemented.length);
    expect([...pack.checks.keys()].sort()).toEqual(implemented);
  });

  it('has a test file for every check', () => {
    const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'checks');
    const missing = ALL_CHECKS.map((c) => c.id).filter((id) => !existsSync(path.join(root, `${id}.test.ts`)));
    expect(missing).toEqual([]);
  });

  it('gives every check the source its rule entry declares', () => {
    for (const check of ALL_CHECKS)
      expect({ id: check.id, source: check.source }).toEqual({
        id: check.id,
        source: pack.checks.get(check.id)!.source,
      });
  });

  it('maps every check to claims that exist, and derives its principles from them', () => {
    for (const rule of pack.checks.values()) {
      expect(rule.claims.length).toBeGreaterThan(0);
      for (const claim of rule.claims) expect(pack.claims.has(claim)).toBe(true);
      expect(rule.principles).toEqual(
        [...new Set(rule.claims.map((c) => pack.claims.get(c)!.principleId))].sort(),
      );
      expect(rule.docs).toBe(`docs/checks/${rule.id}.md`);
    }
  });

  it('rejects a pack with a duplicated check id or a claim that does not exist', () => {
    const code =
      'source: {title: t, publisher: p, published: "2025", url: "https://example.org"}\nthemes:\n  - id: "1"\n    title: T\n    principles:\n      - id: "1.1"\n        title: P\n        claims:\n          - {id: "1.1.1", text: C}\n';
    const entry = (id: string, claim: string): string =>
      `  - {id: ${id}, title: X, source: files, severity: low, weight: 1, claims: ["${claim}"], docs: d, remediation: r}\n`;
    const parse = (checks: string) => parseRulePack(loadYaml(code), loadYaml(checks));
    expect(() => parse(`checks:\n${entry('a', '1.1.1')}${entry('a', '1.1.1')}`)).toThrow(
      /check a appears twice/,
    );
    expect(() => parse(`checks:\n${entry('a', '9.9.9')}`)).toThrow(/unknown claim 9.9.9/);
  });
});

describe('the rule files as modules', () => {
  const require = createRequire(import.meta.url);
  const { yamlModuleSource } = require('../scripts/yaml-module.cjs') as {
    yamlModuleSource: (text: string, file: string) => string;
  };

  it('carry each file’s text and its documents, read as YAML when the module was built', async () => {
    for (const name of [
      'checks',
      'code-of-practice',
      'osps-crosswalk',
      'action-references',
      'action-token-scopes',
    ]) {
      const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'rules', `${name}.yml`);
      const module = (await import(`../rules/${name}.yml`)) as { default: string; data: unknown };
      expect(module.default).toBe(readFileSync(file, 'utf8'));
      expect(module.data).toEqual(loadYaml(module.default));
    }
  });

  it('pass their schemas: a scan takes them unchecked (src/rules/shipped.ts)', () => {
    const pack = parseRulePack(codeData, checksData);
    expect(pack).toEqual(loadRulePack());
    expect(parseCrosswalk(crosswalkData, pack)).toEqual(loadCrosswalk());
    expect(parseActionTable(tokenScopesData).byName.size).toBeGreaterThan(10);
    expect(parseReferenceTables(referencesData).popular.size).toBeGreaterThan(10);
  });

  it('refuses a value that JSON would carry changed', () => {
    expect(yamlModuleSource('a: 1\nb: [x, y]\n', 'ok.yml')).toContain('JSON.parse(');
    for (const [file, text] of [
      ['inf.yml', 'limit: .inf\n'],
      ['nan.yml', 'ratio: .nan\n'],
      ['zero.yml', 'offset: -0\n'],
    ])
      expect(() => yamlModuleSource(text!, file!)).toThrow(new RegExp(`${file}: .*quote it`));
  });
});
