/**
 * `npm run bench`: speed and scale of sscop, as ratios measured in one run on one machine.
 *
 * - Scan time of `node dist/cli.js scan` on synthetic trees (small, medium, large; bench/generate.ts)
 *   against the I/O floor: listing the tracked files and reading every file the scan read, with a
 *   plain loop (bench/floor.ts). Node's own start-up (`node -e 0`) is subtracted from the scan.
 * - Growth from medium to large relative to the file count; peak RSS; files read twice or opened
 *   without a need (from `scan().readPaths`, and from the system calls the CLI makes, via strace).
 * - Start-up of both bundles against `node -e 0`, and their sizes.
 * - The online scan against the fake GitHub API with 100 ms added per response (bench/api-child.ts).
 * - The estate roll-up (`org report`) over 500 and 5,000 generated reports (bench/org.ts).
 *
 * Bundled by bench/run.mjs with its children into a temporary folder; BENCH_REPO names the checkout.
 * - The same against the floor on a tree shaped like the real repositories that were slow (`shaped`:
 *   bench/shapes.ts), and with --real DIR on the git checkouts under DIR as they are (bench/real.ts).
 *
 * Options: --sizes small,medium,shaped,large (or none)  --runs N (scan/floor repetitions)  --no-trace
 *          --real DIR  --real-repos a,b (only these folders of DIR)  --no-api  --no-org
 *          --fetch-real DIR (fetch the corpus of bench/real-corpus.ts into DIR, or the --real-repos
 *          of it, then measure it)
 *          --real-source TEMPLATE (where to fetch from: {owner} and {name} filled in)
 *          --org-only (the roll-up alone)  --keep
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  promises as fs,
  readdirSync,
  readFileSync,
  statSync,
  type Dirent,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTree, SIZES, type TreeSpec } from './generate.js';
import { chainDepth, latencyProxy } from './latency-proxy.js';
import { DEFAULT_SOURCE, fetchCorpus, folderName, REAL_CORPUS } from './real-corpus.js';
import { realRepositories, type RealRepository } from './real.js';
import { medianStages, stageTimes, stagesLine, type StageTimes } from './stages.js';
import { median, timedSpawn, type ReadEntry, type ScanChildResult } from './lib.js';
import { measureOrgRollup, orgReportLines, type OrgRow } from './org.js';
import {
  AUDIT_SHARE_PAIRS,
  AUDIT_SHARE_TARGET,
  auditShareOfPairs,
  type AuditPair,
  configWithout,
  WORKFLOW_AUDIT_CHECKS,
} from './rule-share.js';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'small,medium,shaped,large' },
    real: { type: 'string' },
    'real-repos': { type: 'string' },
    'fetch-real': { type: 'string' },
    'real-source': { type: 'string', default: DEFAULT_SOURCE },
    runs: { type: 'string' },
    'no-trace': { type: 'boolean', default: false },
    'no-api': { type: 'boolean', default: false },
    'no-org': { type: 'boolean', default: false },
    'org-only': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = process.env.BENCH_REPO ?? process.cwd();
const CLI = path.join(repo, 'dist/cli.js');
const ACTION = path.join(repo, 'dist/index.js');
const NODE = process.execPath;
const LATENCY_MS = 100;
const STARTUP_RUNS = 21;

const TARGETS = {
  floorRatio: 2,
  /** Shaped and real trees: scan ≤ 2 × floor + this (start-up and loading the engine). */
  fixedMs: 300,
  shapedRssMb: 200,
  growth: 1.5,
  rssMb: 300,
  startupMs: 150,
  requests: 15,
  roundTrips: 4,
};

const log = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

interface SizeResult {
  name: string;
  kind: 'synthetic' | 'shaped' | 'real';
  /** The commit scanned, for a real repository. */
  commit?: string;
  generatedMs: number;
  files: number;
  mb: number;
  listing: string;
  listed: number;
  read: number;
  needed: number;
  skipped: number;
  readTwice: number;
  readUnneeded: number;
  floorMs: number;
  scanWallMs: number;
  scanNetMs: number;
  rssMb?: number;
  /** Each stage's median time over the timed runs (`--timing`), and the last run's slowest checks. */
  stages: StageTimes;
  slowestChecks?: string;
  /** Wall times of the full scan and the same scan with the workflow audit checks disabled, timed back to back (large tree only). */
  auditPairs?: AuditPair[];
  trace?: { opened: number; twice: number; unneeded: number; examples: string[] };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'sscop-bench-'));
