import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/model/types.ts
var SEVERITIES = ["critical", "high", "medium", "low", "info"];
var CONFIDENCES = ["high", "medium", "low"];
function confidenceOf(f) {
  return f.confidence ?? "high";
}
function isAtLeast(confidence, min) {
  return CONFIDENCES.indexOf(confidence) <= CONFIDENCES.indexOf(min);
}
function countsForGate(f, minConfidence = "low") {
  return !f.suppressed && isAtLeast(confidenceOf(f), minConfidence);
}
function severityRank(severity) {
  return SEVERITIES.indexOf(severity);
}
var CHECK_STATUSES = ["pass", "partial", "fail", "unknown", "not-applicable"];
var CLAIM_STATUSES = [
  "met",
  "partially-met",
  "not-met",
  "attested",
  "unknown",
  "not-applicable"
];

// src/on-first-use.ts
function onFirstUse(build) {
  let built = false;
  let value;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

export {
  SEVERITIES,
  CONFIDENCES,
  confidenceOf,
  countsForGate,
  severityRank,
  CHECK_STATUSES,
  CLAIM_STATUSES,
  onFirstUse
};
