/**
 * The job summary as a reviewer sees it: the action (`dist/index.js`) runs on a pull request that
 * adds a finding, its summary Markdown is rendered as GitHub-flavoured Markdown, and headless
 * Chromium lays it out at a laptop's window size. The verdict and the first new finding must be on
 * the first screen (above 800 pixels); the screenshot is kept in test-output/ for reviewers.
 * Skipped, like the evidence-pack browser test, where Chromium is not available.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { checkRunRoutes, pullRequestFiles, runOnPullRequestEvent } from '../support/action-e2e.js';
import { ensureChromium, headlessFlags, ROOT } from '../support/chromium.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';

const run = promisify(execFile);
const OUTPUT = path.join(ROOT, 'test-output', 'summary');
const FIRST_SCREEN = 800;

const browser = ensureChromium();
if (!browser.chromium) {
  console.warn(`job-summary browser test SKIPPED: headless Chromium is not available (${browser.reason})`);
}
const itWithBrowser = browser.chromium ? it : it.skip;

let fake: FakeGitHub | undefined;
afterAll(async () => {
  await fake?.close();
});

const PIPED_INSTALL = 'RUN curl -fsSL https://get.example.com/install.sh | bash\n';

/** A small repository with findings of its own; the pull request adds a piped download. */
const REPOSITORY = {
  Dockerfile: `FROM node:20\n${PIPED_INSTALL}`,
  '.github/workflows/ci.yml':
    'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n',
  'package.json': '{ "name": "widgets", "version": "1.0.0" }\n',
  'SECURITY.md': '# Security\nReport to security@example.org within 3 days.\n',
};

async function jobSummaryOfPullRequest(): Promise<string> {
  fake = await startFakeGitHub({
    name: 'summary',
    description: 'a pull request adding a piped download',
    routes: {
      ...checkRunRoutes(),
      ...pullRequestFiles({ Dockerfile: `@@ -1,1 +1,2 @@\n FROM node:20\n+${PIPED_INSTALL}` }),
    },
  });
  const { run: result } = await runOnPullRequestEvent({
    files: REPOSITORY,
    inputs: { 'new-findings-only': 'true' },
    apiUrl: fake.url,
  });
  expect(result.status).toBe(1);
  return result.summary;
}

/** GitHub-like styling of rendered Markdown, and a script that records where things are laid out. */
function page(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; max-width: 1012px; margin: 0 auto; padding: 24px 32px;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin: 24px 0 16px; }
h3 { font-size: 1.25em; margin: 24px 0 16px; }
p, ul, ol, table, details, blockquote { margin: 0 0 16px; }
table { border-collapse: collapse; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
code { background: #eff1f3; border-radius: 6px; padding: .2em .4em; font-size: 85%; }
blockquote { border-left: .25em solid #d1d9e0; padding: 0 1em; color: #59636e; }
</style></head><body><div class="markdown-body">${body}</div><script>
const bottom = (el) => (el ? Math.round(el.getBoundingClientRect().bottom + window.scrollY) : -1);
const added = [...document.querySelectorAll('h3')].find((h) => h.textContent.includes('This pull request adds'));
let table = added;
while (table && table.tagName !== 'TABLE') table = table.nextElementSibling;
document.body.dataset.positions = JSON.stringify({
  verdict: bottom(document.querySelector('h2')),
  verdictText: document.querySelector('h2')?.textContent ?? '',
  firstNewFinding: bottom(table?.querySelector('tbody tr')),
  firstNewFindingText: table?.querySelector('tbody tr')?.textContent ?? '',
  height: document.body.scrollHeight,
});
</script></body></html>`;
}

describe('the job summary in headless Chromium', () => {
  itWithBrowser(
    'shows the verdict and the first new finding on the first screen',
    async () => {
      const summary = await jobSummaryOfPullRequest();
      const html = page(
        micromark(summary, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }),
      );
      await fs.mkdir(OUTPUT, { recursive: true });
      const file = path.join(OUTPUT, 'summary.html');
      await fs.writeFile(file, html);
      await fs.writeFile(path.join(OUTPUT, 'summary.md'), summary);
      const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-chromium-'));
      const flags = headlessFlags(profile);
      await run(
        browser.chromium!,
        [
          ...flags,
          '--window-size=1280,1600',
          `--screenshot=${path.join(OUTPUT, 'summary.png')}`,
          pathToFileURL(file).href,
        ],
        { timeout: 120_000 },
      );
      const { stdout } = await run(
        browser.chromium!,
        [...flags, '--window-size=1280,800', '--dump-dom', pathToFileURL(file).href],
        { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      );
      await fs.rm(profile, { recursive: true, force: true });
      const positions = JSON.parse(
        (/data-positions="([^"]*)"/.exec(stdout)?.[1] ?? '{}').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
      ) as { verdict: number; verdictText: string; firstNewFinding: number; firstNewFindingText: string };
      expect(positions.verdictText).toMatch(/sscop: failed/);
      expect(positions.firstNewFindingText).toMatch(/Dockerfile:2/);
      expect(positions.verdict).toBeGreaterThan(0);
      expect(positions.verdict).toBeLessThanOrEqual(FIRST_SCREEN);
      expect(positions.firstNewFinding).toBeGreaterThan(positions.verdict);
      expect(positions.firstNewFinding).toBeLessThanOrEqual(FIRST_SCREEN);
      const png = await fs.readFile(path.join(OUTPUT, 'summary.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    },
    10 * 60_000,
  );
});