let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned || opts.keep) return;
  cleaned = true;
  log(`removing ${work}`);
  await fs.rm(work, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  if (opts['org-only']) {
    process.stdout.write(`${orgReportLines(await measureOrgRollup(repo, work, here, log)).join('\n')}\n`);
    return;
  }
  for (const f of [CLI, ACTION]) if (!existsSync(f)) throw new Error(`${f} is missing: run npm run bundle`);
  if (opts.real && opts['fetch-real'])
    throw new Error('--real and --fetch-real: give one folder of checkouts');
  // Fetched first: a missing network fails the run before minutes of measuring.
  const realDir = opts['fetch-real'] ?? opts.real;
  const only = opts['real-repos']?.split(',').map((s) => s.trim());
  const fetched = opts['fetch-real']
    ? fetchCorpus(
        opts['fetch-real'],
        REAL_CORPUS.filter((r) => !only || only.includes(folderName(r))),
        opts['real-source'],
        log,
      )
    : undefined;
  const stale = staleDist();
  const git = execFileSync('git', ['--version']).toString().trim();
  const env = `node ${process.version}, ${git}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}`;
  log(env);
  if (stale) log(`warning: ${stale}`);

  const startup = await measureStartup();
  const sizes =
    opts.sizes === 'none' ? [] : (opts.sizes.split(',').map((s) => s.trim()) as (keyof typeof SIZES)[]);
  const results: SizeResult[] = [];
  for (const name of sizes) {
    if (!(name in SIZES)) throw new Error(`unknown size ${name}`);
    results.push(await measureSize(SIZES[name], startup.nodeMs));
  }
  if (realDir) {
    for (const repository of realRepositories(realDir, only ?? fetched)) {
      results.push(await measureReal(repository, startup.nodeMs));
    }
  }
  const api = opts['no-api'] ? { skipped: 'skipped (--no-api)' } : await measureApi(results);
  const org = opts['no-org'] ? undefined : await measureOrgRollup(repo, work, here, log);

  printReport(env, stale, startup, results, api, org);
}

// ---------------------------------------------------------------------------------------------

function staleDist(): string | undefined {
  const built = Math.min(statSync(CLI).mtimeMs, statSync(ACTION).mtimeMs);
  let newest = 0;
  let newestFile = '';
  const visit = (dir: string): void => {
    for (const e of readdirSafe(dir)) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else {
        const m = statSync(p).mtimeMs;
        if (m > newest) [newest, newestFile] = [m, p];
      }
    }
  };
  visit(path.join(repo, 'src'));
  visit(path.join(repo, 'rules'));
  return newest > built
    ? `dist is older than ${path.relative(repo, newestFile)}: figures are for the last bundle (npm run bundle)`
    : undefined;
}

function readdirSafe(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

interface Startup {
  nodeMs: number;
  cliMs: number;
  actionMs: number;
  /** `sscop checks`: loads the engine (rule pack, checks) without scanning. */
  engineMs: number;
  cliBytes: Bundle;
  actionBytes: Bundle;
  actionCheck: string;
}

interface Bundle {
  entry: number;
  /** The entry and every chunk it can load, statically or with import(). */
  total: number;
}

/** Sizes of an entry point and of everything it can load (relative imports, followed through chunks). */
function bundleBytes(entry: string): Bundle {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(path.resolve(path.dirname(file), m[1]!));
    }
  };
  visit(entry);
  return { entry: statSync(entry).size, total: [...seen].reduce((n, f) => n + statSync(f).size, 0) };
}

