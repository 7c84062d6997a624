/**
 * The scan: runs the pipeline once for a directory. Reads the config and the checkout (collect),
 * runs the checks (pure), assesses, and builds the report. Both shells (CLI, action) call this.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { assess } from './assess/assess.js';
import { ALL_CHECKS } from './checks/index.js';
import { runCheck, type Check, type CheckContext } from './checks/check.js';
import type { ProgressEvent, ScanStage } from './scan-progress.js';
import { memoReleases } from './checks/memo-release.js';
import { createScanMemo, type ScanMemo } from './evidence/context.js';
import type { TrustedConfig } from './config/choice.js';
import { DEFAULT_THRESHOLD, ignoreEntryLine, type Config } from './config/config.js';
import { chooseConfig, reportConfig, type ChosenConfig } from './config/choose.js';
import { readPlan } from './checks/read-plan.js';
import { overBudgetFiles } from './evidence/parse-budget.js';
import { errorMessage, UserError } from './errors.js';
import type { RulePack } from './rules/pack.js';
import type { GitHubFacts } from './github/facts.js';
import type { GitHubScanOptions } from './github/online.js';
import type { PinVerificationResult } from './github/pins.js';
import { THREAD_VISITORS } from './checks/thread-visitors.js';
import { judgeUnreadInputs } from './checks/unread-inputs.js';
import { walkWorkflows } from './checks/walk.js';
import type { CheckOutcome, CheckResult, Confidence } from './model/types.js';
import {
  startCollection,
  type Collection,
  type CollectedFiles,
  type CollectionDone,
} from './repo/collect.js';
import { changedTrackedFiles, headCommit, originRepository, type OriginRepository } from './repo/git.js';
import { buildReport, type Report } from './report/report.js';
import { applySuppressions } from './suppress/apply.js';
import { inlineComments, inlineSuppressionVisitor } from './suppress/inline.js';
import type { ChangedLines } from './evidence/diff.js';
import { isCheckOrRuleId, loadRulePack } from './rules/pack.js';
import { VERSION } from './version.js';

export interface ScanOptions {
  root: string;
  /** Config file; relative paths are resolved against `root`. Missing default config = no config. */
  configPath?: string;
  /**
   * A config to apply instead of the checkout's (the base branch's, on a pull request): the
   * checkout's config is then a proposal, assessed for its effect and reported, never applied.
   */
  trustedConfig?: TrustedConfig;
  /** Overrides the config's threshold. */
  threshold?: number;
  /** Overrides the config's `min-confidence`: findings below it do not count for the gate. */
  minConfidence?: Confidence;
  /** Principles or checks that must be met, added to the config's `fail-on`. */
  failOn?: readonly string[];
  repository?: string;
  commit?: string;
  /**
   * `root` relative to the repository's root (the action's `path`, e.g. `services/api`): checks
   * see paths from `root`, the report shows them from the repository's root.
   */
  pathInRepository?: string;
  today?: Date;
  onProgress?: (event: ProgressEvent) => void;
  /** Online scan: GitHub facts for the API checks, collected alongside the files. */
  github?: GitHubScanOptions;
  /**
   * On a pull request, the lines it adds (paths relative to `root`): a suppression comment on one
   * of them applies only when `allowSuppressions` is set.
   */
  pullRequest?: { addedLines: ChangedLines; allowSuppressions: boolean };
  /**
   * A working copy (the CLI, not the action's fresh checkout): the report says which tracked files
   * differ from the commit its links point at.
   */
  workingCopy?: boolean;
  /** Also scan files git neither tracks nor ignores. */
  untracked?: boolean;
}

export interface ScanResult {
  report: Report;
  /** Paths read from disk (for benchmarks and the "reads only what it needs" test). */
  readPaths: string[];
  /**
   * Set when GitHub refused the scan (token rejected, repository not found): the report is still
   * complete — API checks unknown with this reason, gate failed — and the shells then fail closed.
   */
  fatal?: UserError;
  /** What the report does not hold and an attestation names: the gate's fail-on list and the config's digest. */
  gateInputs: { failOn: string[]; configSha256?: string };
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const { root, pack, chosen, gateOf } = await setUp(options);
  const { config } = chosen;

