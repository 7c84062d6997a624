/**
 * The scan: runs the pipeline once for a directory. Reads the config and the checkout (collect),
 * runs the checks (pure), assesses, and builds the report. Both shells (CLI, action) call this.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { assess } from './assess/assess.js';
import { ALL_CHECKS } from './checks/index.js';
import { createMemo, runCheck, type Check, type CheckContext } from './checks/check.js';
import { describeProposal, type ConfigReport, type TrustedConfig } from './config/choice.js';
import { DEFAULT_THRESHOLD, EMPTY_CONFIG, parseConfig, type Config } from './config/config.js';
import { readConfigFile } from './config/read.js';
import { overBudgetFiles } from './evidence/parse-budget.js';
import { errorMessage, UserError } from './errors.js';
import type { RulePack } from './rules/pack.js';
import type { GitHubScanOptions } from './github/online.js';
import { shaPins } from './checks/pinned-actions.js';
import { THREAD_VISITORS } from './checks/thread-visitors.js';
import { judgeUnreadInputs } from './checks/unread-inputs.js';
import { walkWorkflows } from './checks/walk.js';
import type { CheckOutcome, CheckResult } from './model/types.js';
import { startCollection } from './repo/collect.js';
import type { FileNeed, FileVisitor } from './repo/files.js';
import { headCommit, originRepository } from './repo/git.js';
import { buildReport, type Report } from './report/report.js';
import { loadRulePack } from './rules/pack.js';
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
  /** Principles or checks that must be met, added to the config's `fail-on`. */
  failOn?: readonly string[];
  repository?: string;
  commit?: string;
  today?: Date;
  onProgress?: (event: ProgressEvent) => void;
  /** Online scan: GitHub facts for the API checks, collected alongside the files. */
  github?: GitHubScanOptions;
}

export type ProgressEvent =
  { phase: 'read'; done: number; total: number } | { phase: 'check'; done: number; total: number };

export interface ScanResult {
  report: Report;
  /** Paths read from disk (for benchmarks and the "reads only what it needs" test). */
  readPaths: string[];
  /**
   * Set when GitHub refused the scan (token rejected, repository not found): the report is still
   * complete — API checks unknown with this reason, gate failed — and the shells then fail closed.
   */
  fatal?: UserError;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const rootStat = await fs.stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new UserError(`${options.root} is not a directory`);

  const pack = loadRulePack();
  const chosen = await chooseConfig(root, options, pack);
  const { config } = chosen;
  const gateOf = (cfg: Config) => ({
    threshold: options.threshold ?? cfg.threshold ?? DEFAULT_THRESHOLD,
    failOn: [...new Set([...(cfg['fail-on'] ?? []), ...(options.failOn ?? [])])],
  });
  const { failOn } = gateOf(config);
  for (const id of failOn) {
    if (!pack.principles.some((p) => p.id === id) && !pack.checks.has(id)) {
      throw new UserError(`fail-on: "${id}" is neither a principle id (e.g. 3.2) nor a check id`);
    }
  }

