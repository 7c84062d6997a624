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
  isKnown,
  known,
  unobserved
} from "./chunk-FOLPRBI6.js";
import "./chunk-B7ZNQGY5.js";
import {
  shorten
} from "./chunk-KSFHDG3R.js";
import {
  parseRepository
} from "./chunk-UMGG2SDY.js";
import {
  UserError,
  _enum,
  array,
  boolean,
  errorMessage,
  number,
  object,
  string,
  stripControl,
  unknown
} from "./chunk-PJB45EWD.js";
import "./chunk-W373YIMK.js";

// src/github/action-advisories.ts
var ADVISORY_NAMES_PER_REQUEST = 50;
var MAX_AFFECTS_CHARS = 3e3;
var MAX_ADVISORY_NAMES = 200;
var MAX_ADVISORY_PAGES = 3;
var MAX_SUMMARY_CHARS = 120;
var GHSA_ID = /^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/;
var vulnerabilitySchema = object({
  package: object({ ecosystem: string(), name: string().nullable() }).nullable(),
  vulnerable_version_range: string().nullable(),
  first_patched_version: string().nullable()
});
var advisorySchema = object({
  ghsa_id: string(),
  type: string(),
  summary: string(),
  severity: string(),
  withdrawn_at: string().nullable(),
  vulnerabilities: array(vulnerabilitySchema).nullable()
});
var advisoriesSchema = array(advisorySchema);
async function lookupActionAdvisories(client, names2) {
  const distinct = [...new Set(names2.map((n) => n.toLowerCase()))];
  const asked = distinct.slice(0, MAX_ADVISORY_NAMES);
  const before = client.requests.length;
  const batches = await Promise.all(batchesOf(asked).map((batch) => readBatch(client, batch)));
  const advisories = /* @__PURE__ */ new Map();
  const lookup = {
    advisories: [],
    answered: [],
    unanswered: [],
    unasked: distinct.length - asked.length,
    requests: client.requests.slice(before).filter((r) => isAdvisoriesRequest(r.url)).length
  };
  for (const b of batches) {
    if ("note" in b) lookup.unanswered.push({ names: b.names, note: b.note });
    else {
      lookup.answered.push(...b.names);
      for (const a of b.advisories) advisories.set(a.ghsaId, a);
    }
  }
  lookup.advisories = [...advisories.values()];
  return lookup;
}
function unansweredAdvisories(names2, note) {
  const distinct = [...new Set(names2.map((n) => n.toLowerCase()))];
  const asked = distinct.slice(0, MAX_ADVISORY_NAMES);
  return {
    advisories: [],
    answered: [],
    unanswered: asked.length ? [{ names: asked, note }] : [],
    unasked: distinct.length - asked.length,
    requests: 0
  };
}
function batchesOf(names2) {
  const batches = [];
  let current = [];
  let chars = 0;
  for (const name of names2) {
    if (current.length && (current.length >= ADVISORY_NAMES_PER_REQUEST || chars + name.length > MAX_AFFECTS_CHARS)) {
      batches.push(current);
      [current, chars] = [[], 0];
    }
    current.push(name);
    chars += name.length + 1;
  }
  if (current.length) batches.push(current);
  return batches;
}
async function readBatch(client, names2) {
  const pages = client.octokit.paginate.iterator("GET /advisories", {
    type: "reviewed",
    ecosystem: "actions",
    affects: names2.join(","),
    per_page: 100
  });
  const advisories = [];
  let read = 0;
  try {
    for await (const page of pages) {
      const parsed = advisoriesSchema.safeParse(page.data);
      if (!parsed.success) return { names: names2, note: "GitHub's list of advisories is not in the expected shape" };
      advisories.push(...parsed.data.flatMap(actionAdvisory));
      if (++read < MAX_ADVISORY_PAGES) continue;
      if (/<[^<>]+>;\s*rel="next"/.test(page.headers.link ?? "")) {
        return {
          names: names2,
          note: `more than ${MAX_ADVISORY_PAGES * 100} advisories, the most sscop reads per request`
        };
      }
      break;
    }
  } catch (error) {
    return { names: names2, note: errorMessage(error).split("\n")[0] };
  }
  return { names: names2, advisories };
}
function actionAdvisory(a) {
  if (a.type !== "reviewed" || a.withdrawn_at !== null || !GHSA_ID.test(a.ghsa_id)) return [];
  const vulnerabilities = (a.vulnerabilities ?? []).flatMap((v) => {
    if (v.package?.ecosystem !== "actions" || !v.package.name || !v.vulnerable_version_range) return [];
    return [
      {
        name: v.package.name.trim().toLowerCase(),
        range: v.vulnerable_version_range,
        ...v.first_patched_version ? { firstPatched: v.first_patched_version } : {}
      }
    ];
  });
  if (!vulnerabilities.length) return [];
  const summary = shorten(stripControl(a.summary).replace(/\s+/g, " ").trim(), MAX_SUMMARY_CHARS);
  return [{ ghsaId: a.ghsa_id, summary, severity: a.severity, vulnerabilities }];
}
function isAdvisoriesRequest(url) {
  try {
    return new URL(url).pathname.endsWith("/advisories");
  } catch {
    return false;
  }
}

