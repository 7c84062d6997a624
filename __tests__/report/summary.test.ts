/**
 * The job summary leads with the answer: the verdict and why, on a pull request what it adds (each
 * with its fix), the fixes that raise the score most; the rest is collapsed. These tests read the
 * Markdown as GitHub parses it (mdast with GFM).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import type { Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { gateOnNewFindings } from '../../src/report/new-findings.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { scoreGains } from '../../src/report/score-gains.js';
import { scan } from '../../src/scan.js';
import { makeTree } from '../hostile/support/trees.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});
async function scanned(files: Record<string, string>): Promise<Report> {
  const root = await makeTree(files);
  roots.push(root);
  return (await scan({ root, repository: 'acme/widgets', commit: 'c'.repeat(40) })).report;
}

const WORKFLOW =
  'on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: curl -s https://x.example/i.sh | sh\n';

let report: Report;
/** As on a pull request that added the piped download (line 8). */
let pullRequest: Report;
beforeAll(async () => {
  report = await scanned({ '.github/workflows/ci.yml': WORKFLOW, Dockerfile: 'FROM node:20\n' });
  pullRequest = {
    ...report,
    checks: report.checks.map((c) => ({
      ...c,
      findings: c.findings.map((f) => (f.checkId === 'unverified-downloads' ? { ...f, new: true } : f)),
    })),
  };
});

const tree = (markdown: string): Root =>
  fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
const textOf = (node: RootContent | Root): string =>
  'value' in node ? String(node.value) : 'children' in node ? node.children.map(textOf).join('') : '';
/** The document's top-level blocks as text, in order. */
const blocks = (markdown: string): string[] => tree(markdown).children.map(textOf);

describe('the verdict first', () => {
  it('opens with passed or failed and why', () => {
    const [heading, , why] = blocks(renderMarkdown(report));
    expect(heading).toBe('❌ sscop: failed');
    expect(why).toBe(`Why: ${report.gate.reasons[0]}.`);
  });

  it('on a fork pull request, explains its limits right after the verdict', () => {
    const out = blocks(renderMarkdown(pullRequest, { pullRequest: { fromFork: true } }));
    expect(out.findIndex((b) => b.startsWith('Pull request from a fork.'))).toBe(3);
  });
});

describe('on a pull request', () => {
  it('lists the findings it adds first, marked, each with its fix', () => {
    const markdown = renderMarkdown(pullRequest, { pullRequest: { fromFork: false } });
    const out = blocks(markdown);
    const added = out.findIndex((b) => b === '🆕 This pull request adds 1 finding');
    expect(added).toBeGreaterThan(0);
    expect(out.findIndex((b) => b.startsWith('Findings already in the repository'))).toBeGreaterThan(added);
    const row = markdown.split('\n').find((l) => l.includes('`unverified-downloads`'))!;
    expect(row).toMatch(/🆕/);
    expect(row).toMatch(/Download to a file|verify/i);
  });

  it('with new-findings-only: says which findings fail the gate, shows no threshold, collapses the rest', () => {
    const gated = gateOnNewFindings(pullRequest);
    const markdown = renderMarkdown(gated, { pullRequest: { fromFork: false } });
    expect(markdown).not.toMatch(/threshold/);
    expect(markdown).toMatch(/Why:\*\* the pull request adds 1 finding of medium severity or above\./);
    expect(markdown).toMatch(/1 of them fails the gate/);
    expect(markdown.split('\n').find((l) => l.includes('`unverified-downloads`'))).toMatch(/⛔/);
    expect(markdown).toMatch(
      /<details><summary>Findings already in the repository \(\d+ of \d+, most severe first; not gated\)/,
    );
  });
});

describe('what follows the answer', () => {
  it('names the fixes that raise the score most, with the points each gives', () => {
    const markdown = renderMarkdown(report);
    const best = scoreGains(report)[0]!;
    expect(markdown).toContain(`1. **+${best.points}** \`${best.check.id}\``);
  });

  it('shows severity icons and a fix column, and says where the findings not listed are', () => {
    const markdown = renderMarkdown(report, { maxFindings: 2, fullReportHint: 'out/r.json' });
    expect(markdown).toContain('| Severity | Where | Finding | Fix |');
    expect(markdown).toMatch(/\| 🔴 high \|/);
    const total = report.checks.flatMap((c) => c.findings).filter((f) => f.severity !== 'info').length;
    expect(markdown).toContain(`${total - 2} more findings are in out/r.json.`);
  });

  it('collapses the principle table and the check list', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/<details><summary>Principles: [^<]+<\/summary>\n\n\| Principle \|/);
    expect(markdown).toContain(`<details><summary>All checks (${report.checks.length})</summary>`);
  });

  it('renders code spans as code: no literal backslash or backtick in the rendered text', () => {
    const rendered = textOf(tree(renderMarkdown(report)));
    expect(rendered).toContain('permissions: write-all');
    expect(rendered).not.toMatch(/`permissions: write-all`/);
    expect(rendered).not.toContain('\\');
  });

  it('fits a small repository in about two screens', () => {
    const markdown = renderMarkdown(report);
    const outsideDetails = markdown.replace(/<details>[\s\S]*?<\/details>/g, '');
    expect(outsideDetails.split('\n').filter((l) => l.trim()).length).toBeLessThanOrEqual(30);
  });
});

describe('scoreGains', () => {
  it('predicts the score a fix gives, as the scan then measures it', async () => {
    const before = await scanned({ '.github/CODEOWNERS': '* @acme/maintainers\n/x/ nobody\n' });
    const after = await scanned({ '.github/CODEOWNERS': '* @acme/maintainers\n' });
    const gain = scoreGains(before).find((g) => g.check.id === 'codeowners')!;
    expect(gain.points).toBeGreaterThan(0);
    expect(after.score - before.score).toBe(gain.points);
  });
});
