/**
 * lockfiles: each dependency manifest has a lockfile (or a hash-pinned equivalent) committed
 * beside it or at its workspace root, and CI installs from the lock rather than re-resolving.
 */
import type { Evidence, Finding } from '../model/types.js';
import { lowerName, splitLines } from '../evidence/locate.js';
import { isFixtureOrVendored } from '../evidence/test-material.js';
import { isWorkflowPath } from '../evidence/workflows.js';
import { BUDGETS, readJsonFile, type JsonFile } from '../evidence/parse-budget.js';
import { findingAt, type CheckContext, type FileCheck } from './check.js';
import { installRules, stepInstalls } from './lockfile-installs.js';
import { notApplicable } from './outcome.js';
import { audited, type WorkflowAudit } from './walk.js';

const ID = 'lockfiles';

type Verdict = 'locked' | 'hash-pinned' | 'version-pinned' | 'not-customary' | 'missing' | 'nothing-to-lock';

interface ManifestResult {
  path: string;
  ecosystem: string;
  verdict: Verdict;
  /** The lockfile (or the manifest itself when it is hash- or version-pinned). */
  lock?: string;
  note?: string;
  line?: number;
}

/** Lockfiles that record an integrity hash (or commit) for every package, by ecosystem. */
const NPM_LOCKS = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
];
const PY_LOCKS = ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml'];
const MANIFEST_NAMES = new Set([
  'package.json',
  'go.mod',
  'cargo.toml',
  'pyproject.toml',
  'pipfile',
  'setup.py',
  'gemfile',
  'gems.rb',
  'composer.json',
  'packages.config',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
]);

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function isRequirements(name: string): boolean {
  return /^requirements[\w.-]*\.txt$/i.test(name) || /[-_.]requirements\.txt$/i.test(name);
}

function isManifest(path: string): boolean {
  const lower = lowerName(path);
  const named = MANIFEST_NAMES.has(lower) || isRequirements(lower) || /\.(?:cs|fs|vb)proj$/.test(lower);
  return named && !isFixtureOrVendored(path);
}

/** Every manifest's verdict, once per scan (the walk's install rules need the hash-pinned files). */
function manifestResults(ctx: CheckContext): { results: ManifestResult[]; hashPinned: Set<string> } {
  return ctx.memo(`${ID}:manifests`, () => {
    const look = lookup(ctx);
    const results: ManifestResult[] = [];
    const hashPinned = new Set<string>();
    // Every manifest is a declared need (text or head): no need to look through every path.
    for (const path of ctx.files.needed()) {
      if (!isManifest(path)) continue;
      const r = judgeManifest(path, dirOf(path), nameOf(path).toLowerCase(), ctx.files.text(path), look);
      if (r) results.push(r);
      if (r?.verdict === 'hash-pinned') hashPinned.add(path);
    }
    return { results, hashPinned };
  });
}

function lookup(ctx: CheckContext): Lookup {
  const { files } = ctx;
  const has = (dir: string, name: string): string | undefined => {
    const p = dir ? `${dir}/${name}` : name;
    return files.has(p) ? p : undefined;
  };
  return {
    has,
    namesIn: (dir) => files.inDir(dir).map(nameOf),
    /** A lock in the manifest's folder or any folder above it (workspaces keep one at the root). */
    lockUp: (dir, names) => {
      for (let d: string | undefined = dir; d !== undefined; d = d === '' ? undefined : dirOf(d)) {
        for (const n of names) {
          const found = has(d, n);
          if (found) return found;
        }
      }
      return undefined;
    },
    json: (p) => readJsonFile(ctx, p, BUDGETS.manifestJson),
  };
}

/** What the walk gathers: install commands in workflow steps, and the findings for those that re-resolve. */
interface Installs {
  checked: number;
  findings: Finding[];
}

const audit: WorkflowAudit<Installs & { rules: ReturnType<typeof installRules> }> = {
  id: ID,
  start: (ctx) => ({
    checked: 0,
    findings: [],
    rules: installRules({
      yarnBerry: ctx.files.paths.some((p) => p === '.yarnrc.yml' || p.endsWith('/.yarnrc.yml')),
      hashPinned: manifestResults(ctx).hashPinned,
    }),
  }),
  step: (state, step, job, wf) => {
    if (wf.kind !== 'workflow') return;
    const found = stepInstalls(wf, job, step, state.rules, ID);
    state.checked += found.checked;
    state.findings.push(...found.findings);
  },
};