  // The commit and the remote come from two git processes: ask now, so they answer while the
  // files are read rather than after the checks.
  const given = options.repository ?? options.github?.repository;
  const gitFacts = Promise.all([
    options.commit ?? headCommit(root),
    given !== undefined
      ? ({ repository: given } satisfies OriginRepository as OriginRepository)
      : originRepository(root),
    // A fresh checkout (the action) holds the commit as it is: no need to stat every file.
    options.workingCopy ? changedTrackedFiles(root) : undefined,
  ]);
  const enabled = ALL_CHECKS.filter((c) => config.checks?.[c.id]?.enabled !== false);
  const { memo, forget } = createScanMemo();
  const { collection, collected, pins, githubFacts, fatal, suppressionComments, today } = await collectInputs(
    root,
    options,
    config,
    enabled,
    memo,
  );

  const ctx = { files: collected.files, today, memo, github: githubFacts };
  const { outcomes, readPaths, readerThread } = await runEnabledChecks(
    ctx,
    enabled,
    collection,
    options,
    forget,
  );
  judgeIncompleteInputs(outcomes, enabled, ctx, fatal);
  const { inline, note: inlineNote } = inlineComments(ctx.files, suppressionComments);
  const suppressUnder = (cfg: Config) =>
    applySuppressions(outcomesUnder(cfg, outcomes), {
      inline,
      ignore: cfg.ignore ?? [],
      configFile: chosen.file,
      entryLine: ignoreEntryLine,
      today: ctx.today,
      isCheck: (id) => isCheckOrRuleId(pack, id),
      ...(options.pullRequest
        ? {
            pullRequest: {
              added: options.pullRequest.addedLines,
              allow: options.pullRequest.allowSuppressions,
            },
          }
        : {}),
    });
  const judge = (cfg: Config, suppressed = suppressUnder(cfg)) => {
    const checks = joinWithRules(pack, cfg, suppressed.outcomes);
    const assessment = assess(pack, checks, cfg, gateOf(cfg));
    if (fatal) {
      assessment.gate.passed = false;
      assessment.gate.reasons.unshift(`GitHub refused the scan: ${fatal.message.split('\n')[0]}`);
    }
    return { checks, assessment };
  };
  const suppressions = suppressUnder(config);
  const { checks, assessment } = judge(config, suppressions);
  const configReport = reportConfig(chosen, assessment, (cfg) => judge(cfg).assessment);

  const [commit, origin, changed] = await gitFacts;
  stageEnded(options, 'git answered');
  const notes = [...collected.notes];
  if (chosen.note) notes.push(chosen.note);
  if (inlineNote) notes.push(inlineNote);
  notes.push(...suppressions.notes);
  if (collected.files.skipped.length) {
    // Named here, not only in the JSON's skippedFiles: a Markdown or evidence-pack reader has no JSON.
    const skipped = collected.files.skipped;
    const prefix = options.pathInRepository ? `${options.pathInRepository}/` : '';
    const named = skipped.slice(0, 3).map((f) => `${prefix}${f.path} (${f.reason})`);
    notes.push(
      `${skipped.length} file(s) were not read: ${named.join(', ')}${skipped.length > named.length ? ', …' : ''}`,
    );
  }
  const report = buildReport({
    version: VERSION,
    repository: origin?.repository ?? path.basename(root),
    commit,
    generatedAt: new Date(),
    checks,
    assessment,
    config: configReport,
    ...(suppressions.summary ? { suppressions: suppressions.summary } : {}),
    notes,
    skippedFiles: [...collected.files.skipped],
    ...(options.pathInRepository ? { pathInRepository: options.pathInRepository } : {}),
    metadata: {
      root: options.root,
      listing: collected.listing,
      filesListed: collected.files.paths.length,
      filesRead: readPaths.length,
      durationMs: Math.round(performance.now() - started),
      mode: githubFacts || fatal ? 'online' : 'offline',
      ...(githubFacts ? { apiRequests: githubFacts.apiRequests } : {}),
      ...(pins ? { pinVerificationRequests: pins.requests } : {}),
      ...(readerThread ? { readerThread: true } : {}),
      // A remote's host decides whether links to its server can be built (permalinks.ts).
      ...(origin && given === undefined ? { repositoryHost: origin.host ?? null } : {}),
      ...workingTreeFacts(collected, changed, options.pathInRepository),
    },
  });
  stageEnded(options, 'report built');
  const gateInputs = {
    failOn: gateOf(config).failOn,
    ...(chosen.sha256 ? { configSha256: chosen.sha256 } : {}),
  };
  return { report, readPaths, gateInputs, ...(fatal ? { fatal } : {}) };
}

