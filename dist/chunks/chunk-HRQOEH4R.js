import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  CLAIM_STATUSES,
  SEVERITIES,
  onFirstUse
} from "./chunk-4MQQFVBA.js";
import {
  UserError,
  _enum,
  array,
  errorFirstLine,
  literal,
  number,
  object,
  string
} from "./chunk-PJB45EWD.js";

// src/report/fingerprint.ts
import { hash } from "node:crypto";

// src/report/redact.ts
var REDACTED = "[redacted]";
var RULES = [
  // Credentials in a URL: https://user:token@host, https://token@host.
  [/\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/@'"<>]{1,500}@/gi, `$1${REDACTED}@`],
  // Header-like settings, to the end of the line: git's http.extraheader, Authorization, cookies.
  [
    /\b(extraheader|authorization|proxy-authorization|x-api-key|private-token|cookie|set-cookie)(["']?\s{0,20}[:=]\s{0,20})[^\r\n]{1,2000}/gi,
    `$1$2${REDACTED}`
  ],
  // HTTP authentication schemes with their credential (which has a digit or base64's `+/=`, unlike
  // the word after "basic" in a sentence).
  [
    /\b(basic|bearer|digest)(\s{1,20})(?=[A-Za-z0-9+/=._~-]{0,2000}[0-9+/=])[A-Za-z0-9+/=._~-]{12,2000}/gi,
    `$1$2${REDACTED}`
  ],
  [/\b(x-access-token:)[^\s@'"]{1,500}/gi, `$1${REDACTED}`],
  // Token formats specific to one issuer.
  [
    /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}|glpat-[A-Za-z0-9_-]{20,300}|xox[abpr]-[A-Za-z0-9-]{10,200}|npm_[A-Za-z0-9]{36}|[sr]k_live_[A-Za-z0-9]{16,247}|pypi-AgEI[A-Za-z0-9_-]{20,1000}|(?:AKIA|ASIA)[A-Z2-7]{16})\b/g,
    REDACTED
  ],
  // A key's body after its header (the header alone says what it is, and checks quote it).
  [/(-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----)(?:\s|\\n){0,5}[A-Za-z0-9+/=]{16,5000}/g, `$1 ${REDACTED}`],
  // Assignments to names that hold secrets, when the value looks like one (a digit in it, or 16
  // characters or more) and is not a reference (`${{ secrets.X }}`, `$VAR`, `<placeholder>`), which
  // is what a finding about a workflow usually quotes; `id-token: write` stays as it is.
  [
    /\b((?:password|passwd|pwd|secret|client[_-]?secret|api[_-]?key|access[_-]?key|auth[_-]?token|access[_-]?token|token)["']?\s{0,20}[:=]\s{0,20}["']?)(?![$<{%])(?:(?=[^\s"'`,;)]{0,500}[0-9])[^\s"'`,;)]{6,500}|[^\s"'`,;)]{16,500})/gi,
    `$1${REDACTED}`
  ]
];
var MARKERS = /:\/\/|header|authori|api-key|token|cookie|basic|bearer|digest|gh[pousr]_|github_pat|glpat|xox|npm_|_live_|pypi-|AKIA|ASIA|PRIVATE KEY|pass|pwd|secret|key/i;
function redactCredentials(text) {
  if (!MARKERS.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
function redactFinding(f) {
  const out = { ...f, message: redactCredentials(f.message) };
  if (f.remediation !== void 0) out.remediation = redactCredentials(f.remediation);
  return out;
}
function redactEvidence(e) {
  const out = { ...e, summary: redactCredentials(e.summary) };
  if (e.quote !== void 0) out.quote = redactCredentials(e.quote);
  return out;
}
function redactCheck(check) {
  return {
    ...check,
    summary: redactCredentials(check.summary),
    findings: check.findings.map(redactFinding),
    evidence: check.evidence.map(redactEvidence),
    ...check.claims ? {
      claims: Object.fromEntries(
        Object.entries(check.claims).map(([id, v]) => [id, { ...v, note: redactCredentials(v.note) }])
      )
    } : {},
    ...check.unknown ? {
      unknown: {
        reason: redactCredentials(check.unknown.reason),
        howToObserve: check.unknown.howToObserve
      }
    } : {}
  };
}

// src/report/fingerprint.ts
function findingFingerprints(findings, { redacted = false } = {}) {
  const keys = findings.map((f) => findingKey(f, redacted));
  const order = findings.map((_, i) => i).sort((a, b) => placeOrder(findings[a], findings[b]) || a - b);
  const occurrences = /* @__PURE__ */ new Map();
  const prints = new Array(findings.length);
  for (const i of order) {
    const key = keys[i];
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    prints[i] = `${sha256(key)}:${n}`;
  }
  return prints;
}
function fingerprintsByFinding(checks) {
  const out = /* @__PURE__ */ new Map();
  for (const check of checks) {
    const prints = findingFingerprints(check.findings);
    check.findings.forEach((f, i) => out.set(f, f.fingerprint ?? prints[i]));
  }
  return out;
}
function findingKey(f, redacted) {
  const message = redacted ? f.message : redactCredentials(f.message);
  return `${f.checkId}\0${f.path ?? ""}\0${message.replace(/\d+/g, "#")}`;
}
function placeOrder(a, b) {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
function sha256(text) {
  return hash("sha256", text, "hex").slice(0, 32);
}

// src/report/baseline.ts
var MAX_BASELINE_BYTES = 32 * 1024 * 1024;
var baselineSchema = onFirstUse(() => {
  const count = number().int().min(0);
  const status = _enum(CLAIM_STATUSES);
  const baselineClaimSchema = object({
    id: string().regex(/^\d+\.\d+\.\d+$/, "expected a claim id"),
    status
  });
  const baselinePrincipleSchema = object({
    id: string().regex(/^\d+\.\d+$/, "expected a principle id"),
    title: string(),
    status,
    score: number().min(0).max(100).nullable(),
    claims: array(baselineClaimSchema)
  });
  const baselineFindingSchema = object({
    checkId: string(),
    message: string(),
    path: string().optional(),
    line: number().int().optional(),
    column: number().int().optional(),
    // A malformed fingerprint is computed again from the finding, as for a report that had none.
    fingerprint: string().regex(/^[0-9a-f]{32}:[1-9]\d*$/).optional().catch(void 0),
    // Only shown beside a resolved finding: an unknown value drops the icon, not the baseline.
    severity: _enum(SEVERITIES).optional().catch(void 0)
  });
  const baselineCheckSchema = object({ id: string(), findings: array(baselineFindingSchema) });
  return object({
    schemaVersion: string().regex(/^1\.\d+$/, 'expected "1.x" (a JSON report from sscop 1.x)'),
    tool: object({ name: literal("sscop"), version: string() }),
    repository: string().nullable(),
    commit: string().nullable(),
    generatedAt: string(),
    score: number().min(0).max(100),
    coverage: object({ observed: count, total: count, attested: count, unknown: count }),
    principles: array(baselinePrincipleSchema).min(1),
    checks: array(baselineCheckSchema).optional()
  });
});
function parseBaseline(text, file) {
  if (Buffer.byteLength(text) > MAX_BASELINE_BYTES) {
    throw new UserError(`${file}: the baseline is larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MiB`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? errorFirstLine(error) : "parse error";
    throw new UserError(`${file}: the baseline is not valid JSON (${reason})`);
  }
  const parsed = baselineSchema().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${formatPath(issue.path)}: ` : "";
    throw new UserError(
      `${file}: not an sscop JSON report (sscop scan --format json): ${where}${errorFirstLine(issue.message)}`
    );
  }
  const baseline = parsed.data;
  const seen = /* @__PURE__ */ new Set();
  for (const principle of baseline.principles) {
    for (const claim of principle.claims) {
      if (seen.has(claim.id)) throw new UserError(`${file}: claim ${claim.id} appears twice in the baseline`);
      seen.add(claim.id);
    }
  }
  return baseline;
}
function markNewSinceBaseline(report, baseline, file) {
  if (!baseline.checks)
    throw new UserError(
      `${file}: the baseline lists no checks and findings, so new findings cannot be told apart`
    );
  const baselinePrints = fingerprintsByFinding(baseline.checks);
  const known = new Set(baselinePrints.values());
  const prints = fingerprintsByFinding(report.checks);
  return {
    ...report,
    checks: report.checks.map((c) => ({
      ...c,
      findings: c.findings.map((f) => {
        const { new: _wasNew, ...rest } = f;
        return known.has(prints.get(f)) ? rest : { ...rest, new: true };
      })
    })),
    resolved: {
      baselineCommit: baseline.commit,
      findings: resolvedFindings(report, baselinePrints, new Set(prints.values()))
    }
  };
}
function resolvedFindings(report, baselinePrints, current) {
  const judged = new Set(report.checks.filter((c) => c.enabled && c.status !== "unknown").map((c) => c.id));
  const folder = report.metadata.pathInRepository;
  const inScope = (path) => !folder || !path || path.startsWith(`${folder}/`);
  const out = [];
  for (const [f, fingerprint] of baselinePrints) {
    if (current.has(fingerprint) || !judged.has(f.checkId) || !inScope(f.path)) continue;
    out.push({
      checkId: f.checkId,
      message: redactCredentials(f.message),
      ...f.severity ? { severity: f.severity } : {},
      ...f.path ? { path: f.path } : {},
      ...f.line !== void 0 && f.line > 0 ? { line: f.line } : {},
      fingerprint
    });
  }
  return out;
}
function formatPath(path) {
  return path.map((p, i) => typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`).join("");
}
var RANK = { met: 3, attested: 2, "partially-met": 1, "not-met": 0 };
function changeDirection(before, after) {
  if (before === after) return "unchanged";
  if (before === null) return "changed";
  const rb = RANK[before];
  const ra = RANK[after];
  if (rb === void 0 || ra === void 0) return "changed";
  return ra > rb ? "improved" : "regressed";
}
function compareWithBaseline(current, baseline) {
  const beforeClaims = new Map(
    baseline.principles.flatMap((p) => p.claims.map((c) => [c.id, c.status]))
  );
  const beforePrinciples = new Map(baseline.principles.map((p) => [p.id, p]));
  const claims = [];
  const principles = [];
  for (const p of current.principles) {
    const before = beforePrinciples.get(p.id);
    principles.push({
      id: p.id,
      title: p.title,
      before: before?.status ?? null,
      after: p.status,
      direction: changeDirection(before?.status ?? null, p.status),
      scoreBefore: before?.score ?? null,
      scoreAfter: p.score
    });
    for (const c of p.claims) {
      const was = beforeClaims.get(c.id) ?? null;
      claims.push({
        id: c.id,
        title: c.text,
        before: was,
        after: c.status,
        direction: changeDirection(was, c.status)
      });
    }
  }
  const notes = [];
  if (baseline.repository && current.repository && baseline.repository !== current.repository) {
    notes.push(`the baseline is a report on ${baseline.repository}, not on ${current.repository}`);
  }
  const currentIds = new Set(claims.map((c) => c.id));
  const dropped = [...beforeClaims.keys()].filter((id) => !currentIds.has(id));
  if (dropped.length) notes.push(`claims in the baseline but not in this report: ${dropped.join(", ")}`);
  const added = claims.filter((c) => c.before === null).map((c) => c.id);
  if (added.length) notes.push(`claims not in the baseline: ${added.join(", ")}`);
  const pick = (c) => ({
    observed: c.observed,
    total: c.total,
    attested: c.attested,
    unknown: c.unknown
  });
  return {
    baseline: {
      repository: baseline.repository,
      commit: baseline.commit,
      generatedAt: baseline.generatedAt,
      toolVersion: baseline.tool.version
    },
    score: { before: baseline.score, after: current.score, delta: current.score - baseline.score },
    coverage: { before: pick(baseline.coverage), after: pick(current.coverage) },
    claims,
    principles,
    notes
  };
}

// src/report/json-chunks.ts
var GAP = "  ";
function* jsonChunks(value, depth = 4) {
  const top = prepare(value, "");
  if (top === void 0)
    throw new TypeError("the value has no JSON form (undefined, a function or a symbol)");
  yield* walk(top, depth, 0);
}
function* walk(value, depth, level) {
  if (depth <= 0 || !isContainer(value)) {
    const text = JSON.stringify(value, null, GAP);
    yield level === 0 ? text : text.replaceAll("\n", `
${GAP.repeat(level)}`);
    return;
  }
  const inner = `
${GAP.repeat(level + 1)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `[${inner}` : `,${inner}`;
      yield* walk(prepare(value[i], String(i)) ?? null, depth - 1, level + 1);
    }
    yield `
${GAP.repeat(level)}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const member = prepare(value[key], key);
    if (member === void 0) continue;
    yield `${first ? "{" : ","}${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* walk(member, depth - 1, level + 1);
  }
  yield first ? "{}" : `
${GAP.repeat(level)}}`;
}
function prepare(value, key) {
  let v = value;
  if (v !== null && (typeof v === "object" || typeof v === "bigint")) {
    const toJSON = v.toJSON;
    if (typeof toJSON === "function") v = toJSON.call(v, key);
  }
  return v === void 0 || typeof v === "function" || typeof v === "symbol" ? void 0 : v;
}
function isContainer(value) {
  return value !== null && typeof value === "object" && !(value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt);
}
function* jsonDocument(value) {
  yield* jsonChunks(value);
  yield "\n";
}
function* gather(pieces, size = 1 << 16) {
  let parts = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join("");
      parts = [];
      length = 0;
    }
  }
  if (parts.length) yield parts.join("");
}

// src/output-file.ts
import { promises as fs } from "node:fs";
async function writeOutputFile(file, content) {
  if (typeof content === "string") return fs.writeFile(file, content);
  const handle = await fs.open(file, "w");
  try {
    for (const piece of gather(content)) await handle.write(piece);
  } finally {
    await handle.close();
  }
}

export {
  redactCredentials,
  redactCheck,
  findingFingerprints,
  fingerprintsByFinding,
  MAX_BASELINE_BYTES,
  parseBaseline,
  markNewSinceBaseline,
  compareWithBaseline,
  jsonDocument,
  gather,
  writeOutputFile
};
