/**
 * The HTML evidence pack in a real browser: headless Chromium opens it from disk and prints it to
 * PDF, as a person would with "Save as PDF". scripts/ensure-chromium.sh installs Chromium and
 * poppler-utils where it can (root with apt-get); where it cannot, the test is reported as skipped.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { runCliCaptured } from '../support/run-cli.js';
import { fixture } from '../support/run-check.js';
import { ensureChromium, headlessFlags } from '../support/chromium.js';

const run = promisify(execFile);

const browser = ensureChromium();
const hasPoppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;
if (!browser.chromium) {
  console.warn(`evidence-pack browser test SKIPPED: headless Chromium is not available (${browser.reason})`);
}
const itWithBrowser = browser.chromium ? it : it.skip;

async function pdfOfPack(): Promise<{ pdf: string; html: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-browser-'));
  const repo = path.join(dir, 'repo');
  await fs.cp(fixture('evidence-pack', 'vendor'), repo, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-C', repo, ...args]);
  git('init', '-q');
  git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  const html = path.join(dir, 'pack.html');
  const { code } = await runCliCaptured(['assess', repo, '--output', html], { cwd: dir });
  expect(code).toBe(0);
  const pdf = path.join(dir, 'pack.pdf');
  await run(
    browser.chromium!,
    [
      ...headlessFlags(path.join(dir, 'profile')),
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      pathToFileURL(html).href,
    ],
    { timeout: 120_000 },
  );
  return { pdf, html };
}

/** The PDF's text, one string per page (pdftotext separates pages with form feeds). */
async function pagesOf(pdf: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return stdout.split('\f').filter((page) => page.trim() !== '');
}

describe('the HTML evidence pack in headless Chromium', () => {
  itWithBrowser(
    'prints to a PDF with pages, the repository name, and each theme starting a new page',
    async () => {
      const { pdf } = await pdfOfPack();
      const bytes = await fs.readFile(pdf);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pageObjects = bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pageObjects.length).toBeGreaterThanOrEqual(5);
      if (!hasPoppler) {
        console.warn('pdftotext (poppler-utils) is missing: the PDF text was not checked');
        return;
      }
      const pages = await pagesOf(pdf);
      expect(pages.length).toBe(pageObjects.length);
      expect(pages[0]).toContain('acme/widget');
      expect(pages[0]).toContain('Software Security Code of Practice');
      for (const theme of ['Theme 1', 'Theme 2', 'Theme 3', 'Theme 4']) {
        const page = pages.find((p) => p.includes(`${theme} —`));
        expect(page).toBeDefined();
        // The theme heading is the first line of its page (print CSS: a page break before each theme).
        expect(page!.trim().split('\n')[0]!.trim()).toMatch(new RegExp(`^${theme} —`));
      }
      const text = pages.join('\n');
      for (const claim of ['1.1.1', '2.2.4', '3.2.2', '4.3.2']) expect(text).toContain(claim);
    },
    10 * 60_000,
  );
});