async function measureStartup(): Promise<Startup> {
  log(
    `start-up: ${STARTUP_RUNS} runs each of node -e 0, dist/cli.js --version, dist/index.js (INPUT_THRESHOLD=abc), dist/cli.js checks`,
  );
  // The action with an invalid threshold fails at input validation: start-up without a scan.
  const actionEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    INPUT_THRESHOLD: 'abc',
  };
  const node: number[] = [];
  const cli: number[] = [];
  const action: number[] = [];
  const engine: number[] = [];
  let actionCheck = '';
  for (let i = 0; i < STARTUP_RUNS; i++) {
    node.push((await timedSpawn(NODE, ['-e', '0'])).ms);
    const c = await timedSpawn(NODE, [CLI, '--version']);
    if (c.code !== 0) throw new Error(`dist/cli.js --version exited ${c.code}: ${c.stderr}`);
    cli.push(c.ms);
    const a = await timedSpawn(NODE, [ACTION], actionEnv);
    if (a.code !== 1 || !/threshold/i.test(a.stdout + a.stderr)) {
      throw new Error(
        `dist/index.js did not fail fast on INPUT_THRESHOLD=abc (exit ${a.code}): ${a.stdout}${a.stderr}`,
      );
    }
    actionCheck = (a.stdout + a.stderr).trim().split('\n')[0] ?? '';
    action.push(a.ms);
    const e = await timedSpawn(NODE, [CLI, 'checks']);
    if (e.code !== 0) throw new Error(`dist/cli.js checks exited ${e.code}: ${e.stderr}`);
    engine.push(e.ms);
  }
  return {
    nodeMs: median(node),
    cliMs: median(cli),
    actionMs: median(action),
    engineMs: median(engine),
    cliBytes: bundleBytes(CLI),
    actionBytes: bundleBytes(ACTION),
    actionCheck,
  };
}

async function measureSize(spec: TreeSpec, nodeMs: number): Promise<SizeResult> {
  const root = path.join(work, spec.name);
  log(
    `${spec.name}: generating ~${spec.files.toLocaleString('en')} files${spec.git ? ' + git commit' : ''}…`,
  );
  const t0 = performance.now();
  const tree = await generateTree(root, spec, {
    onProgress: (n, total) => {
      if (total >= 20_000 && (n % 50_000 === 0 || n === total)) log(`  ${spec.name}: ${n}/${total} written`);
    },
  });
  const generatedMs = performance.now() - t0;
  log(
    `${spec.name}: ${tree.paths.length} files, ${(tree.bytes / 2 ** 20).toFixed(0)} MiB in ${(generatedMs / 1000).toFixed(1)} s`,
  );
  // Trees of thousands of files get three timed runs, the small one seven; --runs N for others. The
  // large tree had one, and its ratio to the floor moved from 2.17 to 2.41 x between runs of the
  // same code: a median of three is what its target is judged on now.
  const runs = Number(opts.runs ?? (spec.files >= 5_000 ? 3 : 7));
  return measureTree(
    {
      name: spec.name,
      kind: spec.shapes ? 'shaped' : 'synthetic',
      generatedMs,
      files: tree.paths.length,
      mb: tree.bytes / 2 ** 20,
    },
    root,
    {
      runs,
      trace: !opts['no-trace'] && spec.files >= 10_000 && !spec.shapes,
      scanArgs: [],
      // On the large tree, each run also times the scan without the workflow audit checks.
      ...(spec.name === 'large' ? { without: configWithout(work, WORKFLOW_AUDIT_CHECKS) } : {}),
    },
    nodeMs,
  );
}

/** A real checkout as it is: three timed runs, untracked files left out (`--tracked-only`). */
async function measureReal(repository: RealRepository, nodeMs: number): Promise<SizeResult> {
  log(
    `${repository.name}: ${repository.files.toLocaleString('en')} tracked files, ${(repository.bytes / 2 ** 20).toFixed(0)} MiB, commit ${repository.commit.slice(0, 12)}`,
  );
  return measureTree(
    {
      name: repository.name,
      kind: 'real',
      commit: repository.commit,
      generatedMs: 0,
      files: repository.files,
      mb: repository.bytes / 2 ** 20,
    },
    repository.root,
    { runs: Number(opts.runs ?? 3), trace: false, scanArgs: ['--tracked-only'] },
    nodeMs,
  );
}

type TreeFacts = Pick<SizeResult, 'name' | 'kind' | 'commit' | 'generatedMs' | 'files' | 'mb'>;

