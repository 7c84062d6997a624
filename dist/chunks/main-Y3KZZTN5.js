import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  ALL_CHECKS,
  CHECK_STATUS_LABEL,
  CLAIM_STATUS_LABEL,
  buildEvidencePack,
  confidenceLabel,
  configSentences,
  coverageText,
  findingId,
  findingTextOf,
  gateOnNewFindings,
  locationText,
  rankedFindings,
  readBaselineFile,
  renderEvidencePackHtml,
  renderEvidencePackMarkdown,
  renderMarkdown,
  renderSarif,
  scan,
  suppressionSentences,
  timingRecorder,
  verdictText,
  writeAttestation
} from "./chunk-BIMX4CY5.js";
import {
  confidenceOption,
  loadRulePack
} from "./chunk-4JFIPELO.js";
import "./chunk-ONSPMNKV.js";
import "./chunk-FOLPRBI6.js";
import {
  gather,
  jsonDocument,
  markNewSinceBaseline,
  writeOutputFile
} from "./chunk-HRQOEH4R.js";
import "./chunk-4MQQFVBA.js";
import "./chunk-2FTF55O4.js";
import {
  VERSION
} from "./chunk-B7ZNQGY5.js";
import {
  shorten
} from "./chunk-KSFHDG3R.js";
import {
  parseRepository
} from "./chunk-UMGG2SDY.js";
import "./chunk-ET7XIEAH.js";
import "./chunk-P2VKQ6MP.js";
import {
  UserError,
  defuseWorkflowCommands,
  defuseWorkflowCommandsInJson,
  errorFirstLine,
  errorMessage,
  escapeTerminal
} from "./chunk-PJB45EWD.js";
import "./chunk-W373YIMK.js";

// src/cli/main.ts
import path from "node:path";
import { parseArgs } from "node:util";