  // The commit and the remote come from two git processes: ask now, so they answer while the
  // files are read rather than after the checks.
  const gitFacts = Promise.all([
    options.commit ?? headCommit(root),
    options.repository ?? options.github?.repository ?? originRepository(root),
  ]);
  const enabled = ALL_CHECKS.filter((c) => config.checks?.[c.id]?.enabled !== false);
  const plan = readPlan(enabled);
  const memo = createMemo();
  const online = options.github;
  const verifyPinsOnline = online !== undefined && enabled.some((c) => c.id === 'pinned-actions');
  // The HTTP client and its dependencies load only for an online scan (tens of MB an offline scan saves).
  const onlinePhase = online ? (await import('./github/online.js')).startOnlinePhase(online) : undefined;
  // Files first, then (online) the verification of SHA-pinned actions found in them; both run
  // beside the collection of GitHub facts, so the pins add no round trip after the facts.
  const collection = startCollection(root, plan.needOf, {
    exclude: config.exclude,
    visitors: plan.visitors,
    threadVisitors: THREAD_VISITORS.map((v) => v.id),
    onProgress: (done, total) => options.onProgress?.({ phase: 'read', done, total }),
  });
  const today = options.today ?? new Date();
  const filesThenPins = collection.kept.then(async (collected) => {
    // One walk of the workflows for every enabled check's hooks; online, beside the facts' requests.
    walkWorkflows(
      { files: collected.files, today, memo },
      enabled.flatMap((c) => (c.source === 'files' && c.audit ? [c.audit] : [])),
    );
    if (!verifyPinsOnline) return { collected, pins: undefined };
    const pins = shaPins({ files: collected.files, today, memo });
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
  const githubFacts = facts && pins ? { ...facts, actionPins: pins } : facts;

  const ctx = { files: collected.files, today, memo, github: githubFacts };
  const outcomes = new Map<string, CheckOutcome>();
  let checksDone = 0;
  const runChecks = (checks: readonly Check[]) => {
    for (const check of checks) {
      outcomes.set(check.id, runSafely(check, ctx));
      options.onProgress?.({ phase: 'check', done: ++checksDone, total: enabled.length });
    }
  };
  // Checks that read only the files they keep run while the collector may still be reading files
  // for visitors (on a large checkout, the secret scan of every source file on the reader
  // thread); checks with a visitor run once that is done.
  const withVisitor = (check: Check) => check.source === 'files' && check.visitor !== undefined;
  runChecks(enabled.filter((check) => !withVisitor(check)));
  const { readPaths, readerThread } = await collection.done;
  runChecks(enabled.filter(withVisitor));
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
  const judge = (cfg: Config) => {
    const checks = joinWithRules(pack, cfg, outcomesUnder(cfg, outcomes));
    const assessment = assess(pack, checks, cfg, gateOf(cfg));
    if (fatal) {
      assessment.gate.passed = false;
      assessment.gate.reasons.unshift(`GitHub refused the scan: ${fatal.message.split('\n')[0]}`);
    }
    return { checks, assessment };
  };
  const { checks, assessment } = judge(config);
  const configReport: ConfigReport = { applied: chosen.applied };
  if (chosen.proposed) {
    const { path: proposedPath, config: proposedConfig, error } = chosen.proposed;
    if (proposedConfig) {
      const proposal = judge(proposedConfig).assessment;
      configReport.proposed = describeProposal(
        proposedPath,
        { score: assessment.score, passed: assessment.gate.passed, config },
        { score: proposal.score, passed: proposal.gate.passed, config: proposedConfig },
      );
    } else {
      configReport.proposed = { path: proposedPath, changes: [], notAssessed: [], error };
    }
  }

  const [commit, repository] = await gitFacts;
  const notes = [...collected.notes];
  if (chosen.note) notes.push(chosen.note);
  if (collected.files.skipped.length) {
    notes.push(`${collected.files.skipped.length} file(s) were not read (see skippedFiles)`);
  }
  const report = buildReport({
    version: VERSION,
    repository: repository ?? path.basename(root),
    commit,
    generatedAt: new Date(),
    checks,
    assessment,
    config: configReport,
    notes,
    skippedFiles: [...collected.files.skipped],
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
    },
  });
  return { report, readPaths, ...(fatal ? { fatal } : {}) };
}

/** What the collector reads for a set of checks: what to keep of each file, and the per-file passes. */
export interface ReadPlan {
  /** The strongest need any check declares for the path (a `text` need wins). */
  needOf(path: string): FileNeed | undefined;
  visitors: FileVisitor[];
  /** Whether the path is opened at all: kept by a need, or read for a visitor. */
  reads(path: string): boolean;
}

export function readPlan(checks: readonly Check[]): ReadPlan {
  const needOf = (p: string): FileNeed | undefined => {
    let need: FileNeed | undefined;
    for (const check of checks) {
      const n = check.needs?.(p);
      if (n === 'text') return 'text';
      need ??= n;
    }
    return need;
  };
  const visitors = checks.flatMap((c) => (c.source === 'files' && c.visitor ? [c.visitor] : []));
  return { needOf, visitors, reads: (p) => needOf(p) !== undefined || visitors.some((v) => v.wants(p)) };
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

interface ChosenConfig {
  config: Config;
  /** What the report calls the config applied. */
  applied: string;
  note?: string;
  /** The checkout's config when a trusted config is applied instead and the two differ. */
  proposed?: { path: string; config?: Config; error?: string };
}

/** The config to apply: the trusted one when given (the checkout's is then a proposal), else the checkout's. */
async function chooseConfig(root: string, options: ScanOptions, pack: RulePack): Promise<ChosenConfig> {
  const trusted = options.trustedConfig;
  if (!trusted) {
    const file = await readConfigFile(root, options.configPath);
    if (file.text === undefined) return { config: EMPTY_CONFIG, applied: 'defaults (no config file)' };
    return {
      config: parseConfig(file.text, file.display, pack),
      applied: file.display,
      note: `configuration read from ${file.display}`,
    };
  }
  // The trusted config went through review: an error in it is the repository's to fix (exit 2).
  const config = trusted.text === undefined ? EMPTY_CONFIG : parseConfig(trusted.text, trusted.label, pack);
  const chosen: ChosenConfig = { config, applied: trusted.label };
  let file;
  try {
    file = await readConfigFile(root, options.configPath);
  } catch (error) {
    const display = options.configPath ?? '.github/sscop.yml';
    return { ...chosen, proposed: { path: display, error: errorMessage(error).split('\n')[0] } };
  }
  if (file.text === trusted.text) return chosen;
  if (file.text === undefined) {
    return { ...chosen, proposed: { path: file.display, config: EMPTY_CONFIG } };
  }
  try {
    return {
      ...chosen,
      proposed: { path: file.display, config: parseConfig(file.text, file.display, pack) },
    };
  } catch (error) {
    return { ...chosen, proposed: { path: file.display, error: errorMessage(error).split('\n')[0] } };
  }
}