// src/github/pins.ts
var MAX_PINS_VERIFIED = 25;
async function verifyPins(client, lookups) {
  const todo = lookupsToMake(lookups);
  const before = client.requestCount;
  const known2 = /* @__PURE__ */ new Map();
  for (const name of todo.repositories) repositoryAnswer(client, name, known2);
  const [results, refs, advisories] = await Promise.all([
    Promise.all(todo.pins.map((p) => verifyOne(client, p, known2))),
    Promise.all(todo.refs.map((r) => classifyRef(client, r))),
    todo.advisoryNames.length ? lookupActionAdvisories(client, todo.advisoryNames) : void 0
  ]);
  const repositories = await Promise.all(
    [...known2].map(async ([, answer]) => repositoryLookup(await answer))
  );
  return {
    results,
    skipped: todo.skipped,
    repositories,
    refs,
    unchecked: todo.unchecked,
    ...advisories && { advisories },
    requests: client.requestCount - before
  };
}
function unverifiedPins(lookups, note) {
  const todo = lookupsToMake(lookups);
  const results = todo.pins.map((p) => ({
    repository: p.repository,
    sha: p.sha,
    version: p.version,
    verdict: "unverified",
    note
  }));
  return {
    results,
    skipped: todo.skipped,
    repositories: todo.repositories.map((repository) => ({ repository, note })),
    refs: todo.refs.map((r) => ({ ...r, note })),
    unchecked: todo.unchecked,
    ...todo.advisoryNames.length ? { advisories: unansweredAdvisories(todo.advisoryNames, note) } : {},
    requests: 0
  };
}
function lookupsToMake(lookups) {
  const pins = /* @__PURE__ */ new Map();
  const refs = /* @__PURE__ */ new Map();
  const repositories = /* @__PURE__ */ new Map();
  const advisoryNames = /* @__PURE__ */ new Set();
  for (const l of lookups) {
    const name = l.repository.toLowerCase();
    if ("sha" in l) pins.set(`${name}@${l.sha}#${l.version ?? ""}`, l);
    else if ("ref" in l) refs.set(`${name}@${l.ref}`, l);
    else if ("advisoriesOf" in l) advisoryNames.add(l.advisoriesOf.toLowerCase());
    if (!repositories.has(name)) repositories.set(name, l.repository);
  }
  const capped = (all) => [...all.values()].slice(0, MAX_PINS_VERIFIED);
  const left = (all) => Math.max(0, all.size - MAX_PINS_VERIFIED);
  return {
    pins: capped(pins),
    refs: capped(refs),
    repositories: capped(repositories),
    advisoryNames: [...advisoryNames],
    skipped: left(pins),
    unchecked: { repositories: left(repositories), refs: left(refs) }
  };
}
async function verifyOne(client, pin, readable) {
  const [owner, repo] = pin.repository.split("/");
  const base = { repository: pin.repository, sha: pin.sha, version: pin.version };
  if (!owner || !repo) return { ...base, verdict: "unverified", note: "not an owner/repo action" };
  try {
    const resolved = pin.version ? await commitSha(client, owner, repo, pin.version) : void 0;
    if (resolved === pin.sha) return { ...base, verdict: "verified" };
    const pinned = await commitSha(client, owner, repo, pin.sha);
    if (typeof pinned !== "string") {
      if (pinned === 404 && !await isReadable(client, owner, repo, readable)) {
        return {
          ...base,
          verdict: "unverified",
          note: `GitHub answered 404 for ${pin.repository}: the repository is private, or the token cannot read it`
        };
      }
      return { ...base, verdict: "sha-not-found" };
    }
    if (!pin.version) return { ...base, verdict: "exists" };
    return typeof resolved === "string" ? { ...base, verdict: "version-mismatch", versionSha: resolved } : { ...base, verdict: "version-not-found" };
  } catch (error) {
    return { ...base, verdict: "unverified", note: errorMessage(error).split("\n")[0] };
  }
}
function repositoryAnswer(client, repository, cache) {
  const key = repository.toLowerCase();
  let answer = cache.get(key);
  if (!answer) {
    const [owner = "", repo = ""] = repository.split("/");
    answer = !owner || !repo ? Promise.resolve({ repository, failed: "not an owner/repo action" }) : client.octokit.request("GET /repos/{owner}/{repo}", { owner, repo }).then(
      (response) => {
        const archived = response.data.archived;
        return typeof archived === "boolean" ? { repository, found: true, archived } : {
          repository,
          failed: `GitHub's answer for ${repository} does not say whether it is archived`
        };
      },
      (error) => error.status === 404 ? { repository, found: false } : { repository, failed: errorMessage(error).split("\n")[0] }
    );
    cache.set(key, answer);
  }
  return answer;
}
async function isReadable(client, owner, repo, cache) {
  const answer = await repositoryAnswer(client, `${owner}/${repo}`, cache);
  if ("failed" in answer) throw new Error(answer.failed);
  return answer.found;
}
function repositoryLookup(answer) {
  if ("failed" in answer) return { repository: answer.repository, note: answer.failed };
  if (!answer.found) {
    return {
      repository: answer.repository,
      note: `GitHub answered 404 for ${answer.repository}: the repository is private, or the token cannot read it`
    };
  }
  return { repository: answer.repository, archived: answer.archived };
}
async function classifyRef(client, request) {
  const [owner, repo] = request.repository.split("/");
  const base = { repository: request.repository, ref: request.ref };
  if (!owner || !repo) return { ...base, note: "not an owner/repo action" };
  if (!isPlainRefName(request.ref)) return { ...base, note: "not a valid branch or tag name" };
  try {
    if (!await refExists(client, owner, repo, "heads", request.ref))
      return { ...base, branchAndTag: false };
    return { ...base, branchAndTag: await refExists(client, owner, repo, "tags", request.ref) };
  } catch (error) {
    const status = error.status;
    const note = status === 404 ? `GitHub answered 404 for ${request.repository}: the repository is private, or the token cannot read it` : errorMessage(error).split("\n")[0];
    return { ...base, note };
  }
}
function isPlainRefName(ref) {
  return ref.length > 0 && ref.length <= 255 && // eslint-disable-next-line no-control-regex -- control characters are what git refuses
  !/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|^[/.]|[/.]$|\.lock$/.test(ref) && !ref.split("/").some((part) => part.startsWith("."));
}
async function refExists(client, owner, repo, kind, name) {
  const response = await client.octokit.request("GET /repos/{owner}/{repo}/git/matching-refs/{ref}", {
    owner,
    repo,
    ref: `${kind}/${name}`
  });
  const data = response.data;
  if (!Array.isArray(data))
    throw new Error(`GitHub's answer for ${owner}/${repo} refs/${kind}/${name} is not a list`);
  return data.some((r) => r?.ref === `refs/${kind}/${name}`);
}
async function commitSha(client, owner, repo, ref) {
  try {
    const response = await client.octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      owner,
      repo,
      ref,
      // Only the SHA is needed; GitHub answers this media type with the bare SHA (a JSON commit also works).
      mediaType: { format: "sha" }
    });
    const data = response.data;
    const sha = typeof data === "string" ? data.trim() : data?.sha;
    if (typeof sha === "string" && /^[0-9a-f]{40}$/.test(sha)) return sha;
    throw new Error(`GitHub's answer for ${owner}/${repo}@${ref} names no commit SHA`);
  } catch (error) {
    const status = error.status;
    if (status === 404 || status === 422) return status;
    throw error;
  }
}

