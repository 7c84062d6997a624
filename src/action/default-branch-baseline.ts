/**
 * The baseline taken from the default branch (`baseline: default-branch`; on a pull request, from
 * its base branch): the report-file artifact of the latest successful run of this workflow there.
 * Three REST calls through the run's client (the runs, the run's artifacts, the download address),
 * then the zip from the address GitHub gives, without the token. Every answer is untrusted and
 * every way this can fail is a note and no baseline, never a failed step (a rejected token aside).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { readBaselineFromZip } from '../baseline-file.js';
import { errorFirstLine, UserError } from '../errors.js';
import { GitHubStatusError, GitHubUnavailableError, type GitHubClient } from '../github/client.js';
import type { BaselineReport } from '../report/baseline.js';
import type { RunContext } from './event.js';

/** A JSON report zips to about a tenth of its size; anything larger is not one report-file. */
export const MAX_ARTIFACT_ZIP_BYTES = 16 * 1024 * 1024;
/**
 * The events whose runs on the branch ran the branch's own workflow on the branch's own commit. A
 * pull request's run is never one: a fork can name its branch `main` and upload what it likes.
 */
const TRUSTED_EVENTS = new Set(['push', 'schedule', 'workflow_dispatch']);
const RUNS_READ = 20;

export interface BaselineRequest {
  client: GitHubClient | undefined;
  context: RunContext;
  env: Readonly<Record<string, string | undefined>>;
  /** The artifact's name (`baseline-artifact`). */
  artifact: string;
  /** The report's file name inside the artifact (the report-file's base name). */
  entry: string;
}

export interface FoundBaseline {
  report: BaselineReport;
  /** Where it came from, for notes and messages. */
  name: string;
}

/** Why there is no baseline, said to the reader. */
class NoBaseline extends Error {}

/**
 * The baseline, or undefined with a note in `notes` saying why not. Rethrows only the client's
 * `UserError` (GitHub rejected the token), which fails the run as everywhere else.
 */
export async function defaultBranchBaseline(
  request: BaselineRequest,
  notes: string[],
): Promise<FoundBaseline | undefined> {
  try {
    const found = await findBaseline(request);
    notes.push(`baseline: ${found.name}`);
    return found;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const why = error instanceof NoBaseline ? error.message : `unexpected error (${errorFirstLine(error)})`;
    notes.push(`no baseline from the default branch: ${why}; the run goes on without a baseline`);
    return undefined;
  }
}

const runsSchema = z.object({
  workflow_runs: z.array(
    z.object({
      id: z.number().int(),
      event: z.string(),
      head_branch: z.string().nullable(),
      head_sha: z.string(),
      conclusion: z.string().nullable(),
      html_url: z.string(),
      head_repository: z.object({ full_name: z.string() }).nullable().optional(),
    }),
  ),
});
const artifactsSchema = z.object({
  artifacts: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      size_in_bytes: z.number(),
      expired: z.boolean(),
      expires_at: z.string().nullable().optional(),
      digest: z.string().nullable().optional(),
    }),
  ),
});
type Run = z.infer<typeof runsSchema>['workflow_runs'][number];
type Artifact = z.infer<typeof artifactsSchema>['artifacts'][number];

async function findBaseline(request: BaselineRequest): Promise<FoundBaseline> {
  const { client, context, env } = request;
  if (!client) throw new NoBaseline('there is no GitHub token to read the runs with (the token input)');
  const { owner, repo } = context;
  if (!owner || !repo) throw new NoBaseline('the repository is not known (GITHUB_REPOSITORY)');
  const file = workflowFile(env.GITHUB_WORKFLOW_REF);
  if (!file) throw new NoBaseline('the workflow file is not known (GITHUB_WORKFLOW_REF)');
  const branch = context.baseRef ?? context.defaultBranch ?? (await defaultBranch(client, owner, repo));
  const run = await latestSuccessfulRun(request, { owner, repo, file, branch });
  const artifact = await runArtifact(request, owner, repo, run);
  const zip = await download(client, owner, repo, artifact);
  const display = `the ${request.artifact} artifact of run ${run.id}`;
  let report: BaselineReport;
  try {
    report = readBaselineFromZip(zip, request.entry, display);
  } catch (error) {
    throw new NoBaseline(errorFirstLine(error));
  }
  return {
    report,
    name: `${display} (${run.event} on ${branch}, commit ${run.head_sha.slice(0, 12)}): ${run.html_url}`,
  };
}

/** The workflow's file name from `owner/repo/.github/workflows/ci.yml@refs/...`. */
export function workflowFile(ref: string | undefined): string | undefined {
  const path = ref?.split('@')[0] ?? '';
  return /\/\.github\/workflows\/([^/]+\.ya?ml)$/.exec(path)?.[1];
}

async function defaultBranch(client: GitHubClient, owner: string, repo: string): Promise<string> {
  const { data } = await call('reading the repository', () => client.octokit.rest.repos.get({ owner, repo }));
  return data.default_branch;
}

