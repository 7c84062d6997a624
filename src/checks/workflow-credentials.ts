/**
 * workflow-credentials: credentials and build inputs that leak or can be poisoned through what a
 * workflow stores and restores — the checkout token uploaded with the workspace (artipacked),
 * caches restored into jobs that publish (cache poisoning), and artifacts of another run executed
 * in a privileged job (artifact poisoning).
 */
import type { Confidence, Severity } from '../model/types.js';
import { findCommand, stepPlace, usesAction, withValue } from '../evidence/ci-steps.js';
import type { Job, Step, Workflow } from '../evidence/workflows.js';
import { walkCheck, type WorkflowAudit } from './walk.js';
import { addHit, judgeRuleHits, ruleState, spanOf, triggerNotes, type RuleState } from './workflow-rules.js';

const ID = 'workflow-credentials';

/** A checkout that leaves the token in `.git/config`. */
interface PersistedCheckout {
  step: Step;
}

/** A step that restores a cache, and whether it asked to (`explicit`) or the action does by default. */
interface CacheUse {
  step: Step;
  how: 'explicit' | 'default';
}

/** An artifact of another run, downloaded into `dir` ('.' for the workspace). */
interface Download {
  step: Step;
  dir: string;
}

interface Gathered extends RuleState {
  /** The trigger that makes the workflow a release workflow, if any. */
  publishTrigger?: string;
  /** The privileged triggers through which another run's artifacts arrive. */
  artifactTriggers: string[];
  job?: {
    job: Job;
    checkout?: PersistedCheckout;
    caches: CacheUse[];
    publisher?: Step;
    downloads: Download[];
  };
}

const audit: WorkflowAudit<Gathered> = {
  id: ID,
  start: () => ({ ...ruleState(), artifactTriggers: [] }),
  workflow: (state, wf) => {
    state.files++;
    state.publishTrigger = publishTrigger(wf);
    state.artifactTriggers =
      wf.kind === 'workflow' ? ['workflow_run', 'pull_request_target'].filter((t) => wf.triggers.has(t)) : [];
  },
  job: (state, job, wf) => {
    leaveJob(state, wf);
    state.job = { job, caches: [], downloads: [] };
  },
  step: (state, step, _job, wf) => {
    const current = state.job!;
    if (usesAction(step, 'actions/checkout') && withValue(step, 'persist-credentials')?.trim() !== 'false') {
      current.checkout = { step };
    }
    if (current.checkout && usesAction(step, 'actions/upload-artifact')) artipacked(state, wf, step);
    const cache = cacheUse(step);
    if (cache) current.caches.push(cache);
    if (!current.publisher && isPublisher(wf, step)) current.publisher = step;
    if (state.artifactTriggers.length) {
      artifactExecution(state, wf, step);
      const download = downloadOf(wf, step);
      if (download) current.downloads.push(download);
    }
  },
  leaveWorkflow: (state, wf) => leaveJob(state, wf),
  unparsed: (state) => {
    state.unparsed++;
  },
};

export const workflowCredentials = walkCheck(audit, 'workflows and actions', (gathered) =>
  judgeRuleHits(ID, gathered, {
    none: 'No workflows or action metadata files.',
    clean: (n) =>
      `No credential left in an uploaded workspace, cache restored into a release job, or downloaded artifact executed in a privileged job (${n} files).`,
    found: (n) =>
      `${n} place${n === 1 ? '' : 's'} where credentials or build inputs can leak or be poisoned.`,
  }),
);

/** The release trigger of a workflow: `release`, or `push` filtered to tags. */
function publishTrigger(wf: Workflow): string | undefined {
  if (wf.kind !== 'workflow') return undefined;
  if (wf.triggers.has('release')) return 'release';
  const on = wf.on as { push?: { tags?: unknown } } | undefined;
  if (wf.triggers.has('push') && on && typeof on === 'object' && on.push?.tags !== undefined)
    return 'push (tags)';
  return undefined;
}

/** Judges the caches of the job just walked, now that it is known whether the job publishes. */
function leaveJob(state: Gathered, wf: Workflow): void {
  const current = state.job;
  state.job = undefined;
  if (!current || current.caches.length === 0) return;
  const why = state.publishTrigger
    ? `runs on ${state.publishTrigger}, which publishes a release`
    : current.publisher
      ? `publishes (${stepPlace(wf, current.job, current.publisher)})`
      : undefined;
  if (!why) return;
  for (const { step, how } of current.caches) {
    addHit(state, {
      rule: 'cache-poisoning',
      severity: 'high',
      // A job that publishes itself is the case the attack needs; a test job in a release workflow rarely is.
      confidence: how === 'explicit' && current.publisher ? 'medium' : 'low',
      at: spanOf(wf, step.uses!),
      message:
        `${stepPlace(wf, current.job, step)} restores a cache ${how === 'explicit' ? '' : '(on by default) '}in a job that ${why}: ` +
        'a cache written by any workflow on the default branch, including one an attacker reached through an injection, ' +
        'ends up in what is released.',
      remediation:
        'Do not restore caches in release or publishing jobs: turn caching off there (`cache: false`, ' +
        '`enable-cache: false`, `lookup-only: true`), or build the release in a job without caches.',
      related: state.publishTrigger
        ? triggerNotes(
            wf,
            state.publishTrigger === 'release' ? ['release'] : ['push'],
            'the workflow publishes',
          )
        : undefined,
    });
  }
}

