import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  PERMISSIONS
} from "./chunk-IHM2KAJ6.js";
import {
  ApiTimeBudget,
  GitHubStatusError,
  GitHubUnavailableError,
  createGitHubClient
} from "./chunk-RMI2LDBZ.js";
import {
  MAX_BASELINE_BYTES,
  jsonDocument,
  writeOutputFile
} from "./chunk-HRQOEH4R.js";
import {
  CHECK_STATUSES,
  CLAIM_STATUSES
} from "./chunk-4MQQFVBA.js";
import {
  collate
} from "./chunk-2FTF55O4.js";
import "./chunk-B7ZNQGY5.js";
import "./chunk-KSFHDG3R.js";
import {
  UserError,
  _enum,
  array,
  boolean,
  errorFirstLine,
  errorMessage,
  escapeHtml,
  escapeMarkdown,
  escapeTerminal,
  literal,
  number,
  object,
  string
} from "./chunk-PJB45EWD.js";
import "./chunk-W373YIMK.js";

// src/org/cli.ts
import { promises as fs3 } from "node:fs";
import path3 from "node:path";
import { parseArgs } from "node:util";

// src/org/repositories.ts
var ORG_LISTING_MAX_PAGES = 1e3;
var MAX_PROBES = 100;
var repositorySchema = object({
  name: string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  full_name: string(),
  owner: object({ login: string() }),
  archived: boolean().optional(),
  fork: boolean(),
  private: boolean(),
  visibility: string().optional(),
  topics: array(string()).optional(),
  pushed_at: string().nullable().optional()
});
function toOrgRepository(item) {
  const parsed = repositorySchema.safeParse(item);
  if (!parsed.success) return void 0;
  const r = parsed.data;
  const visibility = r.visibility === "public" || r.visibility === "private" || r.visibility === "internal" ? r.visibility : r.private ? "private" : "public";
  return {
    name: r.name,
    fullName: `${r.owner.login}/${r.name}`,
    owner: r.owner.login,
    archived: r.archived ?? false,
    fork: r.fork,
    visibility,
    topics: r.topics ?? [],
    pushedAt: r.pushed_at ?? null
  };
}
async function listRepositories(client, org, source) {
  const { octokit } = client;
  let items;
  try {
    items = source === "installation" ? await octokit.paginate("GET /installation/repositories", { per_page: 100 }) : await octokit.paginate("GET /orgs/{org}/repos", { org, type: "all", per_page: 100 });
  } catch (error) {
    throw listingError(error, org, source);
  }
  const repositories = [];
  let ignored = 0;
  const lowerOrg = org.toLowerCase();
  for (const item of items) {
    const repository = toOrgRepository(item);
    if (repository && repository.owner.toLowerCase() === lowerOrg) repositories.push(repository);
    else ignored++;
  }
  return { source, repositories, ignored };
}
function listingError(error, org, source) {
  const what = source === "installation" ? "the App installation\u2019s repositories" : `the repositories of ${org}`;
  if (error instanceof GitHubStatusError) {
    return new UserError(`GitHub refused to list ${what} (${error.status} ${error.message}): ${hint(error)}`);
  }
  if (error instanceof GitHubUnavailableError)
    return new UserError(`Could not list ${what}: ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}
function hint(error) {
  if (error.headers["x-github-sso"]?.startsWith("required"))
    return "the organisation enforces SAML single sign-on and the token is not authorised for it (authorise it under the token\u2019s SSO settings)";
  if (error.status === 404)
    return "it does not exist, or the token cannot see it (grant the fine-grained token or the App installation access to it)";
  if (/not accessible by integration/i.test(error.message))
    return "the App installation or fine-grained token lacks Metadata: read on it";
  if (/IP allow list/i.test(error.message)) return "the organisation\u2019s IP allow list refuses this runner";
  return "the token lacks access to it";
}
async function probeRepositories(client, names) {
  const found = [];
  const unseen = [];
  for (const [i, fullName] of names.entries()) {
    if (i >= MAX_PROBES) {
      unseen.push({
        repository: fullName,
        status: null,
        reason: `not in the listing, and not asked about: only the first ${MAX_PROBES} missing repositories are`
      });
      continue;
    }
    const [owner, repo] = fullName.split("/");
    try {
      const { data } = await client.octokit.request("GET /repos/{owner}/{repo}", { owner, repo });
      const repository = toOrgRepository(data);
      if (repository) found.push(repository);
      else unseen.push({ repository: fullName, status: 200, reason: "GitHub\u2019s answer was not a repository" });
    } catch (error) {
      unseen.push(probeFailure(fullName, error));
    }
  }
  return { found, unseen };
}
function probeFailure(repository, error) {
  if (error instanceof GitHubStatusError)
    return { repository, status: error.status, reason: `${error.status} ${error.message}: ${hint(error)}` };
  if (error instanceof GitHubUnavailableError) return { repository, status: null, reason: error.message };
  throw error;
}

// src/org/plan.ts
var PLAN_SCHEMA_VERSION = "1.0";
var MAX_CHUNK_SIZE = 256;
var PLAN_API_TIME_BUDGET_MS = 6e5;
function exclusionOf(repository, filters) {
  if (repository.archived && !filters.includeArchived) return "archived";
  if (repository.fork && !filters.includeForks) return "fork";
  if (filters.visibility === "public" && repository.visibility !== "public") return "visibility";
  if (filters.visibility === "private" && repository.visibility === "public") return "visibility";
  const topics = new Set(repository.topics.map((t) => t.toLowerCase()));
  if (filters.topics.some((t) => !topics.has(t.toLowerCase()))) return "topic";
  if (filters.namePattern && !filters.namePattern.test(repository.name)) return "name-pattern";
  if (filters.only && !filters.only.has(repository.fullName.toLowerCase())) return "not-listed";
  return void 0;
}
function planFromListing(input) {
  const { filters, chunkSize } = input;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE)
    throw new UserError(`--chunk-size must be a whole number from 1 to ${MAX_CHUNK_SIZE}, got ${chunkSize}`);
  const excluded = {
    archived: 0,
    fork: 0,
    visibility: 0,
    topic: 0,
    "name-pattern": 0,
    "not-listed": 0
  };
  const seen = /* @__PURE__ */ new Set();
  const planned = [];
  for (const repository of input.repositories) {
    const key = repository.fullName.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const reason = exclusionOf(repository, filters);
    if (reason) excluded[reason]++;
    else planned.push(repository);
  }
  planned.sort((a, b) => a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1);
  const chunks = [];
  const newest = [];
  for (let start = 0; start < planned.length; start += chunkSize) {
    const members = planned.slice(start, start + chunkSize);
    chunks.push({
      index: chunks.length,
      include: members.map((r) => ({ repository: r.fullName, name: r.name, visibility: r.visibility }))
    });
    newest.push(members.reduce((max, r) => r.pushedAt && r.pushedAt > max ? r.pushedAt : max, ""));
  }
  const order = chunks.map((c) => c.index).sort((a, b) => collate(newest[b], newest[a]) || a - b);
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    organisation: input.organisation,
    source: input.source,
    chunkSize,
    repositories: planned.length,
    chunks,
    order,
    excluded,
    unseen: input.unseen ?? [],
    requests: input.requests ?? 0
  };
}
async function planOrganisation(options) {
  const client = createGitHubClient({
    timeBudget: new ApiTimeBudget(PLAN_API_TIME_BUDGET_MS),
    ...options.client,
    maxPages: ORG_LISTING_MAX_PAGES,
    token: options.token,
    apiUrl: options.apiUrl
  });
  const source = options.source ?? sourceForToken(options.token);
  const org = options.organisation;
  const listing = await listRepositories(client, org, source);
  const repositories = [...listing.repositories];
  const unseen = [];
  const only = options.filters.only;
  if (only) {
    const listed = new Set(repositories.map((r) => r.fullName.toLowerCase()));
    const missing = [];
    for (const name of only) {
      if (!name.startsWith(`${org.toLowerCase()}/`))
        unseen.push({ repository: name, status: null, reason: `not a repository of ${org}` });
      else if (!listed.has(name)) missing.push(name);
    }
    const probed = await probeRepositories(client, missing);
    repositories.push(...probed.found);
    unseen.push(...probed.unseen);
  }
  return planFromListing({
    organisation: org,
    source,
    repositories,
    filters: options.filters,
    chunkSize: options.chunkSize,
    unseen,
    requests: client.requestCount
  });
}
function sourceForToken(token) {
  return token.startsWith("ghs_") ? "installation" : "organisation";
}
function parseRepositoryList(text, organisation, file) {
  const names = /* @__PURE__ */ new Set();
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const full = line.includes("/") ? line : `${organisation}/${line}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/.test(full) || /\/\.{1,2}$/.test(full))
      throw new UserError(`${file}:${i + 1}: expected NAME or OWNER/NAME, got "${line.slice(0, 120)}"`);
    names.add(full.toLowerCase());
  }
  return names;
}

