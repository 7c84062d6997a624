/**
 * The estate roll-up in `npm run bench`: `org report` over 500 and 5,000 generated per-repository
 * reports (each the offline report of a fixture tree, varied per repository; see
 * __tests__/support/org-reports.ts), timed with its peak RSS in a child process (bench/org-child.ts).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { templateReport, writeSyntheticReports } from '../__tests__/support/org-reports.js';
import { timedSpawn } from './lib.js';

export const ORG_SIZES = [500, 5000] as const;

export interface OrgRow {
  reports: number;
  mib: number;
  ms: number;
  rssMb: number;
}

export async function measureOrgRollup(
  repo: string,
  work: string,
  childDir: string,
  log: (msg: string) => void,
): Promise<OrgRow[]> {
  const template = await templateReport(repo);
  const bytes = Buffer.byteLength(JSON.stringify(template, null, 2));
  const rows: OrgRow[] = [];
  for (const count of ORG_SIZES) {
    const dir = path.join(work, `org-${count}`);
    mkdirSync(dir, { recursive: true });
    log(
      `org: writing ${count.toLocaleString('en')} reports (${((bytes * count) / 2 ** 20).toFixed(0)} MiB)…`,
    );
    await writeSyntheticReports(dir, count, template);
    // One warm-up over the files (the page cache), then the timed run.
    const args = [path.join(childDir, 'org-child.js'), dir, path.join(work, `org-${count}-out`)];
    await timedSpawn(process.execPath, args);
    const r = await timedSpawn(process.execPath, args);
    if (r.code !== 0) throw new Error(`org report child failed: ${r.stderr}`);
    const child = JSON.parse(r.stdout) as { ms: number; rssMb: number; repositories: number };
    if (child.repositories !== count)
      throw new Error(`org report rolled up ${child.repositories} of ${count}`);
    rows.push({ reports: count, mib: (bytes * count) / 2 ** 20, ms: child.ms, rssMb: child.rssMb });
    log(`org: ${count} reports in ${child.ms.toFixed(0)} ms, peak RSS ${child.rssMb.toFixed(0)} MB`);
  }
  return rows;
}

export const ORG_TARGETS = { ms: 10_000, rssMb: 300, growth: 1.5 };

/** The roll-up's table and its three targets, as lines of the benchmark's report. */
export function orgReportLines(rows: OrgRow[] | undefined): string[] {
  if (!rows) return ['', 'Estate roll-up: not run (--no-org)'];
  const small = rows.find((r) => r.reports === 500);
  const large = rows.find((r) => r.reports === 5000);
  const out = ['', 'Estate roll-up (org report over generated reports; second run, in a child process)'];
  out.push('reports      MiB      time   peak RSS');
  for (const r of rows)
    out.push(
      `${r.reports.toLocaleString('en').padStart(7)}  ${r.mib.toFixed(0).padStart(7)}  ${`${Math.round(r.ms).toLocaleString('en')} ms`.padStart(8)}  ${`${r.rssMb.toFixed(0)} MB`.padStart(9)}`,
    );
  if (!small || !large) return out;
  const growth = large.ms / small.ms / (large.reports / small.reports);
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  out.push(
    `target: 5,000 reports ≤ ${ORG_TARGETS.ms / 1000} s: ${(large.ms / 1000).toFixed(1)} s ${verdict(large.ms <= ORG_TARGETS.ms)}`,
    `target: peak RSS ≤ ${ORG_TARGETS.rssMb} MB: ${large.rssMb.toFixed(0)} MB ${verdict(large.rssMb <= ORG_TARGETS.rssMb)}`,
    `target: growth 500→5,000 (time ratio ÷ report ratio) ≤ ${ORG_TARGETS.growth}: ${growth.toFixed(2)} ${verdict(growth <= ORG_TARGETS.growth)}`,
  );
  return out;
}
