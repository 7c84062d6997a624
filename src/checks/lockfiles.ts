/**
 * lockfiles: each dependency manifest has a lockfile (or a hash-pinned equivalent) committed
 * beside it or at its workspace root, and CI installs from the lock rather than re-resolving.
 */
import type { Evidence, Finding } from '../model/types.js';
import { lowerName } from '../evidence/locate.js';
import { isFixtureOrVendored, testMaterial } from '../evidence/test-material.js';
import { isLockSettingsPath, type SettingLine } from '../evidence/lock-settings.js';
import { isWorkflowPath } from '../evidence/workflows.js';
import type { JsonFile } from '../evidence/parse-budget.js';
import { findingAt, type CheckContext, type FileCheck } from './check.js';
import {
  NPM_LOCKS,
  PY_LOCKS,
  ciLockAt,
  dirOf,
  isLockSettingName,
  lookup,
  type FoundLock,
  type Lookup,
} from './lock-lookup.js';
import { installRules, stepInstalls } from './lockfile-installs.js';
import { isRequirements, judgeRequirements } from './requirements-pins.js';
import { notApplicable } from './outcome.js';
import { audited, type WorkflowAudit } from './walk.js';

const ID = 'lockfiles';

/** `declined`: no lock, by the project's own setting (a .gitignore line, package-lock=false). */
type Verdict =
  'locked' | 'hash-pinned' | 'version-pinned' | 'not-customary' | 'declined' | 'missing' | 'nothing-to-lock';

interface ManifestResult {
  path: string;
  ecosystem: string;
  verdict: Verdict;
  /** The lockfile (or the manifest itself when it is hash- or version-pinned). */
  lock?: string;
  note?: string;
  line?: number;
}

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

function isManifest(path: string): boolean {
  const lower = lowerName(path);
  const named = MANIFEST_NAMES.has(lower) || isRequirements(lower) || /\.(?:cs|fs|vb)proj$/.test(lower);
  return named && !isFixtureOrVendored(path);
}

