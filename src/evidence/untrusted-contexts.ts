/**
 * Contexts an outsider can fill in (titles, bodies, branch names, commit messages…): shared by the
 * checks that follow such text into scripts, environment files and conditions.
 */
import { pathMatches, type ContextRef } from './ci-steps.js';

/**
 * Contexts whose value someone without write access can choose, after GitHub's own list
 * ("Understanding the risk of script injections") and the GitHub Security Lab's, plus the
 * workflow_run, discussion and merge-queue equivalents. `*` stands for any one segment.
 */
export const ATTACKER_CONTROLLED: readonly string[] = [
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.pull_request.head.repo.description',
  'github.event.pull_request.head.repo.homepage',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.commits.*.committer.email',
  'github.event.commits.*.committer.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.head_commit.committer.email',
  'github.event.head_commit.committer.name',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.display_title',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.head_commit.committer.email',
  'github.event.workflow_run.head_commit.committer.name',
  'github.event.workflow_run.head_repository.description',
  'github.event.workflow_run.pull_requests.*.head.ref',
  'github.event.check_suite.head_branch',
  'github.event.check_run.check_suite.head_branch',
  'github.event.workflow_job.head_branch',
  'github.event.merge_group.head_commit.message',
  'github.event.merge_group.head_commit.author.email',
  'github.event.merge_group.head_commit.author.name',
  'github.event.changes.title.from',
  'github.event.changes.body.from',
  'github.head_ref',
];

/** The first reference that reads attacker-controlled text, if any. */
export function attackerControlled(refs: ContextRef[]): ContextRef | undefined {
  for (const ref of refs) {
    if (!ref.path.startsWith('github')) continue;
    if (ATTACKER_CONTROLLED.some((p) => pathMatches(ref.path, p))) return ref;
    // toJSON(github.event) or join(github.event.commits.*.message) expands everything below it.
    if (ref.serialized && ATTACKER_CONTROLLED.some((p) => pathMatches(ref.path, p, true))) return ref;
  }
  return undefined;
}