/** Times the CLI on `root` against the floor, `runs` times each in turn, and checks what it read. */
async function measureTree(
  facts: TreeFacts,
  root: string,
  how: { runs: number; trace: boolean; scanArgs: string[]; without?: string },
  nodeMs: number,
): Promise<SizeResult> {
  const { name } = facts;
  // What the scan reads (in-process, from src/), and what checks need. Also warms the page cache.
  log(`${name}: in-process scan for readPaths…`);
  const childOut = path.join(work, `${name}-scan.json`);
  const sc = await timedSpawn(NODE, [path.join(here, 'scan-child.js'), root, childOut]);
  if (sc.code !== 0) throw new Error(`scan child failed: ${sc.stderr}`);
  const child = JSON.parse(readFileSync(childOut, 'utf8')) as ScanChildResult;
  const neededMap = new Map(child.needed);
  const reads: ReadEntry[] = child.readPaths.map((p) => [p, neededMap.get(p) ?? 'text']);
  const readsFile = path.join(work, `${name}-reads.json`);
  await fs.writeFile(readsFile, JSON.stringify(reads));

  // Which files the CLI itself opens (medium and large), before the timed runs.
  const trace = how.trace ? await traceOpens(root, new Set(neededMap.keys())) : undefined;
  const floors: number[] = [];
  const scans: number[] = [];
  const rss: number[] = [];
  const auditPairs: AuditPair[] = [];
  let listing = '';
  let cliRead = -1;
  const out = path.join(work, `${name}-report.json`);
  const useTime = existsSync('/usr/bin/time');
  const rssFile = path.join(work, 'rss.txt');
  const scanArgs = [CLI, 'scan', root, '--format', 'json', '--output', out, '--timing', ...how.scanArgs];
  const stageRuns: StageTimes[] = [];
  let slowestChecks: string | undefined;
  /** The scan's wall time; it must exit 0 or 1 (gate passed or failed). */
  const scanMs = (r: { code: number | null; ms: number; stderr: string }): number => {
    if (r.code !== 0 && r.code !== 1) throw new Error(`scan exited ${r.code}: ${r.stderr}`);
    return r.ms;
  };
  for (let i = 0; i < how.runs; i++) {
    log(`${name}: run ${i + 1}/${how.runs} (floor, then scan)`);
    const f = await timedSpawn(NODE, [path.join(here, 'floor.js'), root, readsFile]);
    if (f.code !== 0) throw new Error(`floor failed: ${f.stderr}`);
    floors.push((JSON.parse(f.stdout) as { totalMs: number }).totalMs);

    // Peak RSS: /usr/bin/time when present, else a preloaded module that records it at exit.
    const s = useTime
      ? await timedSpawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, NODE, ...scanArgs])
      : await timedSpawn(NODE, ['--import', path.join(here, 'maxrss.mjs'), ...scanArgs], {
          ...process.env,
          BENCH_RSS_FILE: rssFile,
        });
    scans.push(scanMs(s));
    const timing = stageTimes(s.stderr);
    stageRuns.push(timing.stages);
    slowestChecks = timing.checks ?? slowestChecks;
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    if (kb > 0) rss.push(kb / 1024);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      metadata: { listing: string; filesRead: number; readerThread?: boolean };
    };
    // "+thread" when the CLI read the files on its reader thread (checkouts of 5,000 paths or more).
    listing = `${report.metadata.listing}${report.metadata.readerThread ? '+thread' : ''}`;
    cliRead = report.metadata.filesRead;
    if (how.without) {
      log(`${name}: run ${i + 1}/${how.runs}, without the workflow audit checks`);
      const without = scanMs(await timedSpawn(NODE, [...scanArgs, '--config', how.without]));
      auditPairs.push({ full: s.ms, without, fullFirst: true });
    }
  }
  // More pairs for the audit share than the timed runs give, the reduced scan first while fewer
  // pairs ran it first: the second scan of a pair is favoured (auditShareOfPairs).
  while (how.without && auditPairs.length < AUDIT_SHARE_PAIRS) {
    log(`${name}: audit share, pair ${auditPairs.length + 1}/${AUDIT_SHARE_PAIRS}`);
    const fullFirst = auditPairs.filter((p) => p.fullFirst).length <= auditPairs.length / 2;
    const reducedArgs = [...scanArgs, '--config', how.without];
    const time = async (reduced: boolean) => scanMs(await timedSpawn(NODE, reduced ? reducedArgs : scanArgs));
    const first = await time(!fullFirst);
    const second = await time(fullFirst);
    auditPairs.push(
      fullFirst ? { full: first, without: second, fullFirst } : { full: second, without: first, fullFirst },
    );
  }
  if (cliRead !== child.readPaths.length) {
    log(
      `warning: dist/cli.js read ${cliRead} files, scan() from src/ read ${child.readPaths.length}: dist is stale (npm run bundle)`,
    );
  }

  const neededSet = new Set(child.needed.map(([p]) => p));
  const result: SizeResult = {
    ...facts,
    listing,
    listed: child.listed,
    read: child.readPaths.length,
    needed: neededSet.size,
    skipped: child.skipped.length,
    readTwice: child.readPaths.length - new Set(child.readPaths).size,
    readUnneeded: child.readPaths.filter((p) => !neededSet.has(p)).length,
    floorMs: median(floors),
    scanWallMs: median(scans),
    scanNetMs: median(scans) - nodeMs,
    rssMb: rss.length ? Math.max(...rss) : undefined,
    stages: medianStages(stageRuns),
    ...(slowestChecks ? { slowestChecks } : {}),
    ...(auditPairs.length ? { auditPairs } : {}),
    trace,
  };
  log(
    `${name}: floor ${result.floorMs.toFixed(0)} ms, scan ${result.scanNetMs.toFixed(0)} ms net, ratio ${(result.scanNetMs / result.floorMs).toFixed(2)}`,
  );
  return result;
}

