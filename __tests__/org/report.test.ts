/** `sscop org report`: per-repository reports merged into the summary, JSON, CSV and the dashboard. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type ChildNode = DefaultTreeAdapterMap['childNode'];
type Document = DefaultTreeAdapterMap['document'];
import { CLAIM_STATUSES } from '../../src/model/types.js';
import { SUMMARY_ROWS } from '../../src/org/rollup-markdown.js';
import type { Rollup } from '../../src/org/rollup.js';
import type { RollupChange } from '../../src/org/rollup-change.js';
import type { Report } from '../../src/report/report.js';
import { SCORE_OF, syntheticReport, templateReport, writeSyntheticReports } from '../support/org-reports.js';
import { runCliCaptured, type CliRun } from '../support/run-cli.js';

const COUNT = 40;
const HOSTILE = 'acme/<img src=x onerror=alert(1)>"\'&';
const FORMULA = '=HYPERLINK("https://evil.example","x")';
let dir: string;
let template: Report;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sscop-org-report-'));
  template = await templateReport();
  await writeSyntheticReports(path.join(dir, 'reports'), COUNT, template);
  const extra = path.join(dir, 'reports', 'zz-extra');
  await mkdir(extra, { recursive: true });
  await writeFile(path.join(extra, 'hostile.json'), JSON.stringify(syntheticReport(template, 1, HOSTILE)));
  await writeFile(path.join(extra, 'formula.json'), JSON.stringify(syntheticReport(template, 2, FORMULA)));
  await writeFile(path.join(extra, 'duplicate.json'), JSON.stringify(syntheticReport(template, 3)));
  await writeFile(path.join(extra, 'not-a-report.json'), '{"hello": "world"}');
  await writeFile(path.join(extra, 'notes.txt'), 'not json, not looked at');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function orgReport(args: string[], out = 'rollup', env = {}): Promise<CliRun & { out: string }> {
  const run = await runCliCaptured(['org', 'report', 'reports', '--out', out, ...args], { cwd: dir, env });
  return { ...run, out: path.join(dir, out) };
}
const read = (out: string, file: string): Promise<string> => readFile(path.join(out, file), 'utf8');
const estateOf = async (out: string) =>
  JSON.parse(await read(out, 'estate.json')) as Rollup & { change?: RollupChange };
const mean = (values: number[]): number => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
const indices = Array.from({ length: COUNT }, (_, i) => i);

describe('sscop org report', () => {
  it('rolls every report up into the estate figures', async () => {
    const run = await orgReport([]);
    expect(run.code).toBe(0);
    const estate = await estateOf(run.out);
    expect(estate.estate.repositories).toBe(COUNT + 2);
    expect(estate.estate.score).toBe(mean([...indices.map(SCORE_OF), SCORE_OF(1), SCORE_OF(2)]));
    const threshold = 60;
    expect(estate.estate.passed).toBe([...indices, 1, 2].filter((i) => SCORE_OF(i) >= threshold).length);
    // Principle k of repository i has status CLAIM_STATUSES[(i + k) mod 6].
    const notMet = (k: number) =>
      [...indices, 1, 2].filter((i) => ['not-met', 'partially-met'].includes(CLAIM_STATUSES[(i + k) % 6]!))
        .length;
    estate.principles.forEach((p, k) => expect(p.notMet).toBe(notMet(k)));
  });

  it('names the files that are not reports, and a second report for one repository, without failing', async () => {
    const estate = await estateOf((await orgReport([])).out);
    const problems = Object.fromEntries(estate.unreadable.map((u) => [path.basename(u.file), u.problem]));
    expect(problems['not-a-report.json']).toMatch(/^not an sscop JSON report/);
    expect(problems['duplicate.json']).toBe('a second report for acme/repo-0003');
    expect(Object.keys(problems)).not.toContain('notes.txt');
  });

  it('says what could not be observed estate-wide and the one permission that reveals most of it', async () => {
    const run = await orgReport([]);
    const estate = await estateOf(run.out);
    const locked = indices.filter((i) => i % 3 === 0).length;
    expect(estate.unobserved.revealer?.howToObserve).toMatch(/^Administration: read/);
    expect(estate.unobserved.revealer?.repositories).toBe(locked);
    const summary = await read(run.out, 'summary.md');
    expect(summary).toMatch(/\*\*What would reveal most:\*\* Administration: read/);
    expect(summary).toContain(`**Estate score ${estate.estate.score}/100**`);
  });

  it('keeps the summary short and lists the repositories furthest below the threshold first', async () => {
    const run = await orgReport(['--threshold', '70']);
    const summary = await read(run.out, 'summary.md');
    const section = summary.split('### Repositories furthest below the threshold')[1]!.split('###')[0]!;
    const rows = section.split('\n').filter((l) => /^\| acme/.test(l));
    expect(rows).toHaveLength(SUMMARY_ROWS);
    expect(rows[0]).toMatch(/^\| acme\/repo\\-0000 \| 0 \| 70 \|/);
  });

  it('exits 1 when the estate score is below --threshold', async () => {
    expect((await orgReport(['--threshold', '99'])).code).toBe(1);
    expect((await orgReport(['--threshold', '1'])).code).toBe(0);
  });

  it('writes CSV with one row per repository, formulas kept as text', async () => {
    const csv = await read((await orgReport([])).out, 'estate.csv');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(COUNT + 3);
    expect(lines[0]).toMatch(/^repository,score,threshold,passed,gap,.*,principle_1\.1,/);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(lines.some((l) => l.startsWith('='))).toBe(false);
  });

  it('writes a standalone dashboard that parses cleanly and escapes repository names', async () => {
    const html = await read((await orgReport([])).out, 'dashboard.html');
    const errors: string[] = [];
    parse(html, { onParseError: (e) => errors.push(e.code) });
    expect(errors).toEqual([]);
    expect(html).not.toContain('<img');
    expect(html).toContain('acme/&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    const tags: string[] = [];
    const attributes: string[] = [];
    const walk = (node: ChildNode | Document): void => {
      if ('tagName' in node) tags.push(node.tagName);
      if ('attrs' in node) attributes.push(...node.attrs.map((a) => a.name));
      if ('childNodes' in node) node.childNodes.forEach(walk);
    };
    walk(parse(html));
    expect(tags).toEqual(expect.arrayContaining(['table', 'script', 'style']));
    expect(tags.filter((t) => ['img', 'link', 'iframe', 'a', 'object', 'embed'].includes(t))).toEqual([]);
    expect(attributes.filter((a) => ['src', 'href', 'onerror'].includes(a))).toEqual([]);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect((html.match(/<tr data-name=/g) ?? []).length).toBe(COUNT + 2);
  });

  it('reports the change since a baseline roll-up', async () => {
    const before = await orgReport(['--threshold', '50'], 'before');
    const previous = await estateOf(before.out);
    // The baseline: repo-0001 (37 now) passed then, repo-0005 (84 now) failed then, and a repository that is gone now.
    const edited = previous.repositories.map((r) =>
      r.repository === 'acme/repo-0001'
        ? { ...r, score: 99, passed: true }
        : r.repository === 'acme/repo-0005'
          ? { ...r, score: 10, passed: false }
          : r,
    );
    edited.push({ ...edited[0]!, repository: 'acme/retired' });
    await writeFile(
      path.join(dir, 'previous.json'),
      JSON.stringify({ ...previous, repositories: edited, estate: { ...previous.estate, score: 30 } }),
    );
    const after = await orgReport(['--threshold', '50', '--baseline', 'previous.json'], 'after');
    const { change } = await estateOf(after.out);
    expect(change?.score).toEqual({ before: 30, after: previous.estate.score });
    expect(change?.newlyFailing.map((r) => r.repository)).toEqual(['acme/repo-0001']);
    expect(change?.newlyPassing.map((r) => r.repository)).toEqual(['acme/repo-0005']);
    expect(change?.removed).toEqual(['acme/retired']);
    expect(await read(after.out, 'summary.md')).toMatch(
      /Now below the threshold \(1\): acme\/repo\\-0001 \\\(99 → 37\\\)/,
    );
  });

  it('refuses a baseline that is not a roll-up', async () => {
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify(template));
    const run = await orgReport(['--baseline', 'bad.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.json: not an estate\.json from sscop org report/);
  });

  it('appends the summary to the job summary in a workflow', async () => {
    const stepSummary = path.join(dir, 'step-summary.md');
    await writeFile(stepSummary, '');
    await orgReport([], 'rollup', { GITHUB_STEP_SUMMARY: stepSummary });
    expect(await readFile(stepSummary, 'utf8')).toContain('## sscop — estate roll-up');
  });
});
