/**
 * `sscop org report` over a folder of generated reports, in a process of its own so its time and
 * peak RSS are the roll-up's alone. Runs the roll-up from src/ (the same code the CLI calls).
 *
 * Usage: node org-child.js REPORTS_DIR OUT_DIR   (prints one JSON line)
 */
import { writeOrgReport } from '../src/org/report-command.js';

const [reports, out] = process.argv.slice(2) as [string, string];
const started = performance.now();
const { rollup } = await writeOrgReport({ inputs: [reports], out, cwd: process.cwd() });
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    ms,
    rssMb: process.resourceUsage().maxRSS / 1024,
    repositories: rollup.estate.repositories,
    unreadable: rollup.estate.unreadable,
  })}\n`,
);
