/**
 * What the workflow run is about, from the event payload the runner wrote: the commit to report on
 * (the pull request's head, never the temporary merge commit), the pull request number, and
 * whether it comes from a fork (whose token is read-only).
 */
import { readFileSync } from 'node:fs';
import { isRecord } from '../model/json.js';

export interface RunContext {
  eventName: string;
  owner?: string;
  repo?: string;
  /** The commit findings and the check run attach to. */
  headSha?: string;
  pullNumber?: number;
  /**
   * The commit the change is judged against (a pull request's base, a merge group's base): its
   * config is the one applied, so the change cannot loosen its own gate.
   */
  baseSha?: string;
  /** True for a pull request whose head repository differs from the base repository. */
  fromFork: boolean;
  /** The repository's default branch, when the payload names it. */
  defaultBranch?: string;
  /** A pull request's base branch (what it would merge into). */
  baseRef?: string;
}

const SHA = /^[0-9a-f]{40}$/;

/** Reads the event file defensively: a missing or malformed payload just yields less context. */
export function readRunContext(env: Readonly<Record<string, string | undefined>>): RunContext {
  let payload: unknown;
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch {
      payload = undefined;
    }
  }
  return runContextFrom(env.GITHUB_EVENT_NAME ?? '', payload, env);
}

export function runContextFrom(
  eventName: string,
  payload: unknown,
  env: Readonly<Record<string, string | undefined>>,
): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const ctx: RunContext = { eventName, owner: owner || undefined, repo: repo || undefined, fromFork: false };
  const envSha = env.GITHUB_SHA && SHA.test(env.GITHUB_SHA) ? env.GITHUB_SHA : undefined;
  const p = isRecord(payload) ? payload : {};
  const repository = isRecord(p.repository) ? p.repository : {};
  if (typeof repository.default_branch === 'string' && repository.default_branch)
    ctx.defaultBranch = repository.default_branch;
  const pr = isRecord(p.pull_request) ? p.pull_request : undefined;
  if (pr) {
    const head = isRecord(pr.head) ? pr.head : {};
    const base = isRecord(pr.base) ? pr.base : {};
    const headSha = typeof head.sha === 'string' && SHA.test(head.sha) ? head.sha : undefined;
    ctx.headSha = headSha ?? envSha;
    ctx.pullNumber = typeof pr.number === 'number' ? pr.number : undefined;
    ctx.baseSha = typeof base.sha === 'string' && SHA.test(base.sha) ? base.sha : undefined;
    if (typeof base.ref === 'string' && base.ref) ctx.baseRef = base.ref;
    const headRepo = isRecord(head.repo) ? head.repo.full_name : undefined;
    const baseRepo = isRecord(base.repo) ? base.repo.full_name : undefined;
    ctx.fromFork = typeof headRepo === 'string' && typeof baseRepo === 'string' && headRepo !== baseRepo;
    return ctx;
  }
  const mergeGroup = isRecord(p.merge_group) ? p.merge_group : undefined;
  if (mergeGroup && typeof mergeGroup.head_sha === 'string' && SHA.test(mergeGroup.head_sha)) {
    ctx.headSha = mergeGroup.head_sha;
    if (typeof mergeGroup.base_sha === 'string' && SHA.test(mergeGroup.base_sha))
      ctx.baseSha = mergeGroup.base_sha;
    return ctx;
  }
  if (eventName === 'push' && typeof p.after === 'string' && SHA.test(p.after) && !/^0+$/.test(p.after)) {
    ctx.headSha = p.after;
    return ctx;
  }
  ctx.headSha = envSha;
  return ctx;
}
