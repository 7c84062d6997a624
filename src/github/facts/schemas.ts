/**
 * Every GitHub answer sscop reads, as a zod schema of only the fields it uses; the types of the
 * parsed answers derive from them. An answer of another shape becomes an unknown fact, never a crash.
 */
import * as z from 'zod';

const toggle = z.object({ status: z.enum(['enabled', 'disabled']) }).optional();
/** Part of the repository's answer, not a request of its own. */
export const securityAndAnalysisSchema = z
  .object({
    advanced_security: toggle,
    secret_scanning: toggle,
    secret_scanning_push_protection: toggle,
    secret_scanning_non_provider_patterns: toggle,
    dependabot_security_updates: toggle,
  })
  .nullable()
  .optional();

export const repoSchema = z.object({
  name: z.string(),
  full_name: z.string(),
  owner: z.object({ login: z.string(), type: z.string() }),
  default_branch: z.string(),
  archived: z.boolean(),
  disabled: z.boolean().optional(),
  fork: z.boolean(),
  private: z.boolean(),
  visibility: z.string().optional(),
  pushed_at: z.string().nullable(),
  html_url: z.string(),
  permissions: z.object({ admin: z.boolean() }).optional(),
  /** Shown only to admins and security managers. */
  security_and_analysis: securityAndAnalysisSchema,
});

const ruleSchema = z.object({
  type: z.string(),
  ruleset_id: z.number().int(),
  ruleset_source_type: z.string().optional(),
  ruleset_source: z.string().optional(),
  parameters: z.unknown().optional(),
});
export const pullRequestParams = z.object({
  required_approving_review_count: z.number().int(),
  dismiss_stale_reviews_on_push: z.boolean(),
  require_code_owner_review: z.boolean(),
  require_last_push_approval: z.boolean(),
});
export const statusCheckParams = z.object({
  required_status_checks: z.array(z.object({ context: z.string() })),
  strict_required_status_checks_policy: z.boolean(),
});
export const rulesetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  source_type: z.string().optional(),
  source: z.string(),
  enforcement: z.string(),
  bypass_actors: z
    .array(
      z.object({
        actor_type: z.string(),
        actor_id: z.number().nullable().optional(),
        bypass_mode: z.string().optional(),
      }),
    )
    .optional(),
  current_user_can_bypass: z.string().optional(),
});

const named = z.object({
  login: z.string().optional(),
  slug: z.string().optional(),
  name: z.string().optional(),
});
const enabledFlag = z.object({ enabled: z.boolean() }).optional();
export const classicSchema = z.object({
  required_status_checks: z
    .object({
      contexts: z.array(z.string()),
      checks: z.array(z.object({ context: z.string() })).optional(),
      strict: z.boolean().optional(),
    })
    .optional(),
  enforce_admins: enabledFlag,
  required_pull_request_reviews: z
    .object({
      dismiss_stale_reviews: z.boolean(),
      require_code_owner_reviews: z.boolean(),
      required_approving_review_count: z.number().int().optional(),
      require_last_push_approval: z.boolean().optional(),
      bypass_pull_request_allowances: z
        .object({
          users: z.array(named).optional(),
          teams: z.array(named).optional(),
          apps: z.array(named).nullable().optional(),
        })
        .optional(),
    })
    .optional(),
  restrictions: z
    .object({ users: z.array(named), teams: z.array(named), apps: z.array(named.nullable()) })
    .optional(),
  allow_force_pushes: enabledFlag,
  allow_deletions: enabledFlag,
  required_signatures: enabledFlag,
});

export const branchSchema = z.object({
  protected: z.boolean(),
  protection: z
    .object({ required_status_checks: z.object({ contexts: z.array(z.string()).optional() }).optional() })
    .optional(),
});

const commitSchema = z.object({
  sha: z.string(),
  commit: z.object({
    message: z.string(),
    author: z.object({ name: z.string().optional(), date: z.string().optional() }).nullable(),
    committer: z.object({ date: z.string().optional() }).nullable(),
    verification: z.object({ verified: z.boolean(), reason: z.string() }).optional(),
  }),
  author: z.object({ login: z.string().optional() }).nullable(),
});

const releaseSchema = z.object({
  tag_name: z.string(),
  name: z.string().nullable(),
  published_at: z.string().nullable(),
  created_at: z.string(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  assets: z
    .array(z.object({ name: z.string() }))
    .optional()
    .default([]),
});

const dependabotAlertSchema = z.object({
  number: z.number().int(),
  created_at: z.string(),
  html_url: z.string(),
  security_advisory: z.object({ summary: z.string(), severity: z.string() }),
  dependency: z.object({
    package: z.object({ name: z.string(), ecosystem: z.string() }).optional(),
    manifest_path: z.string().optional(),
  }),
});

const codeScanningAlertSchema = z.object({
  number: z.number().int(),
  created_at: z.string(),
  html_url: z.string(),
  rule: z.object({
    id: z.string().nullable().optional(),
    description: z.string().optional(),
    security_severity_level: z.string().nullable().optional(),
  }),
  most_recent_instance: z
    .object({
      location: z.object({ path: z.string().optional(), start_line: z.number().optional() }).optional(),
    })
    .optional(),
});

const advisorySchema = z.object({
  ghsa_id: z.string(),
  cve_id: z.string().nullable(),
  summary: z.string(),
  severity: z.string().nullable(),
  published_at: z.string().nullable(),
  html_url: z.string(),
});

export const actionsPermissionsSchema = z.object({
  enabled: z.boolean(),
  allowed_actions: z.string().optional(),
  sha_pinning_required: z.boolean().optional(),
});
export const workflowPermissionsSchema = z.object({
  default_workflow_permissions: z.string(),
  can_approve_pull_request_reviews: z.boolean(),
});
export const selectedActionsSchema = z.object({
  github_owned_allowed: z.boolean().optional(),
  verified_allowed: z.boolean().optional(),
  patterns_allowed: z.array(z.string()).optional(),
});
export const orgSchema = z.object({
  login: z.string(),
  two_factor_requirement_enabled: z.boolean().nullable().optional(),
});

export const pvrSchema = z.object({ enabled: z.boolean() });

export const ruleListSchema = z.array(ruleSchema);
export const commitListSchema = z.array(commitSchema);
export const releaseListSchema = z.array(releaseSchema);
export const dependabotAlertListSchema = z.array(dependabotAlertSchema);
export const codeScanningAlertListSchema = z.array(codeScanningAlertSchema);
export const advisoryListSchema = z.array(advisorySchema);

export type RepoAnswer = z.infer<typeof repoSchema>;
export type RuleAnswer = z.infer<typeof ruleSchema>;
export type ClassicAnswer = z.infer<typeof classicSchema>;
export type CommitAnswer = z.infer<typeof commitSchema>;

/** An answer whose status is all it says (204 No Content: the setting is on). */
export const noContentSchema = z.unknown();