/** Capped lists: enough to mark the links they affect; `files` says how many there were. */
const MAX_LISTED_PATHS = 1000;

/**
 * Where the files scanned are not the commit's: tracked files changed in the working tree (only
 * for a git listing: a directory walked has no commit to differ from) and untracked files scanned.
 * Paths from the repository's root, as every path in the report.
 */
function workingTreeFacts(
  collected: CollectedFiles,
  changed: string[] | undefined,
  prefix: string | undefined,
): Pick<Report['metadata'], 'workingTreeDiffers' | 'untrackedScanned'> {
  const fromRoot = (paths: readonly string[]) => ({
    files: paths.length,
    paths: paths.slice(0, MAX_LISTED_PATHS).map((p) => (prefix ? `${prefix}/${p}` : p)),
  });
  return {
    ...(collected.listing === 'git' && changed?.length ? { workingTreeDiffers: fromRoot(changed) } : {}),
    ...(collected.untracked?.length ? { untrackedScanned: fromRoot(collected.untracked) } : {}),
  };
}

/** The gate a config sets: its threshold and fail-on list, with the options' overrides. */
type GateOf = (cfg: Config) => { threshold: number; failOn: string[]; minConfidence: Confidence };

/** Checks the root, loads the rule pack, chooses the config and validates the gate it sets. */
async function setUp(
  options: ScanOptions,
): Promise<{ root: string; pack: RulePack; chosen: ChosenConfig; gateOf: GateOf }> {
  const root = path.resolve(options.root);
  const rootStat = await fs.stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new UserError(`${options.root} is not a directory`);

  const pack = loadRulePack();
  const chosen = await chooseConfig(root, options, pack);
  const { config } = chosen;
  const gateOf = (cfg: Config) => ({
    threshold: options.threshold ?? cfg.threshold ?? DEFAULT_THRESHOLD,
    failOn: [...new Set([...(cfg['fail-on'] ?? []), ...(options.failOn ?? [])])],
    minConfidence: options.minConfidence ?? cfg['min-confidence'] ?? 'low',
  });
  const { failOn } = gateOf(config);
  // Every unknown id at once: a user fixing a list should not discover its errors one run at a time.
  const unknownIds = failOn.filter(
    (id) => !pack.principles.some((p) => p.id === id) && !isCheckOrRuleId(pack, id),
  );
  if (unknownIds.length) {
    const quoted = unknownIds.map((id) => `"${id}"`).join(', ');
    throw new UserError(
      `fail-on: ${quoted} ${unknownIds.length === 1 ? 'is neither a principle id' : 'are neither principle ids'} (e.g. 3.2) nor check ids (sscop checks lists them)`,
    );
  }
  return { root, pack, chosen, gateOf };
}

/** What the scan reads: the checkout's files and, online, the GitHub facts and verified pins. */
interface Inputs {
  collection: Collection;
  collected: CollectedFiles;
  pins?: PinVerificationResult;
  githubFacts?: GitHubFacts;
  /** Set when GitHub refused the scan. */
  fatal?: UserError;
  /** The date checks compare against, fixed once for the whole scan. */
  today: Date;
  /** The pass that gathers inline suppression comments from the files the scan reads. */
  suppressionComments: ReturnType<typeof inlineSuppressionVisitor>;
}