/** The workspace itself, as an upload path names it. */
const WORKSPACE_PATH = /^(?:\.\/?|\.\/\*\*?|\*\*?|\$\{\{\s*github\.workspace\s*\}\}\/?)$/i;

/** An upload of the workspace (or of `.git`) after a checkout that kept its token. */
function artipacked(state: Gathered, wf: Workflow, step: Step): void {
  const path = step.with.get('path');
  const lines = (path?.value ?? '').split('\n').map((l) => l.trim());
  const gitDir = lines.some((l) => !l.startsWith('!') && /(?:^|\/)\.git(?:\/|$)/.test(l));
  if (!path || (!gitDir && !lines.some((l) => WORKSPACE_PATH.test(l)))) return;
  const hidden = withValue(step, 'include-hidden-files')?.trim() === 'true' || gitDir;
  const version = /@v(\d+)(?:\.(\d+))?/.exec(step.uses!.value);
  const major = version ? Number(version[1]) : undefined;
  const minor = version?.[2] === undefined ? undefined : Number(version[2]);
  // upload-artifact leaves hidden files (.git) out by default from v4.4.0.
  const oldDefault = major !== undefined && (major < 4 || (major === 4 && minor !== undefined && minor < 4));
  const [severity, confidence, detail]: [Severity, Confidence, string] =
    hidden || oldDefault
      ? ['high', 'high', 'the upload includes `.git/config`, where the token is written']
      : major !== undefined
        ? [
            'low',
            'medium',
            'this version of upload-artifact leaves hidden files such as `.git/config` out unless asked',
          ]
        : [
            'medium',
            'medium',
            'whether `.git/config` is included depends on the pinned version (hidden files are left out from v4.4.0)',
          ];
  addHit(state, {
    rule: 'artipacked',
    severity,
    confidence,
    at: spanOf(wf, path),
    message:
      `${stepPlace(wf, state.job!.job, step)} uploads the workspace after ${stepPlace(wf, state.job!.job, state.job!.checkout!.step)} ` +
      `kept the job's token in the checkout; ${detail}. Anyone who can download the artifact can use the token until the job ends.`,
    remediation:
      'Set `persist-credentials: false` on actions/checkout (pass a token only to the step that pushes), and upload only the build output, not the workspace.',
  });
}

/** Actions that restore a cache always, or when asked by an input; and the inputs that turn it off. */
function cacheUse(step: Step): CacheUse | undefined {
  if (usesAction(step, 'actions/cache')) {
    return withValue(step, 'lookup-only')?.trim() === 'true' ? undefined : { step, how: 'explicit' };
  }
  if (usesAction(step, 'swatinem/rust-cache', 'mozilla-actions/sccache-action'))
    return { step, how: 'explicit' };
  const setting = (key: string): string | undefined => withValue(step, key)?.trim();
  if (usesAction(step, 'actions/setup-node', 'actions/setup-python', 'actions/setup-java')) {
    const cache = setting('cache');
    return cache && cache !== 'false' ? { step, how: 'explicit' } : undefined;
  }
  if (usesAction(step, 'actions/setup-go')) {
    const cache = setting('cache');
    return cache === 'false' ? undefined : { step, how: cache === 'true' ? 'explicit' : 'default' };
  }
  if (usesAction(step, 'astral-sh/setup-uv')) {
    const cache = setting('enable-cache');
    return cache === 'false' ? undefined : { step, how: cache === 'true' ? 'explicit' : 'default' };
  }
  if (usesAction(step, 'actions/setup-dotnet') && setting('cache') === 'true')
    return { step, how: 'explicit' };
  if (usesAction(step, 'ruby/setup-ruby') && setting('bundler-cache') === 'true')
    return { step, how: 'explicit' };
  return undefined;
}

