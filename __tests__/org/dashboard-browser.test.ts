/**
 * The estate dashboard in a real browser: headless Chromium opens it from disk (nothing else is
 * allowed by its Content-Security-Policy), runs its script with a view in the link (filter by name,
 * sort by score), and takes a screenshot. Skipped where Chromium is not available, as the
 * evidence-pack browser test is.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { writeOrgReport } from '../../src/org/report-command.js';
import { ensureChromium, headlessFlags } from '../support/chromium.js';
import { SCORE_OF, templateReport, writeSyntheticReports } from '../support/org-reports.js';

const run = promisify(execFile);
const browser = ensureChromium();
if (!browser.chromium)
  console.warn(`dashboard browser test SKIPPED: no headless Chromium (${browser.reason})`);
const itWithBrowser = browser.chromium ? it : it.skip;

let dir: string;
let dashboard: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sscop-dashboard-'));
  await writeSyntheticReports(path.join(dir, 'reports'), 40, await templateReport());
  const { files } = await writeOrgReport({ inputs: ['reports'], out: 'estate', cwd: dir, threshold: 60 });
  dashboard = files.html;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function chromium(args: string[], url: string): Promise<string> {
  const { stdout } = await run(
    browser.chromium!,
    [...headlessFlags(path.join(dir, 'profile')), '--window-size=1280,900', ...args, url],
    { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

describe('the estate dashboard in headless Chromium', () => {
  itWithBrowser('filters by name and sorts by score from the view in its link', async () => {
    const dom = await chromium(
      ['--dump-dom'],
      `${pathToFileURL(dashboard).href}#q=repo-001&sort=score&desc=1`,
    );
    const visible = [...dom.matchAll(/<tr data-name="([^"]+)"(?![^>]*hidden)[^>]*>/g)].map((m) => m[1]!);
    const expected = Array.from({ length: 10 }, (_, k) => 10 + k)
      .sort((a, b) => SCORE_OF(b) - SCORE_OF(a))
      .map((i) => `acme/repo-00${i}`);
    expect(visible).toEqual(expected);
    expect(dom).toMatch(/<span id="shown">10<\/span>/);
  });

  itWithBrowser('renders a screenshot of the heat map', async () => {
    const png = path.join(dir, 'dashboard.png');
    await chromium([`--screenshot=${png}`], pathToFileURL(dashboard).href);
    const bytes = await readFile(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});