/**
 * Runs the CLI under strace and counts the files under the root it opened (successfully, not as a
 * directory), leaving out child processes (git). Independent of what the collector reports.
 */
async function traceOpens(root: string, needed: Set<string>): Promise<SizeResult['trace']> {
  if (!existsSync('/usr/bin/strace')) return undefined;
  log(`${path.basename(root)}: strace run (opened files)…`);
  const traceFile = path.join(work, 'strace.txt');
  const real = await fs.realpath(root);
  const r = await timedSpawn('/usr/bin/strace', [
    '-f',
    '-qq',
    '-s',
    '4096',
    '--seccomp-bpf',
    '-e',
    'trace=open,openat,execve',
    '-o',
    traceFile,
    NODE,
    CLI,
    'scan',
    root,
    '--format',
    'json',
    '--output',
    '/dev/null',
  ]);
  if (r.code !== 0 && r.code !== 1) {
    log(`strace run failed (exit ${r.code}): ${r.stderr.split('\n')[0]}`);
    return undefined;
  }
  const lines = readFileSync(traceFile, 'utf8').split('\n');
  await fs.rm(traceFile, { force: true });
  const pidOf = (line: string): string => line.slice(0, line.indexOf(' '));
  const first = lines.find((l) => l.includes('execve('));
  const main = first ? pidOf(first) : '';
  const others = new Set(lines.filter((l) => l.includes('execve(') && pidOf(l) !== main).map(pidOf));
  const counts = new Map<string, number>();
  const prefix = `${real}/`;
  const open = /open(?:at)?\((?:AT_FDCWD, )?"((?:[^"\\]|\\.)*)", ([A-Z_|]+)[^)]*\) = (\d+)/;
  for (const line of lines) {
    if (others.has(pidOf(line))) continue;
    const m = open.exec(line);
    if (!m || m[2]!.includes('O_DIRECTORY')) continue;
    const file = m[1]!;
    if (!file.startsWith(prefix)) continue;
    const rel = file.slice(prefix.length);
    if (rel.startsWith('.git/')) continue;
    counts.set(rel, (counts.get(rel) ?? 0) + 1);
  }
  const unneeded = [...counts.keys()].filter((p) => !needed.has(p));
  const twice = [...counts].filter(([, n]) => n > 1).map(([p]) => p);
  return {
    opened: counts.size,
    twice: twice.length,
    unneeded: unneeded.length,
    examples: [
      ...twice.slice(0, 3).map((p) => `twice: ${p}`),
      ...unneeded.slice(0, 3).map((p) => `unneeded: ${p}`),
    ],
  };
}

interface ApiRow {
  scenario: string;
  requests: number;
  /** Requests for the scanned repository and its organisation (the GitHub facts). */
  factRequests: number;
  onlineMs: number;
  offlineMs: number;
  depthByTime: number;
  depthByChain: number;
  violations: number;
}

const API_SCENARIOS = ['admin', 'githubToken'] as const;

