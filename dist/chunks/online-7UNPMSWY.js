import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  ApiTimeBudget,
  GitHubStatusError,
  GitHubUnavailableError,
  createGitHubClient
} from "./chunk-YTRL6CDJ.js";
import {
  parseRepository
} from "./chunk-74QKLLHR.js";
import {
  external_exports,
  isKnown
} from "./chunk-SP52L6MM.js";
import {
  UserError,
  errorMessage
} from "./chunk-UQEVXVCF.js";
import "./chunk-B7ZNQGY5.js";
import "./chunk-KSFHDG3R.js";
import "./chunk-W373YIMK.js";

// src/github/pins.ts
var MAX_PINS_VERIFIED = 25;
async function verifyPins(client, pins) {
  const { todo, skipped } = pinsToVerify(pins);
  const before = client.requestCount;
  const results = await Promise.all(todo.map((p) => verifyOne(client, p)));
  return { results, skipped, requests: client.requestCount - before };
}
function unverifiedPins(pins, note) {
  const { todo, skipped } = pinsToVerify(pins);
  const results = todo.map((p) => ({
    repository: p.repository,
    sha: p.sha,
    version: p.version,
    verdict: "unverified",
    note
  }));
  return { results, skipped, requests: 0 };
}
function pinsToVerify(pins) {
  const distinct = /* @__PURE__ */ new Map();
  for (const p of pins) distinct.set(`${p.repository.toLowerCase()}@${p.sha}#${p.version ?? ""}`, p);
  const todo = [...distinct.values()].slice(0, MAX_PINS_VERIFIED);
  return { todo, skipped: Math.max(0, distinct.size - todo.length) };
}
async function verifyOne(client, pin) {
  const [owner, repo] = pin.repository.split("/");
  const base = { repository: pin.repository, sha: pin.sha, version: pin.version };
  if (!owner || !repo) return { ...base, verdict: "unverified", note: "not an owner/repo action" };
  try {
    if (pin.version) {
      const resolved = await commitSha(client, owner, repo, pin.version);
      if (resolved === pin.sha) return { ...base, verdict: "verified" };
      const exists2 = await commitSha(client, owner, repo, pin.sha) !== void 0;
      if (!exists2) return { ...base, verdict: "sha-not-found" };
      return resolved === void 0 ? { ...base, verdict: "version-not-found" } : { ...base, verdict: "version-mismatch", versionSha: resolved };
    }
    const exists = await commitSha(client, owner, repo, pin.sha) !== void 0;
    return { ...base, verdict: exists ? "exists" : "sha-not-found" };
  } catch (error) {
    return { ...base, verdict: "unverified", note: errorMessage(error).split("\n")[0] };
  }
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
    return typeof sha === "string" && /^[0-9a-f]{40}$/.test(sha) ? sha : void 0;
  } catch (error) {
    const status = error.status;
    if (status === 404 || status === 422) return void 0;
    throw error;
  }
}

// src/github/permissions.ts
var PERMISSIONS = {
  metadata: "Metadata: read (every token that can see the repository has it)",
  contents: "Contents: read (GITHUB_TOKEN: contents: read; classic token: repo for private repositories)",
  pullRequests: "Pull requests: read (GITHUB_TOKEN: pull-requests: read)",
  administration: "Administration: read (a fine-grained token or GitHub App of a repository admin; GITHUB_TOKEN can never have it; classic token: repo scope and admin role)",
  administrationWrite: "Administration: write (repository admin) to see who may bypass a repository ruleset",
  pvr: "Metadata: read on the repository (GitHub may show the setting only to admins of private repositories)",
  dependabot: "Dependabot alerts: read (fine-grained token; GITHUB_TOKEN: security-events: read; classic token: security_events scope)",
  codeScanning: "Code scanning alerts: read (fine-grained token; GITHUB_TOKEN: security-events: read; classic token: security_events scope)",
  advisories: "Repository security advisories: read for private repositories (published advisories of public repositories need no permission)",
  orgAdmin: "Organization Administration: read as an organization owner (classic token: admin:org / read:org as owner)"
};