export const lockfiles: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) => {
    if (isWorkflowPath(path)) return 'text';
    if (!isManifest(path)) return undefined;
    const lower = nameOf(path).toLowerCase();
    // Manifests whose text decides whether there is anything to lock.
    return lower === 'package.json' ||
      lower === 'go.mod' ||
      lower === 'cargo.toml' ||
      isRequirements(lower) ||
      lower.endsWith('proj')
      ? 'text'
      : 'head';
  },
  audit,
  run: (ctx) => {
    const { results } = manifestResults(ctx);
    const installs = audited(ctx, audit);
    const findings = [...results.flatMap(manifestFinding), ...installs.findings];
    const counted = results.filter((r) => r.verdict !== 'nothing-to-lock');
    const evidence: Evidence[] = counted.map((r) => ({
      summary: `${r.ecosystem}: ${describeVerdict(r)}`,
      path: r.path,
    }));
    const missing = counted.filter((r) => r.verdict === 'missing').length;
    const weak = counted.filter(
      (r) => r.verdict === 'version-pinned' || r.verdict === 'not-customary',
    ).length;
    evidence.unshift({
      summary: `${counted.length - missing - weak} of ${counted.length} manifests locked or hash-pinned, ${weak} version-pinned or without a customary lock, ${missing} without lock; ${installs.checked} CI install commands checked`,
    });
    if (counted.length === 0 && installs.checked === 0)
      return notApplicable('No dependency manifests: nothing to lock.');
    const ciProblems = installs.findings.length;
    const status =
      missing > 0 && missing === counted.length
        ? 'fail'
        : missing > 0 || weak > 0 || ciProblems > 0
          ? 'partial'
          : 'pass';
    const summary =
      missing > 0
        ? `${missing} of ${counted.length} dependency manifests have no lockfile.`
        : weak > 0 || ciProblems > 0
          ? `Manifests are locked, with ${weak} only version-pinned or without a customary lock and ${ciProblems} CI install(s) that can re-resolve dependencies.`
          : `Every dependency manifest is locked (${counted.length}) and CI installs from the locks.`;
    return { status, summary, findings, evidence };
  },
};

/** The finding for a manifest without a lock, or only version-pinned; none for the others. */
function manifestFinding(r: ManifestResult): Finding[] {
  if (r.verdict === 'missing') {
    return [
      findingAt(
        ID,
        { path: r.path, line: 1 },
        {
          severity: 'medium',
          message: `${r.path} has no lockfile${r.note ? ` (${r.note})` : ''}: every install may resolve different dependency versions.`,
          remediation: lockRemediation(r.ecosystem),
        },
      ),
    ];
  }
  if (r.verdict === 'version-pinned') {
    return [
      findingAt(
        ID,
        { path: r.path, line: r.line ?? 1 },
        {
          severity: 'low',
          message: `${r.path} pins versions (==) but not hashes, so a changed file for the same version would be installed.`,
          remediation:
            'Generate hashes: `pip-compile --generate-hashes` or `uv pip compile --generate-hashes`, then install with `pip install --require-hashes -r …`.',
        },
      ),
    ];
  }
  return [];
}

interface Lookup {
  has(dir: string, name: string): string | undefined;
  lockUp(dir: string, names: readonly string[]): string | undefined;
  /** The file names directly in a folder. */
  namesIn(dir: string): readonly string[];
  /** A JSON manifest, parsed once per scan under its budget. */
  json(path: string): JsonFile | undefined;
}

