/**
 * Response bodies for the fake GitHub, built from the examples in GitHub's own OpenAPI
 * description and changed only where a scenario needs it. The server validates every one of them
 * against the description, so a field GitHub does not have (or a missing required one) fails.
 */
import type { Json, JsonObject } from './openapi.js';
import { openApiValidator } from './server.js';

export const OWNER = 'acme';
export const REPO = 'widgets';
export const FULL = `${OWNER}/${REPO}`;
const API = 'https://api.github.com';

const example = (name: string): JsonObject => openApiValidator().example(name) as JsonObject;

/** GET /repos/{owner}/{repo}. `securityAndAnalysis` only for admin scenarios. */
export function repository(
  options: {
    ownerType?: 'Organization' | 'User';
    archived?: boolean;
    private?: boolean;
    admin?: boolean;
    /** An installation token (GITHUB_TOKEN): GitHub shows no `permissions` block. */
    installationToken?: boolean;
    defaultBranch?: string;
    securityAndAnalysis?: { secretScanning: 'enabled' | 'disabled'; pushProtection: 'enabled' | 'disabled' };
  } = {},
): JsonObject {
  const r = example('full-repository-default-response');
  // GitHub's own example carries fields its schema does not list; a non-fork has no parent/source.
  delete r.parent;
  delete r.source;
  r.template_repository = null;
  r.language = 'TypeScript';
  const ownerLogin = OWNER;
  const owner = { ...(r.owner as JsonObject), login: ownerLogin, type: options.ownerType ?? 'Organization' };
  r.owner = owner;
  if (options.ownerType === 'User') delete r.organization;
  else r.organization = { ...(r.organization as JsonObject), login: OWNER, type: 'Organization' };
  r.name = REPO;
  r.full_name = FULL;
  r.html_url = `https://github.com/${FULL}`;
  r.url = `${API}/repos/${FULL}`;
  r.default_branch = options.defaultBranch ?? 'main';
  r.archived = options.archived ?? false;
  r.private = options.private ?? false;
  r.visibility = options.private ? 'private' : 'public';
  r.pushed_at = '2026-11-20T10:00:00Z';
  r.permissions = {
    pull: true,
    triage: true,
    push: true,
    maintain: options.admin ?? false,
    admin: options.admin ?? false,
  };
  if (options.installationToken) delete r.permissions;
  if (options.securityAndAnalysis) {
    r.security_and_analysis = {
      advanced_security: { status: 'enabled' },
      secret_scanning: { status: options.securityAndAnalysis.secretScanning },
      secret_scanning_push_protection: { status: options.securityAndAnalysis.pushProtection },
      dependabot_security_updates: { status: 'enabled' },
    };
  }
  return r;
}

/** GET /orgs/{org}; `twoFactor` undefined = the field is hidden (not an owner). */
export function organization(twoFactor?: boolean): JsonObject {
  const o = example('organization-full');
  o.login = OWNER;
  o.archived_at = null;
  if (twoFactor === undefined) {
    // What a non-owner sees: no private settings.
    for (const k of Object.keys(o)) {
      if (
        k.startsWith('members_can') ||
        k === 'members_allowed_repository_creation_type' ||
        k.includes('_enabled_for_new_') ||
        k.startsWith('secret_scanning_') ||
        [
          'two_factor_requirement_enabled',
          'billing_email',
          'plan',
          'total_private_repos',
          'owned_private_repos',
          'private_gists',
          'disk_usage',
          'collaborators',
          'default_repository_permission',
          'default_repository_branch',
          'web_commit_signoff_required',
          'deploy_keys_enabled_for_repositories',
          'display_commenter_full_name_setting_enabled',
          'readers_can_create_discussions',
        ].includes(k)
      ) {
        delete o[k];
      }
    }
  } else o.two_factor_requirement_enabled = twoFactor;
  return o;
}

type Rule = {
  type: string;
  rulesetId: number;
  source?: 'Repository' | 'Organization';
  parameters?: JsonObject;
};

/** GET /repos/{owner}/{repo}/rules/branches/{branch}. */
export function branchRules(rules: Rule[]): Json[] {
  return rules.map((r) => ({
    type: r.type,
    ruleset_source_type: r.source ?? 'Repository',
    ruleset_source: (r.source ?? 'Repository') === 'Organization' ? OWNER : FULL,
    ruleset_id: r.rulesetId,
    ...(r.parameters ? { parameters: r.parameters } : {}),
  }));
}

