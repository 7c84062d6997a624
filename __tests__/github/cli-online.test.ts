/** `sscop scan --repo OWNER/NAME` against the fake GitHub, through the CLI shell. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FULL } from '../support/fake-github/fixtures.js';
import { SCENARIOS } from '../support/fake-github/scenarios.js';
import { runCliCaptured, type CliRun } from '../support/run-cli.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';

const TOKEN = 'ghs_cliTokenNeverPrinted000000000000';
let server: FakeGitHub | undefined;
let dir: string | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function cli(
  args: string[],
  env: Record<string, string | undefined>,
  files: Record<string, string> = {},
): Promise<CliRun> {
  dir = await mkdtemp(path.join(tmpdir(), 'sscop-cli-online-'));
  for (const [name, text] of Object.entries({ 'README.md': '# widgets\n', ...files })) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return runCliCaptured(args, { cwd: dir, env });
}

describe('sscop scan --repo', () => {
  it('scans online with the token from GITHUB_TOKEN and reports the request count', async () => {
    server = await startFakeGitHub(SCENARIOS.admin());
    const { stdout } = await cli(['scan', '.', '--repo', FULL, '--format', 'json'], {
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: server.url,
    });
    const report = JSON.parse(stdout) as {
      metadata: { mode: string; apiRequests: number };
      checks: { id: string; status: string }[];
    };
    expect(report.metadata.mode).toBe('online');
    expect(report.metadata.apiRequests).toBe(server.requests.length);
    expect(report.checks.find((c) => c.id === 'branch-protection')?.status).toBe('pass');
    expect(stdout).not.toContain(TOKEN);
  });

  it('prefers --token over GITHUB_TOKEN', async () => {
    server = await startFakeGitHub(SCENARIOS.admin());
    await cli(['scan', '.', '--repo', FULL, '--token', TOKEN, '--format', 'json'], {
      GITHUB_TOKEN: 'ghs_other',
      GITHUB_API_URL: server.url,
    });
    expect(server.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`);
  });

  it('exits 2 with a one-line reason on a rejected token, after writing the report', async () => {
    server = await startFakeGitHub(SCENARIOS.unauthorized());
    const { code, stdout, stderr } = await cli(['scan', '.', '--repo', FULL, '--format', 'json'], {
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: server.url,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^sscop: GitHub rejected the token \(401 Bad credentials\)/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr + stdout).not.toContain(TOKEN);
    const report = JSON.parse(stdout);
    expect(report.passed).toBe(false);
    expect(report.checks.find((c: { id: string }) => c.id === 'branch-protection').unknown.reason).toMatch(
      /GitHub refused the scan/,
    );
  });

  it('exits 2 when --repo has no token, or is not OWNER/NAME', async () => {
    expect((await cli(['scan', '.', '--repo', FULL], {})).stderr).toMatch(/--repo needs a token/);
    expect((await cli(['scan', '.', '--repo', 'widgets'], { GITHUB_TOKEN: TOKEN })).stderr).toMatch(
      /Invalid repository 'widgets'. Expected format \{owner\}\/\{repo\}/,
    );
  });

  it('--api-timeout bounds all API work: facts and pin checks that hang are unknown with the reason', async () => {
    const pin = 'a'.repeat(40);
    const hang = { status: 200, hang: true };
    server = await startFakeGitHub({
      ...SCENARIOS.githubToken(),
      routes: {
        ...SCENARIOS.githubToken().routes,
        [`GET /repos/${FULL}/releases`]: hang,
        'GET /repos/actions/checkout/commits/v4.1.1': hang,
      },
    });
    const started = performance.now();
    const { stdout } = await cli(
      ['scan', '.', '--repo', FULL, '--api-timeout', '1', '--format', 'json'],
      { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.url },
      {
        '.github/workflows/ci.yml': `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${pin} # v4.1.1\n`,
      },
    );
    // The per-request timeout is 30 s: only the one budget of 1 s explains an end this soon.
    expect(performance.now() - started).toBeLessThan(10_000);
    const report = JSON.parse(stdout) as {
      checks: { id: string; status: string; unknown?: { reason: string }; evidence: { summary: string }[] }[];
    };
    const maintained = report.checks.find((c) => c.id === 'maintained')!;
    expect(JSON.stringify(maintained)).toMatch(
      /releases: GET \/repos\/{owner}\/{repo}\/releases: GitHub had not answered; the API time budget ran out \(1 s/,
    );
    const pins = report.checks.find((c) => c.id === 'pinned-actions')!;
    expect(pins.evidence.map((e) => e.summary)).toContain(
      'SHA pins checked against their repositories: 1 unverified',
    );
  });

  it('--api-timeout needs --repo and a number of seconds', async () => {
    expect((await cli(['scan', '.', '--api-timeout', '5'], {})).stderr).toMatch(/--api-timeout need --repo/);
    expect(
      (await cli(['scan', '.', '--repo', FULL, '--api-timeout', 'soon'], { GITHUB_TOKEN: TOKEN })).stderr,
    ).toMatch(/--api-timeout: "soon" is not a number of seconds/);
  });
});