// src/github/facts/answers.ts
async function ask(call) {
  try {
    const { status, data } = await call();
    return { ok: true, status, data };
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (error instanceof GitHubStatusError)
      return { ok: false, status: error.status, message: error.message };
    if (error instanceof GitHubUnavailableError)
      return { ok: false, message: error.message, unavailable: error };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
var RETRY_LATER = "re-run the scan; if it persists, check https://www.githubstatus.com";
var AFTER = {
  timeout: RETRY_LATER,
  "server-error": RETRY_LATER,
  network: RETRY_LATER,
  "rate-limited": "re-run when the rate limit resets, or use a token with a higher limit",
  "time-budget": "re-run when GitHub answers faster, or give the API more time (--api-timeout, or the api-timeout input)",
  refused: "check that GITHUB_API_URL is the GitHub API: sscop reads answers only from its host, and only up to a size cap",
  incomplete: "the list is longer than sscop reads; review it on GitHub"
};
function notVisible(answer, what, permission) {
  if (answer.unavailable) return unobserved(`${what}: ${answer.message}`, AFTER[answer.unavailable.kind]);
  return unobserved(
    `${what}: GitHub answered ${answer.status ?? "an error"} (${answer.message})`,
    `needs a token with ${permission}`
  );
}
function refusesPermission(answer) {
  return !answer.ok && answer.status === 403 && /not accessible by|must have admin rights|requires? admin/i.test(answer.message);
}
function parse(schema, data, what) {
  const result = schema.safeParse(data);
  if (result.success) return known(result.data);
  const issue = result.error.issues[0];
  const at2 = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  return unobserved(
    `${what}: GitHub's answer had an unexpected shape (${issue?.message ?? "invalid"}${at2})`,
    "report this to sscop with the GitHub version (GHES?) you scan; re-running may help if the answer was cut off"
  );
}

// src/github/facts/schemas.ts
var toggle = object({ status: _enum(["enabled", "disabled"]) }).optional();
var securityAndAnalysisSchema = object({
  advanced_security: toggle,
  secret_scanning: toggle,
  secret_scanning_push_protection: toggle,
  secret_scanning_non_provider_patterns: toggle,
  dependabot_security_updates: toggle
}).nullable().optional();
var repoSchema = object({
  name: string(),
  full_name: string(),
  owner: object({ login: string(), type: string() }),
  default_branch: string(),
  archived: boolean(),
  disabled: boolean().optional(),
  fork: boolean(),
  private: boolean(),
  visibility: string().optional(),
  pushed_at: string().nullable(),
  html_url: string(),
  permissions: object({ admin: boolean() }).optional(),
  /** Shown only to admins and security managers. */
  security_and_analysis: securityAndAnalysisSchema
});
var ruleSchema = object({
  type: string(),
  ruleset_id: number().int(),
  ruleset_source_type: string().optional(),
  ruleset_source: string().optional(),
  parameters: unknown().optional()
});
var pullRequestParams = object({
  required_approving_review_count: number().int(),
  dismiss_stale_reviews_on_push: boolean(),
  require_code_owner_review: boolean(),
  require_last_push_approval: boolean()
});
var statusCheckParams = object({
  required_status_checks: array(object({ context: string() })),
  strict_required_status_checks_policy: boolean()
});
var rulesetSchema = object({
  id: number().int(),
  name: string(),
  source_type: string().optional(),
  source: string(),
  enforcement: string(),
  bypass_actors: array(
    object({
      actor_type: string(),
      actor_id: number().nullable().optional(),
      bypass_mode: string().optional()
    })
  ).optional(),
  current_user_can_bypass: string().optional()
});
var named = object({
  login: string().optional(),
  slug: string().optional(),
  name: string().optional()
});
var enabledFlag = object({ enabled: boolean() }).optional();
var classicSchema = object({
  required_status_checks: object({
    contexts: array(string()),
    checks: array(object({ context: string() })).optional(),
    strict: boolean().optional()
  }).optional(),
  enforce_admins: enabledFlag,
  required_pull_request_reviews: object({
    dismiss_stale_reviews: boolean(),
    require_code_owner_reviews: boolean(),
    required_approving_review_count: number().int().optional(),
    require_last_push_approval: boolean().optional(),
    bypass_pull_request_allowances: object({
      users: array(named).optional(),
      teams: array(named).optional(),
      apps: array(named).nullable().optional()
    }).optional()
  }).optional(),
  restrictions: object({ users: array(named), teams: array(named), apps: array(named.nullable()) }).optional(),
  allow_force_pushes: enabledFlag,
  allow_deletions: enabledFlag,
  required_signatures: enabledFlag
});
var branchSchema = object({
  protected: boolean(),
  protection: object({ required_status_checks: object({ contexts: array(string()).optional() }).optional() }).optional()
});
var commitSchema = object({
  sha: string(),
  commit: object({
    message: string(),
    author: object({ name: string().optional(), date: string().optional() }).nullable(),
    committer: object({ date: string().optional() }).nullable(),
    verification: object({ verified: boolean(), reason: string() }).optional()
  }),
  author: object({ login: string().optional() }).nullable()
});
var releaseSchema = object({
  tag_name: string(),
  name: string().nullable(),
  published_at: string().nullable(),
  created_at: string(),
  draft: boolean(),
  prerelease: boolean(),
  assets: array(object({ name: string() })).optional().default([])
});
var dependabotAlertSchema = object({
  number: number().int(),
  created_at: string(),
  html_url: string(),
  security_advisory: object({ summary: string(), severity: string() }),
  dependency: object({
    package: object({ name: string(), ecosystem: string() }).optional(),
    manifest_path: string().optional()
  })
});
var codeScanningAlertSchema = object({
  number: number().int(),
  created_at: string(),
  html_url: string(),
  rule: object({
    id: string().nullable().optional(),
    description: string().optional(),
    security_severity_level: string().nullable().optional()
  }),
  most_recent_instance: object({
    location: object({ path: string().optional(), start_line: number().optional() }).optional()
  }).optional()
});
var advisorySchema2 = object({
  ghsa_id: string(),
  cve_id: string().nullable(),
  summary: string(),
  severity: string().nullable(),
  published_at: string().nullable(),
  html_url: string()
});
var actionsPermissionsSchema = object({
  enabled: boolean(),
  allowed_actions: string().optional(),
  sha_pinning_required: boolean().optional()
});
var workflowPermissionsSchema = object({
  default_workflow_permissions: string(),
  can_approve_pull_request_reviews: boolean()
});
var selectedActionsSchema = object({
  github_owned_allowed: boolean().optional(),
  verified_allowed: boolean().optional(),
  patterns_allowed: array(string()).optional()
});
var orgSchema = object({
  login: string(),
  two_factor_requirement_enabled: boolean().nullable().optional()
});
var pvrSchema = object({ enabled: boolean() });
var ruleListSchema = array(ruleSchema);
var commitListSchema = array(commitSchema);
var releaseListSchema = array(releaseSchema);
var dependabotAlertListSchema = array(dependabotAlertSchema);
var codeScanningAlertListSchema = array(codeScanningAlertSchema);
var advisoryListSchema = array(advisorySchema2);
var noContentSchema = unknown();

// src/github/facts/mapping.ts
function toRepository(r) {
  return {
    owner: r.owner.login,
    name: r.name,
    fullName: r.full_name,
    ownerType: r.owner.type,
    defaultBranch: r.default_branch,
    archived: r.archived,
    disabled: r.disabled ?? false,
    fork: r.fork,
    private: r.private,
    visibility: r.visibility,
    pushedAt: r.pushed_at,
    htmlUrl: r.html_url,
    admin: r.permissions?.admin
  };
}
function toSecurityAndAnalysis(r) {
  const s = r.security_and_analysis;
  if (!s) {
    return unobserved(
      "GitHub shows security and analysis settings only to repository admins and security managers",
      `needs a token with ${PERMISSIONS.administration}`
    );
  }
  return known({
    advancedSecurity: s.advanced_security?.status,
    secretScanning: s.secret_scanning?.status,
    pushProtection: s.secret_scanning_push_protection?.status,
    nonProviderPatterns: s.secret_scanning_non_provider_patterns?.status,
    dependabotSecurityUpdates: s.dependabot_security_updates?.status
  });
}
var NO_REVIEW_PARAMETERS = {
  requiredApprovingReviewCount: 0,
  dismissStaleReviewsOnPush: false,
  requireCodeOwnerReview: false,
  requireLastPushApproval: false
};
function toBranchRules(rules) {
  const rulesets = /* @__PURE__ */ new Map();
  const out = [];
  for (const rule of rules) {
    if (!rulesets.has(rule.ruleset_id)) {
      rulesets.set(rule.ruleset_id, {
        id: rule.ruleset_id,
        sourceType: rule.ruleset_source_type ?? "Repository",
        source: rule.ruleset_source ?? "",
        bypassActors: unobserved("the ruleset itself was not read", "needs a token with Metadata: read")
      });
    }
    const entry = { type: rule.type, rulesetId: rule.ruleset_id };
    if (rule.type === "pull_request") {
      const p = pullRequestParams.safeParse(rule.parameters);
      entry.pullRequest = p.success ? {
        requiredApprovingReviewCount: p.data.required_approving_review_count,
        dismissStaleReviewsOnPush: p.data.dismiss_stale_reviews_on_push,
        requireCodeOwnerReview: p.data.require_code_owner_review,
        requireLastPushApproval: p.data.require_last_push_approval
      } : { ...NO_REVIEW_PARAMETERS };
    }
    if (rule.type === "required_status_checks") {
      const p = statusCheckParams.safeParse(rule.parameters);
      entry.statusChecks = p.success ? {
        contexts: p.data.required_status_checks.map((c) => c.context),
        strict: p.data.strict_required_status_checks_policy
      } : { contexts: [], strict: false };
    }
    out.push(entry);
  }
  return { rules: out, rulesets: [...rulesets.values()].sort((a, b) => a.id - b.id) };
}
function toRulesetDetails(r, ruleset) {
  return {
    name: r.name,
    enforcement: r.enforcement,
    currentUserCanBypass: r.current_user_can_bypass,
    bypassActors: r.bypass_actors ? known(
      r.bypass_actors.map((b) => ({
        actorType: b.actor_type,
        actorId: b.actor_id ?? null,
        bypassMode: b.bypass_mode ?? "always"
      }))
    ) : unobserved(
      `GitHub shows who can bypass ruleset "${r.name}" only to those who can edit it`,
      ruleset.sourceType === "Organization" ? `needs a token of an owner of ${ruleset.source} (${PERMISSIONS.orgAdmin})` : `needs a token with ${PERMISSIONS.administrationWrite}`
    )
  };
}
var names = (list) => (list ?? []).flatMap((x) => x ? [x.login ?? x.slug ?? x.name ?? "?"] : []);
function toClassic(p) {
  const reviews = p.required_pull_request_reviews;
  const statusChecks = p.required_status_checks;
  const allowances = reviews?.bypass_pull_request_allowances;
  return {
    pullRequestReviews: reviews ? {
      requiredApprovingReviewCount: reviews.required_approving_review_count ?? 0,
      dismissStaleReviewsOnPush: reviews.dismiss_stale_reviews,
      requireCodeOwnerReview: reviews.require_code_owner_reviews,
      requireLastPushApproval: reviews.require_last_push_approval ?? false,
      bypassAllowances: {
        users: names(allowances?.users),
        teams: names(allowances?.teams),
        apps: names(allowances?.apps ?? [])
      }
    } : null,
    requiredStatusChecks: statusChecks ? {
      contexts: [
        .../* @__PURE__ */ new Set([...statusChecks.contexts, ...(statusChecks.checks ?? []).map((c) => c.context)])
      ],
      strict: statusChecks.strict ?? false
    } : null,
    enforceAdmins: p.enforce_admins?.enabled ?? false,
    allowForcePushes: p.allow_force_pushes?.enabled ?? false,
    allowDeletions: p.allow_deletions?.enabled ?? false,
    requiredSignatures: p.required_signatures?.enabled ?? false,
    restrictions: p.restrictions ? {
      users: names(p.restrictions.users),
      teams: names(p.restrictions.teams),
      apps: names(p.restrictions.apps)
    } : null
  };
}
var firstLine = (s) => (s.split("\n")[0] ?? "").slice(0, 120);
function toCommits(list) {
  return list.map((c) => ({
    sha: c.sha,
    subject: firstLine(c.commit.message),
    author: c.author?.login ?? c.commit.author?.name ?? null,
    date: c.commit.committer?.date ?? c.commit.author?.date ?? null,
    verified: c.commit.verification?.verified ?? false,
    reason: c.commit.verification?.reason ?? "unknown"
  }));
}
function toReleases(list) {
  return list.map((x) => ({
    tagName: x.tag_name,
    name: x.name,
    publishedAt: x.published_at,
    createdAt: x.created_at,
    draft: x.draft,
    prerelease: x.prerelease,
    assets: x.assets.map((a) => a.name)
  }));
}
function toDependabotAlerts(list) {
  return list.map((a) => ({
    number: a.number,
    severity: a.security_advisory.severity,
    createdAt: a.created_at,
    summary: a.security_advisory.summary,
    url: a.html_url,
    location: a.dependency.package ? `${a.dependency.package.ecosystem}:${a.dependency.package.name}` : a.dependency.manifest_path
  }));
}
var SERIOUS = /* @__PURE__ */ new Set(["critical", "high"]);
function toCodeScanning(list) {
  return {
    analysed: true,
    truncated: list.length >= 100,
    alerts: list.filter((a) => SERIOUS.has(a.rule.security_severity_level ?? "")).map((a) => ({
      number: a.number,
      severity: a.rule.security_severity_level ?? "unknown",
      createdAt: a.created_at,
      summary: a.rule.description ?? a.rule.id ?? "code scanning alert",
      url: a.html_url,
      location: a.most_recent_instance?.location?.path
    }))
  };
}
function toAdvisories(list) {
  return list.map((a) => ({
    ghsaId: a.ghsa_id,
    cveId: a.cve_id,
    summary: a.summary,
    severity: a.severity,
    publishedAt: a.published_at,
    url: a.html_url
  }));
}
function toOrganization(o, owner) {
  if (typeof o.two_factor_requirement_enabled !== "boolean") {
    return unobserved(
      `GitHub shows whether ${owner} requires two-factor authentication only to organization owners`,
      `needs a token of an owner of ${owner} with ${PERMISSIONS.orgAdmin}`
    );
  }
  return known({ login: o.login, twoFactorRequirementEnabled: o.two_factor_requirement_enabled });
}

// src/github/facts/planner.ts
async function runFactPlan(input) {
  const facts = /* @__PURE__ */ new Map();
  const answers = /* @__PURE__ */ new Map();
  const refused = /* @__PURE__ */ new Map();
  const result = {
    fact: (key) => facts.get(key),
    notAsked: [],
    absent: []
  };
  const context = {
    ...input.context,
    fact: result.fact,
    answers: (key) => answers.get(key) ?? []
  };
  let waiting = [...input.entries].sort((a, b) => b.priority - a.priority);
  const settled = /* @__PURE__ */ new Set();
  while (waiting.length) {
    const wave = waiting.filter(
      (e) => e.after.every((k) => settled.has(k) || !waiting.some((w) => w.key === k))
    );
    if (!wave.length) throw new Error(`fact table: a cycle among ${waiting.map((e) => e.key).join(", ")}`);
    waiting = waiting.filter((e) => !wave.includes(e));
    const pending = [];
    for (const entry of wave) {
      const plan = entry.plan(context);
      if ("absent" in plan) result.absent.push({ key: entry.key, why: plan.absent });
      else if ("settled" in plan) facts.set(entry.key, plan.settled);
      else pending.push({ entry, questions: plan.ask, combine: plan.combine, results: [] });
    }
    const sends = [];
    let room = Math.max(0, input.budget - input.spent());
    for (const p of pending) {
      p.questions.forEach((question2, index) => {
        const proof = refused.get(p.entry.permission);
        const skip = (cause, why) => {
          result.notAsked.push({ key: p.entry.key, what: question2.what, cause, why: why.unknown });
          p.results[index] = question2.unasked?.(why) ?? why;
        };
        if (proof) skip("permission", refusedWhy(question2.what, proof, p.entry));
        else if (room <= 0) skip("budget", overBudget(question2.what, input.budget));
        else {
          room--;
          sends.push({ pending: p, index, question: question2 });
        }
      });
    }
    await Promise.all(
      sends.map(async ({ pending: p, index, question: question2 }) => {
        const answer = await input.send(question2);
        const list = answers.get(p.entry.key) ?? [];
        list[index] = answer;
        answers.set(p.entry.key, list);
        if (!answer.ok && refusesPermission(answer) && !refused.has(p.entry.permission))
          refused.set(p.entry.permission, `${question2.what} with ${answer.status} (${answer.message})`);
        p.results[index] = question2.read(answer);
      })
    );
    for (const p of pending) {
      facts.set(p.entry.key, p.combine ? p.combine(p.results) : p.results[0]);
    }
    for (const e of wave) settled.add(e.key);
  }
  return result;
}
function overBudget(what, budget) {
  return unobserved(
    `${what}: not asked: the scan's budget of ${budget} API requests was spent on facts that decide more`,
    "a token that can read Administration and Dependabot alerts needs fewer follow-up requests; otherwise review this on GitHub"
  );
}
function refusedWhy(what, proof, entry) {
  return unobserved(
    `${what}: not asked: GitHub refused ${proof}, which needs the same permission`,
    `needs a token with ${PERMISSIONS[entry.permission]}`
  );
}

// src/github/facts/table.ts
function question(spec) {
  return {
    what: spec.what,
    request: spec.request,
    read: (answer) => {
      if (!answer.ok)
        return spec.onError?.(answer) ?? notVisible(answer, spec.what, PERMISSIONS[spec.permission]);
      const parsed = parse(spec.schema, answer.data, spec.what);
      return isKnown(parsed) ? spec.read(parsed.value) : parsed;
    }
  };
}
function oneRequest(spec) {
  return {
    key: spec.key,
    priority: spec.priority,
    permission: spec.permission,
    after: spec.after ?? [],
    schema: spec.schema,
    plan: (ctx) => spec.without?.(ctx) ?? {
      ask: [
        question({
          what: spec.what(ctx),
          permission: spec.permission,
          schema: spec.schema,
          request: (rest) => spec.request(rest, ctx),
          read: (parsed) => spec.read(parsed, ctx),
          onError: spec.onError && ((answer) => spec.onError(answer, ctx))
        })
      ]
    }
  };
}
var at = ({ owner, repo }) => ({ owner, repo });
var DEPENDABOT_DISABLED = /disabled/i;
var FACT_TABLE = {
  branchRules: oneRequest({
    key: "branchRules",
    priority: 100,
    permission: "metadata",
    schema: ruleListSchema,
    what: (ctx) => `rulesets for ${ctx.branch}`,
    request: (rest, ctx) => rest.repos.getBranchRules({ ...at(ctx), branch: ctx.branch, per_page: 100 }),
    read: (rules) => known(toBranchRules(rules))
  }),
  classicProtection: oneRequest({
    key: "classicProtection",
    priority: 95,
    permission: "administration",
    schema: classicSchema,
    what: (ctx) => `classic branch protection for ${ctx.branch}`,
    request: (rest, ctx) => rest.repos.getBranchProtection({ ...at(ctx), branch: ctx.branch }),
    read: (p) => known(toClassic(p)),
    // "Branch not protected" is an answer: there is none.
    onError: (a) => a.status === 404 && /not protected/i.test(a.message) ? known(null) : void 0
  }),
  commits: oneRequest({
    key: "commits",
    priority: 90,
    permission: "contents",
    schema: commitListSchema,
    what: (ctx) => `commits on ${ctx.branch}`,
    request: (rest, ctx) => rest.repos.listCommits({ ...at(ctx), sha: ctx.branch, per_page: 100 }),
    read: (list) => known(toCommits(list)),
    onError: (a) => a.status === 409 ? known([]) : void 0
    // an empty repository
  }),
  branchSummary: oneRequest({
    key: "branchSummary",
    priority: 88,
    permission: "contents",
    after: ["classicProtection"],
    schema: branchSchema,
    what: (ctx) => `branch ${ctx.branch}`,
    without: (ctx) => {
      const classic = ctx.fact("classicProtection");
      return classic && !isKnown(classic) ? void 0 : { absent: "classic protection was read" };
    },
    request: (rest, ctx) => rest.repos.getBranch({ ...at(ctx), branch: ctx.branch }),
    read: (b) => known({
      protected: b.protected,
      requiredStatusChecks: b.protection?.required_status_checks?.contexts ?? []
    })
  }),
  pullCommits: oneRequest({
    key: "pullCommits",
    priority: 85,
    permission: "pullRequests",
    schema: commitListSchema,
    what: (ctx) => `commits of pull request #${ctx.pullNumber}`,
    without: (ctx) => ctx.pullNumber === void 0 ? { absent: "no pull request given" } : void 0,
    request: (rest, ctx) => rest.pulls.listCommits({ ...at(ctx), pull_number: ctx.pullNumber, per_page: 100 }),
    read: (list) => known(toCommits(list))
  }),
  dependabotAlerts: oneRequest({
    key: "dependabotAlerts",
    priority: 80,
    permission: "dependabot",
    schema: dependabotAlertListSchema,
    what: () => "open Dependabot alerts",
    request: (rest, ctx) => rest.dependabot.listAlertsForRepo({
      ...at(ctx),
      state: "open",
      severity: "critical,high",
      per_page: 100
    }),
    read: (list) => known(toDependabotAlerts(list)),
    onError: (a) => a.status === 403 && DEPENDABOT_DISABLED.test(a.message) ? unobserved(
      "Dependabot alerts are disabled for this repository",
      "enable Dependabot alerts (Settings \u2192 Code security)"
    ) : void 0
  }),
  dependabotAlertsEnabled: oneRequest({
    key: "dependabotAlertsEnabled",
    priority: 78,
    permission: "administration",
    after: ["dependabotAlerts"],
    schema: noContentSchema,
    what: () => "whether Dependabot alerts are enabled",
    // The alerts' answer says so when it can: a list means on, GitHub's words say off.
    without: (ctx) => {
      const list = ctx.answers("dependabotAlerts")[0];
      if (list?.ok) return { settled: known(true) };
      if (list?.status === 403 && DEPENDABOT_DISABLED.test(list.message)) return { settled: known(false) };
      return void 0;
    },
    request: (rest, ctx) => rest.repos.checkVulnerabilityAlerts(at(ctx)),
    read: () => known(true),
    onError: (a, ctx) => {
      if (a.status !== 404) return void 0;
      if (ctx.repository.admin === true) return known(false);
      return unobserved(
        "GitHub answered 404: Dependabot alerts are disabled, or the token may not read this setting",
        `needs a token with ${PERMISSIONS.administration}, or one with ${PERMISSIONS.dependabot}`
      );
    }
  }),
  securityAndAnalysis: {
    key: "securityAndAnalysis",
    priority: 75,
    permission: "administration",
    after: [],
    schema: securityAndAnalysisSchema,
    // Part of the repository's answer: no request of its own.
    plan: (ctx) => ({ settled: toSecurityAndAnalysis(ctx.repoAnswer) })
  },
  codeScanning: oneRequest({
    key: "codeScanning",
    priority: 70,
    permission: "codeScanning",
    schema: codeScanningAlertListSchema,
    what: () => "code scanning alerts",
    request: (rest, ctx) => rest.codeScanning.listAlertsForRepo({ ...at(ctx), state: "open", per_page: 100 }),
    read: (list) => known(toCodeScanning(list)),
    // No analysis, or code scanning not enabled: there is nothing to read, which is an answer.
    onError: (a) => a.status === 404 && /no analysis/i.test(a.message) || a.status === 403 && /advanced security must be enabled|code scanning is not enabled/i.test(a.message) ? known({ analysed: false, alerts: [], truncated: false }) : void 0
  }),
  actionsPermissions: oneRequest({
    key: "actionsPermissions",
    priority: 65,
    permission: "administration",
    // Asked once classic protection, which needs the same permission, has answered: a token without
    // it (GITHUB_TOKEN) is refused there, and the budget goes to facts it can read.
    after: ["classicProtection"],
    schema: actionsPermissionsSchema,
    what: () => "Actions permissions",
    request: (rest, ctx) => rest.actions.getGithubActionsPermissionsRepository(at(ctx)),
    read: (x) => known({
      enabled: x.enabled,
      allowedActions: x.allowed_actions,
      shaPinningRequired: x.sha_pinning_required
    })
  }),
  workflowPermissions: oneRequest({
    key: "workflowPermissions",
    priority: 64,
    permission: "administration",
    after: ["classicProtection"],
    schema: workflowPermissionsSchema,
    what: () => "default workflow permissions",
    request: (rest, ctx) => rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(at(ctx)),
    read: (x) => known({
      defaultWorkflowPermissions: x.default_workflow_permissions,
      canApprovePullRequestReviews: x.can_approve_pull_request_reviews
    })
  }),
  privateVulnerabilityReporting: oneRequest({
    key: "privateVulnerabilityReporting",
    priority: 60,
    permission: "pvr",
    schema: pvrSchema,
    what: () => "private vulnerability reporting",
    request: (rest, ctx) => rest.repos.checkPrivateVulnerabilityReporting(at(ctx)),
    read: (x) => known(x.enabled)
  }),
  organization: oneRequest({
    key: "organization",
    priority: 55,
    permission: "orgAdmin",
    schema: orgSchema,
    what: (ctx) => `organization ${ctx.owner}`,
    // A user account has no organization settings: null is the answer.
    without: (ctx) => ctx.repository.ownerType === "Organization" ? void 0 : { settled: known(null) },
    request: (rest, ctx) => rest.orgs.get({ org: ctx.owner }),
    read: (o, ctx) => toOrganization(o, ctx.owner)
  }),
  releases: oneRequest({
    key: "releases",
    priority: 50,
    permission: "contents",
    schema: releaseListSchema,
    what: () => "releases",
    request: (rest, ctx) => rest.repos.listReleases({ ...at(ctx), per_page: 10 }),
    read: (list) => known(toReleases(list))
  }),
  advisories: oneRequest({
    key: "advisories",
    priority: 45,
    permission: "advisories",
    schema: advisoryListSchema,
    what: () => "published security advisories",
    request: (rest, ctx) => rest.securityAdvisories.listRepositoryAdvisories({ ...at(ctx), state: "published", per_page: 100 }),
    read: (list) => known(toAdvisories(list))
  }),
  rulesets: {
    key: "rulesets",
    priority: 30,
    permission: "metadata",
    after: ["branchRules"],
    schema: rulesetSchema,
    plan: rulesetsPlan
  },
  selectedActions: oneRequest({
    key: "selectedActions",
    priority: 20,
    permission: "administration",
    after: ["actionsPermissions"],
    schema: selectedActionsSchema,
    what: () => "allowed actions",
    without: (ctx) => {
      const perms = ctx.fact("actionsPermissions");
      return perms && isKnown(perms) && perms.value.allowedActions === "selected" ? void 0 : { absent: 'allowed actions are not "selected"' };
    },
    request: (rest, ctx) => rest.actions.getAllowedActionsRepository(at(ctx)),
    read: (x) => known({
      githubOwnedAllowed: x.github_owned_allowed,
      verifiedAllowed: x.verified_allowed,
      patternsAllowed: x.patterns_allowed ?? []
    })
  })
};
function rulesetsPlan(ctx) {
  const rules = ctx.fact("branchRules");
  if (!rules || !isKnown(rules)) return { absent: "the branch rules were not read" };
  const rulesets = rules.value.rulesets;
  if (!rulesets.length) return { settled: known([]) };
  return {
    ask: rulesets.map((ruleset) => {
      const details = question({
        what: `ruleset ${ruleset.id}`,
        permission: "metadata",
        schema: rulesetSchema,
        request: (rest) => rest.repos.getRepoRuleset({ ...at(ctx), ruleset_id: ruleset.id, includes_parents: true }),
        read: (r) => known(toRulesetDetails(r, ruleset))
      });
      const one = (fact) => known([{ id: ruleset.id, details: fact }]);
      return {
        what: details.what,
        request: details.request,
        read: (a) => one(details.read(a)),
        unasked: one
      };
    }),
    combine: (results) => known(results.flatMap((r) => isKnown(r) ? r.value : []))
  };
}

// src/github/facts/collect.ts
var MAX_REQUESTS = 15;
async function collectGitHubFacts(options) {
  const { client, owner, repo } = options;
  const rest = client.octokit.rest;
  const full = `${owner}/${repo}`;
  const answer = await ask(() => rest.repos.get({ owner, repo }));
  if (!answer.ok) {
    if (answer.status === 404) {
      throw new UserError(
        `GitHub repository ${full} was not found, or the token cannot see it (check --repo and the token's repository access)`
      );
    }
    const why = notVisible(answer, `the repository ${full}`, PERMISSIONS.metadata);
    return allUnknown(full, options, why, client.requestCount);
  }
  const parsed = parse(repoSchema, answer.data, "the repository");
  if (!isKnown(parsed)) return allUnknown(full, options, parsed, client.requestCount);
  const repository = toRepository(parsed.value);
  const branch = options.branch ?? repository.defaultBranch;
  const plan = await runFactPlan({
    entries: Object.values(FACT_TABLE),
    context: { owner, repo, branch, pullNumber: options.pullNumber, repository, repoAnswer: parsed.value },
    budget: options.maxRequests ?? MAX_REQUESTS,
    spent: () => client.requestCount,
    send: (question2) => ask(() => question2.request(rest))
  });
  return {
    repository: full,
    branch,
    ...options.pullNumber !== void 0 ? { pullNumber: options.pullNumber } : {},
    ...factsOf(plan, repository),
    apiRequests: client.requestCount
  };
}
function factsOf(plan, repository) {
  const settled = (key) => plan.fact(key) ?? unobserved(`${key}: not collected`, "report this as a bug in sscop (a fact the table never settled)");
  const optional = (key) => {
    const fact = plan.fact(key);
    return fact ? { [key]: fact } : {};
  };
  return {
    repo: { value: repository },
    securityAndAnalysis: settled("securityAndAnalysis"),
    branchRules: withRulesets(settled("branchRules"), plan.fact("rulesets")),
    classicProtection: settled("classicProtection"),
    ...optional("branchSummary"),
    commits: settled("commits"),
    ...optional("pullCommits"),
    releases: settled("releases"),
    privateVulnerabilityReporting: settled("privateVulnerabilityReporting"),
    dependabotAlertsEnabled: settled("dependabotAlertsEnabled"),
    dependabotAlerts: settled("dependabotAlerts"),
    codeScanning: settled("codeScanning"),
    advisories: settled("advisories"),
    actionsPermissions: settled("actionsPermissions"),
    workflowPermissions: settled("workflowPermissions"),
    ...optional("selectedActions"),
    organization: settled("organization")
  };
}
function withRulesets(rules, reads) {
  if (!isKnown(rules) || !reads || !isKnown(reads)) return rules;
  for (const ruleset of rules.value.rulesets) {
    const read = reads.value.find((r) => r.id === ruleset.id);
    if (!read) continue;
    if (!isKnown(read.details)) {
      ruleset.bypassActors = read.details;
      continue;
    }
    const { name, enforcement, currentUserCanBypass, bypassActors } = read.details.value;
    Object.assign(ruleset, { name, enforcement, currentUserCanBypass, bypassActors });
  }
  return rules;
}
function allUnknown(full, options, why, apiRequests) {
  return {
    repository: full,
    branch: options.branch ?? "(default branch)",
    ...options.pullNumber !== void 0 ? { pullNumber: options.pullNumber, pullCommits: why } : {},
    repo: why,
    securityAndAnalysis: why,
    branchRules: why,
    classicProtection: why,
    commits: why,
    releases: why,
    privateVulnerabilityReporting: why,
    dependabotAlertsEnabled: why,
    dependabotAlerts: why,
    codeScanning: why,
    advisories: why,
    actionsPermissions: why,
    workflowPermissions: why,
    organization: why,
    apiRequests
  };
}

// src/github/online.ts
function startOnlinePhase(options) {
  const timeBudget = options.client?.timeBudget ?? new ApiTimeBudget(options.apiTimeoutMs);
  const shared = { ...options, client: { ...options.client, timeBudget } };
  return {
    collectFacts: () => collectOnline(shared),
    verifyPins: (pins) => verifyActionPins(shared, pins)
  };
}
async function collectOnline(options) {
  const { owner, repo } = parseRepository(options.repository);
  if (options.pullNumber !== void 0 && !(Number.isInteger(options.pullNumber) && options.pullNumber > 0)) {
    throw new UserError(`Invalid pull request number '${options.pullNumber}'`);
  }
  const client = createGitHubClient({ ...options.client, token: options.token, apiUrl: options.apiUrl });
  return collectGitHubFacts({ client, owner, repo, branch: options.branch, pullNumber: options.pullNumber });
}
async function verifyActionPins(options, pins) {
  let client;
  try {
    client = createGitHubClient({ ...options.client, token: options.token, apiUrl: options.apiUrl });
  } catch (error) {
    if (error instanceof UserError) return unverifiedPins(pins, errorMessage(error));
    throw error;
  }
  return verifyPins(client, pins);
}
export {
  collectOnline,
  startOnlinePhase,
  verifyActionPins
};