// src/org/report-command.ts
import { promises as fs2 } from "node:fs";
import path2 from "node:path";

// src/org/repository-report.ts
import { promises as fs } from "node:fs";
import path from "node:path";
var count = number().int().min(0);
var reportSchema = object({
  schemaVersion: string().regex(/^1\.\d+$/, 'expected "1.x" (a JSON report from sscop 1.x)'),
  tool: object({ name: literal("sscop") }),
  repository: string().max(300).nullable(),
  generatedAt: string().max(100),
  score: number().min(0).max(100),
  threshold: number().min(0).max(100),
  passed: boolean(),
  coverage: object({ observed: count, total: count, unknown: count }),
  principles: array(
    object({
      id: string().regex(/^\d+\.\d+$/, "expected a principle id"),
      title: string().max(500),
      status: _enum(CLAIM_STATUSES),
      score: number().min(0).max(100).nullable()
    })
  ).min(1).max(100),
  checks: array(
    object({
      id: string().max(100),
      enabled: boolean().optional(),
      status: _enum(CHECK_STATUSES),
      findings: array(object({ suppressed: literal(true).optional() })),
      unknown: object({ reason: string(), howToObserve: string() }).optional()
    })
  ).max(1e3)
});
async function readRepositoryReport(file, display) {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return { file: display, problem: "not a regular file" };
    if (st.size > MAX_BASELINE_BYTES)
      return { file: display, problem: `larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MiB` };
    return summarise(await fs.readFile(file, "utf8"), display);
  } catch (error) {
    return { file: display, problem: `cannot read it (${error.code ?? "error"})` };
  }
}
function summarise(text, display) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { file: display, problem: `not valid JSON (${errorFirstLine(error)})` };
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    return { file: display, problem: `not an sscop JSON report: ${where}${errorFirstLine(issue.message)}` };
  }
  const r = parsed.data;
  const enabled = r.checks.filter((c) => c.enabled !== false);
  return {
    summary: {
      repository: r.repository ?? `(unnamed: ${display})`,
      file: display,
      generatedAt: r.generatedAt,
      score: r.score,
      threshold: r.threshold,
      passed: r.passed,
      coverage: r.coverage,
      principles: r.principles.map(({ id, title, status, score }) => ({ id, title, status, score })),
      findings: enabled.reduce((n, c) => n + c.findings.filter((f) => !f.suppressed).length, 0),
      unobserved: enabled.flatMap(
        (c) => c.status === "unknown" && c.unknown ? [{ checkId: c.id, reason: c.unknown.reason, howToObserve: c.unknown.howToObserve }] : []
      )
    }
  };
}
async function* reportFiles(inputs, cwd) {
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    const st = await fs.lstat(full).catch(() => void 0);
    if (st?.isDirectory()) yield* jsonFilesUnder(full);
    else yield full;
  }
}
async function* jsonFilesUnder(dir) {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* jsonFilesUnder(full);
    else if (entry.isFile() && entry.name.endsWith(".json")) yield full;
  }
}