export function pullRequestRule(
  rulesetId: number,
  approvals: number,
  extra: Partial<Record<string, boolean>> = {},
  source?: 'Organization',
): Rule {
  return {
    type: 'pull_request',
    rulesetId,
    ...(source ? { source } : {}),
    parameters: {
      required_approving_review_count: approvals,
      dismiss_stale_reviews_on_push: extra.dismissStale ?? true,
      require_code_owner_review: extra.codeOwners ?? true,
      require_last_push_approval: false,
      required_review_thread_resolution: false,
      allowed_merge_methods: ['squash'],
    },
  };
}

export function statusChecksRule(rulesetId: number, contexts: string[], source?: 'Organization'): Rule {
  return {
    type: 'required_status_checks',
    rulesetId,
    ...(source ? { source } : {}),
    parameters: {
      strict_required_status_checks_policy: true,
      required_status_checks: contexts.map((context) => ({ context })),
    },
  };
}

/** GET /repos/{owner}/{repo}/rulesets/{id}; `bypass` undefined = hidden (token cannot edit it). */
export function ruleset(
  id: number,
  name: string,
  options: {
    source?: 'Organization';
    bypass?: { actor_type: string; actor_id: number | null; bypass_mode: string }[];
  } = {},
): JsonObject {
  const org = options.source === 'Organization';
  return {
    id,
    name,
    target: 'branch',
    source_type: org ? 'Organization' : 'Repository',
    source: org ? OWNER : FULL,
    enforcement: 'active',
    ...(options.bypass ? { bypass_actors: options.bypass } : {}),
    current_user_can_bypass: 'never',
    node_id: `RRS_${id}`,
    _links: {
      self: { href: `${API}/repos/${FULL}/rulesets/${id}` },
      html: { href: `https://github.com/${FULL}/rules/${id}` },
    },
    created_at: '2026-01-10T12:00:00Z',
    updated_at: '2026-06-10T12:00:00Z',
  };
}

/** GET /repos/{owner}/{repo}/branches/{branch}/protection. */
export function classicProtection(options: {
  approvals?: number;
  dismissStale?: boolean;
  codeOwners?: boolean;
  contexts?: string[];
  enforceAdmins?: boolean;
  allowForcePushes?: boolean;
  allowDeletions?: boolean;
  requiredSignatures?: boolean;
}): JsonObject {
  const base = `${API}/repos/${FULL}/branches/main/protection`;
  return {
    url: base,
    enabled: true,
    ...(options.contexts
      ? {
          required_status_checks: {
            url: `${base}/required_status_checks`,
            strict: true,
            contexts: options.contexts,
            checks: options.contexts.map((context) => ({ context, app_id: null })),
            contexts_url: `${base}/required_status_checks/contexts`,
          },
        }
      : {}),
    enforce_admins: { url: `${base}/enforce_admins`, enabled: options.enforceAdmins ?? true },
    ...(options.approvals !== undefined
      ? {
          required_pull_request_reviews: {
            url: `${base}/required_pull_request_reviews`,
            dismiss_stale_reviews: options.dismissStale ?? true,
            require_code_owner_reviews: options.codeOwners ?? false,
            required_approving_review_count: options.approvals,
            require_last_push_approval: false,
          },
        }
      : {}),
    required_linear_history: { enabled: false },
    allow_force_pushes: { enabled: options.allowForcePushes ?? false },
    allow_deletions: { enabled: options.allowDeletions ?? false },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    required_signatures: { url: `${base}/required_signatures`, enabled: options.requiredSignatures ?? false },
  };
}

/** GET /repos/{owner}/{repo}/branches/{branch}: what a token without Administration: read sees. */
export function branch(isProtected: boolean, contexts: string[] = []): JsonObject {
  const b = example('branch-get');
  b.protected = isProtected;
  b.protection = isProtected
    ? {
        enabled: true,
        required_status_checks: {
          enforcement_level: 'non_admins',
          contexts,
          checks: contexts.map((context) => ({ context, app_id: null })),
        },
      }
    : { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } };
  return b;
}

let shaCounter = 0;

/** One entry of GET /repos/{owner}/{repo}/commits (also pulls/{n}/commits). */
export function commit(options: {
  verified: boolean;
  date: string;
  message?: string;
  login?: string;
  sha?: string;
}): JsonObject {
  const [c] = example('commit-items') as unknown as JsonObject[];
  const sha = options.sha ?? (++shaCounter).toString(16).padStart(40, 'a');
  const inner = c!.commit as JsonObject;
  inner.message = options.message ?? `Change ${sha.slice(0, 7)}`;
  inner.author = { ...(inner.author as JsonObject), date: options.date };
  inner.committer = { ...(inner.committer as JsonObject), date: options.date };
  inner.verification = options.verified
    ? {
        verified: true,
        reason: 'valid',
        signature: '-----BEGIN PGP SIGNATURE-----\n...',
        payload: 'tree ...',
        verified_at: options.date,
      }
    : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };
  c!.sha = sha;
  c!.author = { ...(c!.author as JsonObject), login: options.login ?? 'octocat' };
  return c!;
}