/** Reads the files the enabled checks need and, online, collects GitHub facts beside them. */
async function collectInputs(
  root: string,
  options: ScanOptions,
  config: Config,
  enabled: readonly Check[],
  memo: CheckContext['memo'],
): Promise<Inputs> {
  const plan = readPlan(enabled);
  const suppressionComments = inlineSuppressionVisitor(plan.reads);
  const online = options.github;
  const pinChecks = online ? enabled.flatMap((c) => (c.source === 'files' && c.pinsToVerify ? [c] : [])) : [];
  // The HTTP client and its dependencies load only for an online scan (tens of MB an offline scan saves).
  const onlinePhase = online ? (await import('./github/online.js')).startOnlinePhase(online) : undefined;
  // Files first, then (online) the verification of SHA-pinned actions found in them; both run
  // beside the collection of GitHub facts, so the pins add no round trip after the facts.
  const collection = startCollection(root, plan.needOf, {
    exclude: config.exclude,
    visitors: [...plan.visitors, suppressionComments],
    threadVisitors: THREAD_VISITORS.map((v) => v.id),
    ...(options.untracked ? { untracked: true } : {}),
    onProgress: (done, total) => options.onProgress?.({ phase: 'read', done, total }),
    onListed: () => stageEnded(options, 'listed'),
  });
  const today = options.today ?? new Date();
  const filesThenPins = collection.kept.then(async (collected) => {
    stageEnded(options, 'kept files read');
    // One walk of the workflows for every enabled check's hooks; online, beside the facts' requests.
    walkWorkflows(
      { files: collected.files, today, memo },
      enabled.flatMap((c) => (c.source === 'files' && c.audit ? [c.audit] : [])),
    );
    stageEnded(options, 'workflows walked');
    if (!pinChecks.length) return { collected, pins: undefined };
    const pinCtx = { files: collected.files, today, memo };
    const pins = pinChecks.flatMap((c) => c.pinsToVerify!(pinCtx));
    return { collected, pins: pins.length ? await onlinePhase!.verifyPins(pins) : undefined };
  });
  let fatal: UserError | undefined;
  const [{ collected, pins }, facts] = await Promise.all([
    filesThenPins,
    onlinePhase
      ? onlinePhase.collectFacts().catch((error: unknown) => {
          if (!(error instanceof UserError)) throw error;
          fatal = error;
          return undefined;
        })
      : undefined,
  ]);
  if (onlinePhase) stageEnded(options, 'GitHub answered');
  const githubFacts = facts && pins ? { ...facts, actionPins: pins } : facts;
  return { collection, collected, pins, githubFacts, fatal, suppressionComments, today };
}

/**
 * Runs every enabled check once, reporting progress, and drops each memo family once no check left
 * to run names it; returns their outcomes and what was read.
 */
async function runEnabledChecks(
  ctx: CheckContext,
  enabled: readonly Check[],
  collection: Collection,
  options: ScanOptions,
  forget: ScanMemo['forget'],
): Promise<{ outcomes: Map<string, CheckOutcome> } & CollectionDone> {
  const outcomes = new Map<string, CheckOutcome>();
  let checksDone = 0;
  // Checks that read only the files they keep run while the collector may still be reading files
  // for visitors (on a large checkout, the secret scan of every source file on the reader
  // thread); checks with a visitor run once that is done.
  const withVisitor = (check: Check) => check.source === 'files' && check.visitor !== undefined;
  const first = enabled.filter((check) => !withVisitor(check));
  const then = enabled.filter(withVisitor);
  const releases = memoReleases([...first, ...then]);
  const runChecks = (checks: readonly Check[]) => {
    for (const check of checks) {
      outcomes.set(check.id, runSafely(check, ctx));
      for (const family of releases.get(check) ?? []) forget(family);
      options.onProgress?.({ phase: 'check', id: check.id, done: ++checksDone, total: enabled.length });
    }
  };
  runChecks(first);
  stageEnded(options, 'checks run');
  const { readPaths, readerThread } = await collection.done;
  stageEnded(options, 'all files read');
  runChecks(then);
  if (then.length) stageEnded(options, 'remaining checks run');
  return { outcomes, readPaths, readerThread };
}