// src/cli/did-you-mean.ts
function closestWord(word, candidates) {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
function editDistance(a, b) {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64) return Infinity;
  const d = Array.from(
    { length: a.length + 1 },
    (_, i) => Array.from({ length: b.length + 1 }, (_2, j) => i === 0 ? j : j === 0 ? i : 0)
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

// src/report/text.ts
import { styleText } from "node:util";
var t = (s) => escapeTerminal(s).replace(/\n/g, "\\n");
function renderText(report, options) {
  const paint = (style, s) => options.color ? styleText(style, s, { validateStream: false }) : s;
  const statusStyle = {
    met: "green",
    "partially-met": "yellow",
    "not-met": "red",
    attested: "cyan",
    unknown: "gray",
    "not-applicable": "gray"
  };
  const severityStyle = {
    critical: ["bold", "red"],
    high: "red",
    medium: "yellow",
    low: "blue",
    info: "gray"
  };
  const out = [];
  const where = `${t(report.repository ?? "(unknown repository)")}${report.commit ? ` @ ${report.commit.slice(0, 12)}` : ""}`;
  out.push(paint("bold", `sscop ${report.tool.version} \u2014 UK Software Security Code of Practice`));
  out.push(
    `${where}  (${report.metadata.mode}${report.metadata.mode === "offline" ? ": API checks are unknown" : ""})`
  );
  out.push("");
  const verdict = report.passed ? paint(["bold", "green"], "PASSED") : paint(["bold", "red"], "FAILED");
  out.push(`Score ${paint("bold", `${report.score}/100`)} (threshold ${report.threshold})  ${verdict}`);
  if (!report.passed) out.push(`  ${verdictText(report)}`);
  out.push(`Coverage ${coverageText(report)}`);
  for (const line of configSentences(report.config)) out.push(t(line));
  const suppressions = suppressionSentences(report);
  if (suppressions.pullRequest) out.push(paint("bold", t(suppressions.pullRequest)));
  if (suppressions.accepted) out.push(t(suppressions.accepted));
  let theme = "";
  for (const p of report.principles) {
    if (p.theme !== theme) {
      theme = p.theme;
      out.push("", paint("bold", `Theme ${p.theme} \u2014 ${p.themeTitle}`));
    }
    const status = paint(statusStyle[p.status], CLAIM_STATUS_LABEL[p.status].padEnd(13));
    const score = (p.score === null ? "\u2013" : String(p.score)).padStart(3);
    out.push(`  ${p.id.padEnd(4)} ${status} ${score}  ${shorten(p.title, 90)}`);
  }
  out.push("", paint("bold", "Checks"));
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    const label = c.enabled ? CHECK_STATUS_LABEL[c.status] : "disabled";
    out.push(`  ${label.padEnd(8)} ${c.id.padEnd(idWidth)}  ${t(shorten(c.summary, 100))}`);
  }
  const findings = rankedFindings(report).filter((f) => f.severity !== "info");
  const max = options.maxFindings ?? 15;
  if (findings.length) {
    out.push("", paint("bold", `Top findings (${Math.min(max, findings.length)} of ${findings.length})`));
    const text = findingTextOf(report);
    for (const f of findings.slice(0, max)) {
      const { message, fix, suppressed } = text(f);
      const sev = paint(severityStyle[f.severity], f.severity.toUpperCase().padEnd(8));
      const confidence = confidenceLabel(f) ? `  (${confidenceLabel(f)})` : "";
      out.push(
        `  ${sev} ${t(locationText(f))}  [${findingId(f)}]${confidence}${suppressed ? "  SUPPRESSED" : ""}`
      );
      out.push(`           ${t(message)}`);
      if (suppressed) out.push(paint("dim", `           ${t(shorten(suppressed, 300))}`));
      else if (fix) out.push(paint("dim", `           fix: ${t(shorten(fix, 200))}`));
    }
  }
  const resolved = report.resolved?.findings ?? [];
  if (resolved.length) {
    out.push("", paint("bold", `Resolved since the baseline (${resolved.length})`));
    for (const f of resolved.slice(0, max)) {
      const severity = (f.severity ?? "").toUpperCase().padEnd(8);
      out.push(`  ${severity} ${t(locationText(f))}  [${t(f.checkId)}]`);
      out.push(`           ${t(shorten(f.message, 300))}`);
    }
    if (resolved.length > max) out.push(`  \u2026 ${resolved.length - max} more in the JSON report`);
  }
  const unknowns = report.checks.filter((c) => c.enabled && c.status === "unknown" && c.unknown);
  if (unknowns.length) {
    out.push("", paint("bold", "Not observed (what would make it observable)"));
    for (const c of unknowns) out.push(`  ${c.id}: ${t(c.unknown.reason)} \u2014 ${t(c.unknown.howToObserve)}`);
  }
  if (report.notes.length) {
    out.push("", paint("bold", "Notes"));
    for (const n of report.notes) out.push(`  ${t(n)}`);
  }
  out.push("");
  return out.join("\n");
}

// src/cli/main.ts
var FORMATS = ["text", "json", "markdown", "sarif"];
var PACK_FORMATS = ["markdown", "html"];
var HELP = `sscop ${VERSION} \u2014 check a repository against the UK Software Security Code of Practice

Usage:
  sscop scan [DIR] [options]   scan a checkout (default: the current directory)
  sscop assess [DIR] [options] write the evidence pack: a self-assessment against all 45 claims
  sscop checks                 list every check with the principles and claims it evidences
  sscop verify BUNDLE --profile FILE --repo OWNER/NAME [--commit SHA] [--trusted-root FILE]
                               verify a signed attestation and judge it against a profile
                               (sscop verify --help)
  sscop org plan|report        plan an organisation-wide scan, merge its reports (sscop org --help)
  sscop --help | --version

Scan options:
  --format text|json|markdown|sarif   output format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --threshold N                       minimum score 0-100 to pass (default: config, else 60)
  --config FILE                       config file (default: DIR/.github/sscop.yml if present)
  --fail-on IDS                       comma-separated principles (e.g. 3.2) or checks that must be met
  --min-confidence high|medium|low    findings below it do not count for the gate (default: config, else low)
  --repo OWNER/NAME                   online: also read the repository's GitHub settings through the API
  --token TOKEN                       token for --repo (default: the GITHUB_TOKEN environment variable)
  --branch NAME                       branch whose protection to check with --repo (default: the default branch)
  --api-timeout SECONDS               time for all API requests with --repo, retries included (default: 120)
  --no-color                          plain text even on a terminal (also NO_COLOR, TERM=dumb;
                                      FORCE_COLOR colours even when not a terminal)
  --baseline FILE                     an earlier JSON report: findings not in it are new, and the
                                      gate fails on new findings (medium or above) and fail-on items
  --attestation-predicate FILE        also write the Code of Practice attestation predicate to FILE,
                                      and the unsigned in-toto statement beside it (.statement.json)
  --attestation-subject FILE          a release artifact to name in the statement by sha256 (repeatable)
  --untracked, --tracked-only         scan files git neither tracks nor ignores, or not (default:
                                      on a terminal outside CI, yes; otherwise no)
  --timing                            after the report, print where the time went to standard error:
                                      when each stage ended, and the slowest checks

Assess options (and the scan options above; --format differs):
  --format markdown|html              default: html when --output ends in .html, else markdown
  --baseline FILE                     an earlier JSON report (scan --format json) to compare with
                                      (the pack's verdict is the scan's, not the new-findings gate)
  --gate                              exit 1 when the gate fails (default: exit 0 once the pack is written)

Exit codes: 0 passed, 1 below the threshold or a required item not met, 2 usage or configuration error
(assess exits 0 once the pack is written, unless --gate).
Offline by default: checks that need the GitHub API report "unknown".
In a git checkout, files git neither tracks nor ignores are scanned too.`;
var OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  threshold: { type: "string" },
  config: { type: "string", short: "c" },
  "fail-on": { type: "string" },
  "min-confidence": { type: "string" },
  "no-color": { type: "boolean" },
  untracked: { type: "boolean" },
  "tracked-only": { type: "boolean" },
  timing: { type: "boolean" },
  baseline: { type: "string" },
  gate: { type: "boolean" },
  repo: { type: "string", short: "r" },
  token: { type: "string" },
  branch: { type: "string" },
  "api-timeout": { type: "string" },
  "attestation-predicate": { type: "string" },
  "attestation-subject": { type: "string", multiple: true }
};
var COMMANDS = ["scan", "assess", "checks", "verify", "org", "help"];
function usageProblem(error) {
  const unknown = /Unknown option '(-{1,2}[^']*)'/.exec(errorMessage(error))?.[1];
  if (!unknown) return errorMessage(error);
  const names = Object.keys(OPTIONS).map((name) => `--${name}`);
  const guess = closestWord(unknown, names);
  return `unknown option ${unknown}${guess ? `; did you mean ${guess}?` : ""}`;
}
async function runCli(argv, io) {
  try {
    if (argv[0] === "org") return await (await import("./cli-YIDPSARU.js")).runOrgCommand(argv.slice(1), io);
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(errorLine(error.message));
      return 2;
    }
    io.stderr(errorLine(`internal error: ${errorMessage(error)}`));
    return 2;
  }
}
async function dispatch(argv, io) {
  if (argv[0] === "verify") return (await import("./verify-LRJM4RU4.js")).runVerify(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: OPTIONS
    });
  } catch (error) {
    throw new UserError(`${usageProblem(error)} (see sscop --help)`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}
`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === void 0 || command === "help") {
    io.stdout(`${HELP}
`);
    return 0;
  }
  if (command === "checks") {
    io.stdout(listChecks());
    return 0;
  }
  if (command !== "scan" && command !== "assess") {
    const guess = closestWord(command, COMMANDS);
    throw new UserError(
      `unknown command "${command}"${guess ? `; did you mean ${guess}?` : ""} (expected scan, assess, checks or verify)`
    );
  }
  if (rest.length > 1) throw new UserError(`${command} takes one directory, got ${rest.length}`);
  const assessing = command === "assess";
  if (!assessing && values.gate)
    throw new UserError("--gate is an option of sscop assess (scan always gates)");
  const format = values.format ?? "text";
  if (!assessing && !FORMATS.includes(format))
    throw new UserError(`--format must be one of ${FORMATS.join(", ")}, got "${values.format}"`);
  const packFormat = values.format ?? (/\.html?$/i.test(values.output ?? "") ? "html" : "markdown");
  if (assessing && !PACK_FORMATS.includes(packFormat))
    throw new UserError(
      `--format must be one of ${PACK_FORMATS.join(", ")} for assess, got "${values.format}"`
    );
  const baseline = values.baseline !== void 0 ? await readBaselineFile(path.resolve(io.cwd, values.baseline), values.baseline) : void 0;
  const threshold = thresholdOption(values.threshold);
  const failOn = values["fail-on"]?.split(",").map((s) => s.trim()).filter(Boolean);
  const minConfidence = confidenceOption("--min-confidence", values["min-confidence"]);
  const github = onlineOptions(values, io.env);
  attestationOptions(values);
  const dir = path.resolve(io.cwd, rest[0] ?? ".");
  const watch = watchScan(io, values.timing === true);
  const {
    report: scanned,
    fatal,
    gateInputs
  } = await scan({
    root: dir,
    configPath: values.config === void 0 ? void 0 : path.resolve(io.cwd, values.config),
    threshold,
    failOn,
    ...minConfidence ? { minConfidence } : {},
    onProgress: watch.onProgress,
    ...github ? { github } : {},
    workingCopy: true,
    untracked: scansUntracked(io, values)
  });
  watch.scanned();
  const report = baseline && !assessing ? gateOnNewFindings(
    markNewSinceBaseline(scanned, baseline, values.baseline),
    "the change since the baseline"
  ) : scanned;
  if (values["attestation-predicate"] !== void 0)
    await writeAttestationFiles(report, gateInputs, dir, io, values);
  const color = format === "text" && !values.output && colourWanted(io, values["no-color"] === true);
  const rendered = assessing ? [renderPack(report, packFormat, baseline, io.env)] : render(report, format, color, io.env);
  if (values.output) {
    await writeOutputFile(path.resolve(io.cwd, values.output), rendered);
    io.stderr(
      `sscop: ${assessing ? "evidence pack" : "report"} written to ${escapeTerminal(values.output)} (score ${report.score}, ${report.passed ? "passed" : "failed"})
`
    );
  } else {
    const json = !assessing && (format === "json" || format === "sarif");
    const defuse = json ? defuseWorkflowCommandsInJson : defuseWorkflowCommands;
    for (const piece of gather(rendered)) io.stdout(defuse(piece));
  }
  watch.finished();
  if (fatal) {
    io.stderr(errorLine(fatal.message));
    return 2;
  }
  if (assessing && !values.gate) return 0;
  return report.passed ? 0 : 1;
}
function thresholdOption(raw) {
  if (raw === void 0) return void 0;
  const threshold = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || threshold > 100)
    throw new UserError(`--threshold must be a number from 0 to 100, got "${raw}"`);
  return threshold;
}
function attestationOptions(values) {
  if (values["attestation-subject"] && !values["attestation-predicate"])
    throw new UserError("--attestation-subject needs --attestation-predicate FILE");
}
async function writeAttestationFiles(report, gateInputs, dir, io, values) {
  const { statementPath } = await writeAttestation(report, {
    root: dir,
    predicatePath: path.resolve(io.cwd, values["attestation-predicate"]),
    gateInputs,
    artifacts: (values["attestation-subject"] ?? []).map((f) => path.resolve(io.cwd, f))
  });
  io.stderr(
    `sscop: attestation predicate written to ${escapeTerminal(values["attestation-predicate"])}, unsigned statement to ${escapeTerminal(path.relative(io.cwd, statementPath))}
`
  );
}
function scansUntracked(io, values) {
  if (values.untracked && values["tracked-only"])
    throw new UserError("--untracked and --tracked-only cannot be given together");
  if (values.untracked !== void 0 || values["tracked-only"] !== void 0)
    return values.untracked === true;
  return (io.stdoutIsTTY || io.stderrIsTTY) && !io.env.CI;
}
function colourWanted(io, noColorFlag) {
  if (noColorFlag) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== void 0 && force !== "") return !["0", "false"].includes(force.toLowerCase());
  if (io.env.NO_COLOR) return false;
  if (io.env.TERM === "dumb") return false;
  return io.stdoutIsTTY;
}
function errorLine(message) {
  return `sscop: ${defuseWorkflowCommands(escapeTerminal(errorFirstLine(message)))}
`;
}
function onlineOptions(values, env) {
  if (values.repo === void 0) {
    if (values.token !== void 0 || values.branch !== void 0 || values["api-timeout"] !== void 0) {
      throw new UserError("--token, --branch and --api-timeout need --repo OWNER/NAME");
    }
    return void 0;
  }
  parseRepository(values.repo);
  const token = values.token ?? env.GITHUB_TOKEN;
  if (!token) throw new UserError("--repo needs a token: set GITHUB_TOKEN or pass --token");
  return {
    repository: values.repo,
    token,
    ...env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {},
    ...values.branch ? { branch: values.branch } : {},
    ...values["api-timeout"] !== void 0 ? { apiTimeoutMs: apiTimeoutMs(values["api-timeout"]) } : {}
  };
}
function apiTimeoutMs(raw) {
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || seconds < 1 || seconds > 3600) {
    throw new UserError(`--api-timeout: "${raw}" is not a number of seconds from 1 to 3600`);
  }
  return seconds * 1e3;
}
function render(report, format, color, env) {
  switch (format) {
    case "json":
      return jsonDocument(report);
    case "markdown":
      return [renderMarkdown(report, { serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com" })];
    case "sarif":
      return jsonDocument(renderSarif(report));
    case "text":
      return [renderText(report, { color })];
  }
}
function renderPack(report, format, baseline, env) {
  const pack = buildEvidencePack(report, {
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    baseline
  });
  return format === "html" ? renderEvidencePackHtml(pack) : renderEvidencePackMarkdown(pack);
}
function listChecks() {
  const pack = loadRulePack();
  const lines = ["id	source	severity	weight	principles	claims	title"];
  for (const check of ALL_CHECKS) {
    const rule = pack.checks.get(check.id);
    lines.push(
      [
        rule.id,
        rule.source,
        rule.severity,
        rule.weight,
        rule.principles.join(","),
        rule.claims.join(","),
        rule.title
      ].join("	")
    );
  }
  return `${lines.join("\n")}
`;
}
function watchScan(io, timed) {
  const progress = makeProgress(io);
  const timing = timed ? timingRecorder() : void 0;
  timing?.mark("engine loaded");
  return {
    onProgress: (event) => {
      timing?.observe(event);
      progress.update(event);
    },
    /** The scan is done: the progress line goes. */
    scanned: () => progress.done(),
    /** The output is written: the timing follows it. */
    finished: () => {
      if (!timing) return;
      timing.mark("output written");
      io.stderr(timing.render());
    }
  };
}
function makeProgress(io) {
  const enabled = io.stderrIsTTY && !io.env.CI && io.env.TERM !== "dumb";
  let last = 0;
  let shown = false;
  return {
    update: (e) => {
      if (!enabled || e.phase === "stage") return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const what = e.phase === "read" ? "files read" : "checks done";
      io.stderr(`\r\x1B[2K${e.done}/${e.total} ${what}`);
    },
    done: () => {
      if (shown) io.stderr("\r\x1B[2K");
    }
  };
}
export {
  colourWanted,
  runCli
};
