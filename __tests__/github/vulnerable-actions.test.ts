/**
 * Online: the rule `known-vulnerable-action` asks the GitHub Advisory Database about the
 * referenced actions in batches and matches each reference's version against the ranges, through
 * the real client and the fake GitHub API (responses validated against GitHub's OpenAPI description).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  ADVISORY_NAMES_PER_REQUEST,
  MAX_ADVISORY_NAMES,
  MAX_ADVISORY_PAGES,
} from '../../src/github/action-advisories.js';
import { scan } from '../../src/scan.js';
import { basicError, globalAdvisory } from '../support/fake-github/fixtures.js';
import { TODAY } from '../support/fake-github/scenarios.js';
import type { FakeGitHub, RouteTable } from '../support/fake-github/server.js';
import { scanWithRoutes } from '../support/online-scan.js';
import { workflowRepo } from '../support/workflow-repo.js';

const SHA = 'b'.repeat(40);
const RULE = 'known-vulnerable-action';

let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function repoWith(stepLines: string[]): Promise<string> {
  return workflowRepo('sscop-vuln-', stepLines);
}

const uses = (refs: string[]): string[] => refs.map((r) => `      - uses: ${r}`);

async function scanOnline(root: string, routes: RouteTable) {
  let report;
  ({ report, server } = await scanWithRoutes(root, routes));
  const check = report.checks.find((c) => c.id === 'workflow-references')!;
  return { report, check, vulnerable: check.findings.filter((f) => f.rule === RULE) };
}

const ok = (body: unknown, headers?: Record<string, string>) => ({
  status: 200,
  body,
  ...(headers && { headers }),
});
const advisoryRequests = () => server!.requests.filter((r) => r.path === '/advisories');
const evidenceOf = (check: { evidence: { summary: string }[] }) =>
  check.evidence.map((e) => e.summary).join('\n');

const TOOL_ADVISORY = globalAdvisory({
  ghsa: 'GHSA-2222-3333-4444',
  action: 'acme/tool',
  range: '>= 1.0.0, < 1.3.0',
  patched: '1.3.0',
  severity: 'critical',
  summary: 'Command injection through the title input',
});

describe('known-vulnerable action versions', () => {
  it('reports a tag in the range, not one past the fix, and a SHA by its comment with medium confidence', async () => {
    const { check, vulnerable } = await scanOnline(
      await repoWith(
        uses([
          'acme/tool@v1.2.0',
          'acme/tool@v1.3.0',
          `acme/tool@${SHA} # v1.1.0`,
          `acme/tool@${SHA}`,
          'acme/tool@main',
        ]),
      ),
      { 'GET /advisories': ok([TOOL_ADVISORY]) },
    );
    expect(vulnerable).toEqual([
      expect.objectContaining({
        line: 7,
        severity: 'critical',
        confidence: 'high',
        message: expect.stringMatching(
          /uses `acme\/tool@v1\.2\.0`, a version that GHSA-2222-3333-4444 \(critical severity\) lists as vulnerable \(affected: >= 1\.0\.0, < 1\.3\.0; fixed in 1\.3\.0\): “Command injection through the title input”/,
        ),
        remediation: expect.stringMatching(
          /^Upgrade to 1\.3\.0 or later.*https:\/\/github\.com\/advisories\/GHSA-2222-3333-4444/,
        ),
      }),
      expect.objectContaining({
        line: 9,
        confidence: 'medium',
        message: expect.stringMatching(/`acme\/tool` at a commit commented as v1\.1\.0/),
      }),
    ]);
    expect(check.status).toBe('fail');
    expect(evidenceOf(check)).toMatch(
      /1 action names answered in 1 request, 1 advisory consulted; 3 of 5 references judged by version; 2 could not be matched to a version/,
    );
    // One request for every reference, reviewed advisories of the actions ecosystem only.
    expect(advisoryRequests().map((r) => r.query)).toEqual([
      { type: 'reviewed', ecosystem: 'actions', affects: 'acme/tool', per_page: '100' },
    ]);
  });

  it('reports a moving major tag only when the whole major is affected', async () => {
    const { check, vulnerable } = await scanOnline(await repoWith(uses(['acme/tool@v1', 'acme/old@v2'])), {
      'GET /advisories': ok([
        TOOL_ADVISORY,
        globalAdvisory({
          ghsa: 'GHSA-5555-6666-7777',
          action: 'acme/old',
          range: '< 3.0.0',
          patched: null,
          severity: 'high',
        }),
      ]),
    });
    expect(vulnerable).toEqual([
      expect.objectContaining({
        line: 8,
        severity: 'high',
        confidence: 'high',
        remediation: expect.stringMatching(/^No fixed release is published/),
      }),
    ]);
    expect(evidenceOf(check)).toMatch(
      /1 moving tags \(`v4`\) whose line has a fixed release were not reported/,
    );
  });

  it('ignores a withdrawn advisory', async () => {
    const { vulnerable } = await scanOnline(await repoWith(uses(['acme/tool@v1.2.0'])), {
      'GET /advisories': ok([{ ...TOOL_ADVISORY, withdrawn_at: '2024-01-01T00:00:00Z' }]),
    });
    expect(vulnerable).toEqual([]);
  });

  it('matches an action in a folder by its repository or its own path, not a sibling folder', async () => {
    const { vulnerable } = await scanOnline(
      await repoWith(uses(['acme/suite/deploy@v2.0.0', 'acme/suite/build@v2.0.0'])),
      {
        'GET /advisories': ok([
          globalAdvisory({
            ghsa: 'GHSA-7777-8888-9999',
            action: 'acme/suite/deploy',
            range: '<= 2.0.0',
            patched: '2.0.1',
          }),
        ]),
      },
    );
    expect(vulnerable.map((f) => f.line)).toEqual([7]);
    expect(advisoryRequests()[0]!.query.affects!.split(',').sort()).toEqual([
      'acme/suite',
      'acme/suite/build',
      'acme/suite/deploy',
    ]);
  });

  it('reports each use through a YAML anchor and its alias at its own line', async () => {
    const { vulnerable } = await scanOnline(
      await repoWith(['      - &tool', '        uses: acme/tool@v1.2.0', '      - *tool']),
      { 'GET /advisories': ok([TOOL_ADVISORY]) },
    );
    expect(vulnerable.map((f) => f.line)).toEqual([8, 9]);
  });

  it('follows the Link header to the next page', async () => {
    const { vulnerable } = await scanOnline(await repoWith(uses(['acme/tool@v1.2.0'])), {
      'GET /advisories': [
        ok(
          [
            globalAdvisory({
              ghsa: 'GHSA-9999-8888-7777',
              action: 'acme/other',
              range: '< 1.0.0',
              patched: '1.0.0',
            }),
          ],
          {
            link: '<{server}/advisories?ecosystem=actions&affects=acme%2Ftool&per_page=100&after=Y3Vyc29y>; rel="next"',
          },
        ),
        ok([TOOL_ADVISORY]),
      ],
    });
    expect(vulnerable.map((f) => f.line)).toEqual([7]);
    expect(advisoryRequests().map((r) => r.query.after)).toEqual([undefined, 'Y3Vyc29y']);
  });

  it(`claims nothing for a batch with more than ${MAX_ADVISORY_PAGES} pages`, async () => {
    const next = { link: '<{server}/advisories?ecosystem=actions&after=bW9yZQ>; rel="next"' };
    const { check, vulnerable } = await scanOnline(await repoWith(uses(['acme/tool@v1.2.0'])), {
      'GET /advisories': ok([TOOL_ADVISORY], next),
    });
    expect(advisoryRequests()).toHaveLength(MAX_ADVISORY_PAGES);
    expect(vulnerable).toEqual([]);
    expect(evidenceOf(check)).toMatch(
      /1 not observed: GitHub did not answer \(more than 300 advisories.*\), so nothing is claimed/,
    );
  });

  it.each([
    ['a 403', { status: 403, body: basicError('Resource not accessible by integration', 403) }, 1],
    ['a 500 after retries', { status: 500, body: basicError('Server Error', 500) }, 4],
  ])(
    'says the rule was not observed on %s, and does not pass it by silence',
    async (_, response, requests) => {
      const { check, vulnerable } = await scanOnline(
        await repoWith(uses(['acme/tool@v1.2.0', 'acme/tool@main'])),
        {
          'GET /advisories': response,
        },
      );
      expect(vulnerable).toEqual([]);
      expect(advisoryRequests()).toHaveLength(requests);
      expect(evidenceOf(check)).toMatch(
        /0 action names answered in \d+ requests?, 0 advisories consulted; 0 of 2 references judged by version; 1 could not be matched to a version.*; 1 not observed: GitHub did not answer \(.+\), so nothing is claimed of them/,
      );
    },
  );

  it(`asks ${ADVISORY_NAMES_PER_REQUEST} actions a request, and at most ${MAX_ADVISORY_NAMES} a scan`, async () => {
    const count = MAX_ADVISORY_NAMES + 10;
    const { check } = await scanOnline(
      await repoWith(uses(Array.from({ length: count }, (_, i) => `acme/a${i}@v1.0.0`))),
      {
        'GET /advisories': ok([]),
      },
    );
    const batches = advisoryRequests().map((r) => r.query.affects!.split(','));
    expect(batches).toHaveLength(Math.ceil(MAX_ADVISORY_NAMES / ADVISORY_NAMES_PER_REQUEST));
    expect(batches.every((b) => b.length === ADVISORY_NAMES_PER_REQUEST)).toBe(true);
    expect(new Set(batches.flat()).size).toBe(MAX_ADVISORY_NAMES);
    expect(evidenceOf(check)).toMatch(
      /200 of 210 references judged by version; 10 not asked: 10 action names beyond the cap/,
    );
  });

  it('batches 120 actions into 3 requests', async () => {
    await scanOnline(await repoWith(uses(Array.from({ length: 120 }, (_, i) => `acme/b${i}@v1.0.0`))), {
      'GET /advisories': ok([]),
    });
    expect(advisoryRequests()).toHaveLength(3);
  });

  it('says offline that the rule was not run', async () => {
    const { report } = await scan({ root: await repoWith(uses(['acme/tool@v1.2.0'])), today: TODAY });
    const check = report.checks.find((c) => c.id === 'workflow-references')!;
    expect(check.findings).toEqual([]);
    expect(evidenceOf(check)).toMatch(
      /known-vulnerable versions not checked \(offline scan; run with --repo and a token\)/,
    );
  });
});