/** Marks the outcomes that judged incomplete inputs: files unread or over budget, or GitHub refusing the scan. */
function judgeIncompleteInputs(
  outcomes: Map<string, CheckOutcome>,
  enabled: readonly Check[],
  ctx: CheckContext,
  fatal: UserError | undefined,
): void {
  // A verdict on files that could not all be read, or parsed within budget, says so (unknown
  // rather than pass). Once every check has run: the parsers record over-budget files as they go.
  const overBudget = overBudgetFiles(ctx);
  for (const [id, outcome] of outcomes) {
    const check = enabled.find((c) => c.id === id)!;
    outcomes.set(id, judgeUnreadInputs(check, outcome, ctx.files, overBudget));
  }
  if (fatal) {
    // Not "offline": the scan asked GitHub and was refused. Say so on every API check.
    for (const check of enabled) {
      if (check.source !== 'api') continue;
      outcomes.set(check.id, {
        status: 'unknown',
        summary: `Not observed: GitHub refused the scan (${fatal.message.split('\n')[0]}).`,
        findings: [],
        evidence: [],
        unknown: {
          reason: `GitHub refused the scan: ${fatal.message.split('\n')[0]}`,
          howToObserve:
            'give a valid token that can read the repository (GITHUB_TOKEN, --token or the token input)',
        },
      });
    }
  }
}

/** Tells the caller that a stage of the scan has ended (what `sscop scan --timing` shows). */
function stageEnded(options: ScanOptions, stage: ScanStage): void {
  options.onProgress?.({ phase: 'stage', stage });
}

/** A check that throws is our bug: its result becomes `unknown` and the scan goes on. */
function runSafely(check: Check, ctx: CheckContext): CheckOutcome {
  try {
    return runCheck(check, ctx);
  } catch (error) {
    return {
      status: 'unknown',
      summary: `The check failed internally: ${errorMessage(error).split('\n')[0]}`,
      findings: [],
      evidence: [],
      unknown: {
        reason: `internal error in ${check.id}: ${errorMessage(error).split('\n')[0]}`,
        howToObserve: 'report this as a bug in sscop, with the file that triggered it if you can share it',
      },
    };
  }
}

/** Joins each check's outcome with its rule-pack entry and the user's overrides. */
function joinWithRules(pack: RulePack, config: Config, outcomes: Map<string, CheckOutcome>): CheckResult[] {
  const results: CheckResult[] = [];
  for (const check of ALL_CHECKS) {
    const rule = pack.checks.get(check.id);
    if (!rule) throw new Error(`check ${check.id} has no entry in rules/checks.yml`);
    const override = config.checks?.[check.id];
    const outcome: CheckOutcome = outcomes.get(check.id) ?? {
      status: 'not-applicable',
      summary: `Disabled in the configuration: ${override?.reason ?? ''}`,
      findings: [],
      evidence: [],
    };
    const severity = override?.severity ?? rule.severity;
    results.push({
      ...outcome,
      findings: override?.severity
        ? outcome.findings.map((f) => (f.severity === 'info' ? f : { ...f, severity }))
        : outcome.findings,
      id: check.id,
      title: rule.title,
      severity,
      weight: override?.weight ?? rule.weight,
      source: rule.source,
      principles: rule.principles,
      claimIds: rule.claims,
      docs: rule.docs,
      remediation: rule.remediation,
      ...(rule.fixFile ? { fixFile: rule.fixFile } : {}),
      enabled: override?.enabled !== false,
      ...(override ? { override: { reason: override.reason } } : {}),
    });
  }
  return results;
}

/**
 * The outcomes as a config would see them: checks it disables have none (their rule-pack entry
 * says disabled); checks it enables that the scan did not run (the applied config disabled them)
 * are unknown, since their files were not read.
 */
function outcomesUnder(
  config: Config,
  outcomes: ReadonlyMap<string, CheckOutcome>,
): Map<string, CheckOutcome> {
  const out = new Map<string, CheckOutcome>();
  for (const check of ALL_CHECKS) {
    if (config.checks?.[check.id]?.enabled === false) continue;
    out.set(check.id, outcomes.get(check.id) ?? NOT_RUN);
  }
  return out;
}

const NOT_RUN: CheckOutcome = {
  status: 'unknown',
  summary: 'Not run: the configuration applied disables this check.',
  findings: [],
  evidence: [],
  unknown: {
    reason: 'disabled in the configuration applied',
    howToObserve: 'enable the check in the configuration on the base branch',
  },
};