/** Steps that publish what the job built. */
const PUBLISH_ACTIONS = [
  'pypa/gh-action-pypi-publish',
  'softprops/action-gh-release',
  'ncipollo/release-action',
  'goreleaser/goreleaser-action',
  'rubygems/release-gem',
  'actions/create-release',
];
const PUBLISH_COMMAND =
  /\b(?:npm|pnpm|yarn)\s+publish\b|\bcargo\s+publish\b|\btwine\s+upload\b|\bgh\s+release\s+(?:create|upload)\b|\bdocker\s+push\b|\bgem\s+push\b|\bdotnet\s+nuget\s+push\b/;

const DRY_RUN = /--dry-run\b/;

function isPublisher(wf: Workflow, step: Step): boolean {
  if (usesAction(step, ...PUBLISH_ACTIONS)) return true;
  if (usesAction(step, 'docker/build-push-action')) return withValue(step, 'push')?.trim() === 'true';
  return findCommand(wf, step, PUBLISH_COMMAND, DRY_RUN) !== undefined;
}

const GH_RUN_DOWNLOAD = /\bgh\s+run\s+download\b/;
const GH_DIR = /(?:-D|--dir)[\s=]+["']?([^\s"']+)/;

/** A step that fetches another run's artifacts, and where it puts them. */
function downloadOf(wf: Workflow, step: Step): Download | undefined {
  const dirOf = (value: string | undefined): string => normalise(value?.split('\n')[0]?.trim() || '.');
  if (usesAction(step, 'actions/download-artifact')) {
    // Without run-id it reads the current run's artifacts, which this workflow made itself.
    return step.with.has('run-id') ? { step, dir: dirOf(step.with.get('path')?.value) } : undefined;
  }
  if (usesAction(step, 'dawidd6/action-download-artifact'))
    return { step, dir: dirOf(step.with.get('path')?.value) };
  if (
    usesAction(step, 'actions/github-script') &&
    /downloadArtifact/.test(step.with.get('script')?.value ?? '')
  ) {
    return { step, dir: '.' };
  }
  const command = findCommand(wf, step, GH_RUN_DOWNLOAD);
  if (command) return { step, dir: dirOf(GH_DIR.exec(command.text)?.[1]) };
  return undefined;
}

/** Commands that run or source a file: the file is the capture. */
const EXECUTES = [
  /(?:^|[;&|]\s*)(?:source|\.)\s+["']?([^\s"';&|]+)/,
  /\b(?:bash|sh|zsh|python3?|node|ruby|perl|pwsh)\s+(?:-\S+\s+)*["']?([^\s"';&|-][^\s"';&|]*)/,
  /(?:^|[\s;&|(])(\.\/[^\s"';&|)]+)/,
  /\b(?:cat|<)\s*["']?([^\s"';&|>]+)[^\n]*>>\s*"?\$\{?GITHUB_(?:ENV|PATH)\b/,
];

/** A file, not a command or flag: a path with a directory or an extension. */
const FILE_LIKE = /\/|\.[A-Za-z0-9]{1,5}$/;

/** A `run:` line after a download that executes or sources a downloaded file. */
function artifactExecution(state: Gathered, wf: Workflow, step: Step): void {
  const current = state.job!;
  if (!step.run || current.downloads.length === 0) return;
  for (const pattern of EXECUTES) {
    const line = findCommand(wf, step, pattern);
    const target = line ? pattern.exec(line.text)?.[1] : undefined;
    if (!line || !target || !FILE_LIKE.test(target) || /^[$/~]/.test(target)) continue;
    const file = normalise(target);
    const download = current.downloads.find(
      (d) => d.dir === '.' || file === d.dir || file.startsWith(`${d.dir}/`),
    );
    if (!download) continue;
    const inside = download.dir !== '.';
    addHit(state, {
      rule: 'artifact-poisoning',
      severity: inside ? 'critical' : 'high',
      confidence: inside ? 'high' : 'medium',
      at: { path: wf.path, line: line.line, column: line.column },
      message:
        `${stepPlace(wf, current.job, step)} runs \`${target}\` after ${stepPlace(wf, current.job, download.step)} downloaded another run's artifacts ` +
        (inside ? `into \`${download.dir}\`` : 'into the workspace') +
        `, in a job started by ${state.artifactTriggers.join(', ')}: a pull request from a fork controls those artifacts, and here they run with this repository's secrets and token.`,
      remediation:
        'Treat artifacts from another run as data: download them into a directory of their own (`path: ${{ runner.temp }}/artifacts`), never execute or source them, ' +
        'and validate what is read (numbers, known names) before using it.',
      related: triggerNotes(
        wf,
        state.artifactTriggers,
        'the job runs with the base repository’s secrets and token',
      ),
    });
    return;
  }
}

/** `./out/` → `out`; `.` stays `.`. */
function normalise(path: string): string {
  const trimmed = path.replace(/^\.\/+/, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '.' : trimmed;
}
