/**
 * The OSPS Baseline controls in the JSON report and the evidence pack: what the crosswalk and the
 * claims' statuses give, validated by the report schema, laid out in both pack formats.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { buildEvidencePack } from '../../src/report/evidence-pack.js';
import { renderEvidencePackHtml } from '../../src/report/evidence-pack-html.js';
import { renderEvidencePackMarkdown } from '../../src/report/evidence-pack-markdown.js';
import type { Report } from '../../src/report/report.js';
import { loadCrosswalk } from '../../src/rules/crosswalk.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fixture } from '../support/run-check.js';
import { validateReport } from '../support/schemas.js';

type Element = DefaultTreeAdapterMap['element'];

let report: Report;

beforeAll(async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-osps-'));
  await fs.cp(fixture('evidence-pack', 'vendor'), dir, { recursive: true });
  const scan = await runCliCaptured(['scan', dir, '--format', 'json']);
  expect(scan.code).toBe(0);
  report = JSON.parse(scan.stdout) as Report;
});

const claimStatus = (id: string) =>
  report.principles.flatMap((p) => p.claims).find((c) => c.id === id)?.status;

describe('the JSON report', () => {
  it('lists every control of the crosswalk, with the catalog cited, and validates against the schema', () => {
    expect(report.schemaVersion).toBe('1.5');
    expect(report.ospsBaseline?.controls.map((c) => c.id)).toEqual(loadCrosswalk().controls.map((c) => c.id));
    expect(report.ospsBaseline?.catalog.repository).toBe('https://github.com/ossf/security-baseline');
    expect(validateReport(report)).toEqual([]);
  });

  it('gives each mapped claim the status the assessment gave it, and the control the verdict that follows', () => {
    // OSPS-VM-01 maps to claims 3.4.1, 3.5.1 and 4.1.2; in this fixture none is met by observation.
    const vm01 = report.ospsBaseline!.controls.find((c) => c.id === 'OSPS-VM-01')!;
    expect(vm01.mappedTo).toEqual(
      ['3.4.1', '3.5.1', '4.1.2'].map((id) => ({ kind: 'claim', id, status: claimStatus(id) })),
    );
    // OSPS-SA-01 maps to claim 1.1.5 alone, which the vendor attested: attested is not observed.
    expect(claimStatus('1.1.5')).toBe('attested');
    expect(report.ospsBaseline!.controls.find((c) => c.id === 'OSPS-SA-01')!.status).toBe('not-observed');
    // OSPS-BR-07 maps to 1.4.3 (declared not applicable here) and 1.4.5: judged on 1.4.5 alone.
    const br07 = report.ospsBaseline!.controls.find((c) => c.id === 'OSPS-BR-07')!;
    expect(claimStatus('1.4.3')).toBe('not-applicable');
    expect(br07.status).toBe(
      { met: 'supported', 'not-met': 'not-supported', 'partially-met': 'partially-supported' }[
        claimStatus('1.4.5') as string
      ] ?? 'not-observed',
    );
  });

  it('rejects a control status the schema does not know', () => {
    const bad = structuredClone(report);
    bad.ospsBaseline!.controls[0]!.status = 'compliant' as never;
    expect(validateReport(bad).join('\n')).toMatch(
      /ospsBaseline\/controls\/0\/status must be equal to one of/,
    );
  });
});

describe('the evidence pack', () => {
  it('has, in Markdown, a table row per control with its status and what it maps to', () => {
    const markdown = renderEvidencePackMarkdown(buildEvidencePack(report));
    expect(markdown).toContain('## OSPS Baseline controls');
    expect(markdown).toContain('`https://github.com/ossf/security-baseline/tree/');
    const rows = [...markdown.matchAll(/^\| `(OSPS-[A-Z]{2}-\d{2})` .* \| \S+ ([a-z ]+) \| (.*) \|$/gm)];
    expect(rows.map((r) => r[1])).toEqual(report.ospsBaseline!.controls.map((c) => c.id));
    const sa01 = rows.find((r) => r[1] === 'OSPS-SA-01')!;
    expect(sa01[2]).toBe('not observed');
    expect(sa01[3]).toBe('claim 1.1.5 \\(attested\\)');
  });

  it('has, in HTML, one row per control carrying its status, and no link to anything but evidence', () => {
    const html = renderEvidencePackHtml(buildEvidencePack(report));
    const rows: Element[] = [];
    const visit = (n: DefaultTreeAdapterMap['node']) => {
      if (
        'tagName' in n &&
        n.tagName === 'tr' &&
        n.attrs.some((a) => a.name === 'id' && a.value.startsWith('osps-'))
      )
        rows.push(n);
      if ('childNodes' in n) for (const c of n.childNodes) visit(c);
    };
    visit(parse(html));
    expect(rows.map((r) => r.attrs.find((a) => a.name === 'data-status')!.value)).toEqual(
      report.ospsBaseline!.controls.map((c) => c.status),
    );
    expect(html).not.toContain('href="https://github.com/ossf');
  });

  it('leaves the section out for a report from before schema 1.5', () => {
    const { ospsBaseline: _omitted, ...older } = report;
    const pack = buildEvidencePack(older);
    expect(renderEvidencePackMarkdown(pack)).not.toContain('OSPS Baseline');
    expect(renderEvidencePackHtml(pack)).not.toContain('OSPS Baseline');
  });
});
