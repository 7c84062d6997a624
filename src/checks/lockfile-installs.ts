/**
 * The CI half of lockfiles: install commands in workflow `run:` steps (POSIX shells) that can
 * re-resolve dependencies instead of installing what the lock records — `npm install`, `yarn
 * install` without a frozen lock, `pip install -r` without hashes, `cargo build` without --locked…
 */
import type { Finding, Severity } from '../model/types.js';
import {
  commandName,
  isPosixShell,
  parseShell,
  runScriptSource,
  stepShell,
  type ShellCommand,
} from '../evidence/shell.js';
import type { Job, Step, Workflow } from '../evidence/workflows.js';
import { findingAt } from './check.js';
import type { CiLockKind } from './lock-lookup.js';

/** Why an install command can re-resolve dependencies. */
interface Problem {
  message: string;
  remediation: string;
  severity: Severity;
}

/**
 * A rule for one installer: the problem with an invocation, or undefined when it installs from the
 * lock — or when there is no committed lock to install from where it runs (`lockHere`), since
 * advice to install from a lock that is not there would break the build.
 */
type InstallRule = (
  args: string[],
  env: Map<string, string>,
  lockHere: (kind: CiLockKind) => boolean,
) => Problem | undefined;

/** What the rules need to know of the repository. */
export interface InstallContext {
  /** Yarn 2+ (a .yarnrc.yml): `yarn install` is immutable in CI by default. */
  yarnBerry: boolean;
  /** Requirements files where every requirement carries a hash. */
  hashPinned: ReadonlySet<string>;
  /** Whether an install run in `dir` (undefined: not known before run time) has a committed lock of this kind. */
  lockAt(kind: CiLockKind, dir: string | undefined): boolean;
}

/** The install commands of one step, and the findings for those that can re-resolve. */
export interface StepInstalls {
  checked: number;
  findings: Finding[];
}

const npm: InstallRule = (a, _env, lockHere) => {
  const sub = a[1];
  if (sub !== 'install' && sub !== 'i' && sub !== 'isntall' && sub !== 'in') return undefined;
  if (a.slice(2).some((x) => !x.startsWith('-'))) return undefined; // adds a named package, not the project's
  if (a.includes('-g') || a.includes('--global') || !lockHere('npm')) return undefined;
  return {
    severity: 'medium',
    message: '`npm install` in CI may rewrite the lock and install other versions.',
    remediation: 'Use `npm ci`, which installs exactly package-lock.json and fails when it is out of date.',
  };
};

const yarn =
  (yarnBerry: boolean): InstallRule =>
  (a, _env, lockHere) => {
    const sub = a[1];
    if (sub !== undefined && sub !== 'install' && !sub.startsWith('-')) return undefined;
    if (yarnBerry || a.some((x) => x === '--frozen-lockfile' || x === '--immutable')) return undefined;
    if (!lockHere('yarn')) return undefined;
    return {
      severity: 'medium',
      message: '`yarn install` in CI without --frozen-lockfile may update yarn.lock.',
      remediation: 'Use `yarn install --frozen-lockfile` (Yarn 1) or `yarn install --immutable` (Yarn 2+).',
    };
  };

const pnpm: InstallRule = (a, _env, lockHere) =>
  (a[1] === 'install' || a[1] === 'i') && a.includes('--no-frozen-lockfile') && lockHere('pnpm')
    ? {
        severity: 'medium',
        message: '`pnpm install --no-frozen-lockfile` in CI may update the lock.',
        remediation: 'Drop --no-frozen-lockfile: pnpm installs from the lock in CI by default.',
      }
    : undefined;

/** The requirements files a `pip install` names (`-r f`, `--requirement=f`, `-rf`). */
function requirementFiles(rest: string[]): string[] {
  const files: string[] = [];
  rest.forEach((x, k) => {
    if ((x === '-r' || x === '--requirement') && rest[k + 1]) files.push(rest[k + 1]!);
    else if (x.startsWith('--requirement=')) files.push(x.slice(14));
    else if (/^-r\S/.test(x)) files.push(x.slice(2));
  });
  return files;
}

