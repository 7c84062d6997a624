import { describe, expect, it } from '@jest/globals';
import { load as loadYaml } from 'js-yaml';
import { workflowPermissions } from '../../src/checks/workflow-permissions.js';
import { actionWrites, parseActionTable } from '../../src/rules/action-token-scopes.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (name: string) => runCheckOnDir(workflowPermissions, fixture('workflow-permissions', name));

describe('workflow-permissions', () => {
  it('fails a workflow without top-level permissions whose jobs declare none', async () => {
    const out = await run('missing');
    expect(out.status).toBe('fail');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ severity: 'medium', path: '.github/workflows/ci.yml', line: 1 });
    expect(out.findings[0]!.message).toContain('`test`');
  });

  it('passes a workflow without top-level permissions when every job declares its own', async () => {
    const out = await run('jobs-declare');
    expect(out.status).toBe('pass');
    expect(out.evidence[0]!.summary).toMatch(/every job declares its own/);
  });

  it('reports write-all as high at the shorthand', async () => {
    const out = await run('write-all');
    expect(out.findings).toEqual([expect.objectContaining({ severity: 'high', line: 2, column: 14 })]);
  });

  it('accepts write scopes that a release, attestation, CodeQL or PR-comment step needs, and says why', async () => {
    const out = await run('needed');
    expect(out.status).toBe('pass');
    expect(out.findings).toEqual([]);
    const summary = out.evidence[0]!.summary;
    expect(summary).toMatch(
      /`contents: write` \(step “softprops\/action-gh-release@v2” uses softprops\/action-gh-release\)/,
    );
    expect(summary).toMatch(/`id-token: write`.*attest-build-provenance/);
    expect(summary).toMatch(/`security-events: write`/);
    expect(summary).toMatch(/`pull-requests: write`.*sticky-pull-request-comment/);
  });

  it('asks for review (low, not an accusation) of job-level writes no step needs, at the scope', async () => {
    const out = await run('unneeded');
    expect(out.status).toBe('partial');
    expect(out.findings.map((f) => [f.severity, f.line, f.column])).toEqual([
      ['low', 8, 17],
      ['low', 9, 17],
    ]);
    expect(out.findings[0]!.message).toMatch(/review whether `contents: read`/);
  });

  it('reports top-level write scopes given to jobs that do not need them', async () => {
    const out = await run('top-write');
    expect(out.findings.map((f) => [f.severity, f.line])).toEqual([
      ['low', 3],
      ['low', 4],
    ]);
    expect(out.findings[0]!.message).toMatch(/needed by `release` but also given to `test`/);
    expect(out.findings[1]!.message).toMatch(/possibly used by `release` but also given to `test`/);
  });

  it('treats reusable workflows correctly: callee limits count for the caller, workflow_call-only files inherit', async () => {
    const out = await run('reusable');
    expect(out.status).toBe('pass');
    const byPath = Object.fromEntries(out.evidence.map((e) => [e.path, e.summary]));
    expect(byPath['.github/workflows/ci.yml']).toMatch(/every job declares its own/);
    expect(byPath['.github/workflows/publish.yml']).toMatch(/reusable workflow.*caller/);
    expect(byPath['.github/workflows/publish.yml']).toMatch(/`packages: write` \(.*GitHub Packages\)/);
  });

  it('marks a scope used through github-script as review (info), not a failure', async () => {
    const out = await run('review');
    expect(out.status).toBe('pass');
    expect(out.findings.map((f) => f.severity)).toEqual(['info', 'info']);
    expect(out.findings[0]!.message).toMatch(/Review `issues: write`.*github-script/);
  });

  it('reports an unparseable workflow as unknown, without throwing', () => {
    const out = runCheckOnFiles(workflowPermissions, { '.github/workflows/x.yml': 'on: [push\n' });
    expect(out.status).toBe('unknown');
    expect(out.evidence[0]!.summary).toMatch(/could not be parsed/);
  });

  it('does not judge composite actions, which have no permissions', () => {
    const out = runCheckOnFiles(workflowPermissions, {
      'action.yml': 'runs:\n  using: composite\n  steps: []\n',
    });
    expect(out.status).toBe('not-applicable');
  });
});

describe('workflow-permissions, top-level writes', () => {
  it('fails a top-level write scope that no job needs', () => {
    const out = runCheckOnFiles(workflowPermissions, {
      '.github/workflows/ci.yml':
        'on: push\npermissions:\n  packages: write\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    });
    expect(out.status).toBe('fail');
    expect(out.findings).toEqual([expect.objectContaining({ severity: 'medium', line: 3, column: 13 })]);
  });
});

describe('workflow-permissions, needs it cannot see', () => {
  it('claims a write scope unneeded only when every step is known, and says when the need is undetermined', async () => {
    const out = await run('undetermined');
    expect(out.status).toBe('pass');
    const byPath = Object.fromEntries(out.evidence.map((e) => [e.path, e.summary]));
    // lock-threads writes issues, pull requests and discussions; SARIF upload, npm provenance as documented.
    expect(byPath['.github/workflows/lock.yml']).toMatch(
      /`discussions: write` at the top .* is used by `lock`/,
    );
    expect(byPath['.github/workflows/publish.yml']).toMatch(/`security-events: write` \(.*upload-sarif/);
    expect(byPath['.github/workflows/publish.yml']).toMatch(
      /job `npm` needs `id-token: write` \(.*npm publish/,
    );
    const said = out.findings.map((f) => [f.path, f.line, f.severity, f.confidence, f.message]);
    expect(said).toEqual([
      [
        '.github/workflows/publish.yml',
        28,
        'info',
        'low',
        expect.stringMatching(
          /Could not determine whether job `sign` needs `id-token: write`: .*`make sign-release`/,
        ),
      ],
      [
        '.github/workflows/publish.yml',
        34,
        'info',
        'low',
        expect.stringMatching(
          /job `self` needs `contents: write`: .*example-org\/publish-this-action.*not in sscop's table/,
        ),
      ],
      [
        '.github/workflows/unknown-top.yml',
        3,
        'info',
        'low',
        expect.stringMatching(/Could not determine whether `bot` needs `pull-requests: write` at the top/),
      ],
    ]);
  });
});

describe('the table of actions and the token scopes they write with', () => {
  it('looks an action up by name, parent path or owner, and knows nothing of unlisted actions', () => {
    expect(actionWrites('dessant/lock-threads')).toEqual(['issues', 'pull-requests', 'discussions']);
    expect(actionWrites('github/codeql-action/upload-sarif')).toEqual(['security-events']);
    expect(actionWrites('sigstore/cosign-installer')).toEqual(['id-token']);
    expect(actionWrites('actions/checkout')).toEqual([]);
    expect(actionWrites('actions/github-script')).toBe('any');
    expect(actionWrites('example-org/unknown')).toBeUndefined();
  });

  it('rejects an entry without a source, with an unknown scope, or listed twice', () => {
    const parseTable = (text: string) => parseActionTable(loadYaml(text));
    const entry = (extra: string) => `actions:\n  - uses: a/b\n    writes: [contents]\n${extra}`;
    expect(() => parseTable(entry(''))).toThrow(/source/);
    expect(() =>
      parseTable('actions:\n  - uses: a/b\n    writes: [admin]\n    source: https://github.com/a/b\n'),
    ).toThrow();
    const one = '  - uses: a/b\n    writes: []\n    source: https://github.com/a/b\n';
    expect(() => parseTable(`actions:\n${one}${one}`)).toThrow(/twice/);
  });
});
