import { afterEach, describe, expect, it } from '@jest/globals';
import {
  assertScenarioConforms,
  openApiValidator,
  startFakeGitHub,
  type FakeGitHub,
} from '../support/fake-github/server.js';
import { repository } from '../support/fake-github/fixtures.js';
import { SCENARIOS } from '../support/fake-github/scenarios.js';

describe('the fake GitHub API', () => {
  let server: FakeGitHub | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(Object.keys(SCENARIOS))(
    'serves scenario %s only with responses that conform to the OpenAPI description',
    (name) => {
      expect(() => assertScenarioConforms(SCENARIOS[name as keyof typeof SCENARIOS]())).not.toThrow();
    },
  );

  it('rejects a fixture with a field GitHub does not have', () => {
    const bad = { ...repository(), secret_scaning: true };
    const op = openApiValidator().match('GET', '/repos/acme/widgets')!;
    expect(openApiValidator().validateResponse(op, 200, bad).join('\n')).toMatch(
      /unevaluated properties \(secret_scaning\)/,
    );
  });

  it('rejects a fixture missing a required field, and accepts null only where the description allows it', () => {
    const op = openApiValidator().match('GET', '/repos/acme/widgets/private-vulnerability-reporting')!;
    expect(openApiValidator().validateResponse(op, 200, {})).not.toEqual([]);
    expect(openApiValidator().validateResponse(op, 200, { enabled: null })).not.toEqual([]);
    const repoOp = openApiValidator().match('GET', '/repos/acme/widgets')!;
    expect(
      openApiValidator().validateResponse(repoOp, 200, { ...repository(), template_repository: null }),
    ).toEqual([]);
  });

  it('refuses to start a scenario whose fixtures drift from the description', async () => {
    await expect(
      startFakeGitHub({
        name: 'drift',
        description: '',
        routes: {
          'GET /repos/acme/widgets/private-vulnerability-reporting': {
            status: 200,
            body: { enabled: 'yes' },
          },
        },
      }),
    ).rejects.toThrow(/does not conform/);
  });

  it('matches the most specific path template and decodes parameters', () => {
    const op = openApiValidator().match('GET', '/repos/acme/widgets/rules/branches/release%2F1.x')!;
    expect(op.operationId).toBe('repos/get-branch-rules');
    expect(op.params).toEqual({ owner: 'acme', repo: 'widgets', branch: 'release/1.x' });
  });

  it('records requests and validates request bodies', async () => {
    server = await startFakeGitHub(SCENARIOS.admin());
    const res = await fetch(`${server.url}/repos/acme/widgets/check-runs`, {
      method: 'POST',
      body: JSON.stringify({ nme: 'x' }),
    });
    expect(res.status).toBe(404);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/repos/acme/widgets/check-runs',
      operationId: 'checks/create',
    });
    expect(server.violations.join('\n')).toMatch(/request/);
  });
});