/** A run of commits, newest first, one per `stepDays` from `newest`. */
export function commits(
  n: number,
  options: { newest: string; stepDays?: number; verified: (i: number) => boolean },
): JsonObject[] {
  const start = Date.parse(options.newest);
  return Array.from({ length: n }, (_, i) =>
    commit({
      verified: options.verified(i),
      date: new Date(start - i * (options.stepDays ?? 1) * 86_400_000).toISOString().replace('.000', ''),
      login: i % 2 ? 'dev-b' : 'dev-a',
    }),
  );
}

/** One entry of GET /repos/{owner}/{repo}/releases. */
export function release(tag: string, publishedAt: string): JsonObject {
  const [r] = example('release-items') as unknown as JsonObject[];
  r!.tag_name = tag;
  r!.name = tag;
  r!.draft = false;
  r!.prerelease = false;
  r!.created_at = publishedAt;
  r!.published_at = publishedAt;
  return r!;
}

/** One entry of GET /repos/{owner}/{repo}/dependabot/alerts. */
export function dependabotAlert(
  number: number,
  severity: 'critical' | 'high',
  createdAt: string,
): JsonObject {
  const [a] = example('dependabot-alerts-for-repository') as unknown as JsonObject[];
  a!.number = number;
  a!.state = 'open';
  a!.created_at = createdAt;
  a!.updated_at = createdAt;
  a!.dismissed_at = null;
  a!.dismissed_by = null;
  a!.dismissed_reason = null;
  a!.dismissed_comment = null;
  a!.fixed_at = null;
  a!.html_url = `https://github.com/${FULL}/security/dependabot/${number}`;
  const adv = a!.security_advisory as JsonObject;
  adv.severity = severity;
  adv.epss = null;
  (a!.security_vulnerability as JsonObject).severity = severity;
  return a!;
}

/** One entry of GET /repos/{owner}/{repo}/code-scanning/alerts. */
export function codeScanningAlert(
  number: number,
  level: 'critical' | 'high' | 'medium',
  createdAt: string,
): JsonObject {
  const [a] = example('code-scanning-alert-items') as unknown as JsonObject[];
  a!.number = number;
  a!.created_at = createdAt;
  a!.html_url = `https://github.com/${FULL}/security/code-scanning/${number}`;
  a!.rule = { ...(a!.rule as JsonObject), security_severity_level: level };
  return a!;
}

/** One entry of GET /repos/{owner}/{repo}/security-advisories (published). */
export function advisory(ghsa: string, cve: string | null, publishedAt: string): JsonObject {
  const [a] = example('list-repository-advisories') as unknown as JsonObject[];
  a!.ghsa_id = ghsa;
  a!.cve_id = cve;
  a!.state = 'published';
  a!.published_at = publishedAt;
  a!.html_url = `https://github.com/${FULL}/security/advisories/${ghsa}`;
  a!.collaborating_teams = null;
  a!.collaborating_users = null;
  return a!;
}

/** One entry of GET /advisories (the global Advisory Database), about one action's versions. */
export function globalAdvisory(options: {
  ghsa: string;
  /** The package name: `owner/repo`, or `owner/repo/path`. */
  action: string;
  range: string;
  patched: string | null;
  severity?: 'critical' | 'high' | 'medium' | 'low';
  summary?: string;
  withdrawnAt?: string;
}): JsonObject {
  const [a] = example('global-advisory-items') as unknown as JsonObject[];
  // GitHub's own example has an `id` its schema does not list, and an EPSS percentile as a string.
  delete a!.id;
  a!.epss = null;
  a!.ghsa_id = options.ghsa;
  a!.url = `${API}/advisories/${options.ghsa}`;
  a!.html_url = `https://github.com/advisories/${options.ghsa}`;
  a!.identifiers = [{ type: 'GHSA', value: options.ghsa }];
  a!.cve_id = null;
  a!.severity = options.severity ?? 'high';
  a!.summary = options.summary ?? `A flaw in ${options.action}`;
  a!.source_code_location = `https://github.com/${options.action.split('/').slice(0, 2).join('/')}`;
  a!.repository_advisory_url = null;
  a!.withdrawn_at = options.withdrawnAt ?? null;
  a!.vulnerabilities = [
    {
      package: { ecosystem: 'actions', name: options.action },
      vulnerable_version_range: options.range,
      first_patched_version: options.patched,
      vulnerable_functions: [],
    },
  ];
  return a!;
}

export function basicError(
  message: string,
  status: number,
  url = 'https://docs.github.com/rest',
): JsonObject {
  return { message, documentation_url: url, status: String(status) };
}
