/**
 * Online: each referenced action repository is asked whether it is archived, and each branch or
 * tag name whether it is both (ref confusion), through the real client and the fake GitHub API
 * (responses validated against GitHub's OpenAPI description).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { MAX_PINS_VERIFIED } from '../../src/github/pins.js';
import { scan } from '../../src/scan.js';
import { basicError, FULL, repository } from '../support/fake-github/fixtures.js';
import { TODAY } from '../support/fake-github/scenarios.js';
import type { FakeGitHub, RouteTable } from '../support/fake-github/server.js';
import { scanWithRoutes } from '../support/online-scan.js';
import { workflowRepo } from '../support/workflow-repo.js';

const SHA = 'a'.repeat(40);

let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function repoWith(steps: string[]): Promise<string> {
  return workflowRepo(
    'sscop-refs-',
    steps.map((s) => `      - uses: ${s}`),
  );
}

/** matching-refs' answer: the refs of `kind` whose names start with the asked prefix. */
function refs(owner: string, repo: string, kind: 'heads' | 'tags', names: string[]): unknown[] {
  return names.map((name) => ({
    ref: `refs/${kind}/${name}`,
    node_id: 'MDM6UmVmcmVmcy9oZWFkcy9mZWF0dXJlQQ==',
    url: `https://api.github.com/repos/${owner}/${repo}/git/refs/${kind}/${name}`,
    object: {
      type: 'commit',
      sha: SHA,
      url: `https://api.github.com/repos/${owner}/${repo}/git/commits/${SHA}`,
    },
  }));
}

async function scanOnline(root: string, routes: RouteTable) {
  let report;
  ({ report, server } = await scanWithRoutes(root, routes));
  return report.checks.find((c) => c.id === 'workflow-references')!;
}

const ok = (body: unknown) => ({ status: 200, body });
const notFound = { status: 404, body: basicError('Not Found', 404) };
const forbidden = { status: 403, body: basicError('Resource not accessible by integration', 403) };

describe('archived action repositories', () => {
  it('reports an action whose repository is archived, once per use, and not one that is maintained', async () => {
    const check = await scanOnline(
      await repoWith([`acme/old-action@${SHA} # v1.0.0`, 'acme/live-action@v2', `acme/old-action@${SHA}`]),
      {
        'GET /repos/acme/old-action': ok(repository({ archived: true })),
        'GET /repos/acme/live-action': ok(repository()),
        'GET /repos/acme/live-action/git/matching-refs/heads/v2': ok([]),
      },
    );
    const archived = check.findings.filter((f) => f.rule === 'archived-action');
    expect(archived.map((f) => f.line)).toEqual([7, 9]);
    expect(archived[0]).toMatchObject({
      severity: 'medium',
      message: expect.stringMatching(
        /`acme\/old-action`, which is archived: it gets no fixes, security ones included/,
      ),
    });
    expect(archived[0]!.confidence ?? 'high').toBe('high');
    expect(check.status).toBe('fail');
    // One lookup per distinct repository.
    const lookups = server!.requests.filter(
      (r) => r.operationId === 'repos/get' && r.path !== `/repos/${FULL}`,
    );
    expect(lookups.map((r) => r.path).sort()).toEqual(['/repos/acme/live-action', '/repos/acme/old-action']);
  });

  it('claims nothing when GitHub does not answer (404, 403): the repositories stay unknown', async () => {
    const check = await scanOnline(await repoWith(['acme/private-action@v1', 'acme/blocked@v2']), {
      'GET /repos/acme/private-action': notFound,
      'GET /repos/acme/private-action/git/matching-refs/heads/v1': notFound,
      'GET /repos/acme/blocked': forbidden,
      'GET /repos/acme/blocked/git/matching-refs/heads/v2': forbidden,
    });
    expect(check.findings).toEqual([]);
    expect(check.status).toBe('pass');
    expect(check.evidence.map((e) => e.summary)).toContain(
      'Action repositories looked up: 0 answered, 2 unknown; branch or tag names checked: 0 answered, 2 unknown',
    );
  });

  it('says offline that nothing was asked, and reports nothing', async () => {
    const { report } = await scan({ root: await repoWith(['acme/old-action@v1']), today: TODAY });
    const check = report.checks.find((c) => c.id === 'workflow-references')!;
    expect(check.findings).toEqual([]);
    expect(check.evidence.map((e) => e.summary)).toContain(
      'Archived action repositories, ref confusion and known-vulnerable versions not checked (offline scan; run with --repo and a token)',
    );
  });
});

describe('ref confusion', () => {
  it('reports a name that is both a branch and a tag, and not a tag with longer look-alikes', async () => {
    const check = await scanOnline(await repoWith(['acme/tool@v1', 'acme/tool@v2', 'acme/tool@main']), {
      'GET /repos/acme/tool': ok(repository()),
      'GET /repos/acme/tool/git/matching-refs/heads/v1': ok(refs('acme', 'tool', 'heads', ['v1'])),
      'GET /repos/acme/tool/git/matching-refs/tags/v1': ok(refs('acme', 'tool', 'tags', ['v1', 'v1.0.0'])),
      // Prefix matches only: a branch `v2-dev` and a tag `v2.1.0` are not `v2`.
      'GET /repos/acme/tool/git/matching-refs/heads/v2': ok(refs('acme', 'tool', 'heads', ['v2-dev'])),
      'GET /repos/acme/tool/git/matching-refs/heads/main': ok(refs('acme', 'tool', 'heads', ['main'])),
      'GET /repos/acme/tool/git/matching-refs/tags/main': ok(refs('acme', 'tool', 'tags', ['main-2024'])),
    });
    const confused = check.findings.filter((f) => f.rule === 'ref-confusion');
    expect(confused).toEqual([
      expect.objectContaining({
        line: 7,
        severity: 'medium',
        message: expect.stringMatching(/`acme\/tool@v1`, and `v1` is both a branch and a tag there/),
      }),
    ]);
    // The tag is asked only for a name that is a branch.
    const paths = server!.requests.map((r) => decodeURIComponent(r.path));
    expect(paths).not.toContain('/repos/acme/tool/git/matching-refs/tags/v2');
  });

  it('sends no request for a name git would refuse, so a hostile ref cannot steer the path', async () => {
    const check = await scanOnline(await repoWith(['acme/tool@../../../user', 'acme/tool@a..b']), {
      'GET /repos/acme/tool': ok(repository()),
    });
    expect(check.findings.filter((f) => f.rule === 'ref-confusion')).toEqual([]);
    expect(server!.requests.filter((r) => r.path.includes('matching-refs'))).toEqual([]);
    expect(server!.requests.filter((r) => r.path === '/user')).toEqual([]);
  });

  it('asks about at most the capped number of repositories and of names', async () => {
    const count = MAX_PINS_VERIFIED + 5;
    const uses = Array.from({ length: count }, (_, i) => `acme/a${i}@v${i}`);
    const check = await scanOnline(await repoWith(uses), {});
    const asked = server!.requests.filter(
      (r) => r.path !== `/repos/${FULL}` && r.path.startsWith('/repos/acme/a'),
    );
    expect(asked.filter((r) => r.operationId === 'repos/get')).toHaveLength(MAX_PINS_VERIFIED);
    expect(asked.filter((r) => r.path.includes('/git/matching-refs/'))).toHaveLength(MAX_PINS_VERIFIED);
    expect(check.evidence.map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/; 5 repositories and 5 names not checked \(cap\)$/),
    );
  });
});