// src/org/rollup.ts
var ROLLUP_SCHEMA_VERSION = "1.0";
var emptyCounts = () => Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0]));
var RollupBuilder = class {
  constructor(threshold) {
    this.threshold = threshold;
  }
  threshold;
  repositories = /* @__PURE__ */ new Map();
  principles = /* @__PURE__ */ new Map();
  unknownChecks = /* @__PURE__ */ new Map();
  revealers = /* @__PURE__ */ new Map();
  unreadable = [];
  /** Adds one repository; a second report for the same repository is unreadable (the first counts). */
  add(summary) {
    const key = summary.repository.toLowerCase();
    if (this.repositories.has(key)) {
      this.unreadable.push({ file: summary.file, problem: `a second report for ${summary.repository}` });
      return;
    }
    const threshold = this.threshold ?? summary.threshold;
    const statuses = {};
    for (const p of summary.principles) {
      statuses[p.id] = p.status;
      this.addPrinciple(p);
    }
    this.tallyUnobserved(summary);
    this.repositories.set(key, {
      repository: summary.repository,
      score: summary.score,
      threshold,
      passed: this.threshold === void 0 ? summary.passed : summary.score >= threshold,
      gap: summary.score - threshold,
      coverage: summary.coverage,
      findings: summary.findings,
      principles: statuses,
      unobservedChecks: summary.unobserved.length
    });
  }
  addPrinciple(p) {
    let entry = this.principles.get(p.id);
    if (!entry) {
      entry = {
        id: p.id,
        title: p.title,
        counts: emptyCounts(),
        notMet: 0,
        meanScore: null,
        scoreSum: 0,
        scored: 0
      };
      this.principles.set(p.id, entry);
    }
    entry.counts[p.status]++;
    if (p.status === "not-met" || p.status === "partially-met") entry.notMet++;
    if (p.score !== null) {
      entry.scoreSum += p.score;
      entry.scored++;
    }
  }
  tallyUnobserved(summary) {
    const revealedHere = /* @__PURE__ */ new Map();
    for (const u of summary.unobserved) {
      let check = this.unknownChecks.get(u.checkId);
      if (!check) this.unknownChecks.set(u.checkId, check = { repositories: 0, reasons: /* @__PURE__ */ new Map() });
      check.repositories++;
      check.reasons.set(u.reason, (check.reasons.get(u.reason) ?? 0) + 1);
      const revealer = revealerOf(u.howToObserve);
      revealedHere.set(revealer, (revealedHere.get(revealer) ?? 0) + 1);
    }
    for (const [revealer, checks] of revealedHere) {
      const entry = this.revealers.get(revealer) ?? { repositories: 0, checks: 0 };
      entry.repositories++;
      entry.checks += checks;
      this.revealers.set(revealer, entry);
    }
  }
  result(generatedAt) {
    const repositories = [...this.repositories.values()].sort(
      (a, b) => compareText(a.repository, b.repository)
    );
    const observed = repositories.reduce((n, r) => n + r.coverage.observed, 0);
    const total = repositories.reduce((n, r) => n + r.coverage.total, 0);
    const scoreSum = repositories.reduce((n, r) => n + r.score, 0);
    const revealer = [...this.revealers].sort(
      ([a, x], [b, y]) => y.repositories - x.repositories || y.checks - x.checks || compareText(a, b)
    )[0];
    return {
      schemaVersion: ROLLUP_SCHEMA_VERSION,
      generatedAt: generatedAt.toISOString(),
      threshold: this.threshold ?? null,
      estate: {
        repositories: repositories.length,
        passed: repositories.filter((r) => r.passed).length,
        score: repositories.length ? Math.round(scoreSum / repositories.length) : 0,
        coverage: { observed, total, percent: total ? Math.round(100 * observed / total) : 0 },
        unreadable: this.unreadable.length
      },
      principles: [...this.principles.values()].sort((a, b) => comparePrincipleIds(a.id, b.id)).map(({ scoreSum: sum, scored, ...p }) => ({
        ...p,
        meanScore: scored ? Math.round(sum / scored) : null
      })),
      repositories,
      unobserved: {
        checks: [...this.unknownChecks].map(([checkId, c]) => ({ checkId, repositories: c.repositories, reason: mostCommon(c.reasons) })).sort((a, b) => b.repositories - a.repositories || compareText(a.checkId, b.checkId)),
        revealer: revealer ? { howToObserve: revealer[0], ...revealer[1] } : null
      },
      unreadable: this.unreadable
    };
  }
};
function revealerOf(howToObserve) {
  const quoted = Object.values(PERMISSIONS).filter((p) => howToObserve.includes(p)).sort((a, b) => b.length - a.length)[0];
  return quoted ?? howToObserve.slice(0, 300);
}
function principlesMostOftenNotMet(rollup) {
  return rollup.principles.filter((p) => p.notMet > 0).sort((a, b) => b.notMet - a.notMet || (a.meanScore ?? 101) - (b.meanScore ?? 101));
}
function furthestBelow(rollup) {
  return rollup.repositories.filter((r) => r.gap < 0).sort((a, b) => a.gap - b.gap || compareText(a.repository, b.repository));
}
function mostCommon(counts) {
  return [...counts].sort(([a, x], [b, y]) => y - x || compareText(a, b))[0]?.[0] ?? "";
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function comparePrincipleIds(a, b) {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

// src/org/rollup-change.ts
var previousSchema = object({
  schemaVersion: string().regex(/^1\.\d+$/, 'expected "1.x" (an estate.json from sscop org report)'),
  generatedAt: string().max(100),
  estate: object({
    repositories: number().int().min(0),
    score: number().min(0).max(100),
    coverage: object({ percent: number().min(0).max(100) })
  }),
  principles: array(object({ id: string().max(20), notMet: number().int().min(0) })),
  repositories: array(
    object({ repository: string().max(300), score: number().min(0).max(100), passed: boolean() })
  )
});
function parsePreviousRollup(text, file) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: the baseline is not valid JSON (${errorFirstLine(error)})`);
  }
  const parsed = previousSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `${file}: not an estate.json from sscop org report: ${issue.path.join(".")}: ${errorFirstLine(issue.message)}`
    );
  }
  return parsed.data;
}
function rollupChange(previous, now) {
  const before = new Map(previous.repositories.map((r) => [r.repository.toLowerCase(), r]));
  const after = new Map(now.repositories.map((r) => [r.repository.toLowerCase(), r]));
  const newlyFailing = [];
  const newlyPassing = [];
  for (const [key, r] of after) {
    const was = before.get(key);
    if (!was || was.passed === r.passed) continue;
    (r.passed ? newlyPassing : newlyFailing).push({
      repository: r.repository,
      before: was.score,
      after: r.score
    });
  }
  newlyFailing.sort((a, b) => a.after - a.before - (b.after - b.before));
  const notMetBefore = new Map(previous.principles.map((p) => [p.id, p.notMet]));
  return {
    since: previous.generatedAt,
    score: { before: previous.estate.score, after: now.estate.score },
    coveragePercent: { before: previous.estate.coverage.percent, after: now.estate.coverage.percent },
    added: [...after].filter(([key]) => !before.has(key)).map(([, r]) => r.repository),
    removed: [...before].filter(([key]) => !after.has(key)).map(([, r]) => r.repository),
    newlyFailing,
    newlyPassing,
    principles: now.principles.map((p) => ({
      id: p.id,
      notMetBefore: notMetBefore.get(p.id) ?? 0,
      notMetAfter: p.notMet
    }))
  };
}

// src/org/rollup-csv.ts
function* renderRollupCsv(rollup) {
  const ids = rollup.principles.map((p) => p.id);
  const header = [
    "repository",
    "score",
    "threshold",
    "passed",
    "gap",
    "claims_observed",
    "claims_total",
    "claims_unknown",
    "findings",
    "checks_unobserved",
    ...ids.map((id) => `principle_${id}`)
  ];
  yield `${header.join(",")}\r
`;
  for (const r of rollup.repositories) {
    const cells = [
      textCell(r.repository),
      r.score,
      r.threshold,
      r.passed,
      r.gap,
      r.coverage.observed,
      r.coverage.total,
      r.coverage.unknown,
      r.findings,
      r.unobservedChecks,
      ...ids.map((id) => r.principles[id] ?? "")
    ];
    yield `${cells.join(",")}\r
`;
  }
}
function textCell(value) {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

// src/org/rollup-html.ts
import { createHash } from "node:crypto";
var CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 1.5rem; color: #1f2328; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
.figures { display: flex; gap: 1.5rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
.figure b { display: block; font-size: 1.6rem; }
.controls { margin: .75rem 0; display: flex; gap: 1rem; align-items: center; }
table { border-collapse: collapse; font-size: .8rem; }
th, td { border: 1px solid #d1d9e0; padding: 2px 6px; text-align: center; white-space: nowrap; }
th { background: #f6f8fa; cursor: pointer; position: sticky; top: 0; user-select: none; }
th[aria-sort="ascending"]::after { content: " \u25B2"; } th[aria-sort="descending"]::after { content: " \u25BC"; }
td.name { text-align: left; font-family: ui-monospace, Menlo, Consolas, monospace; }
td.below { color: #cf222e; font-weight: 600; }
.met { background: #aceebb; } .partially-met { background: #fff1a8; } .not-met { background: #ffcecb; }
.unknown { background: #e6e6e6; } .attested { background: #b6e3ff; } .not-applicable { background: #fff; color: #8c959f; }
.legend span { padding: 1px 6px; margin-right: .4rem; border: 1px solid #d1d9e0; }
`;
var SCRIPT = `
(() => {
  const table = document.getElementById('heat');
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const name = document.getElementById('filter-name');
  const below = document.getElementById('filter-below');
  const shown = document.getElementById('shown');
  const filter = () => {
    const text = name.value.trim().toLowerCase();
    let n = 0;
    for (const row of rows) {
      const show = (!text || row.dataset.name.includes(text)) && (!below.checked || row.dataset.below === '1');
      row.hidden = !show;
      if (show) n++;
    }
    shown.textContent = String(n);
  };
  name.addEventListener('input', filter);
  below.addEventListener('change', filter);
  const headers = Array.from(table.tHead.rows[0].cells);
  const sortBy = (th, dir) => {
    const col = th.cellIndex;
    for (const other of headers) other.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    const key = (row) => row.cells[col].dataset.v ?? row.cells[col].textContent;
    const numeric = th.dataset.type === 'number';
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      return dir * (numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0);
    });
    body.append(...rows);
  };
  for (const th of headers)
    th.addEventListener('click', () => sortBy(th, th.getAttribute('aria-sort') === 'ascending' ? -1 : 1));
  // A link can carry a view: #q=NAME&below=1&sort=COLUMN&desc=1 (COLUMN as its heading reads).
  const view = new URLSearchParams(location.hash.slice(1));
  name.value = view.get('q') ?? '';
  below.checked = view.get('below') === '1';
  const th = headers.find((h) => h.textContent === view.get('sort'));
  if (th) sortBy(th, view.get('desc') === '1' ? -1 : 1);
  filter();
})();
`;
var STATUS_RANK = {
  "not-met": 0,
  "partially-met": 1,
  unknown: 2,
  attested: 3,
  met: 4,
  "not-applicable": 5
};
var STATUS_MARK = {
  met: "\u2713",
  "partially-met": "\xBD",
  "not-met": "\u2717",
  unknown: "?",
  attested: "A",
  "not-applicable": "\u2013"
};
function* renderRollupHtml(rollup) {
  const hash = createHash("sha256").update(SCRIPT).digest("base64");
  const { estate } = rollup;
  const worst = principlesMostOftenNotMet(rollup)[0];
  yield `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sscop estate dashboard</title><style>${CSS}</style></head><body>
<h1>sscop \u2014 estate dashboard</h1>
<div class="figures">
<div class="figure"><b>${estate.score}</b>estate score</div>
<div class="figure"><b>${estate.passed}/${estate.repositories}</b>repositories passed</div>
<div class="figure"><b>${estate.coverage.percent}%</b>claims observed</div>
${worst ? `<div class="figure"><b>${escapeHtml(worst.id)}</b>most often not met (${worst.notMet} repositories)</div>` : ""}
</div>
${rollup.unobserved.revealer ? `<p><strong>What would reveal most of what was not observed:</strong> ${escapeHtml(rollup.unobserved.revealer.howToObserve)} (${rollup.unobserved.revealer.checks} unknown checks in ${rollup.unobserved.revealer.repositories} repositories).</p>` : ""}
<p class="legend">${Object.entries(STATUS_MARK).map(([status, mark]) => `<span class="${status}">${mark} ${status}</span>`).join("")}</p>
<div class="controls"><label>Repository <input id="filter-name" type="search" placeholder="filter by name"></label>
<label><input id="filter-below" type="checkbox"> below the threshold only</label>
<span><span id="shown">${rollup.repositories.length}</span> shown</span></div>
<table id="heat"><thead><tr><th>repository</th><th data-type="number">score</th><th data-type="number">threshold</th><th data-type="number">claims observed</th>`;
  for (const p of rollup.principles) yield `<th data-type="number" title="${escapeHtml(p.title)}">${escapeHtml(p.id)}</th>`;
  yield "</tr></thead><tbody>\n";
  for (const r of rollup.repositories) {
    const cells = rollup.principles.map((p) => {
      const status = r.principles[p.id];
      if (!status) return '<td data-v="9"></td>';
      return `<td class="${status}" data-v="${STATUS_RANK[status]}" title="${escapeHtml(`${p.id}: ${status}`)}">${STATUS_MARK[status]}</td>`;
    });
    const name = escapeHtml(r.repository);
    yield `<tr data-name="${escapeHtml(r.repository.toLowerCase())}" data-below="${r.gap < 0 ? 1 : 0}"><td class="name">${name}</td><td class="${r.gap < 0 ? "below" : ""}">${r.score}</td><td>${r.threshold}</td><td data-v="${r.coverage.observed}">${r.coverage.observed}/${r.coverage.total}</td>${cells.join("")}</tr>
`;
  }
  yield `</tbody></table>
<script>${SCRIPT}</script>
</body></html>
`;
}

// src/org/rollup-markdown.ts
var SUMMARY_ROWS = 10;
function renderRollupMarkdown(rollup, change) {
  const { estate } = rollup;
  const out = [
    "## sscop \u2014 estate roll-up",
    "",
    `**Estate score ${estate.score}/100** over ${estate.repositories} repositories: ${estate.passed} passed, ${estate.repositories - estate.passed} below ${rollup.threshold === null ? "their threshold" : `the threshold of ${rollup.threshold}`}.`,
    "",
    `Coverage: ${estate.coverage.observed} of ${estate.coverage.total} claims observed across the estate (${estate.coverage.percent}%).` + (estate.unreadable ? ` ${estate.unreadable} report files could not be read (listed in estate.json).` : "")
  ];
  out.push(...principleSection(rollup), ...furthestSection(rollup), ...unobservedSection(rollup));
  if (change) out.push(...changeSection(change));
  out.push("", "Full figures: estate.json, estate.csv and dashboard.html in the roll-up artifact.", "");
  return out.join("\n");
}
function more(total) {
  return total > SUMMARY_ROWS ? ["", `\u2026and ${total - SUMMARY_ROWS} more.`] : [];
}
function principleSection(rollup) {
  const principles = principlesMostOftenNotMet(rollup);
  if (!principles.length)
    return ["", "### Principles", "", "Every observed principle is met in every repository."];
  return [
    "",
    "### Principles most often not met",
    "",
    "| principle | not met or partly met | mean score |",
    "|---|---:|---:|",
    ...principles.slice(0, SUMMARY_ROWS).map(
      (p) => `| ${escapeMarkdown(p.id)} ${escapeMarkdown(p.title)} | ${p.notMet} of ${rollup.estate.repositories} | ${p.meanScore ?? "\u2014"} |`
    ),
    ...more(principles.length)
  ];
}
function furthestSection(rollup) {
  const below = furthestBelow(rollup);
  if (!below.length) return ["", "### Repositories below the threshold", "", "None."];
  return [
    "",
    "### Repositories furthest below the threshold",
    "",
    "| repository | score | threshold | claims observed |",
    "|---|---:|---:|---:|",
    ...below.slice(0, SUMMARY_ROWS).map(
      (r) => `| ${escapeMarkdown(r.repository)} | ${r.score} | ${r.threshold} | ${r.coverage.observed}/${r.coverage.total} |`
    ),
    ...more(below.length)
  ];
}
function unobservedSection(rollup) {
  const { checks, revealer } = rollup.unobserved;
  if (!checks.length) return ["", "### Not observed", "", "Every check was observed in every repository."];
  const lines = [
    "",
    "### Not observed across the estate",
    "",
    "| check | repositories | most common reason |",
    "|---|---:|---|",
    ...checks.slice(0, SUMMARY_ROWS).map((c) => `| ${escapeMarkdown(c.checkId)} | ${c.repositories} | ${escapeMarkdown(c.reason)} |`),
    ...more(checks.length)
  ];
  if (revealer)
    lines.push(
      "",
      `**What would reveal most:** ${escapeMarkdown(revealer.howToObserve)} \u2014 ${revealer.checks} unknown checks in ${revealer.repositories} repositories.`
    );
  return lines;
}
function changeSection(change) {
  const signed = (n) => n > 0 ? `+${n}` : String(n);
  const moved = change.principles.filter((p) => p.notMetAfter !== p.notMetBefore);
  const list = (names) => names.length ? `${names.slice(0, SUMMARY_ROWS).map(escapeMarkdown).join(", ")}${names.length > SUMMARY_ROWS ? ", \u2026" : ""}` : "none";
  return [
    "",
    `### Change since ${escapeMarkdown(change.since)}`,
    "",
    `- Estate score ${change.score.before} \u2192 ${change.score.after} (${signed(change.score.after - change.score.before)}); coverage ${change.coveragePercent.before}% \u2192 ${change.coveragePercent.after}%.`,
    `- Now below the threshold (${change.newlyFailing.length}): ${list(change.newlyFailing.map((r) => `${r.repository} (${r.before} \u2192 ${r.after})`))}.`,
    `- Now passing (${change.newlyPassing.length}): ${list(change.newlyPassing.map((r) => r.repository))}.`,
    `- Repositories added (${change.added.length}): ${list(change.added)}; removed (${change.removed.length}): ${list(change.removed)}.`,
    ...moved.slice(0, SUMMARY_ROWS).map((p) => `- Principle ${escapeMarkdown(p.id)} not met in ${p.notMetBefore} \u2192 ${p.notMetAfter} repositories.`)
  ];
}

// src/org/report-command.ts
async function writeOrgReport(options) {
  if (!options.inputs.length) throw new UserError("org report needs a folder or report files to merge");
  const previous = options.baseline === void 0 ? void 0 : await readPrevious(options.baseline, options.cwd);
  const builder = new RollupBuilder(options.threshold);
  for await (const file of reportFiles(options.inputs, options.cwd)) {
    const outcome = await readRepositoryReport(file, path2.relative(options.cwd, file) || file);
    if ("summary" in outcome) builder.add(outcome.summary);
    else builder.unreadable.push(outcome);
  }
  const rollup = builder.result(options.now ?? /* @__PURE__ */ new Date());
  const change = previous ? rollupChange(previous, rollup) : void 0;
  const out = path2.resolve(options.cwd, options.out);
  await fs2.mkdir(out, { recursive: true });
  const files = {
    summary: path2.join(out, "summary.md"),
    json: path2.join(out, "estate.json"),
    csv: path2.join(out, "estate.csv"),
    html: path2.join(out, "dashboard.html")
  };
  await writeOutputFile(files.summary, renderRollupMarkdown(rollup, change));
  await writeOutputFile(files.json, jsonDocument(change ? { ...rollup, change } : rollup));
  await writeOutputFile(files.csv, renderRollupCsv(rollup));
  await writeOutputFile(files.html, renderRollupHtml(rollup));
  return { rollup, ...change ? { change } : {}, files };
}
async function readPrevious(file, cwd) {
  const full = path2.resolve(cwd, file);
  let text;
  try {
    const st = await fs2.stat(full);
    if (!st.isFile() || st.size > MAX_BASELINE_BYTES)
      throw new UserError(
        `--baseline ${file}: expected a regular file under ${MAX_BASELINE_BYTES / 1024 / 1024} MiB`
      );
    text = await fs2.readFile(full, "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `--baseline ${file}: cannot read it (${error.code ?? "error"})`
    );
  }
  return parsePreviousRollup(text, file);
}
async function runOrgReport(parsed, io) {
  const { values, positionals } = parsed;
  if (!values.out) throw new UserError("--out DIR is required (where the roll-up is written)");
  let threshold;
  if (values.threshold !== void 0) {
    threshold = Number(values.threshold);
    if (!/^\d+(\.\d+)?$/.test(values.threshold) || threshold > 100)
      throw new UserError(`--threshold must be a number from 0 to 100, got "${values.threshold}"`);
  }
  const { rollup, files } = await writeOrgReport({
    inputs: positionals,
    out: values.out,
    ...values.baseline !== void 0 ? { baseline: values.baseline } : {},
    ...threshold !== void 0 ? { threshold } : {},
    cwd: io.cwd
  });
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) await fs2.appendFile(stepSummary, await fs2.readFile(files.summary, "utf8"));
  const { estate } = rollup;
  io.stderr(
    `sscop: roll-up of ${estate.repositories} repositories written to ${escapeTerminal(values.out)} (estate score ${estate.score}${estate.unreadable ? `, ${estate.unreadable} files unreadable` : ""})
`
  );
  return threshold !== void 0 && estate.score < threshold ? 1 : 0;
}

// src/org/cli.ts
var ORG_HELP = `Organisation-wide scans (see docs/org.md):
  sscop org plan --org NAME --output plan.json [options]
      --include-archived, --include-forks    plan archived repositories and forks too (default: no)
      --visibility public|private|all        private includes internal (default: all)
      --topic T                              only repositories with topic T (repeatable: all must match)
      --name-pattern RE                      only repositories whose name matches RE
      --repos FILE                           only the repositories FILE names (NAME or OWNER/NAME a line)
      --chunk-size N                         matrix entries per chunk, at most 256 (default: 256)
      --source installation|organisation     list an App installation's repositories or the organisation's
                                             (default: installation for ghs_ tokens)
      --token TOKEN                          default: the GITHUB_TOKEN environment variable
  sscop org report DIR|FILES --out DIR [--baseline previous.json] [--threshold N]
      merges per-repository JSON reports into summary.md, estate.json, estate.csv and dashboard.html`;
var PLAN_OPTIONS = {
  org: { type: "string" },
  "include-archived": { type: "boolean" },
  "include-forks": { type: "boolean" },
  visibility: { type: "string" },
  topic: { type: "string", multiple: true },
  "name-pattern": { type: "string" },
  repos: { type: "string" },
  "chunk-size": { type: "string" },
  output: { type: "string", short: "o" },
  source: { type: "string" },
  token: { type: "string" }
};
var REPORT_OPTIONS = {
  baseline: { type: "string" },
  threshold: { type: "string" },
  out: { type: "string" }
};
async function runOrgCommand(argv, io) {
  const [sub, ...rest] = argv;
  if (sub === "plan") return runPlan(rest, io);
  if (sub === "report")
    return runOrgReport(
      parseOrThrow(
        () => parseArgs({ args: rest, options: REPORT_OPTIONS, allowPositionals: true, strict: true })
      ),
      io
    );
  if (sub === void 0 || sub === "--help" || sub === "-h") {
    io.stdout(`${ORG_HELP}
`);
    return 0;
  }
  throw new UserError(`unknown org command "${sub}" (expected plan or report)`);
}
function parseOrThrow(parse) {
  try {
    return parse();
  } catch (error) {
    throw new UserError(`${errorMessage(error)} (see sscop org --help)`);
  }
}
async function runPlan(argv, io) {
  const { values } = parseOrThrow(() => parseArgs({ args: argv, options: PLAN_OPTIONS, strict: true }));
  const org = values.org;
  if (!org || !/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(org))
    throw new UserError(`--org must name an organisation (letters, digits, hyphens), got "${org ?? ""}"`);
  if (!values.output) throw new UserError("--output FILE is required (where the plan is written)");
  const token = values.token ?? io.env.GITHUB_TOKEN;
  if (!token) throw new UserError("org plan needs a token: set GITHUB_TOKEN or pass --token");
  const plan = await planOrganisation({
    organisation: org,
    token,
    ...io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {},
    ...values.source !== void 0 ? { source: listingSource(values.source) } : {},
    filters: await planFilters(values, org, io.cwd),
    chunkSize: values["chunk-size"] === void 0 ? 256 : Number(values["chunk-size"])
  });
  await writeOutputFile(path3.resolve(io.cwd, values.output), jsonDocument(plan));
  const unseen = plan.unseen.length ? `, ${plan.unseen.length} could not be seen` : "";
  io.stderr(
    `sscop: plan written to ${escapeTerminal(values.output)}: ${plan.repositories} repositories in ${plan.chunks.length} chunks${unseen} (${plan.requests} API requests)
`
  );
  return 0;
}
async function planFilters(values, org, cwd) {
  const visibility = values.visibility ?? "all";
  if (!["public", "private", "all"].includes(visibility))
    throw new UserError(`--visibility must be public, private or all, got "${values.visibility}"`);
  return {
    includeArchived: values["include-archived"] === true,
    includeForks: values["include-forks"] === true,
    visibility,
    topics: values.topic ?? [],
    ...values["name-pattern"] !== void 0 ? { namePattern: namePattern(values["name-pattern"]) } : {},
    ...values.repos !== void 0 ? { only: await readRepositoryList(values.repos, org, cwd) } : {}
  };
}
function namePattern(source) {
  if (source.length > 200) throw new UserError("--name-pattern is longer than 200 characters");
  try {
    return new RegExp(source, "u");
  } catch (error) {
    throw new UserError(`--name-pattern is not a regular expression: ${errorMessage(error)}`);
  }
}
function listingSource(value) {
  if (value === "installation" || value === "organisation") return value;
  throw new UserError(`--source must be installation or organisation, got "${value}"`);
}
var MAX_LIST_BYTES = 4 * 1024 * 1024;
async function readRepositoryList(file, org, cwd) {
  let text;
  try {
    const st = await fs3.stat(path3.resolve(cwd, file));
    if (!st.isFile() || st.size > MAX_LIST_BYTES)
      throw new UserError(`--repos ${file}: expected a regular file under 4 MiB`);
    text = await fs3.readFile(path3.resolve(cwd, file), "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `--repos ${file}: cannot read it (${error.code ?? "error"})`
    );
  }
  return parseRepositoryList(text, org, file);
}
export {
  ORG_HELP,
  parseOrThrow,
  runOrgCommand
};