/**
 * The online scan (bench/api-child.ts) against the fake GitHub API behind a proxy that adds
 * LATENCY_MS to every response. The fake and the proxy run here, so their work is not the scan's.
 */
async function measureApi(results: SizeResult[]): Promise<{ rows: ApiRow[] } | { skipped: string }> {
  const small = results.find((r) => r.name === 'small');
  const root = path.join(work, small ? 'small' : 'api-tree');
  if (!small) await generateTree(root, SIZES.small);
  log(`api: online scan against the fake GitHub API, ${LATENCY_MS} ms per response…`);
  let fake: typeof import('../__tests__/support/fake-github/server.js');
  let scenarios: typeof import('../__tests__/support/fake-github/scenarios.js');
  let fixtures: typeof import('../__tests__/support/fake-github/fixtures.js');
  try {
    fixtures = await import('../__tests__/support/fake-github/fixtures.js');
    fake = await import('../__tests__/support/fake-github/server.js');
    scenarios = await import('../__tests__/support/fake-github/scenarios.js');
  } catch (error) {
    return { skipped: `the fake GitHub API could not be loaded (${String(error).split('\n')[0]})` };
  }
  const rows: ApiRow[] = [];
  for (const name of API_SCENARIOS) {
    const warm = await fake.startFakeGitHub(scenarios.SCENARIOS[name]());
    const server = await fake.startFakeGitHub(scenarios.SCENARIOS[name]());
    const proxy = await latencyProxy(server.url, LATENCY_MS);
    try {
      const r = await timedSpawn(NODE, [path.join(here, 'api-child.js'), root, warm.url, proxy.url]);
      if (r.code !== 0) {
        return { skipped: `the online scan failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}` };
      }
      const child = JSON.parse(r.stdout) as { onlineMs: number; offlineMs: number; apiRequests?: number };
      rows.push({
        scenario: name,
        requests: server.requests.length,
        factRequests: server.requests.filter(
          (q) => q.path.startsWith(`/repos/${fixtures.FULL}`) || q.path.startsWith(`/orgs/${fixtures.OWNER}`),
        ).length,
        onlineMs: child.onlineMs,
        offlineMs: child.offlineMs,
        depthByTime: (child.onlineMs - child.offlineMs) / LATENCY_MS,
        depthByChain: chainDepth(proxy.spans),
        violations: server.violations.length,
      });
    } finally {
      await proxy.close();
      await server.close();
      await warm.close();
    }
  }
  return { rows };
}

// ---------------------------------------------------------------------------------------------

