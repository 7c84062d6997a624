/**
 * What a workflow's triggers let outsiders do, as every workflow check counts it: one list each,
 * so the checks agree on which workflows are privileged.
 */

/**
 * Events anyone can raise on a public repository that run with the base repository's secrets and
 * a token that can write: untrusted input there reaches a takeover, not a nuisance.
 */
export const PRIVILEGED_EVENTS: readonly string[] = [
  'pull_request_target',
  'workflow_run',
  'issues',
  'issue_comment',
  'discussion',
  'discussion_comment',
  'gollum',
  'commit_comment',
  'check_run',
  'check_suite',
  'workflow_job',
];

/** Events that run for a pull request, forks' included (and so carry its head branch name). */
export const PULL_REQUEST_EVENTS: readonly string[] = [
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
];
