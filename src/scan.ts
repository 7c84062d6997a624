/**
 * The scan: runs the pipeline once for a directory. Reads the config and the checkout (collect),
 * runs the checks (pure), assesses, and builds the report. Both shells (CLI, action) call this.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { assess } from './assess/assess.js';
import { ALL_CHECKS } from './checks/index.js';
import { createMemo, type Check } from './checks/check.js';
import {
  DEFAULT_CONFIG_PATH,
  DEFAULT_THRESHOLD,
  EMPTY_CONFIG,
  parseConfig,
  type Config,
} from './config/config.js';
import { errorMessage, UserError } from './errors.js';
import type { GitHubScanOptions } from './github/online.js';
import { shaPins } from './checks/pinned-actions.js';
import { THREAD_VISITORS } from './checks/thread-visitors.js';
import { judgeUnreadInputs } from './checks/unread-inputs.js';
import type { CheckOutcome, CheckResult } from './model/types.js';
import { startCollection } from './repo/collect.js';
import type { FileNeed, FileVisitor } from './repo/files.js';
import { headCommit, originRepository } from './repo/git.js';
import { buildReport, type Report } from './report/report.js';
import { loadRulePack, type RulePack } from './rules/pack.js';
import { VERSION } from './version.js';

export interface ScanOptions {
  root: string;
  /** Config file; relative paths are resolved against `root`. Missing default config = no config. */
  configPath?: string;
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
  const { config, configNote } = await readConfig(root, options.configPath, pack);
  const threshold = options.threshold ?? config.threshold ?? DEFAULT_THRESHOLD;
  const failOn = [...new Set([...(config['fail-on'] ?? []), ...(options.failOn ?? [])])];
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
  const onlineModule = online ? await import('./github/online.js') : undefined;
  // Files first, then (online) the verification of SHA-pinned actions found in them; both run
  // beside the collection of GitHub facts, so the pins add no round trip after the facts.
  const collection = startCollection(root, plan.needOf, {
    exclude: config.exclude,
    visitors: plan.visitors,
    threadVisitors: THREAD_VISITORS.map((v) => v.id),
    onProgress: (done, total) => options.onProgress?.({ phase: 'read', done, total }),
  });
  const filesThenPins = collection.kept.then(async (collected) => {
    if (!verifyPinsOnline) return { collected, pins: undefined };
    const pins = shaPins({ files: collected.files, memo });
    return { collected, pins: pins.length ? await onlineModule!.verifyActionPins(online, pins) : undefined };
  });
  let fatal: UserError | undefined;
  const [{ collected, pins }, facts] = await Promise.all([
    filesThenPins,
    online && onlineModule
      ? onlineModule.collectOnline(online).catch((error: unknown) => {
          if (!(error instanceof UserError)) throw error;
          fatal = error;
          return undefined;
        })
      : undefined,
  ]);
  const githubFacts = facts && pins ? { ...facts, actionPins: pins } : facts;

  const ctx = { files: collected.files, today: options.today ?? new Date(), memo, github: githubFacts };
  const outcomes = new Map<string, CheckOutcome>();
  let checksDone = 0;
  const runChecks = (checks: readonly Check[]) => {
    for (const check of checks) {
      // A verdict on files that could not all be read says so (unknown rather than pass).
      outcomes.set(check.id, judgeUnreadInputs(check, runSafely(check, ctx), ctx.files));
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
  const checks = joinWithRules(pack, config, outcomes);
  const assessment = assess(pack, checks, config, { threshold, failOn });
  if (fatal) {
    assessment.gate.passed = false;
    assessment.gate.reasons.unshift(`GitHub refused the scan: ${fatal.message.split('\n')[0]}`);
  }

  const [commit, repository] = await gitFacts;
  const notes = [...collected.notes];
  if (configNote) notes.push(configNote);
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
function runSafely(check: Check, ctx: Parameters<Check['run']>[0]): CheckOutcome {
  try {
    return check.run(ctx);
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

const MAX_CONFIG_BYTES = 256 * 1024;

async function readConfig(
  root: string,
  configPath: string | undefined,
  pack: RulePack,
): Promise<{ config: Config; configNote?: string }> {
  const rel = configPath ?? DEFAULT_CONFIG_PATH;
  const abs = path.resolve(root, rel);
  const display = path.isAbsolute(rel) ? rel : rel.split(path.sep).join('/');
  let text: string;
  try {
    // O_NOFOLLOW guards only the last component: a `.github` that is a link out of the checkout
    // would still be followed. A relative config path must stay inside the checkout (issue 9).
    if (!path.isAbsolute(rel)) {
      const [realRoot, realDir] = await Promise.all([
        fs.realpath(root),
        fs.realpath(path.dirname(abs)).catch(() => undefined),
      ]);
      const inside = realDir !== undefined && path.relative(realRoot, realDir);
      if (inside !== false && (inside.startsWith('..') || path.isAbsolute(inside))) {
        throw new UserError(
          `${display}: the config must be inside the checkout (a directory on its path is a link out of it)`,
        );
      }
    }
    // The config may come from an untrusted pull request: never follow a link, never block on a FIFO.
    const handle = await fs.open(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw new UserError(`${display}: the config must be a regular file`);
      if (st.size > MAX_CONFIG_BYTES)
        throw new UserError(`${display}: larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && configPath === undefined) return { config: EMPTY_CONFIG };
    if (code === 'ELOOP') throw new UserError(`${display}: the config must not be a symbolic link`);
    throw new UserError(`${display}: cannot read the config (${code ?? errorMessage(error)})`);
  }
  return { config: parseConfig(text, display, pack), configNote: `configuration read from ${display}` };
}
