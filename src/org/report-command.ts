/**
 * `sscop org report DIR|FILES --out DIR [--baseline previous.json] [--threshold N]`: reads the
 * per-repository reports one at a time into the roll-up and writes summary.md, estate.json,
 * estate.csv and dashboard.html. Exits 1 when `--threshold` is given and the estate score is below it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { writeOutputFile } from '../output-file.js';
import { MAX_BASELINE_BYTES } from '../report/baseline.js';
import { escapeTerminal } from '../report/escape.js';
import { jsonDocument } from '../report/json-chunks.js';
import { readRepositoryReport, reportFiles } from './repository-report.js';
import { RollupBuilder, type Rollup } from './rollup.js';
import { parsePreviousRollup, rollupChange, type RollupChange } from './rollup-change.js';
import { renderRollupCsv } from './rollup-csv.js';
import { renderRollupHtml } from './rollup-html.js';
import { renderRollupMarkdown } from './rollup-markdown.js';

export interface OrgReportOptions {
  inputs: string[];
  out: string;
  baseline?: string;
  threshold?: number;
  cwd: string;
  now?: Date;
}

export interface OrgReportResult {
  rollup: Rollup;
  change?: RollupChange;
  files: { summary: string; json: string; csv: string; html: string };
}

/** Builds the roll-up from the reports and writes its four files into `out`. */
export async function writeOrgReport(options: OrgReportOptions): Promise<OrgReportResult> {
  if (!options.inputs.length) throw new UserError('org report needs a folder or report files to merge');
  const previous =
    options.baseline === undefined ? undefined : await readPrevious(options.baseline, options.cwd);
  const builder = new RollupBuilder(options.threshold);
  for await (const file of reportFiles(options.inputs, options.cwd)) {
    const outcome = await readRepositoryReport(file, path.relative(options.cwd, file) || file);
    if ('summary' in outcome) builder.add(outcome.summary);
    else builder.unreadable.push(outcome);
  }
  const rollup = builder.result(options.now ?? new Date());
  const change = previous ? rollupChange(previous, rollup) : undefined;
  const out = path.resolve(options.cwd, options.out);
  await fs.mkdir(out, { recursive: true });
  const files = {
    summary: path.join(out, 'summary.md'),
    json: path.join(out, 'estate.json'),
    csv: path.join(out, 'estate.csv'),
    html: path.join(out, 'dashboard.html'),
  };
  await writeOutputFile(files.summary, renderRollupMarkdown(rollup, change));
  await writeOutputFile(files.json, jsonDocument(change ? { ...rollup, change } : rollup));
  await writeOutputFile(files.csv, renderRollupCsv(rollup));
  await writeOutputFile(files.html, renderRollupHtml(rollup));
  return { rollup, ...(change ? { change } : {}), files };
}

async function readPrevious(file: string, cwd: string) {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    const st = await fs.stat(full);
    if (!st.isFile() || st.size > MAX_BASELINE_BYTES)
      throw new UserError(
        `--baseline ${file}: expected a regular file under ${MAX_BASELINE_BYTES / 1024 / 1024} MiB`,
      );
    text = await fs.readFile(full, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `--baseline ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parsePreviousRollup(text, file);
}

export async function runOrgReport(
  parsed: { values: { baseline?: string; threshold?: string; out?: string }; positionals: string[] },
  io: { stderr: (text: string) => void; env: Record<string, string | undefined>; cwd: string },
): Promise<number> {
  const { values, positionals } = parsed;
  if (!values.out) throw new UserError('--out DIR is required (where the roll-up is written)');
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    threshold = Number(values.threshold);
    if (!/^\d+(\.\d+)?$/.test(values.threshold) || threshold > 100)
      throw new UserError(`--threshold must be a number from 0 to 100, got "${values.threshold}"`);
  }
  const { rollup, files } = await writeOrgReport({
    inputs: positionals,
    out: values.out,
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    cwd: io.cwd,
  });
  // In a workflow, the summary becomes the job summary.
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) await fs.appendFile(stepSummary, await fs.readFile(files.summary, 'utf8'));
  const { estate } = rollup;
  io.stderr(
    `sscop: roll-up of ${estate.repositories} repositories written to ${escapeTerminal(values.out)} (estate score ${estate.score}${estate.unreadable ? `, ${estate.unreadable} files unreadable` : ''})\n`,
  );
  return threshold !== undefined && estate.score < threshold ? 1 : 0;
}
