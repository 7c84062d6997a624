/**
 * The evidence pack, end to end through the CLI on a fixture repository made into a real git
 * checkout (so repository and commit are known), and the pure builder on its own.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { readInputs } from '../../src/action/inputs.js';
import type { ClaimStatus } from '../../src/model/types.js';
import { buildEvidencePack } from '../../src/report/evidence-pack.js';
import { renderEvidencePackHtml } from '../../src/report/evidence-pack-html.js';
import { renderEvidencePackMarkdown } from '../../src/report/evidence-pack-markdown.js';
import type { Report } from '../../src/report/report.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fixture } from '../support/run-check.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const REPO = 'acme/widget';
const ALL_CLAIM_STATUSES: readonly ClaimStatus[] = [
  'met',
  'partially-met',
  'not-met',
  'attested',
  'unknown',
  'not-applicable',
];

const cli = (args: string[], env: Record<string, string> = {}) => runCliCaptured(args, { env });

/** Copies a fixture into a fresh git repository whose origin is acme/widget on `host`. */
async function checkout(name: string, host = 'github.com'): Promise<{ dir: string; sha: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-pack-'));
  await fs.cp(fixture('evidence-pack', name), dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-C', dir, ...args], {
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  git('remote', 'add', 'origin', `https://${host}/${REPO}.git`);
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  return { dir, sha: git('rev-parse', 'HEAD') };
}

function claimStatuses(report: Report): Map<string, ClaimStatus> {
  return new Map(report.principles.flatMap((p) => p.claims.map((c) => [c.id, c.status] as const)));
}

function elements(node: Node): Element[] {
  const out: Element[] = [];
  const visit = (n: Node) => {
    if ('tagName' in n) out.push(n);
    const children = 'childNodes' in n ? n.childNodes : [];
    for (const child of children) visit(child);
    if ('content' in n && n.content) visit(n.content);
  };
  visit(node);
  return out;
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const textOf = (el: Node): string =>
  'value' in el && el.nodeName === '#text'
    ? el.value
    : 'childNodes' in el
      ? el.childNodes.map(textOf).join('')
      : '';

let sha: string;
let report: Report;
let statuses: Map<string, ClaimStatus>;
let markdown: string;
let html: string;

beforeAll(async () => {
  const repo = await checkout('vendor');
  sha = repo.sha;
  const json = await cli(['scan', repo.dir, '--format', 'json']);
  expect(json.code).toBe(0);
  report = JSON.parse(json.stdout) as Report;
  statuses = claimStatuses(report);
  const md = await cli(['assess', repo.dir]);
  expect(md.code).toBe(0);
  markdown = md.stdout;
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-pack-out-')), 'pack.html');
  const written = await cli(['assess', repo.dir, '--output', out]);
  expect(written.code).toBe(0);
  expect(written.stderr).toMatch(/evidence pack written to .*pack\.html \(score \d+, passed\)/);
  html = await fs.readFile(out, 'utf8');
});

describe('the fixture', () => {
  it('is a real checkout: the report knows repository and commit', () => {
    expect(report.repository).toBe(REPO);
    expect(report.commit).toBe(sha);
    expect(statuses.size).toBe(45);
  });

  it('has the statuses the config declares: attested, not applicable, and unknown where nothing speaks', () => {
    for (const id of ['1.1.1', '1.1.2', '1.1.5', '2.1.6']) expect(statuses.get(id)).toBe('attested');
    expect(statuses.get('1.4.3')).toBe('not-applicable');
    expect(statuses.get('1.1.6')).toBe('unknown');
    expect(statuses.get('3.2.2')).toBe('met');
  });
});

describe('sscop assess — Markdown', () => {
  const STATUS_TEXT: Record<ClaimStatus, string> = {
    met: 'met',
    'partially-met': 'partially met',
    'not-met': 'not met',
    attested: 'attested',
    unknown: 'unknown',
    'not-applicable': 'not applicable',
  };

  it('has every one of the 45 claims exactly once, with the status the assessment gave it', () => {
    const headings = [
      ...markdown.matchAll(/^#### (\d+\.\d+\.\d+) .*\n\n\*\*Status:\*\* \S+ ([a-z ]+?)(?: ·|\n)/gm),
    ];
    expect(headings).toHaveLength(45);
    expect(new Set(headings.map((m) => m[1])).size).toBe(45);
    for (const [, id, status] of headings) expect(status).toBe(STATUS_TEXT[statuses.get(id!)!]);
  });

  it('opens with a cover: repository, commit, date, tool version, score, coverage and what was verified vs attested vs unknown', () => {
    const cover = markdown.slice(0, markdown.indexOf('## Theme 1'));
    expect(cover).toContain(`| Repository | [acme/widget](<https://github.com/${REPO}>) |`);
    expect(cover).toContain(`| Commit | [\`${sha}\`](<https://github.com/${REPO}/commit/${sha}>) |`);
    expect(cover).toMatch(/\| Date \| \d{4}\\-\d\d\\-\d\d \d\d:\d\d UTC \|/);
    expect(cover).toMatch(/\| Tool \| sscop \d+\.\d+\.\d+ \(offline scan\) \|/);
    expect(cover).toContain(`| Score | **${report.score}/100**`);
    expect(cover).toContain(
      `${report.coverage.observed} of ${report.coverage.total} in-scope claims observed`,
    );
    expect(cover).toMatch(/^Verified: \d+ claims rest on evidence sscop observed itself/m);
    expect(cover).toMatch(/^Attested: 4 claims are declared by the vendor/m);
    expect(cover).toMatch(/^Unknown: \d+ claims could not be observed/m);
    expect(cover).toMatch(/^Not applicable: \d+ claims are out of scope/m);
  });

  it('groups the claims by theme and principle, in the Code’s order', () => {
    const order = [...markdown.matchAll(/^(##|###|####) (?:Theme )?(\d+(?:\.\d+){0,2})\b/gm)].map(
      (m) => m[2],
    );
    expect(order.filter((id) => /^\d+$/.test(id!))).toEqual(['1', '2', '3', '4']);
    expect(order.filter((id) => /^\d+\.\d+$/.test(id!))).toHaveLength(14);
    expect(order.indexOf('1.1.6')).toBeLessThan(order.indexOf('1.2'));
    expect(order.indexOf('2')).toBeGreaterThan(order.indexOf('1.4.5'));
  });

  it('links file evidence to the exact line at the commit', () => {
    const links = [...markdown.matchAll(/\]\(<(https:\/\/github\.com\/[^>]+\/blob\/[^>]+)>\)/g)].map(
      (m) => m[1]!,
    );
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(link.startsWith(`https://github.com/${REPO}/blob/${sha}/`)).toBe(true);
    expect(links).toContainEqual(expect.stringMatching(new RegExp(`/blob/${sha}/SECURITY\\.md#L\\d+$`)));
    // The attested path is linked at the commit too.
    expect(markdown).toContain(
      `[docs/training.md](<https://github.com/${REPO}/blob/${sha}/docs/training.md>)`,
    );
  });

  it('uses GITHUB_SERVER_URL for the permalinks, when the origin remote is on that server', async () => {
    const { dir } = await checkout('vendor', 'ghe.example.com');
    const { stdout } = await cli(['assess', dir], { GITHUB_SERVER_URL: 'https://ghe.example.com/' });
    expect(stdout).toContain('(<https://ghe.example.com/acme/widget/blob/');
    expect(stdout).not.toContain('(<https://github.com/acme/widget/blob/');
  });

  it('shows attestations with their URL or path and note, and marks them as not verified', () => {
    const claim = section(markdown, '1.1.1');
    expect(claim).toContain('Attestation (declared, not verified): We follow NIST SSDF');
    expect(claim).toContain('(<https://example.com/acme/ssdf-mapping?view=full&lang=en>)');
    expect(claim).toMatch(/\*\*Argument\.\*\* No sscop check can observe this claim; the vendor declares it/);
  });

  it('shows a claim marked not applicable with its reason', () => {
    const claim = section(markdown, '1.4.3');
    expect(claim).toContain('Not applicable (declared in the config): The library has no accounts');
    expect(claim).not.toContain('**Next steps**');
  });

  it('says what to do next: the check’s remediation, or attest it where no check can observe the claim', () => {
    const noCheck = section(markdown, '1.1.6');
    expect(noCheck).toContain('No sscop check can observe this claim: attest it in .github/sscop.yml');
    expect(noCheck).toContain('the appendix for the vendor shows how');
    const notMet = [...statuses].find(([id, s]) => s === 'not-met' && id.startsWith('4.'))!;
    expect(section(markdown, notMet[0])).toContain('Publish end\\-of\\-support dates');
    expect(section(markdown, '3.2.2')).not.toContain('**Next steps**');
  });

  it('gives every claim an argument', () => {
    for (const id of statuses.keys()) expect(section(markdown, id)).toMatch(/\*\*Argument\.\*\* \S/);
    expect(section(markdown, '3.2.2')).toMatch(
      /“Security policy with a private reporting channel” passed on the repository&#39;s files at this commit: .*That is direct evidence that “the process describes how to confidentially report vulnerabilities”\./,
    );
  });

  it('escapes repository and config text: no HTML, no links, no mentions from an attestation note', () => {
    const claim = section(markdown, '2.1.6');
    expect(claim).toContain('&lt;script&gt;');
    expect(claim).not.toMatch(/<script|<img|\]\(javascript|@everyone/);
  });
});

describe('sscop assess — HTML', () => {
  it('is a standalone document that parses without errors', () => {
    const errors: string[] = [];
    parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
    expect(errors).toEqual([]);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
  });

  it('requests nothing: no scripts, stylesheets, images, fonts or frames; only links to evidence', () => {
    const doc = parse(html);
    const all = elements(doc);
    for (const tag of [
      'script',
      'link',
      'img',
      'iframe',
      'object',
      'embed',
      'video',
      'audio',
      'source',
      'svg',
      'base',
      'form',
    ])
      expect(all.filter((el) => el.tagName === tag)).toEqual([]);
    expect(all.filter((el) => attr(el, 'src') !== undefined)).toEqual([]);
    expect(all.filter((el) => attr(el, 'style') !== undefined)).toEqual([]);
    expect(all.filter((el) => el.attrs.some((a) => a.name.startsWith('on')))).toEqual([]);
    const hrefs = all.filter((el) => attr(el, 'href') !== undefined);
    expect(hrefs.every((el) => el.tagName === 'a')).toBe(true);
    const allowed = [
      /^#/,
      new RegExp(`^https://github\\.com/acme/widget/blob/${sha}/`),
      new RegExp(`^https://github\\.com/acme/widget(/commit/${sha})?$`),
      /^https:\/\/example\.com\/acme\/ssdf-mapping\?view=full&lang=en$/,
    ];
    for (const el of hrefs) expect(allowed.some((re) => re.test(attr(el, 'href')!))).toBe(true);
    const css = all
      .filter((el) => el.tagName === 'style')
      .map(textOf)
      .join('\n');
    expect(css).not.toMatch(/url\(|@import|@font-face/);
    expect(css).toMatch(/@media print/);
    expect(css).toMatch(/\.theme \{ break-before: page/);
  });

  it('tells the browser so too, with a Content-Security-Policy that allows only its own inline style', () => {
    const meta = elements(parse(html)).find((el) => attr(el, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(meta!, 'content')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('has every one of the 45 claims exactly once, with its status, under its principle and theme', () => {
    const all = elements(parse(html));
    const claims = all.filter((el) => el.tagName === 'article' && attr(el, 'class')?.startsWith('claim '));
    expect(claims).toHaveLength(45);
    const ids = claims.map((el) => attr(el, 'id')!.replace(/^claim-/, ''));
    expect(new Set(ids).size).toBe(45);
    for (const el of claims) {
      const id = attr(el, 'id')!.replace(/^claim-/, '');
      expect(attr(el, 'data-status')).toBe(statuses.get(id));
    }
    const themes = all.filter((el) => el.tagName === 'section' && attr(el, 'class') === 'theme');
    expect(themes.map((el) => attr(el, 'id'))).toEqual(['theme-1', 'theme-2', 'theme-3', 'theme-4']);
    const theme2 = elements(themes[1]!).filter((el) => el.tagName === 'article');
    expect(theme2.map((el) => attr(el, 'id'))).toEqual([
      'claim-2.1.1',
      'claim-2.1.2',
      'claim-2.1.3',
      'claim-2.1.4',
      'claim-2.1.5',
      'claim-2.1.6',
      'claim-2.2.1',
      'claim-2.2.2',
      'claim-2.2.3',
      'claim-2.2.4',
    ]);
  });

  it('escapes the attestation note and path: markup is text, the only link is an encoded permalink', () => {
    const all = elements(parse(html));
    const claim = all.find((el) => attr(el, 'id') === 'claim-2.1.6')!;
    expect(textOf(claim)).toContain("<script>alert('pwned')</script>");
    expect(textOf(claim)).toContain('@everyone');
    expect(elements(claim).filter((el) => el.tagName === 'img' || el.tagName === 'script')).toEqual([]);
    const hrefs = elements(claim)
      .filter((el) => el.tagName === 'a')
      .map((el) => attr(el, 'href') ?? '');
    for (const href of hrefs)
      expect(href).toMatch(/^https:\/\/github\.com\/acme\/widget\/blob\/[0-9a-f]{40}\/[^"<> ]+$/);
    expect(html).not.toMatch(/href="javascript/i);
  });
});

describe('buildEvidencePack', () => {
  it('builds no permalinks when the repository is not OWNER/NAME or the commit is unknown', () => {
    const local = { ...report, repository: 'widget' };
    const noCommit = { ...report, commit: null };
    for (const r of [local, noCommit]) {
      const pack = buildEvidencePack(r);
      expect(pack.commitUrl).toBeUndefined();
      const md = renderEvidencePackMarkdown(pack);
      expect(md).not.toContain('/blob/');
      expect(renderEvidencePackHtml(pack)).not.toContain('/blob/');
    }
  });

  it('counts every claim once across the statuses', () => {
    const pack = buildEvidencePack(report);
    const total = ALL_CLAIM_STATUSES.reduce((n, s) => n + pack.counts[s], 0);
    expect(total).toBe(45);
    expect(pack.themes.flatMap((t) => t.principles.flatMap((p) => p.claims))).toHaveLength(45);
  });

  it('escapes a hostile repository name and file path in both formats', () => {
    const hostile: Report = {
      ...report,
      repository: '<img src=x onerror=alert(1)>',
      checks: report.checks.map((c) =>
        c.id === 'security-policy'
          ? {
              ...c,
              evidence: [
                { summary: '<b>bold</b>', path: 'a")<script>.md', line: 3, quote: '[x](javascript:y)' },
              ],
            }
          : c,
      ),
    };
    const pack = buildEvidencePack(hostile);
    const page = renderEvidencePackHtml(pack);
    const all = elements(parse(page));
    expect(all.filter((el) => ['img', 'script', 'b'].includes(el.tagName))).toEqual([]);
    const md = renderEvidencePackMarkdown(pack);
    expect(md).not.toMatch(/<img|<script|<b>|\]\(javascript/);
  });
});

describe('action inputs', () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('takes the evidence pack format from the extension', () => {
    expect(readInputs(inputs({ 'evidence-pack': 'out/pack.html' })).evidencePack).toEqual({
      path: 'out/pack.html',
      format: 'html',
    });
    expect(readInputs(inputs({ 'evidence-pack': 'pack.md', baseline: 'previous.json' }))).toMatchObject({
      evidencePack: { path: 'pack.md', format: 'markdown' },
      baseline: 'previous.json',
    });
    expect(readInputs(inputs({})).evidencePack).toBeUndefined();
  });

  it('rejects an evidence pack path without .md or .html; a baseline serves the gate without an evidence pack', () => {
    expect(() => readInputs(inputs({ 'evidence-pack': 'pack.pdf' }))).toThrow(
      /Invalid input 'evidence-pack': "pack\.pdf"\. Expected a path ending in \.md or \.html\./,
    );
    expect(readInputs(inputs({ baseline: 'previous.json' })).baseline).toBe('previous.json');
  });
});

function section(md: string, claimId: string): string {
  const start = md.indexOf(`#### ${claimId} `);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = md.slice(start + 5).search(/^#{2,4} /m);
  return next < 0 ? md.slice(start) : md.slice(start, start + 5 + next);
}