function printReport(
  env: string,
  stale: string | undefined,
  startup: Startup,
  results: SizeResult[],
  api: { rows: ApiRow[] } | { skipped: string },
  org: OrgRow[] | undefined,
): void {
  const out: string[] = [];
  const verdict = (ok: boolean | undefined): string => (ok === undefined ? 'n/a ' : ok ? 'PASS' : 'MISS');
  const ms = (n: number): string => `${Math.round(n).toLocaleString('en')} ms`;
  const table = (rows: string[][]): void => {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
    for (const r of rows)
      out.push(
        r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
      );
  };

  out.push('', `sscop benchmark — ${env}`);
  if (stale) out.push(`WARNING: ${stale}`);
  out.push(
    '',
    'Scan against the I/O floor (node dist/cli.js scan DIR --format json; median of runs; node -e 0 subtracted)',
  );
  table([
    ['tree', 'files', 'MiB', 'listing', 'read', 'floor', 'scan', 'scan÷floor', 'peak RSS', 'generate'],
    ...results.map((r) => [
      r.commit ? `${r.name} @${r.commit.slice(0, 12)}` : r.name,
      r.files.toLocaleString('en'),
      r.mb.toFixed(0),
      r.listing,
      r.read.toLocaleString('en'),
      ms(r.floorMs),
      ms(r.scanNetMs),
      `${(r.scanNetMs / r.floorMs).toFixed(2)} ×`,
      r.rssMb === undefined ? '-' : `${r.rssMb.toFixed(0)} MB`,
      r.kind === 'real' ? '-' : `${(r.generatedMs / 1000).toFixed(0)} s`,
    ]),
  ]);
  out.push(
    `floor = git ls-files -z (or a readdir walk without git) + reading the same files with a sync loop; +thread = the scan read on its reader thread`,
  );
  out.push(
    '',
    'Where the time goes (sscop scan --timing: median ms of each stage over the timed runs; "engine loaded" counts from the start of the process)',
  );
  for (const r of results) {
    out.push(
      `${r.name}: ${r.stages.length ? stagesLine(r.stages) : 'not printed (dist/ without --timing?)'}`,
    );
    if (r.slowestChecks) out.push(`  checks (last run): ${r.slowestChecks}`);
  }

  out.push('', `Start-up (median of ${STARTUP_RUNS})`);
  table([
    ['command', 'wall', 'over node -e 0', 'entry', 'with chunks'],
    ['node -e 0', ms(startup.nodeMs), '-', '-', '-'],
    [
      'node dist/cli.js --version',
      ms(startup.cliMs),
      ms(startup.cliMs - startup.nodeMs),
      kib(startup.cliBytes.entry),
      kib(startup.cliBytes.total),
    ],
    [
      'node dist/index.js (INPUT_THRESHOLD=abc)',
      ms(startup.actionMs),
      ms(startup.actionMs - startup.nodeMs),
      kib(startup.actionBytes.entry),
      kib(startup.actionBytes.total),
    ],
    [
      'node dist/cli.js checks (loads the engine)',
      ms(startup.engineMs),
      ms(startup.engineMs - startup.nodeMs),
      '',
      '',
    ],
  ]);

  out.push('', `Online scan (fake GitHub API, +${LATENCY_MS} ms per response, small tree)`);
  if ('skipped' in api) out.push(`not measured: ${api.skipped}`);
  else {
    table([
      [
        'scenario',
        'requests',
        'facts',
        'pin checks',
        'online',
        'offline',
        'round trips (time)',
        'round trips (chain)',
      ],
      ...api.rows.map((a) => [
        a.scenario,
        String(a.requests),
        String(a.factRequests),
        String(a.requests - a.factRequests),
        ms(a.onlineMs),
        ms(a.offlineMs),
        a.depthByTime.toFixed(1),
        String(a.depthByChain),
      ]),
    ]);
    out.push(
      'facts = requests for the repository and its organisation; pin checks = requests to action repositories (SHA pins)',
    );
    out.push(
      `round trips (time) = (online − offline) ÷ ${LATENCY_MS} ms; (chain) = longest run of requests each sent after the previous was answered`,
    );
  }

  // Targets.
  const large = results.find((r) => r.name === 'large');
  const medium = results.find((r) => r.name === 'medium');
  const rows: string[][] = [['target', 'limit', 'measured', '']];
  const target = (name: string, limit: string, measured: string, ok: boolean | undefined): void => {
    rows.push([name, limit, measured, verdict(ok)]);
  };
  if (large) {
    const ratio = large.scanNetMs / large.floorMs;
    target(
      'large scan ÷ floor',
      `≤ ${TARGETS.floorRatio} ×`,
      `${ratio.toFixed(2)} ×`,
      ratio <= TARGETS.floorRatio,
    );
  } else target('large scan ÷ floor', `≤ ${TARGETS.floorRatio} ×`, 'not run', undefined);
  const limit = `≤ ${AUDIT_SHARE_TARGET * 100} %`;
  if (large?.auditPairs?.length) {
    const { share, median } = auditShareOfPairs(large.auditPairs);
    const orders = new Set(large.auditPairs.map((p) => p.fullFirst)).size;
    target(
      'workflow audit checks, share of large scan',
      limit,
      `${(share * 100).toFixed(1)} % (${orders > 1 ? "mean of both orders' medians" : 'median'}, ${large.auditPairs.length} pairs; median pair ${ms(median.full)} vs ${ms(median.without)} without)`,
      share <= AUDIT_SHARE_TARGET,
    );
  } else target('workflow audit checks, share of large scan', limit, 'not run', undefined);
  if (large && medium) {
    const growth = large.scanNetMs / medium.scanNetMs / (large.files / medium.files);
    target(
      'growth medium→large (time ratio ÷ file ratio)',
      `≤ ${TARGETS.growth}`,
      `${growth.toFixed(2)} (×${(large.scanNetMs / medium.scanNetMs).toFixed(1)} time, ×${(large.files / medium.files).toFixed(0)} files)`,
      growth <= TARGETS.growth,
    );
  } else target('growth medium→large', `≤ ${TARGETS.growth}`, 'not run', undefined);
  for (const r of results.filter((x) => x.kind !== 'synthetic')) shapedTargets(r, target);
  const rss = large?.rssMb;
  target(
    'peak RSS, large scan',
    `≤ ${TARGETS.rssMb} MB`,
    rss === undefined ? 'not run' : `${rss.toFixed(0)} MB`,
    rss === undefined ? undefined : rss <= TARGETS.rssMb,
  );
  const twice = results.reduce((n, r) => n + r.readTwice + (r.trace?.twice ?? 0), 0);
  const traced = results.filter((r) => r.trace).map((r) => r.name);
  target(
    'files read twice',
    '0',
    `${twice} (readPaths${traced.length ? ` + strace on ${traced.join(', ')}` : ''})`,
    twice === 0,
  );
  const unneeded = results.reduce((n, r) => n + r.readUnneeded + (r.trace?.unneeded ?? 0), 0);
  target('files opened that no check needs', '0', String(unneeded), unneeded === 0);
  const cliOver = startup.cliMs - startup.nodeMs;
  const actionOver = startup.actionMs - startup.nodeMs;
  target(
    'start-up over node -e 0, dist/cli.js',
    `≤ ${TARGETS.startupMs} ms`,
    ms(cliOver),
    cliOver <= TARGETS.startupMs,
  );
  target(
    'start-up over node -e 0, dist/index.js',
    `≤ ${TARGETS.startupMs} ms`,
    ms(actionOver),
    actionOver <= TARGETS.startupMs,
  );
  if ('skipped' in api) {
    target('online scan requests', `≤ ${TARGETS.requests}`, `not measured: ${api.skipped}`, undefined);
    target('online scan round trips', `≤ ${TARGETS.roundTrips}`, 'not measured', undefined);
  } else {
    const maxReq = Math.max(...api.rows.map((a) => a.requests));
    const maxFacts = Math.max(...api.rows.map((a) => a.factRequests));
    const maxDepth = Math.max(...api.rows.map((a) => Math.max(a.depthByChain, Math.round(a.depthByTime))));
    // Issue 5's budget counts the repository's requests; verifying SHA-pinned actions against their
    // own repositories is outside it (one request per distinct pin, capped), shown beside it.
    target(
      'online scan requests for the repository (worst)',
      `≤ ${TARGETS.requests}`,
      `${maxFacts} (+${maxReq - maxFacts} pin checks)`,
      maxFacts <= TARGETS.requests,
    );
    target(
      'online scan round trips (worst scenario)',
      `≤ ${TARGETS.roundTrips}`,
      String(maxDepth),
      maxDepth <= TARGETS.roundTrips,
    );
  }
  out.push('', 'Targets');
  table(rows);
  for (const r of results) for (const e of r.trace?.examples ?? []) out.push(`  ${r.name}: ${e}`);
  out.push(...orgReportLines(org), '');
  process.stdout.write(`${out.join('\n')}\n`);
}