function judgeManifest(
  path: string,
  dir: string,
  lower: string,
  text: string | undefined,
  look: Lookup,
): ManifestResult | undefined {
  const result: ResultOf = (ecosystem, verdict, lock, note, line) => ({
    path,
    ecosystem,
    verdict,
    lock,
    note,
    line,
  });
  switch (lower) {
    case 'package.json': {
      const pkg = look.json(path);
      if (pkg && !hasNpmDependencies(pkg)) return result('npm', 'nothing-to-lock');
      const lock = look.lockUp(dir, NPM_LOCKS);
      return lock ? result('npm', 'locked', lock) : result('npm', 'missing');
    }
    case 'go.mod': {
      if (text !== undefined && !/^[ \t]*require\b/m.test(text)) return result('gomod', 'nothing-to-lock');
      const sum = look.has(dir, 'go.sum') ?? look.lockUp(dir, ['go.work.sum']);
      return sum
        ? result('gomod', 'locked', sum)
        : result('gomod', 'missing', undefined, 'go.sum is missing');
    }
    case 'cargo.toml':
      return judgeCargo(dir, text, look, result);
    case 'pyproject.toml':
    case 'setup.py':
      return judgePython(dir, lower, look, result);
    case 'pipfile': {
      const lock = look.has(dir, 'Pipfile.lock');
      return lock ? result('pip', 'locked', lock) : result('pip', 'missing');
    }
    case 'gemfile':
    case 'gems.rb': {
      const lock = look.has(dir, lower === 'gemfile' ? 'Gemfile.lock' : 'gems.locked');
      return lock
        ? result(
            'bundler',
            'locked',
            lock,
            'versions pinned; checksums only when the lock has a CHECKSUMS section',
          )
        : result('bundler', 'missing');
    }
    case 'composer.json': {
      const lock = look.has(dir, 'composer.lock');
      return lock ? result('composer', 'locked', lock) : result('composer', 'missing');
    }
    case 'packages.config':
      return result('nuget', 'version-pinned', path, 'packages.config names exact versions');
    case 'pom.xml':
      return result(
        'maven',
        'not-customary',
        undefined,
        'Maven has no standard lockfile; versions are exact but not hash-checked',
      );
    case 'build.gradle':
    case 'build.gradle.kts': {
      const lock = look.lockUp(dir, ['gradle.lockfile', 'gradle/verification-metadata.xml']);
      return lock
        ? result('gradle', 'locked', lock)
        : result(
            'gradle',
            'not-customary',
            undefined,
            'Gradle needs dependency locking or verification-metadata.xml to be enabled',
          );
    }
    default:
      break;
  }
  if (isRequirements(lower)) return judgeRequirements(path, text);
  if (/\.(?:cs|fs|vb)proj$/.test(lower)) {
    if (text !== undefined && !/<PackageReference\b/i.test(text)) return result('nuget', 'nothing-to-lock');
    const lock = look.has(dir, 'packages.lock.json');
    return lock
      ? result('nuget', 'locked', lock)
      : result('nuget', 'missing', undefined, 'no packages.lock.json (RestorePackagesWithLockFile)');
  }
  return undefined;
}

/** Builds a manifest's result: its ecosystem, verdict, and the lock or note behind it. */
type ResultOf = (
  ecosystem: string,
  verdict: Verdict,
  lock?: string,
  note?: string,
  line?: number,
) => ManifestResult;

/** A Cargo.toml: locked by Cargo.lock; a library crate without one is not unusual. */
function judgeCargo(dir: string, text: string | undefined, look: Lookup, result: ResultOf): ManifestResult {
  if (
    text !== undefined &&
    !/^\[(?:[\w.-]+\.)?(?:dependencies|dev-dependencies|build-dependencies|workspace\.dependencies)\]/m.test(
      text,
    ) &&
    !/^\[[\w.-]*dependencies\.[\w-]+\]/m.test(text)
  ) {
    return result('cargo', 'nothing-to-lock');
  }
  const lock = look.lockUp(dir, ['Cargo.lock']);
  if (lock) return result('cargo', 'locked', lock);
  const binary = look.has(dir, 'src/main.rs') !== undefined || /^\[\[bin\]\]/m.test(text ?? '');
  return binary
    ? result('cargo', 'missing')
    : result(
        'cargo',
        'not-customary',
        undefined,
        'a library crate: its users resolve versions, though committing Cargo.lock is now recommended',
      );
}

/** A pyproject.toml or setup.py: locked by a Python lock beside or above it. */
function judgePython(dir: string, lower: string, look: Lookup, result: ResultOf): ManifestResult | undefined {
  const lock = look.lockUp(dir, PY_LOCKS) ?? look.has(dir, 'Pipfile.lock') ?? pylockIn(dir, look);
  if (lock) return result('pip', 'locked', lock);
  if (lower === 'pyproject.toml' && look.has(dir, 'setup.py')) return undefined; // judged once, through pyproject.toml
  if (look.namesIn(dir).some((n) => isRequirements(n.toLowerCase()))) {
    return result('pip', 'nothing-to-lock'); // requirements files beside it are judged on their own
  }
  return result(
    'pip',
    'not-customary',
    undefined,
    'a Python package: libraries publish ranges; applications should commit uv.lock, poetry.lock or hash-pinned requirements',
  );
}

function pylockIn(dir: string, look: Lookup): string | undefined {
  const name = look.namesIn(dir).find((n) => /^pylock\.[\w-]+\.toml$/.test(n));
  return name === undefined ? undefined : dir ? `${dir}/${name}` : name;
}

function hasNpmDependencies(pkg: JsonFile): boolean {
  if (!pkg.ok) return true; // unreadable: judge it as a manifest
  if (typeof pkg.value !== 'object' || pkg.value === null) return false;
  const rec = pkg.value as Record<string, unknown>;
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some(
    (k) => typeof rec[k] === 'object' && rec[k] !== null && Object.keys(rec[k] as object).length > 0,
  );
}

