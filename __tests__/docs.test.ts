/** The documentation stays in step with the rule pack: every check has its page and its README row. */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRulePack, type CheckRule } from '../src/rules/pack.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const pack = loadRulePack();

describe('documentation', () => {
  it.each([...pack.checks.values()].map((c): [string, CheckRule] => [c.id, c]))(
    '%s has a doc page that names its claims',
    (_id, rule) => {
      const file = path.join(root, rule.docs);
      expect(existsSync(file)).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(`\`${rule.id}\``);
      for (const claim of rule.claims) expect(text).toContain(claim);
    },
  );

  it.each([...pack.checks.values()].map((c): [string, CheckRule] => [c.id, c]))(
    '%s is listed in the README with its claims',
    (_id, rule) => {
      const row = readme.split('\n').find((l) => l.startsWith(`| [\`${rule.id}\`](${rule.docs})`));
      expect(row).toBeDefined();
      expect(row).toContain(`| ${rule.source} |`);
      expect(row).toContain(`| ${rule.claims.join(', ')} |`);
    },
  );

  it('has a README checks table generated from the current rule pack', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/readme-checks.mjs', '--check'], { cwd: root, stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('documents every action input and output in the README', () => {
    const action = readFileSync(path.join(root, 'action.yml'), 'utf8');
    const section = (name: string) => action.slice(action.indexOf(`${name}:\n`)).split(/\n(?=\S)/)[0] ?? '';
    for (const kind of ['inputs', 'outputs']) {
      const names = [...section(kind).matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(3);
      for (const name of names) expect(readme).toContain(`| \`${name}\` |`);
    }
  });
});
