import { describe, expect, it } from '@jest/globals';
import { dependencyUpdateTool } from '../../src/checks/dependency-update-tool.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (name: string) => runCheckOnDir(dependencyUpdateTool, fixture('dependency-update-tool', name));

describe('dependency-update-tool', () => {
  it('passes when Dependabot covers every ecosystem in use, github-actions included', async () => {
    const outcome = await run('dependabot-complete');
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['Dependabot updates npm', 'Dependabot updates github-actions']),
    );
    expect(outcome.evidence.find((e) => e.summary === 'Dependabot updates github-actions')?.line).toBe(6);
  });

  it('is partial and names each ecosystem the config misses (the .yaml spelling is read too)', async () => {
    const outcome = await run('dependabot-missing-actions');
    expect(outcome.status).toBe('partial');
    const messages = outcome.findings.map((f) => f.message).join('\n');
    expect(messages).toMatch(/github-actions/);
    expect(messages).toMatch(/gomod ecosystem used by go\.mod/);
    expect(outcome.findings.every((f) => f.path === '.github/dependabot.yaml')).toBe(true);
  });

  it('passes with a Renovate config at the root, whose defaults cover every manager', async () => {
    expect((await run('renovate-root')).status).toBe('pass');
  });

  it('is partial when Renovate enabledManagers leaves out an ecosystem in use', async () => {
    const outcome = await run('renovate-narrowed');
    expect(outcome.status).toBe('partial');
    expect(outcome.findings[0]!.message).toMatch(/docker/);
  });

  it('fails when neither tool is configured', async () => {
    const outcome = await run('none');
    expect(outcome.status).toBe('fail');
    expect(outcome.findings[0]!.message).toMatch(/pip/);
  });

  it('is not applicable when there is nothing to update', async () => {
    expect((await run('docs-only')).status).toBe('not-applicable');
  });

  it('fails with the parser position when dependabot.yml is not valid YAML', async () => {
    const outcome = await run('dependabot-invalid');
    expect(outcome.status).toBe('fail');
    expect(outcome.findings[0]).toMatchObject({ path: '.github/dependabot.yml', line: 4 });
  });

  it('fails when a key of dependabot.yml is repeated, which Dependabot rejects', () => {
    const outcome = runCheckOnFiles(dependencyUpdateTool, {
      '.github/dependabot.yml':
        'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    directory: /web\n',
      'package.json': '{}',
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.findings[0]).toMatchObject({ path: '.github/dependabot.yml', line: 5 });
    expect(outcome.findings[0]!.message).toMatch(/not valid YAML.*unique/);
  });

  it('reads a Renovate config embedded in package.json', () => {
    const outcome = runCheckOnFiles(dependencyUpdateTool, {
      'package.json': JSON.stringify({ name: 'x', renovate: { extends: ['config:recommended'] } }),
    });
    expect(outcome.status).toBe('pass');
  });

  it('ignores manifests inside test fixtures and vendored code', () => {
    const outcome = runCheckOnFiles(dependencyUpdateTool, {
      '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n',
      'package.json': '{}',
      'vendor/x/go.mod': 'module x',
      '__tests__/fixtures/a/Cargo.toml': '',
    });
    expect(outcome.status).toBe('pass');
  });

  it('fails when dependabot.yml has no updates', () => {
    const outcome = runCheckOnFiles(dependencyUpdateTool, {
      '.github/dependabot.yml': 'version: 2\n',
      'package.json': '{}',
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.findings[0]!.message).toMatch(/no `updates:`/);
  });
});

describe('dependency-update-tool ecosystem detection', () => {
  it('does not take source files named after Docker for Dockerfiles', () => {
    const outcome = runCheckOnFiles(dependencyUpdateTool, {
      '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n',
      'package.json': '{}',
      'src/evidence/dockerfile.ts': '',
      'docs/Dockerfile.md': '',
    });
    expect(outcome.status).toBe('pass');
  });

  it('counts Dockerfile variants as the docker ecosystem', () => {
    for (const name of ['Dockerfile', 'api.Dockerfile', 'Dockerfile.dev', 'Containerfile']) {
      const outcome = runCheckOnFiles(dependencyUpdateTool, {
        '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n',
        [name]: 'FROM scratch',
      });
      expect(outcome.findings.map((f) => f.message).join()).toMatch(/docker ecosystem/);
    }
  });

  describe('Dependabot hardening rules', () => {
    const config = (entry: string) =>
      runCheckOnFiles(dependencyUpdateTool, {
        '.github/dependabot.yml': `version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n${entry}`,
        'package.json': '{"name":"x"}',
      });
    const rules = (entry: string) =>
      config(entry).findings.map((f) => [f.rule, f.severity, f.confidence, f.line]);

    it('reports insecure-external-code-execution: allow as high, at the key, and makes the check partial', () => {
      const out = config('    insecure-external-code-execution: allow\n    cooldown: { default-days: 7 }\n');
      expect(
        rules('    insecure-external-code-execution: allow\n    cooldown: { default-days: 7 }\n'),
      ).toEqual([['dependabot-execution', 'high', 'high', 5]]);
      expect(out.status).toBe('partial');
    });

    it('does not report the setting when it denies', () => {
      const out = config('    insecure-external-code-execution: deny\n    cooldown: { default-days: 7 }\n');
      expect(out.findings).toEqual([]);
      expect(out.status).toBe('pass');
    });

    it('reports a missing cooldown at the ecosystem and a short one at its days, as low advice that keeps the pass', () => {
      const missing = config('');
      expect(rules('')).toEqual([['dependabot-cooldown', 'low', 'high', 3]]);
      expect(missing.status).toBe('pass');
      expect(rules('    cooldown:\n      default-days: 2\n')).toEqual([
        ['dependabot-cooldown', 'low', 'high', 6],
      ]);
    });

    it('reads a cooldown shared through an anchor, and places the finding of each entry on its own lines', () => {
      const out = runCheckOnFiles(dependencyUpdateTool, {
        '.github/dependabot.yml':
          'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    cooldown: &cool { default-days: 7 }\n' +
          '  - package-ecosystem: github-actions\n    directory: /\n    cooldown: *cool\n' +
          '  - package-ecosystem: pip\n    directory: /\n    insecure-external-code-execution: allow\n',
        'package.json': '{"name":"x"}',
      });
      expect(out.findings.map((f) => [f.rule, f.line])).toEqual([
        ['dependabot-execution', 11],
        ['dependabot-cooldown', 9],
      ]);
    });
  });
});