/** Every manifest's verdict, once per scan (the walk's install rules need the hash-pinned files). */
function manifestResults(ctx: CheckContext): { results: ManifestResult[]; hashPinned: Set<string> } {
  return ctx.memo(`${ID}:manifests`, () => {
    const look = lookupOnce(ctx);
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

function lookupOnce(ctx: CheckContext): Lookup {
  return ctx.memo(`${ID}:lookup`, () => lookup(ctx));
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
      lockAt: (kind, dir) => ciLockAt(ctx, lookupOnce(ctx), kind, dir),
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
    if ((isLockSettingsPath(path) || isLockSettingName(path)) && !isFixtureOrVendored(path)) return 'text';
    if (!isManifest(path)) return undefined;
    const lower = nameOf(path).toLowerCase();
    // Manifests whose text decides whether there is anything to lock.
    return lower === 'package.json' ||
      lower === 'go.mod' ||
      lower === 'cargo.toml' ||
      lower === 'pyproject.toml' ||
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
    // A test project's manifest without a lock is reported, but is a guess about what users install.
    const inTests = counted.filter((r) => r.verdict === 'missing' && testMaterial(r.path)).length;
    const missing = counted.filter((r) => r.verdict === 'missing').length - inTests;
    const weak = counted.filter(
      (r) => r.verdict === 'version-pinned' || r.verdict === 'not-customary' || r.verdict === 'declined',
    ).length;
    evidence.unshift({
      summary: `${counted.length - missing - weak} of ${counted.length} manifests locked or hash-pinned, ${weak} version-pinned or without a customary or chosen lock, ${missing} without lock; ${installs.checked} CI install commands checked`,
    });
    if (counted.length === 0 && installs.checked === 0)
      return notApplicable('No dependency manifests: nothing to lock.');
    const ciProblems = installs.findings.length;
    const status =
      missing > 0 && missing === counted.length - inTests
        ? 'fail'
        : missing > 0 || weak > 0 || ciProblems > 0
          ? 'partial'
          : 'pass';
    const summary =
      missing > 0
        ? `${missing} of ${counted.length} dependency manifests have no lockfile.`
        : weak > 0 || ciProblems > 0
          ? `${counted.length - weak} of ${counted.length} dependency manifests are locked; ${weak} only version-pinned or without a lock by custom or the project's choice; ${ciProblems} CI install(s) can re-resolve dependencies.`
          : `Every dependency manifest is locked (${counted.length}) and CI installs from the locks.`;
    return { status, summary, findings, evidence };
  },
};

/** The finding for a manifest without a lock, or only version-pinned; none for the others. */
function manifestFinding(r: ManifestResult): Finding[] {
  const material = r.verdict === 'missing' ? testMaterial(r.path) : undefined;
  if (material) {
    return [
      findingAt(
        ID,
        { path: r.path, line: 1 },
        {
          severity: 'low',
          confidence: 'low',
          message: `${r.path} has no lockfile${r.note ? ` (${r.note})` : ''}; it is ${material.reason}, so it is likely a test project rather than something users install.`,
          remediation: lockRemediation(r.ecosystem),
        },
      ),
    ];
  }
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
  if (r.verdict === 'declined') {
    return [
      findingAt(
        ID,
        { path: r.path, line: 1 },
        {
          severity: 'low',
          message: `${r.path} has no lockfile by the project's own setting, ${r.note ?? 'a setting'}: every install resolves dependency versions afresh.`,
          remediation: `A library may leave its lock out on purpose. For an application or service, remove that setting, then: ${lockRemediation(r.ecosystem)}`,
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
      const found = look.lockFor(dir, NPM_LOCKS);
      return found.lock ? result('npm', 'locked', found.lock) : withoutLock(look, result, 'npm', dir, found);
    }
    case 'go.mod': {
      if (text !== undefined && !/^[ \t]*require\b/m.test(text)) return result('gomod', 'nothing-to-lock');
      const sum = look.has(dir, 'go.sum') ?? look.lockFor(dir, ['go.work.sum']).lock;
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
      return lock
        ? result('pip', 'locked', lock)
        : withoutLock(look, result, 'pip', dir, {}, ['Pipfile.lock']);
    }
    case 'gemfile':
    case 'gems.rb': {
      const name = lower === 'gemfile' ? 'Gemfile.lock' : 'gems.locked';
      const lock = look.has(dir, name);
      return lock
        ? result(
            'bundler',
            'locked',
            lock,
            'versions pinned; checksums only when the lock has a CHECKSUMS section',
          )
        : withoutLock(look, result, 'bundler', dir, {}, [name]);
    }
    case 'composer.json': {
      const lock = look.has(dir, 'composer.lock');
      return lock
        ? result('composer', 'locked', lock)
        : withoutLock(look, result, 'composer', dir, {}, ['composer.lock']);
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
      const { lock } = look.lockFor(dir, ['gradle.lockfile', 'gradle/verification-metadata.xml']);
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
  const found = look.lockFor(dir, ['Cargo.lock']);
  if (found.lock) return result('cargo', 'locked', found.lock);
  const binary = look.has(dir, 'src/main.rs') !== undefined || /^\[\[bin\]\]/m.test(text ?? '');
  if (binary) return withoutLock(look, result, 'cargo', dir, found, ['Cargo.lock']);
  const ignored = look.ignored(dir, ['Cargo.lock']);
  return result(
    'cargo',
    'not-customary',
    undefined,
    ignored
      ? `a library crate whose Cargo.lock is git-ignored on purpose (${settingAt(ignored.line)}): the Cargo convention for libraries, whose users resolve versions`
      : 'a library crate: its users resolve versions, though committing Cargo.lock is now recommended',
  );
}

/**
 * A manifest without a lock: `declined` when the project's own settings leave the lock out (an
 * `.npmrc` that turns it off, a `.gitignore` line), else `missing`, with why a lock in a parent
 * folder does not apply when one was found.
 */
function withoutLock(
  look: Lookup,
  result: ResultOf,
  ecosystem: string,
  dir: string,
  found: FoundLock,
  names: readonly string[] = NPM_LOCKS,
): ManifestResult {
  const off = ecosystem === 'npm' ? look.npmLockOff(dir) : undefined;
  if (off) return result(ecosystem, 'declined', undefined, `${off.text} (${settingAt(off)})`);
  const ignored = look.ignored(dir, names);
  if (ignored)
    return result(
      ecosystem,
      'declined',
      undefined,
      `${ignored.lock} is git-ignored (${settingAt(ignored.line)})`,
    );
  return result(ecosystem, 'missing', undefined, found.outside);
}

function settingAt(line: SettingLine): string {
  return `${line.path} line ${line.line}`;
}

/** A pyproject.toml or setup.py: locked by a Python lock beside or above it. */
function judgePython(dir: string, lower: string, look: Lookup, result: ResultOf): ManifestResult | undefined {
  const found = look.lockFor(dir, PY_LOCKS);
  const lock = found.lock ?? look.has(dir, 'Pipfile.lock') ?? pylockIn(dir, look);
  if (lock) return result('pip', 'locked', lock);
  if (lower === 'pyproject.toml' && look.has(dir, 'setup.py')) return undefined; // judged once, through pyproject.toml
  if (look.namesIn(dir).some((n) => isRequirements(n.toLowerCase()))) {
    return result('pip', 'nothing-to-lock'); // requirements files beside it are judged on their own
  }
  const ignored = look.ignored(dir, PY_LOCKS);
  return result(
    'pip',
    'not-customary',
    undefined,
    ignored
      ? `a Python package whose ${ignored.lock} is git-ignored on purpose (${settingAt(ignored.line)}): libraries publish ranges`
      : 'a Python package: libraries publish ranges; applications should commit uv.lock, poetry.lock or hash-pinned requirements',
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
    case 'declined':
      return `no lockfile by the project's choice: ${r.note ?? 'a setting'}`;
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
