/**
 * When a publishing step is a release, for release-integrity: its workflow runs on a trigger that
 * can release (a tag push, a push to the default branch, a published release, a manual, scheduled
 * or chained run, or a call from such a workflow), and it publishes somewhere real rather than to a
 * registry on the runner or under a domain reserved for tests. A pull-request workflow that pushes
 * an image to `localhost:5000` is a test of the build, not the release users download.
 */
import { calleePath } from '../evidence/local-workflows.js';
import type { Workflow } from '../evidence/workflows.js';
import { isRecord } from '../model/json.js';

/** Triggers that run a workflow with the repository's own code and secrets, outside a pull request. */
const RELEASE_TRIGGERS = new Set([
  'release',
  'workflow_dispatch',
  'schedule',
  'repository_dispatch',
  'workflow_run',
]);

/** Branch names taken for the default branch when the scan does not know it (offline). */
const USUAL_DEFAULT_BRANCHES = ['main', 'master'];

/** What the release question keeps of one workflow: whether its own triggers can release, and whom it calls. */
export interface ReleaseTriggers {
  path: string;
  /** One of its own triggers (other than `workflow_call`) can release. */
  own: boolean;
  /** Other workflows may call it (`on: workflow_call`). */
  callable: boolean;
  callees: readonly string[];
}

/** The workflow's release triggers; `defaultBranch` when the scan knows it. */
export function releaseTriggers(wf: Workflow, defaultBranch?: string): ReleaseTriggers {
  const branches = defaultBranch ? [defaultBranch] : USUAL_DEFAULT_BRANCHES;
  const own = [...wf.triggers.keys()].some(
    (t) => RELEASE_TRIGGERS.has(t) || (t === 'push' && pushCanRelease(eventFilter(wf, 'push'), branches)),
  );
  const callees = wf.jobs.map(calleePath).filter((p): p is string => p !== undefined);
  return { path: wf.path, own, callable: wf.triggers.has('workflow_call'), callees };
}

/**
 * The workflows that can release: those whose own triggers can, those no local workflow calls but
 * that anyone may call (their callers are elsewhere), and the local workflows these call.
 */
export function releasingWorkflows(workflows: readonly ReleaseTriggers[]): Set<string> {
  const called = new Set(workflows.flatMap((w) => w.callees));
  const out = new Set(
    workflows.filter((w) => w.own || (w.callable && !called.has(w.path))).map((w) => w.path),
  );
  // GitHub allows four levels of nested calls; each round follows one.
  for (let round = 0; round < 4; round++) {
    for (const w of workflows) if (out.has(w.path)) for (const c of w.callees) out.add(c);
  }
  return out;
}

function eventFilter(wf: Workflow, event: string): unknown {
  return isRecord(wf.on) ? wf.on[event] : undefined;
}

/**
 * GitHub's push filters: `tags` alone runs on tag pushes only, `branches` alone on branch pushes
 * only, neither (or only `paths`) on both.
 */
function pushCanRelease(filter: unknown, defaultBranches: readonly string[]): boolean {
  if (!isRecord(filter)) return true;
  if (filter.tags !== undefined || filter['tags-ignore'] !== undefined) return true;
  const onDefault = (patterns: unknown): boolean =>
    patternsOf(patterns).some((p) => defaultBranches.some((b) => branchMatches(p, b)));
  if (filter.branches !== undefined) return onDefault(filter.branches);
  if (filter['branches-ignore'] !== undefined) return !onDefault(filter['branches-ignore']);
  return true;
}

function patternsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 100);
}

/** A branch filter pattern (`*` within a path segment, `**` across them) against a branch name. */
function branchMatches(pattern: string, branch: string): boolean {
  if (pattern.startsWith('!')) return false;
  const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const source = pattern
    .slice(0, 200)
    .split('**')
    .map((part) => part.split('*').map(escape).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`).test(branch);
}

/**
 * A registry or host that is not where users download from: the runner itself, a service
 * container (`registry:5000`), or a domain reserved for examples and tests (RFC 2606, RFC 6761).
 */
const TEST_HOST =
  /(?:^|[\s/=@'"(])(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|(?:[a-z0-9-]{1,63}\.){0,10}example\.(?:com|net|org)|(?:[a-z0-9-]{1,63}\.){1,10}(?:test|example|invalid|localhost|local)|[a-z0-9-]{1,63}:\d{1,5}(?=\/))(?::\d{1,5})?(?=[/\s'"):]|$)/i;

/** True when `text` (a publish command line, an image tag) names a test registry or host. */
export function namesTestHost(text: string): boolean {
  return TEST_HOST.test(text.slice(0, 2000));
}
