/**
 * Side effects and secrets: the scan writes nothing inside the scanned repository, makes no request
 * except to the configured API URL (a proxy that records connections sees none), and the token
 * appears in no output of any online scenario (JSON, Markdown summary, text, SARIF).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { scan } from '../../src/scan.js';
import { githubOpenApi } from '../support/fake-github/openapi.js';
import { FULL } from '../support/fake-github/fixtures.js';
import { SCENARIOS, TODAY, type ScenarioName } from '../support/fake-github/scenarios.js';
import { startFakeGitHub } from '../support/fake-github/server.js';
import { runAction, webhookExample } from '../support/run-action.js';
import { runCliCaptured } from '../support/run-cli.js';
import { makeTree, snapshot } from '../hostile/support/trees.js';

const TOKEN = 'ghp_sideEffectsTokenNeverShown9876543210ab';
const FILES = {
  'SECURITY.md': '# Security\nEmail security@example.org.\n',
  '.github/CODEOWNERS': '* @acme/x\n/a/ bad\n',
  '.github/workflows/ci.yml':
    'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
  'src/index.ts': 'export {};\n',
};

/** A TCP listener standing in for a proxy: it records every connection and answers none. */
let proxy: Server;
const proxyConnections: string[] = [];
beforeAll(async () => {
  proxy = createServer((socket) => {
    proxyConnections.push(String(socket.remoteAddress));
    socket.once('data', (d) => proxyConnections.push(d.toString('latin1').split('\r\n')[0] ?? ''));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});
const proxyUrl = (): string => `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

describe('the scan writes nothing inside the scanned repository', () => {
  it('CLI without --output (all formats), on a git checkout', async () => {
    const root = await makeTree(FILES);
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'x'], {
      cwd: root,
    });
    const before = await snapshot(root);
    for (const format of ['text', 'json', 'markdown', 'sarif']) {
      const { code } = await runCliCaptured(['scan', root, '--format', format], { cwd: root });
      expect([0, 1]).toContain(code);
    }
    expect(await snapshot(root)).toEqual(before);
  });

  it('the action with report-file and sarif-file outside the checkout, through a recording proxy', async () => {
    const checkRun = (
      githubOpenApi() as unknown as {
        components: { examples: Record<string, { value: Record<string, unknown> }> };
      }
    ).components.examples['check-run']!.value;
    const fake = await startFakeGitHub({
      name: 'side-effects',
      description: 'check run allowed',
      routes: {
        ...SCENARIOS.githubToken().routes,
        [`POST /repos/${FULL}/check-runs`]: { status: 201, body: checkRun },
      },
    });
    try {
      const root = await makeTree(FILES);
      const out = await makeTree({}, 'sscop-out-');
      const before = await snapshot(root);
      proxyConnections.length = 0;
      const run = await runAction({
        workspace: root,
        eventName: 'push',
        payload: await webhookExample('push', () => true),
        repository: FULL,
        sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
        apiUrl: fake.url,
        inputs: {
          token: TOKEN,
          threshold: '0',
          'report-file': path.join(out, 'r.json'),
          'sarif-file': path.join(out, 'r.sarif'),
        },
        env: {
          HTTP_PROXY: proxyUrl(),
          HTTPS_PROXY: proxyUrl(),
          http_proxy: proxyUrl(),
          https_proxy: proxyUrl(),
          // The loopback fake is reached directly (the toolkit bypasses the proxy for loopback too).
          NO_PROXY: '127.0.0.1,localhost',
        },
      });
      expect(run.status).toBe(0);
      expect(await snapshot(root)).toEqual(before);
      expect(proxyConnections).toEqual([]);
      // Every request the action made reached the fake API, on routes it serves (the facts and the check
      // run), or asked about the action the workflow uses (archived? a ref both a branch and a tag?
      // advisories about it?), which this scenario does not serve.
      const served = new Set(Object.keys(fake.scenario.routes));
      const aboutTheAction = (p: string): boolean =>
        p === '/repos/actions/checkout' ||
        p.startsWith('/repos/actions/checkout/git/') ||
        p === '/advisories';
      expect(
        fake.requests.filter((r) => !served.has(`${r.method} ${r.path}`) && !aboutTheAction(r.path)),
      ).toEqual([]);
      expect(fake.requests.some((r) => r.method === 'POST' && r.path === `/repos/${FULL}/check-runs`)).toBe(
        true,
      );
      expect(fake.requests.length).toBeGreaterThan(5);
      const all = [
        run.stdout,
        run.stderr,
        run.summary,
        await fs.readFile(path.join(out, 'r.json'), 'utf8'),
        await fs.readFile(path.join(out, 'r.sarif'), 'utf8'),
      ];
      for (const text of all) expect(text).not.toContain(TOKEN);
    } finally {
      await fake.close();
    }
  });
});

describe('the token in every output of every online scenario', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeTree(FILES);
  });

  it.each(Object.keys(SCENARIOS) as ScenarioName[])(
    '%s: never in the JSON, Markdown, text or SARIF output, nor in an error',
    async (name) => {
      const fake = await startFakeGitHub(SCENARIOS[name]());
      try {
        const outputs: string[] = [];
        try {
          const { report } = await scan({
            root,
            today: TODAY,
            github: {
              repository: FULL,
              token: TOKEN,
              apiUrl: fake.url,
              client: { timeoutMs: 300, sleep: async () => {} },
            },
          });
          outputs.push(
            JSON.stringify(report),
            renderMarkdown(report, { serverUrl: 'https://github.com' }),
            renderText(report, { color: false }),
            JSON.stringify(renderSarif(report)),
          );
          // What could not be observed says why.
          for (const c of report.checks.filter((x) => x.status === 'unknown'))
            expect(c.unknown?.reason).toBeTruthy();
        } catch (error) {
          outputs.push(String(error), (error as Error).stack ?? '', JSON.stringify(error));
        }
        for (const text of outputs) expect(text).not.toContain(TOKEN);
        expect(fake.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
      } finally {
        await fake.close();
      }
    },
  );
});
