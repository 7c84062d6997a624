/**
 * What the action's end-to-end tests share: a workspace on disk, real webhook payloads pointed at
 * the fake API's repository, and the routes a workflow token sees with check runs allowed.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FULL, REPO as REPO_NAME } from './fake-github/fixtures.js';
import { githubOpenApi } from './fake-github/openapi.js';
import { PULL_NUMBER, SCENARIOS } from './fake-github/scenarios.js';
import type { RouteTable } from './fake-github/server.js';
import { runAction, webhookExample, type ActionRun } from './run-action.js';

export const REPO = FULL;
/** The head commit of the pull_request example payload, and a merge commit that is not it. */
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const MERGE_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** A directory holding `files`. */
export async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** GitHub's own example of a check run, as the create and update endpoints answer. */
export function checkRunExample(): Record<string, unknown> {
  const examples = (
    githubOpenApi() as unknown as {
      components: { examples: Record<string, { value: Record<string, unknown> }> };
    }
  ).components.examples;
  return examples['check-run']!.value;
}

/** What a workflow's GITHUB_TOKEN sees of the repository, plus check-run routes answering `status`. */
export function checkRunRoutes(status = 201): RouteTable {
  const example = checkRunExample();
  return {
    ...SCENARIOS.githubToken().routes,
    [`POST /repos/${REPO}/check-runs`]:
      status === 201
        ? { status: 201, body: example }
        : {
            status,
            body: {
              message: 'Resource not accessible by integration',
              documentation_url: 'https://docs.github.com/rest',
              status: String(status),
            },
          },
    [`PATCH /repos/${REPO}/check-runs/${example.id}`]: { status: 200, body: example },
  };
}

/** The pull request's changed files, each with its unified-diff `patch`, as the files API lists them. */
export function pullRequestFiles(patches: Record<string, string>): RouteTable {
  return {
    [`GET /repos/${REPO}/pulls/${PULL_NUMBER}/files`]: {
      status: 200,
      body: Object.entries(patches).map(([filename, patch]) => ({
        sha: 'bbcd538c8e72b8c175046e27cc8f907076331401',
        filename,
        status: 'modified',
        additions: 1,
        deletions: 0,
        changes: 1,
        blob_url: `https://github.com/${REPO}/blob/${HEAD_SHA}/${filename}`,
        raw_url: `https://github.com/${REPO}/raw/${HEAD_SHA}/${filename}`,
        contents_url: `https://api.github.com/repos/${REPO}/contents/${filename}?ref=${HEAD_SHA}`,
        patch,
      })),
    },
  };
}

/** The `opened` pull_request example, pointed at the fake repository, optionally from a fork. */
export async function pullRequestPayload(fork = false): Promise<Record<string, unknown>> {
  const payload = await webhookExample('pull_request', (e) => e.action === 'opened');
  pointAtRepository(payload);
  payload.number = PULL_NUMBER;
  (payload.pull_request as { number: number }).number = PULL_NUMBER;
  if (fork) {
    const head = (payload.pull_request as { head: { repo: { full_name: string } } }).head;
    head.repo.full_name = 'stranger/Hello-World';
  }
  return payload;
}

/** Real payloads name Codertocat/Hello-World; the fake API serves acme/widgets. */
export function pointAtRepository(payload: Record<string, unknown>): void {
  const fix = (repo: unknown) => {
    if (repo && typeof repo === 'object') Object.assign(repo, { full_name: FULL, name: REPO_NAME });
  };
  fix(payload.repository);
  const pr = payload.pull_request as { head?: { repo?: unknown }; base?: { repo?: unknown } } | undefined;
  fix(pr?.head?.repo);
  fix(pr?.base?.repo);
}

/** The action on a push event over a workspace holding `files`; `apiUrl` is the fake API's, if any. */
export async function runOnPushEvent(options: {
  files: Record<string, string>;
  inputs: Record<string, string>;
  apiUrl?: string;
  env?: Record<string, string>;
}): Promise<{ ws: string; payload: Record<string, unknown>; run: ActionRun }> {
  const ws = await workspace(options.files);
  const payload = await webhookExample('push', () => true);
  const run = await runAction({
    workspace: ws,
    eventName: 'push',
    payload,
    repository: REPO,
    sha: String(payload.after),
    inputs: options.inputs,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  return { ws, payload, run };
}

/** The action on the `opened` pull_request example over a workspace holding `files`. */
export async function runOnPullRequestEvent(options: {
  files: Record<string, string>;
  inputs: Record<string, string>;
  apiUrl: string;
}): Promise<{ ws: string; run: ActionRun }> {
  const ws = await workspace(options.files);
  const run = await runAction({
    workspace: ws,
    eventName: 'pull_request',
    payload: await pullRequestPayload(),
    repository: REPO,
    sha: MERGE_SHA,
    apiUrl: options.apiUrl,
    inputs: options.inputs,
  });
  return { ws, run };
}
