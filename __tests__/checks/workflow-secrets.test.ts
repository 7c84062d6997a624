import { describe, expect, it } from '@jest/globals';
import { workflowSecrets } from '../../src/checks/workflow-secrets.js';
import { runCheckOnFiles } from '../support/run-check.js';

const run = (workflow: string) => runCheckOnFiles(workflowSecrets, { '.github/workflows/w.yml': workflow });
const rules = (workflow: string) =>
  run(workflow).findings.map((f) => [f.rule, f.severity, f.confidence, f.line, f.column]);

describe('workflow-secrets: secrets-inherit', () => {
  const CALL = `on: push
jobs:
  call:
    uses: org/repo/.github/workflows/release.yml@v1
    secrets: inherit
`;
  it('reports a reusable workflow call that inherits every secret, at `inherit`', () => {
    const out = run(CALL);
    expect(out.status).toBe('fail');
    expect(rules(CALL)).toEqual([['secrets-inherit', 'medium', 'high', 5, 14]]);
    expect(out.findings[0]!.message).toContain('org/repo/.github/workflows/release.yml@v1');
  });

  it('rates inheriting into a workflow of this repository low', () => {
    expect(
      rules(CALL.replace('org/repo/.github/workflows/release.yml@v1', './.github/workflows/release.yml')),
    ).toEqual([['secrets-inherit', 'low', 'high', 5, 14]]);
  });

  it('does not report secrets passed by name', () => {
    expect(
      run(CALL.replace('secrets: inherit', 'secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}')).findings,
    ).toEqual([]);
  });

  it('reports a call whose secrets come from an anchor', () => {
    const anchored = `on: push
jobs:
  a:
    uses: ./.github/workflows/a.yml
    secrets: &all inherit
  b:
    uses: ./.github/workflows/b.yml
    secrets: *all
`;
    expect(rules(anchored).map((r) => r[0])).toEqual(['secrets-inherit']);
  });
});

describe('workflow-secrets: secrets-wholesale and unredacted-secrets', () => {
  it('reports toJSON(secrets) and a secret picked at run time, at each expression', () => {
    const wf = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy
        env:
          ALL: \${{ toJSON(secrets) }}
          ONE: \${{ secrets[matrix.target] }}
`;
    expect(rules(wf)).toEqual([
      ['secrets-wholesale', 'medium', 'high', 8, 16],
      ['secrets-wholesale', 'medium', 'high', 9, 16],
    ]);
  });

  it('reports a field of a JSON secret, and not the secret used whole', () => {
    const wf = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: ./login "$USER"
        env:
          USER: \${{ fromJSON(secrets.CREDS).user }}
      - run: ./login
        env:
          CREDS: \${{ secrets.CREDS }}
          NAMED: \${{ toJSON(secrets.CREDS) }}
`;
    expect(rules(wf)).toEqual([['unredacted-secrets', 'medium', 'high', 8, 17]]);
  });
});

describe('workflow-secrets: secrets-outside-environment', () => {
  const PRT = `on: pull_request_target
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - run: ./label
        env:
          TOKEN: \${{ secrets.BOT_TOKEN }}
`;
  it('reports secrets in an outsider-triggered job without an environment', () => {
    const out = run(PRT);
    expect(rules(PRT)).toEqual([['secrets-outside-environment', 'low', 'medium', 8, 18]]);
    expect(out.findings[0]!.related?.[0]).toMatchObject({ line: 1 });
    expect(out.status).toBe('partial');
  });

  it('does not report the job behind an environment, the GITHUB_TOKEN, or a push workflow', () => {
    expect(run(PRT.replace('runs-on:', 'environment: bots\n    runs-on:')).findings).toEqual([]);
    expect(run(PRT.replace('secrets.BOT_TOKEN', 'secrets.GITHUB_TOKEN')).findings).toEqual([]);
    expect(run(PRT.replace('pull_request_target', 'push')).findings).toEqual([]);
  });
});

describe('workflow-secrets: hardcoded-container-credentials', () => {
  const WF = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    container:
      image: registry.example.com/app:1
      credentials:
        username: bot
        password: hunter2-not-a-secret
    services:
      db:
        image: registry.example.com/db:1
        credentials:
          username: bot
          password: \${{ secrets.REGISTRY_PASSWORD }}
    steps:
      - run: true
`;
  it('reports a password written into the container, and not one taken from a secret, without quoting it', () => {
    const out = run(WF);
    expect(rules(WF)).toEqual([['hardcoded-container-credentials', 'high', 'high', 9, 19]]);
    expect(out.findings[0]!.message).not.toContain('hunter2');
  });
});

describe('workflow-secrets: outcome', () => {
  it('passes a workflow that passes secrets by name, and is not applicable without workflows', () => {
    const out = run(
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./x\n        env: { T: "${{ secrets.T }}" }\n',
    );
    expect(out.status).toBe('pass');
    expect(runCheckOnFiles(workflowSecrets, {}).status).toBe('not-applicable');
  });
});
