import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  DEFAULT_CONFIG_PATH,
  confidenceOption
} from "./chunk-4JFIPELO.js";
import {
  UserError,
  stripControl
} from "./chunk-PJB45EWD.js";

// src/action/inputs.ts
var DEFAULT_BRANCH_BASELINE = "default-branch";
var DEFAULT_BASELINE_ARTIFACT = "sscop-report";
function inputFromEnv(env) {
  return (name) => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}
function errorCommand(message) {
  const text = stripControl(message);
  return `::error::${text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}
`;
}
function readInputs(get) {
  const threshold = optionalNumber(get, "threshold", 0, 100);
  const mode = get("mode").trim() || "enforce";
  if (mode !== "enforce" && mode !== "report") {
    throw new UserError(`Invalid input 'mode': "${mode}". Expected enforce or report.`);
  }
  const pullRequestConfig = get("pull-request-config").trim() || "base";
  if (pullRequestConfig !== "base" && pullRequestConfig !== "head") {
    throw new UserError(
      `Invalid input 'pull-request-config': "${pullRequestConfig}". Expected base or head.`
    );
  }
  const evidencePack = evidencePackInput(get("evidence-pack"));
  const baseline = get("baseline").trim() || void 0;
  const attestationPredicate = get("attestation-predicate").trim() || void 0;
  return {
    token: get("token"),
    threshold,
    failOn: get("fail-on").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
    minConfidence: confidenceOption("input 'min-confidence'", get("min-confidence")),
    mode,
    // The default path may be absent (no config); a path the user chose must exist.
    config: configPath(get("config")),
    sarifFile: get("sarif-file").trim() || void 0,
    sarifCategory: get("sarif-category").trim() || void 0,
    reportFile: get("report-file").trim() || void 0,
    checkRun: bool(get, "check-run", true),
    annotations: bool(get, "annotations", true),
    newFindingsOnly: bool(get, "new-findings-only", false),
    pullRequestConfig,
    allowPullRequestSuppressions: bool(get, "allow-pull-request-suppressions", false),
    apiTimeoutSeconds: optionalNumber(get, "api-timeout", 1, 3600),
    path: get("path").trim() || ".",
    ...evidencePack ? { evidencePack } : {},
    ...baseline ? { baseline } : {},
    baselineArtifact: get("baseline-artifact").trim() || DEFAULT_BASELINE_ARTIFACT,
    ...attestationPredicate ? { attestationPredicate } : {}
  };
}
function evidencePackInput(raw) {
  const value = raw.trim();
  if (value === "") return void 0;
  if (/\.html?$/i.test(value)) return { path: value, format: "html" };
  if (/\.(md|markdown)$/i.test(value)) return { path: value, format: "markdown" };
  throw new UserError(`Invalid input 'evidence-pack': "${value}". Expected a path ending in .md or .html.`);
}
function optionalNumber(get, name, min, max) {
  const raw = get(name).trim();
  if (raw === "") return void 0;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || n < min || n > max) {
    throw new UserError(`Invalid input '${name}': "${raw}". Expected a number from ${min} to ${max}.`);
  }
  return n;
}
function bool(get, name, fallback) {
  const raw = get(name).trim().toLowerCase();
  if (raw === "") return fallback;
  if (["true", "yes", "on", "1"].includes(raw)) return true;
  if (["false", "no", "off", "0"].includes(raw)) return false;
  throw new UserError(`Invalid input '${name}': "${raw}". Expected true or false.`);
}
function configPath(raw) {
  const value = raw.trim();
  return value === "" || value === DEFAULT_CONFIG_PATH ? void 0 : value;
}

export {
  DEFAULT_BRANCH_BASELINE,
  inputFromEnv,
  errorCommand,
  readInputs
};