/**
 * A requirements file is hash-pinned when every requirement carries `--hash=` (pip then checks
 * every download), version-pinned when every requirement is `==` without hashes, else unpinned.
 */
function judgeRequirements(path: string, text: string | undefined): ManifestResult {
  const base = { path, ecosystem: 'pip' };
  if (text === undefined) return { ...base, verdict: 'missing', note: 'the file could not be read' };
  // Join continuation lines, keeping the line number of each requirement.
  const reqs: Array<{ line: number; text: string }> = [];
  let current: { line: number; text: string } | undefined;
  splitLines(text).forEach((raw, i) => {
    const line = raw.slice(0, 2000);
    // [\s\S]* (not .*): `.` stops at U+2028, and `#.*$` then backtracks quadratically.
    const body = line.replace(/(?:^|\s)#[\s\S]*$/, '');
    if (current) current.text += ` ${body.replace(/\\$/, '')}`;
    else current = { line: i + 1, text: body.replace(/\\$/, '') };
    if (!/\\\s*$/.test(body)) {
      if (current.text.trim()) reqs.push({ line: current.line, text: current.text.trim() });
      current = undefined;
    }
  });
  let hashed = 0;
  let pinned = 0;
  let total = 0;
  let firstLoose: number | undefined;
  for (const r of reqs) {
    if (r.text.startsWith('-') && !/^-e\s|^--editable\s/.test(r.text)) continue; // options, -r/-c includes
    if (/^(?:-e|--editable)\s+(?:\.|file:)/.test(r.text) || /^\.{1,2}(?:\/|$)/.test(r.text)) continue; // the project itself
    total++;
    const hasHash = /--hash[= ]\s*sha(?:256|384|512):/.test(r.text);
    const isPinned = /===?\s*[\w.!+*-]+/.test(r.text.split(';')[0] ?? '') || directUrlWithHash(r.text);
    if (hasHash) hashed++;
    if (isPinned) pinned++;
    if (!hasHash && firstLoose === undefined) firstLoose = r.line;
  }
  if (total === 0) return { ...base, verdict: 'nothing-to-lock' };
  if (hashed === total) return { ...base, verdict: 'hash-pinned', lock: path };
  if (pinned === total) return { ...base, verdict: 'version-pinned', lock: path, line: firstLoose };
  const loose = reqs.find((r) => !r.text.startsWith('-') && !/===?/.test(r.text));
  return {
    ...base,
    verdict: 'missing',
    note: `requirements without == pins, e.g. line ${loose?.line ?? firstLoose ?? 1}`,
  };
}

function describeVerdict(r: ManifestResult): string {
  switch (r.verdict) {
    case 'locked':
      return `locked by ${r.lock}${r.note ? ` (${r.note})` : ''}`;
    case 'hash-pinned':
      return 'hash-pinned (every requirement has --hash)';
    case 'version-pinned':
      return `version-pinned without hashes${r.note ? ` (${r.note})` : ''}`;
    case 'not-customary':
      return `no lockfile, ${r.note ?? 'not customary here'}`;
    case 'missing':
      return `no lockfile${r.note ? ` (${r.note})` : ''}`;
    default:
      return 'nothing to lock';
  }
}

function lockRemediation(ecosystem: string): string {
  const how: Record<string, string> = {
    npm: 'Commit package-lock.json (npm install), yarn.lock or pnpm-lock.yaml, and install with `npm ci` / `yarn install --immutable` / `pnpm install --frozen-lockfile`.',
    gomod: 'Run `go mod tidy` and commit go.sum.',
    cargo: 'Commit Cargo.lock and build with `cargo build --locked`.',
    pip: 'Commit a lock: `uv lock` / `poetry lock` / `pipenv lock`, or `pip-compile --generate-hashes` into requirements.txt.',
    bundler: 'Run `bundle lock` and commit Gemfile.lock; install with `bundle config set frozen true`.',
    composer: 'Run `composer update --lock` and commit composer.lock; CI runs `composer install`.',
    nuget:
      'Set `<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>`, commit packages.lock.json, restore with `--locked-mode`.',
  };
  return how[ecosystem] ?? 'Commit the package manager’s lockfile and install from it in CI.';
}

/** `name @ https://…#sha256=…`: a direct URL reference pinned by its hash (linear scan). */
function directUrlWithHash(text: string): boolean {
  const at = text.indexOf('@');
  if (at < 0) return false;
  return text
    .slice(at + 1)
    .split(/\s+/)
    .some((token) => token.includes('#') && token.includes('sha256='));
}