async function latestSuccessfulRun(
  request: BaselineRequest,
  where: { owner: string; repo: string; file: string; branch: string },
): Promise<Run> {
  const { owner, repo, file, branch } = where;
  const answer = await call(`listing the runs of ${file}`, () =>
    request.client!.octokit.rest.actions.listWorkflowRuns({
      owner,
      repo,
      workflow_id: file,
      branch,
      status: 'success',
      exclude_pull_requests: true,
      per_page: RUNS_READ,
    }),
  );
  const runs = parsed(runsSchema, answer.data, 'the list of runs').workflow_runs;
  const currentRun = Number(request.env.GITHUB_RUN_ID);
  const sameRepository = (name: string | undefined) =>
    name?.toLowerCase() === `${owner}/${repo}`.toLowerCase();
  const run = runs.find(
    (r) =>
      r.id !== currentRun &&
      r.conclusion === 'success' &&
      r.head_branch === branch &&
      TRUSTED_EVENTS.has(r.event) &&
      sameRepository(r.head_repository?.full_name),
  );
  if (!run)
    throw new NoBaseline(
      `no successful run of ${file} on ${branch} yet (from a push, a schedule or a manual dispatch)`,
    );
  return run;
}

async function runArtifact(
  request: BaselineRequest,
  owner: string,
  repo: string,
  run: Run,
): Promise<Artifact> {
  const name = request.artifact;
  const answer = await call(`listing the artifacts of run ${run.id}`, () =>
    request.client!.octokit.rest.actions.listWorkflowRunArtifacts({
      owner,
      repo,
      run_id: run.id,
      name,
      per_page: 10,
    }),
  );
  const artifact = parsed(artifactsSchema, answer.data, 'the list of artifacts').artifacts.find(
    (a) => a.name === name,
  );
  if (!artifact)
    throw new NoBaseline(
      `run ${run.id} (${run.html_url}) has no artifact named ${name}: upload the report-file there with actions/upload-artifact`,
    );
  if (artifact.expired)
    throw new NoBaseline(
      `the ${name} artifact of run ${run.id} has expired${artifact.expires_at ? ` (${artifact.expires_at})` : ''}`,
    );
  if (artifact.size_in_bytes > MAX_ARTIFACT_ZIP_BYTES)
    throw new NoBaseline(
      `the ${name} artifact is ${artifact.size_in_bytes} bytes, more than ${mib(MAX_ARTIFACT_ZIP_BYTES)}`,
    );
  return artifact;
}

/** The artifact's zip: GitHub answers with a redirect to a signed address, fetched without the token. */
async function download(
  client: GitHubClient,
  owner: string,
  repo: string,
  artifact: Artifact,
): Promise<Uint8Array> {
  const answer = await call(`asking for the ${artifact.name} artifact's download`, () =>
    client.octokit.rest.actions.downloadArtifact({
      owner,
      repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
      request: { redirect: 'manual' },
    }),
  );
  const location = (answer.headers as Record<string, unknown>).location;
  if (answer.status !== 302 || typeof location !== 'string')
    throw new NoBaseline(
      `GitHub gave no download address for the ${artifact.name} artifact (HTTP ${answer.status})`,
    );
  const url = downloadUrl(location, client.apiUrl);
  const zip = await call(`downloading the ${artifact.name} artifact`, () =>
    client.download(url.href, MAX_ARTIFACT_ZIP_BYTES),
  );
  const digest = /^sha256:([0-9a-f]{64})$/.exec(artifact.digest ?? '')?.[1];
  if (digest && createHash('sha256').update(zip).digest('hex') !== digest)
    throw new NoBaseline(`the downloaded ${artifact.name} artifact does not match the digest GitHub lists`);
  return zip;
}

/** The download address, over HTTPS unless the API itself is plain HTTP (a local server). */
function downloadUrl(location: string, apiUrl: string): URL {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new NoBaseline('GitHub gave a download address that is not a URL');
  }
  const allowed = new URL(apiUrl).protocol === 'http:' ? ['https:', 'http:'] : ['https:'];
  if (!allowed.includes(url.protocol))
    throw new NoBaseline(`GitHub gave a download address over ${url.protocol.slice(0, -1)}, not HTTPS`);
  return url;
}

/** One API step; its failures become what the reader should do about them. */
async function call<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof GitHubStatusError) throw new NoBaseline(`${what}: ${statusAdvice(error)}`);
    if (error instanceof GitHubUnavailableError) throw new NoBaseline(`${what}: ${error.message}`);
    throw error;
  }
}

function statusAdvice(error: GitHubStatusError): string {
  if (error.status === 403)
    return `GitHub refused (403 ${error.message}): give the job the permission actions: read`;
  if (error.status === 410) return 'the artifact has expired (410)';
  if (error.status === 404)
    return `not found (404): the workflow or run may be gone, or the token may not read Actions`;
  return `GitHub answered HTTP ${error.status} (${error.message})`;
}

function parsed<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new NoBaseline(`${what} is not what GitHub documents`);
  return result.data;
}

function mib(bytes: number): string {
  return `${bytes / 1024 / 1024} MiB`;
}