const pip =
  (hashPinned: ReadonlySet<string>): InstallRule =>
  (a) => {
    const i = a.indexOf('install');
    if (i < 0) return undefined;
    const rest = a.slice(i + 1);
    if (rest.includes('--require-hashes')) return undefined;
    const reqFiles = requirementFiles(rest);
    if (reqFiles.length) {
      const unhashed = reqFiles.filter((f) => !hashPinned.has(f.replace(/^\.\//, '')));
      if (!unhashed.length) return undefined;
      return {
        severity: 'medium',
        message: `\`pip install -r ${unhashed[0]}\` in CI installs without hash checking.`,
        remediation:
          'Hash-pin the file (`pip-compile --generate-hashes`) and add `--require-hashes`, or install from uv.lock/poetry.lock.',
      };
    }
    const project = rest.some(
      (x) => x === '.' || x === './' || /^\.\[[\w,-]+\]$/.test(x) || /^['"]?\.\[/.test(x),
    );
    if (!project) return undefined;
    return {
      severity: 'low',
      message: '`pip install .` in CI resolves the project’s dependency ranges afresh.',
      remediation:
        'Install from a lock: `uv sync --locked`, `poetry install`, or `pip install --require-hashes -r requirements.txt` before `pip install --no-deps .`.',
    };
  };

const uv: InstallRule = (a, _env, lockHere) =>
  a[1] === 'sync' && !a.some((x) => x === '--locked' || x === '--frozen') && lockHere('uv')
    ? {
        severity: 'low',
        message: '`uv sync` in CI may re-lock when pyproject.toml changed.',
        remediation: 'Use `uv sync --locked`, which fails when uv.lock is out of date.',
      }
    : undefined;

const CARGO_RESOLVING = ['build', 'test', 'run', 'check', 'clippy', 'install', 'bench', 'doc', 'nextest'];

const cargo: InstallRule = (a, _env, lockHere) => {
  const sub = a.find((x, k) => k > 0 && !x.startsWith('-') && !x.startsWith('+'));
  if (!sub || !CARGO_RESOLVING.includes(sub)) return undefined;
  if (a.some((x) => x === '--locked' || x === '--frozen' || x === '--offline')) return undefined;
  if (!lockHere('cargo')) return undefined;
  if (sub === 'install' && a.includes('--path') === false && a.slice(2).every((x) => x.startsWith('-')))
    return undefined;
  return {
    severity: 'low',
    message: `\`cargo ${sub}\` in CI without --locked may update Cargo.lock.`,
    remediation: `Add --locked: \`cargo ${sub} --locked\`.`,
  };
};

const bundle: InstallRule = (a, env, lockHere) => {
  if (a[1] !== 'install' && a[1] !== undefined) return undefined;
  if (
    a.some((x) => x === '--frozen' || x === '--deployment') ||
    env.get('BUNDLE_FROZEN') === 'true' ||
    env.get('BUNDLE_DEPLOYMENT') === 'true' ||
    !lockHere('bundler')
  )
    return undefined;
  return {
    severity: 'medium',
    message: '`bundle install` in CI without frozen mode may update Gemfile.lock.',
    remediation:
      'Run `bundle config set frozen true` first (or set BUNDLE_FROZEN=true), or use ruby/setup-ruby with bundler-cache.',
  };
};

const composer: InstallRule = (a) =>
  a[1] === 'update'
    ? {
        severity: 'medium',
        message: '`composer update` in CI ignores composer.lock.',
        remediation: 'Use `composer install`, which installs from composer.lock.',
      }
    : undefined;

/** The rules by command name for one repository, and where its locks are. */
export interface InstallRules {
  byCommand: ReadonlyMap<string, InstallRule>;
  lockAt: InstallContext['lockAt'];
}

/** The rules by command name, for one repository. */
export function installRules(repo: InstallContext): InstallRules {
  const pipRule = pip(repo.hashPinned);
  const byCommand = new Map<string, InstallRule>([
    ['npm', npm],
    ['yarn', yarn(repo.yarnBerry)],
    ['pnpm', pnpm],
    ['pip', pipRule],
    ['pip3', pipRule],
    ['uv', uv],
    ['cargo', cargo],
    ['bundle', bundle],
    ['composer', composer],
  ]);
  return { byCommand, lockAt: repo.lockAt };
}

/** The command an invocation runs once `sudo`/`env` and `python -m pip` are peeled off, with its arguments. */
function invocation(cmd: ShellCommand): { name?: string; args: string[] } {
  let args = cmd.args.map((w) => w.value ?? w.loose);
  let name = commandName(cmd);
  if (name === 'sudo' || name === 'env') {
    args = args.slice(1).filter((x) => !/^[A-Za-z_]\w*=/.test(x) && !x.startsWith('-'));
    name = args[0]?.slice(args[0].lastIndexOf('/') + 1);
  }
  if (name === 'python' || name === 'python3') {
    const m = args.indexOf('-m');
    if (m > 0 && args[m + 1] === 'pip') {
      args = args.slice(m + 1);
      name = 'pip';
    }
  }
  return { name, args };
}

/** The install commands of a workflow step's POSIX `run:` script, judged by `rules`. */
export function stepInstalls(
  wf: Workflow,
  job: Job,
  step: Step,
  rules: InstallRules,
  checkId: string,
): StepInstalls {
  const out: StepInstalls = { checked: 0, findings: [] };
  if (!step.run || !isPosixShell(stepShell(wf, job, step))) return out;
  const env = new Map<string, string>();
  for (const scope of [wf.env, job.env, step.env]) for (const [k, v] of scope) env.set(k, v.value);
  let frozenBundle = false;
  let cwd = folderOf(step.workingDirectory ?? job.defaultWorkingDirectory ?? wf.defaultWorkingDirectory, '');
  for (const cmd of parseShell(runScriptSource(wf, step.run)).commands) {
    const { name, args } = invocation(cmd);
    if (name === 'cd' || name === 'pushd') cwd = changedFolder(args, cwd);
    if (name === 'bundle' && args[1] === 'config' && args.includes('frozen') && args.includes('true'))
      frozenBundle = true;
    const rule = name === undefined ? undefined : rules.byCommand.get(name);
    if (!rule) continue;
    const localEnv = new Map(env);
    for (const a of cmd.assigns) if (a.value?.value !== undefined) localEnv.set(a.name, a.value.value);
    if (frozenBundle) localEnv.set('BUNDLE_FROZEN', 'true');
    out.checked++;
    const here = cwd;
    const problem = rule(args, localEnv, (kind) => rules.lockAt(kind, here));
    if (!problem) continue;
    const { line, column } = wf.positionAt(cmd.offset);
    out.findings.push(findingAt(checkId, { path: wf.path, line, column }, problem));
  }
  return out;
}

/** The folder after `cd ARGS` from `cwd`: unknown for `cd` alone (home), options, or an unknown start. */
function changedFolder(args: string[], cwd: string | undefined): string | undefined {
  const target = args.slice(1).filter((x) => x !== '--');
  if (cwd === undefined || target.length !== 1 || target[0]!.startsWith('-')) return undefined;
  return folderOf(target[0], cwd);
}

/**
 * The repository folder a relative `dir` names from `from` ('' is the root); undefined when it
 * is not known before run time (an expression, a variable, an absolute path, `cd` alone).
 */
function folderOf(dir: string | undefined, from: string): string | undefined {
  if (dir === undefined) return from;
  if (!dir || /[$`~*?]/.test(dir) || dir.startsWith('/') || dir === '-') return undefined;
  const parts = from ? from.split('/') : [];
  for (const seg of dir.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}