/** A shaped or real tree: scan ≤ 2 × floor + the fixed cost of start-up, peak RSS ≤ 200 MB. */
function shapedTargets(
  r: SizeResult,
  target: (name: string, limit: string, measured: string, ok: boolean | undefined) => void,
): void {
  const limitMs = TARGETS.floorRatio * r.floorMs + TARGETS.fixedMs;
  target(
    `${r.name} scan ≤ ${TARGETS.floorRatio} × floor + ${TARGETS.fixedMs} ms`,
    `≤ ${Math.round(limitMs).toLocaleString('en')} ms`,
    `${Math.round(r.scanNetMs).toLocaleString('en')} ms (${(r.scanNetMs / r.floorMs).toFixed(1)} × ${Math.round(r.floorMs)} ms)`,
    r.scanNetMs <= limitMs,
  );
  target(
    `${r.name} peak RSS`,
    `≤ ${TARGETS.shapedRssMb} MB`,
    r.rssMb === undefined ? 'not measured' : `${r.rssMb.toFixed(0)} MB`,
    r.rssMb === undefined ? undefined : r.rssMb <= TARGETS.shapedRssMb,
  );
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

// Last, so every declaration above is initialised before it runs.
try {
  await main();
} catch (error) {
  // A failed fetch or a missing bundle says what to do; its stack would bury that.
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