// src/github/facts.ts
var MAX_REQUESTS = 15;
var known = (value) => ({ value });
var unknown = (reason, howToObserve) => ({
  unknown: { reason, howToObserve }
});
var toggle = external_exports.object({ status: external_exports.enum(["enabled", "disabled"]) }).optional();
var repoSchema = external_exports.object({
  name: external_exports.string(),
  full_name: external_exports.string(),
  owner: external_exports.object({ login: external_exports.string(), type: external_exports.string() }),
  default_branch: external_exports.string(),
  archived: external_exports.boolean(),
  disabled: external_exports.boolean().optional(),
  fork: external_exports.boolean(),
  private: external_exports.boolean(),
  visibility: external_exports.string().optional(),
  pushed_at: external_exports.string().nullable(),
  html_url: external_exports.string(),
  permissions: external_exports.object({ admin: external_exports.boolean() }).optional(),
  security_and_analysis: external_exports.object({
    advanced_security: toggle,
    secret_scanning: toggle,
    secret_scanning_push_protection: toggle,
    secret_scanning_non_provider_patterns: toggle,
    dependabot_security_updates: toggle
  }).nullable().optional()
});
var ruleSchema = external_exports.object({
  type: external_exports.string(),
  ruleset_id: external_exports.number().int(),
  ruleset_source_type: external_exports.string().optional(),
  ruleset_source: external_exports.string().optional(),
  parameters: external_exports.unknown().optional()
});
var pullRequestParams = external_exports.object({
  required_approving_review_count: external_exports.number().int(),
  dismiss_stale_reviews_on_push: external_exports.boolean(),
  require_code_owner_review: external_exports.boolean(),
  require_last_push_approval: external_exports.boolean()
});
var statusCheckParams = external_exports.object({
  required_status_checks: external_exports.array(external_exports.object({ context: external_exports.string() })),
  strict_required_status_checks_policy: external_exports.boolean()
});
var rulesetSchema = external_exports.object({
  id: external_exports.number().int(),
  name: external_exports.string(),
  source_type: external_exports.string().optional(),
  source: external_exports.string(),
  enforcement: external_exports.string(),
  bypass_actors: external_exports.array(
    external_exports.object({
      actor_type: external_exports.string(),
      actor_id: external_exports.number().nullable().optional(),
      bypass_mode: external_exports.string().optional()
    })
  ).optional(),
  current_user_can_bypass: external_exports.string().optional()
});
var named = external_exports.object({
  login: external_exports.string().optional(),
  slug: external_exports.string().optional(),
  name: external_exports.string().optional()
});
var enabledFlag = external_exports.object({ enabled: external_exports.boolean() }).optional();
var classicSchema = external_exports.object({
  required_status_checks: external_exports.object({
    contexts: external_exports.array(external_exports.string()),
    checks: external_exports.array(external_exports.object({ context: external_exports.string() })).optional(),
    strict: external_exports.boolean().optional()
  }).optional(),
  enforce_admins: enabledFlag,
  required_pull_request_reviews: external_exports.object({
    dismiss_stale_reviews: external_exports.boolean(),
    require_code_owner_reviews: external_exports.boolean(),
    required_approving_review_count: external_exports.number().int().optional(),
    require_last_push_approval: external_exports.boolean().optional(),
    bypass_pull_request_allowances: external_exports.object({
      users: external_exports.array(named).optional(),
      teams: external_exports.array(named).optional(),
      apps: external_exports.array(named).nullable().optional()
    }).optional()
  }).optional(),
  restrictions: external_exports.object({ users: external_exports.array(named), teams: external_exports.array(named), apps: external_exports.array(named.nullable()) }).optional(),
  allow_force_pushes: enabledFlag,
  allow_deletions: enabledFlag,
  required_signatures: enabledFlag
});
var branchSchema = external_exports.object({
  protected: external_exports.boolean(),
  protection: external_exports.object({ required_status_checks: external_exports.object({ contexts: external_exports.array(external_exports.string()).optional() }).optional() }).optional()
});
var commitSchema = external_exports.object({
  sha: external_exports.string(),
  commit: external_exports.object({
    message: external_exports.string(),
    author: external_exports.object({ name: external_exports.string().optional(), date: external_exports.string().optional() }).nullable(),
    committer: external_exports.object({ date: external_exports.string().optional() }).nullable(),
    verification: external_exports.object({ verified: external_exports.boolean(), reason: external_exports.string() }).optional()
  }),
  author: external_exports.object({ login: external_exports.string().optional() }).nullable()
});
var releaseSchema = external_exports.object({
  tag_name: external_exports.string(),
  name: external_exports.string().nullable(),
  published_at: external_exports.string().nullable(),
  created_at: external_exports.string(),
  draft: external_exports.boolean(),
  prerelease: external_exports.boolean(),
  assets: external_exports.array(external_exports.object({ name: external_exports.string() })).optional().default([])
});
var dependabotAlertSchema = external_exports.object({
  number: external_exports.number().int(),
  created_at: external_exports.string(),
  html_url: external_exports.string(),
  security_advisory: external_exports.object({ summary: external_exports.string(), severity: external_exports.string() }),
  dependency: external_exports.object({
    package: external_exports.object({ name: external_exports.string(), ecosystem: external_exports.string() }).optional(),
    manifest_path: external_exports.string().optional()
  })
});
var codeScanningAlertSchema = external_exports.object({
  number: external_exports.number().int(),
  created_at: external_exports.string(),
  html_url: external_exports.string(),
  rule: external_exports.object({
    id: external_exports.string().nullable().optional(),
    description: external_exports.string().optional(),
    security_severity_level: external_exports.string().nullable().optional()
  }),
  most_recent_instance: external_exports.object({
    location: external_exports.object({ path: external_exports.string().optional(), start_line: external_exports.number().optional() }).optional()
  }).optional()
});
var advisorySchema = external_exports.object({
  ghsa_id: external_exports.string(),
  cve_id: external_exports.string().nullable(),
  summary: external_exports.string(),
  severity: external_exports.string().nullable(),
  published_at: external_exports.string().nullable(),
  html_url: external_exports.string()
});
var actionsPermissionsSchema = external_exports.object({
  enabled: external_exports.boolean(),
  allowed_actions: external_exports.string().optional(),
  sha_pinning_required: external_exports.boolean().optional()
});
var workflowPermissionsSchema = external_exports.object({
  default_workflow_permissions: external_exports.string(),
  can_approve_pull_request_reviews: external_exports.boolean()
});
var selectedActionsSchema = external_exports.object({
  github_owned_allowed: external_exports.boolean().optional(),
  verified_allowed: external_exports.boolean().optional(),
  patterns_allowed: external_exports.array(external_exports.string()).optional()
});
var orgSchema = external_exports.object({
  login: external_exports.string(),
  two_factor_requirement_enabled: external_exports.boolean().nullable().optional()
});
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
  if (answer.unavailable) return unknown(`${what}: ${answer.message}`, AFTER[answer.unavailable.kind]);
  if (answer.status === 403 || answer.status === 404) {
    return unknown(
      `${what}: GitHub answered ${answer.status} (${answer.message})`,
      `needs a token with ${permission}`
    );
  }
  return unknown(
    `${what}: GitHub answered ${answer.status ?? "an error"} (${answer.message})`,
    `needs a token with ${permission}`
  );
}
function parse(schema, data, what) {
  const result = schema.safeParse(data);
  if (result.success) return known(result.data);
  const issue = result.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  return unknown(
    `${what}: GitHub's answer had an unexpected shape (${issue?.message ?? "invalid"}${at})`,
    "report this to sscop with the GitHub version (GHES?) you scan; re-running may help if the answer was cut off"
  );
}
function mapFact(fact, f) {
  return isKnown(fact) ? known(f(fact.value)) : fact;
}
var firstLine = (s) => (s.split("\n")[0] ?? "").slice(0, 120);
var names = (list) => (list ?? []).flatMap((x) => x ? [x.login ?? x.slug ?? x.name ?? "?"] : []);
function commitFacts(list) {
  return list.map((c) => ({
    sha: c.sha,
    subject: firstLine(c.commit.message),
    author: c.author?.login ?? c.commit.author?.name ?? null,
    date: c.commit.committer?.date ?? c.commit.author?.date ?? null,
    verified: c.commit.verification?.verified ?? false,
    reason: c.commit.verification?.reason ?? "unknown"
  }));
}
async function collectGitHubFacts(options) {
  const { client, owner, repo } = options;
  const budget = options.maxRequests ?? MAX_REQUESTS;
  const rest = client.octokit.rest;
  const full = `${owner}/${repo}`;
  const repoAnswer = await ask(() => rest.repos.get({ owner, repo }));
  if (!repoAnswer.ok) {
    if (repoAnswer.status === 404) {
      throw new UserError(
        `GitHub repository ${full} was not found, or the token cannot see it (check --repo and the token's repository access)`
      );
    }
    const why = notVisible(repoAnswer, `the repository ${full}`, PERMISSIONS.metadata);
    return allUnknown(full, options, why, client.requestCount);
  }
  const repoParsed = parse(repoSchema, repoAnswer.data, "the repository");
  if (!isKnown(repoParsed)) return allUnknown(full, options, repoParsed, client.requestCount);
  const r = repoParsed.value;
  const repository = {
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
  const branch = options.branch ?? repository.defaultBranch;
  const securityAndAnalysis = r.security_and_analysis ? known({
    advancedSecurity: r.security_and_analysis.advanced_security?.status,
    secretScanning: r.security_and_analysis.secret_scanning?.status,
    pushProtection: r.security_and_analysis.secret_scanning_push_protection?.status,
    nonProviderPatterns: r.security_and_analysis.secret_scanning_non_provider_patterns?.status,
    dependabotSecurityUpdates: r.security_and_analysis.dependabot_security_updates?.status
  }) : unknown(
    "GitHub shows security and analysis settings only to repository admins and security managers",
    `needs a token with ${PERMISSIONS.administration}`
  );
  const isOrg = repository.ownerType === "Organization";
  const [
    rulesA,
    classicA,
    commitsA,
    pullA,
    releasesA,
    pvrA,
    dependabotA,
    codeScanningA,
    advisoriesA,
    actionsA,
    workflowA,
    orgA
  ] = await Promise.all([
    ask(() => rest.repos.getBranchRules({ owner, repo, branch, per_page: 100 })),
    ask(() => rest.repos.getBranchProtection({ owner, repo, branch })),
    ask(() => rest.repos.listCommits({ owner, repo, sha: branch, per_page: 100 })),
    options.pullNumber === void 0 ? Promise.resolve(void 0) : ask(() => rest.pulls.listCommits({ owner, repo, pull_number: options.pullNumber, per_page: 100 })),
    ask(() => rest.repos.listReleases({ owner, repo, per_page: 10 })),
    ask(() => rest.repos.checkPrivateVulnerabilityReporting({ owner, repo })),
    ask(
      () => rest.dependabot.listAlertsForRepo({
        owner,
        repo,
        state: "open",
        severity: "critical,high",
        per_page: 100
      })
    ),
    ask(() => rest.codeScanning.listAlertsForRepo({ owner, repo, state: "open", per_page: 100 })),
    ask(
      () => rest.securityAdvisories.listRepositoryAdvisories({ owner, repo, state: "published", per_page: 100 })
    ),
    ask(() => rest.actions.getGithubActionsPermissionsRepository({ owner, repo })),
    ask(() => rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ owner, repo })),
    isOrg ? ask(() => rest.orgs.get({ org: owner })) : Promise.resolve(void 0)
  ]);
  let branchRules;
  if (rulesA.ok) {
    branchRules = mapFact(
      parse(external_exports.array(ruleSchema), rulesA.data, "the branch rules"),
      (rules) => toBranchRules(rules)
    );
  } else {
    branchRules = notVisible(rulesA, `rulesets for ${branch}`, PERMISSIONS.metadata);
  }
  let classicProtection;
  if (classicA.ok) {
    classicProtection = mapFact(parse(classicSchema, classicA.data, "classic branch protection"), toClassic);
  } else if (classicA.status === 404 && /not protected/i.test(classicA.message)) {
    classicProtection = known(null);
  } else {
    classicProtection = notVisible(
      classicA,
      `classic branch protection for ${branch}`,
      PERMISSIONS.administration
    );
  }
  const commits = commitsA.ok ? mapFact(parse(external_exports.array(commitSchema), commitsA.data, "the commits"), commitFacts) : commitsA.status === 409 ? known([]) : notVisible(commitsA, `commits on ${branch}`, PERMISSIONS.contents);
  const pullCommits = pullA === void 0 ? void 0 : pullA.ok ? mapFact(parse(external_exports.array(commitSchema), pullA.data, "the pull request commits"), commitFacts) : notVisible(pullA, `commits of pull request #${options.pullNumber}`, PERMISSIONS.pullRequests);
  const releases = releasesA.ok ? mapFact(
    parse(external_exports.array(releaseSchema), releasesA.data, "the releases"),
    (list) => list.map((x) => ({
      tagName: x.tag_name,
      name: x.name,
      publishedAt: x.published_at,
      createdAt: x.created_at,
      draft: x.draft,
      prerelease: x.prerelease,
      assets: x.assets.map((a) => a.name)
    }))
  ) : notVisible(releasesA, "releases", PERMISSIONS.contents);
  const privateVulnerabilityReporting = pvrA.ok ? mapFact(
    parse(external_exports.object({ enabled: external_exports.boolean() }), pvrA.data, "private vulnerability reporting"),
    (x) => x.enabled
  ) : notVisible(pvrA, "private vulnerability reporting", PERMISSIONS.pvr);
  let dependabotAlertsEnabled;
  let dependabotAlerts;
  if (dependabotA.ok) {
    dependabotAlertsEnabled = known(true);
    dependabotAlerts = mapFact(
      parse(external_exports.array(dependabotAlertSchema), dependabotA.data, "Dependabot alerts"),
      (list) => list.map((a) => ({
        number: a.number,
        severity: a.security_advisory.severity,
        createdAt: a.created_at,
        summary: a.security_advisory.summary,
        url: a.html_url,
        location: a.dependency.package ? `${a.dependency.package.ecosystem}:${a.dependency.package.name}` : a.dependency.manifest_path
      }))
    );
  } else if (dependabotA.status === 403 && /disabled/i.test(dependabotA.message)) {
    dependabotAlertsEnabled = known(false);
    dependabotAlerts = unknown(
      "Dependabot alerts are disabled for this repository",
      "enable Dependabot alerts (Settings \u2192 Code security)"
    );
  } else {
    dependabotAlertsEnabled = notVisible(
      dependabotA,
      "whether Dependabot alerts are enabled",
      PERMISSIONS.dependabot
    );
    dependabotAlerts = notVisible(dependabotA, "open Dependabot alerts", PERMISSIONS.dependabot);
  }
  let codeScanning;
  if (codeScanningA.ok) {
    codeScanning = mapFact(
      parse(external_exports.array(codeScanningAlertSchema), codeScanningA.data, "code scanning alerts"),
      (list) => ({
        analysed: true,
        truncated: list.length >= 100,
        alerts: list.filter(
          (a) => a.rule.security_severity_level === "critical" || a.rule.security_severity_level === "high"
        ).map((a) => ({
          number: a.number,
          severity: a.rule.security_severity_level ?? "unknown",
          createdAt: a.created_at,
          summary: a.rule.description ?? a.rule.id ?? "code scanning alert",
          url: a.html_url,
          location: a.most_recent_instance?.location?.path
        }))
      })
    );
  } else if (codeScanningA.status === 404 && /no analysis/i.test(codeScanningA.message)) {
    codeScanning = known({ analysed: false, alerts: [], truncated: false });
  } else if (codeScanningA.status === 403 && /advanced security must be enabled|code scanning is not enabled/i.test(codeScanningA.message)) {
    codeScanning = known({ analysed: false, alerts: [], truncated: false });
  } else {
    codeScanning = notVisible(codeScanningA, "code scanning alerts", PERMISSIONS.codeScanning);
  }
  const advisories = advisoriesA.ok ? mapFact(
    parse(external_exports.array(advisorySchema), advisoriesA.data, "security advisories"),
    (list) => list.map((a) => ({
      ghsaId: a.ghsa_id,
      cveId: a.cve_id,
      summary: a.summary,
      severity: a.severity,
      publishedAt: a.published_at,
      url: a.html_url
    }))
  ) : notVisible(advisoriesA, "published security advisories", PERMISSIONS.advisories);
  const actionsPermissions = actionsA.ok ? mapFact(parse(actionsPermissionsSchema, actionsA.data, "Actions permissions"), (x) => ({
    enabled: x.enabled,
    allowedActions: x.allowed_actions,
    shaPinningRequired: x.sha_pinning_required
  })) : notVisible(actionsA, "Actions permissions", PERMISSIONS.administration);
  const workflowPermissions = workflowA.ok ? mapFact(parse(workflowPermissionsSchema, workflowA.data, "default workflow permissions"), (x) => ({
    defaultWorkflowPermissions: x.default_workflow_permissions,
    canApprovePullRequestReviews: x.can_approve_pull_request_reviews
  })) : notVisible(workflowA, "default workflow permissions", PERMISSIONS.administration);
  let organization = known(null);
  if (orgA !== void 0) {
    if (!orgA.ok) organization = notVisible(orgA, `organization ${owner}`, PERMISSIONS.orgAdmin);
    else {
      const parsed = parse(orgSchema, orgA.data, `organization ${owner}`);
      if (!isKnown(parsed)) organization = parsed;
      else if (typeof parsed.value.two_factor_requirement_enabled !== "boolean") {
        organization = unknown(
          `GitHub shows whether ${owner} requires two-factor authentication only to organization owners`,
          `needs a token of an owner of ${owner} with ${PERMISSIONS.orgAdmin}`
        );
      } else {
        organization = known({
          login: parsed.value.login,
          twoFactorRequirementEnabled: parsed.value.two_factor_requirement_enabled
        });
      }
    }
  }
  const followUps = [];
  let branchSummary;
  if (!isKnown(classicProtection)) {
    followUps.push({
      run: async () => {
        const a = await ask(() => rest.repos.getBranch({ owner, repo, branch }));
        branchSummary = a.ok ? mapFact(parse(branchSchema, a.data, `branch ${branch}`), (b) => ({
          protected: b.protected,
          requiredStatusChecks: b.protection?.required_status_checks?.contexts ?? []
        })) : notVisible(a, `branch ${branch}`, PERMISSIONS.contents);
      },
      skip: (why) => branchSummary = why
    });
  }
  if (isKnown(branchRules)) {
    for (const ruleset of branchRules.value.rulesets) {
      followUps.push({
        run: async () => {
          const a = await ask(
            () => rest.repos.getRepoRuleset({ owner, repo, ruleset_id: ruleset.id, includes_parents: true })
          );
          if (!a.ok) {
            ruleset.bypassActors = notVisible(a, `ruleset ${ruleset.id}`, PERMISSIONS.metadata);
            return;
          }
          const parsed = parse(rulesetSchema, a.data, `ruleset ${ruleset.id}`);
          if (!isKnown(parsed)) {
            ruleset.bypassActors = parsed;
            return;
          }
          ruleset.name = parsed.value.name;
          ruleset.enforcement = parsed.value.enforcement;
          ruleset.currentUserCanBypass = parsed.value.current_user_can_bypass;
          ruleset.bypassActors = parsed.value.bypass_actors ? known(
            parsed.value.bypass_actors.map((b) => ({
              actorType: b.actor_type,
              actorId: b.actor_id ?? null,
              bypassMode: b.bypass_mode ?? "always"
            }))
          ) : unknown(
            `GitHub shows who can bypass ruleset "${parsed.value.name}" only to those who can edit it`,
            ruleset.sourceType === "Organization" ? `needs a token of an owner of ${ruleset.source} (${PERMISSIONS.orgAdmin})` : `needs a token with ${PERMISSIONS.administrationWrite}`
          );
        },
        skip: (why) => ruleset.bypassActors = why
      });
    }
  }
  if (!isKnown(dependabotAlertsEnabled)) {
    followUps.push({
      run: async () => {
        const a = await ask(() => rest.repos.checkVulnerabilityAlerts({ owner, repo }));
        if (a.ok) dependabotAlertsEnabled = known(true);
        else if (a.status === 404 && repository.admin === true) dependabotAlertsEnabled = known(false);
        else if (a.status === 404) {
          dependabotAlertsEnabled = unknown(
            "GitHub answered 404: Dependabot alerts are disabled, or the token may not read this setting",
            `needs a token with ${PERMISSIONS.administration}, or one with ${PERMISSIONS.dependabot}`
          );
        } else
          dependabotAlertsEnabled = notVisible(
            a,
            "whether Dependabot alerts are enabled",
            PERMISSIONS.administration
          );
      },
      skip: (why) => dependabotAlertsEnabled = why
    });
  }
  let selectedActions;
  if (isKnown(actionsPermissions) && actionsPermissions.value.allowedActions === "selected") {
    followUps.push({
      run: async () => {
        const a = await ask(() => rest.actions.getAllowedActionsRepository({ owner, repo }));
        selectedActions = a.ok ? mapFact(parse(selectedActionsSchema, a.data, "allowed actions"), (x) => ({
          githubOwnedAllowed: x.github_owned_allowed,
          verifiedAllowed: x.verified_allowed,
          patternsAllowed: x.patterns_allowed ?? []
        })) : notVisible(a, "allowed actions", PERMISSIONS.administration);
      },
      skip: (why) => selectedActions = why
    });
  }
  const room = Math.max(0, budget - client.requestCount);
  const overBudget = unknown(
    `not asked: the scan's budget of ${budget} API requests was spent`,
    "scan a specific branch with fewer rulesets, or raise the budget"
  );
  followUps.slice(room).forEach((f) => f.skip(overBudget));
  await Promise.all(followUps.slice(0, room).map((f) => f.run()));
  return {
    repository: full,
    branch,
    ...options.pullNumber !== void 0 ? { pullNumber: options.pullNumber } : {},
    repo: known(repository),
    securityAndAnalysis,
    branchRules,
    classicProtection,
    ...branchSummary ? { branchSummary } : {},
    commits,
    ...pullCommits ? { pullCommits } : {},
    releases,
    privateVulnerabilityReporting,
    dependabotAlertsEnabled,
    dependabotAlerts,
    codeScanning,
    advisories,
    actionsPermissions,
    workflowPermissions,
    ...selectedActions ? { selectedActions } : {},
    organization,
    apiRequests: client.requestCount
  };
}
function toBranchRules(rules) {
  const rulesets = /* @__PURE__ */ new Map();
  const out = [];
  for (const rule of rules) {
    if (!rulesets.has(rule.ruleset_id)) {
      rulesets.set(rule.ruleset_id, {
        id: rule.ruleset_id,
        sourceType: rule.ruleset_source_type ?? "Repository",
        source: rule.ruleset_source ?? "",
        bypassActors: unknown("the ruleset itself was not read", "needs a token with Metadata: read")
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
      } : {
        requiredApprovingReviewCount: 0,
        dismissStaleReviewsOnPush: false,
        requireCodeOwnerReview: false,
        requireLastPushApproval: false
      };
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
function toClassic(p) {
  const reviews = p.required_pull_request_reviews;
  const statusChecks = p.required_status_checks;
  return {
    pullRequestReviews: reviews ? {
      requiredApprovingReviewCount: reviews.required_approving_review_count ?? 0,
      dismissStaleReviewsOnPush: reviews.dismiss_stale_reviews,
      requireCodeOwnerReview: reviews.require_code_owner_reviews,
      requireLastPushApproval: reviews.require_last_push_approval ?? false,
      bypassAllowances: {
        users: names(reviews.bypass_pull_request_allowances?.users),
        teams: names(reviews.bypass_pull_request_allowances?.teams),
        apps: names(reviews.bypass_pull_request_allowances?.apps ?? [])
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
