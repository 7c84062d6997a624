/**
 * Publishes the result as a check run on the head commit: conclusion from the gate, the summary
 * (within the API's 65,535-character limit), and annotations — 50 per request, the rest appended
 * with update requests. When the token may not create check runs (a fork's read-only token, no
 * `checks: write`), it says so and the caller falls back to workflow-command annotations.
 */
import { errorFirstLine, UserError } from '../errors.js';
import type { Octokit } from '../github/client.js';
import { ANNOTATIONS_PER_REQUEST, type Annotation } from '../report/annotations.js';

export const CHECK_RUN_SUMMARY_MAX = 65_535;

export interface CheckRunRequest {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  annotations: Annotation[];
}

export type CheckRunOutcome =
  | { published: true; id: number; url?: string; annotationsSent: number; requests: number; warning?: string }
  | { published: false; reason: string; requests: number };

export async function publishCheckRun(octokit: Octokit, req: CheckRunRequest): Promise<CheckRunOutcome> {
  const batches: Annotation[][] = [];
  for (let i = 0; i < req.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(req.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const output = (annotations: Annotation[] | undefined) => ({
    title: req.title.slice(0, 255),
    summary: req.summary.slice(0, CHECK_RUN_SUMMARY_MAX),
    ...(annotations?.length ? { annotations } : {}),
  });
  let created;
  try {
    created = await octokit.rest.checks.create({
      owner: req.owner,
      repo: req.repo,
      name: req.name,
      head_sha: req.headSha,
      status: 'completed',
      conclusion: req.conclusion,
      completed_at: new Date().toISOString(),
      output: output(batches[0]),
    });
  } catch (error) {
    // A rejected token (401) is not a missing permission: the caller fails closed.
    if (error instanceof UserError) throw error;
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404) {
      return {
        published: false,
        requests: 1,
        reason:
          'the token may not create check runs (it lacks `checks: write`, or this is a pull request from a fork, whose token is read-only)',
      };
    }
    return {
      published: false,
      requests: 1,
      // Without a status, GitHub did not answer or sscop refused the answer: the client's message says which.
      reason: `creating the check run failed (${status ?? errorFirstLine(error)})`,
    };
  }
  const id = created.data.id;
  let sent = batches[0]?.length ?? 0;
  let requests = 1;
  for (const batch of batches.slice(1)) {
    try {
      requests++;
      await octokit.rest.checks.update({
        owner: req.owner,
        repo: req.repo,
        check_run_id: id,
        output: output(batch),
      });
      sent += batch.length;
    } catch (error) {
      const status = (error as { status?: number }).status;
      return {
        published: true,
        id,
        url: created.data.html_url ?? undefined,
        annotationsSent: sent,
        requests,
        warning: `only ${sent} of ${req.annotations.length} annotations were delivered (update failed: ${status ?? 'no answer'})`,
      };
    }
  }
  return { published: true, id, url: created.data.html_url ?? undefined, annotationsSent: sent, requests };
}
