/**
 * Where lockfiles checks look for a project's lock, and what the project says about it: a lock
 * beside the manifest, or in a parent folder whose workspace includes it; a lock left out by
 * `.gitignore` or turned off in `.npmrc`. Shared by the manifest verdicts and the CI install rules.
 */
import { lowerName, splitPath } from '../evidence/locate.js';
import { isFixtureOrVendored } from '../evidence/test-material.js';
import { npmLockOff, lockIgnored, type SettingLine } from '../evidence/lock-settings.js';
import { BUDGETS, readJsonFile, type JsonFile } from '../evidence/parse-budget.js';
import { workspaceIncludes, type WorkspaceKind } from '../evidence/workspaces.js';
import type { CheckContext } from './check.js';

/** Lockfiles that record an integrity hash (or commit) for every package, by ecosystem. */
export const NPM_LOCKS = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
];
export const PY_LOCKS = ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml'];

/** Whose workspace rules decide whether a lock of this name in a parent folder applies. */
export function workspaceKindOf(lockName: string): WorkspaceKind | undefined {
  if (lockName === 'pnpm-lock.yaml') return 'pnpm';
  if (NPM_LOCKS.includes(lockName)) return 'node';
  if (lockName === 'Cargo.lock') return 'cargo';
  if (PY_LOCKS.includes(lockName)) return 'python';
  if (lockName === 'go.work.sum') return 'go';
  return undefined;
}

/** A lock found for a folder, or the nearest parent lock whose workspace leaves the folder out. */
export interface FoundLock {
  lock?: string;
  /** Why the nearest lock in a parent folder does not apply. */
  outside?: string;
}

export interface Lookup {
  has(dir: string, name: string): string | undefined;
  /** The lock of a project in `dir`: beside it, or above it in a workspace that includes it. */
  lockFor(dir: string, names: readonly string[]): FoundLock;
  /** The `.gitignore` line that leaves one of these locks of `dir` out, if any. */
  ignored(dir: string, names: readonly string[]): { lock: string; line: SettingLine } | undefined;
  /** The `.npmrc` line that turns npm's or pnpm's lockfile off in `dir`, if any. */
  npmLockOff(dir: string): SettingLine | undefined;
  /** The file names directly in a folder. */
  namesIn(dir: string): readonly string[];
  /** A JSON manifest, parsed once per scan under its budget. */
  json(path: string): JsonFile | undefined;
}

export function dirOf(path: string): string {
  return splitPath(path).dir;
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

export function lookup(ctx: CheckContext): Lookup {
  const { files } = ctx;
  const has = (dir: string, name: string): string | undefined =>
    files.has(join(dir, name)) ? join(dir, name) : undefined;
  return {
    has,
    namesIn: (dir) => files.inDir(dir).map((p) => splitPath(p).name),
    lockFor: (dir, names) => lockFor(ctx, has, dir, names),
    ignored: (dir, names) => {
      for (const name of names) {
        const line = lockIgnored(ctx, join(dir, name));
        if (line) return { lock: name, line };
      }
      return undefined;
    },
    npmLockOff: (dir) => npmLockOff(ctx, dir, 'npm') ?? npmLockOff(ctx, dir, 'pnpm'),
    json: (p) => readJsonFile(ctx, p, BUDGETS.manifestJson),
  };
}

function lockFor(ctx: CheckContext, has: Lookup['has'], dir: string, names: readonly string[]): FoundLock {
  let outside: string | undefined;
  for (let d: string | undefined = dir; d !== undefined; d = d === '' ? undefined : dirOf(d)) {
    for (const name of names) {
      const found = has(d, name);
      if (!found) continue;
      if (d === dir) return { lock: found };
      const kind = workspaceKindOf(name);
      const membership = kind ? workspaceIncludes(ctx, kind, d, dir) : 'member';
      if (membership === 'member') return { lock: found, outside };
      outside ??=
        membership === 'unreadable'
          ? `${found} in a parent folder, whose workspace settings could not be read`
          : `${found} in a parent folder does not include ${dir} in its workspace`;
    }
  }
  return { outside };
}

/** The locks a CI install command needs, by the tool that installs from them. */
export const CI_LOCKS = {
  npm: ['package-lock.json', 'npm-shrinkwrap.json'],
  yarn: ['yarn.lock'],
  pnpm: ['pnpm-lock.yaml'],
  uv: ['uv.lock'],
  cargo: ['Cargo.lock'],
  bundler: ['Gemfile.lock', 'gems.locked'],
} as const;

export type CiLockKind = keyof typeof CI_LOCKS;

/**
 * Whether an install run in `dir` (undefined: a folder not known before run time) has a committed
 * lock to install from, one the project has not turned off. Advice to install from the lock is
 * only given when this holds: without the lock, `npm ci` or `cargo build --locked` fails.
 */
export function ciLockAt(
  ctx: CheckContext,
  look: Lookup,
  kind: CiLockKind,
  dir: string | undefined,
): boolean {
  const names: readonly string[] = CI_LOCKS[kind];
  const turnedOff = (d: string): boolean =>
    (kind === 'npm' || kind === 'pnpm') && npmLockOff(ctx, d, kind) !== undefined;
  if (dir !== undefined) {
    const { lock } = look.lockFor(dir, names);
    return lock !== undefined && !turnedOff(dir);
  }
  const anywhere = ctx.memo(`lockfiles:anywhere:${kind}`, () =>
    ctx.files.paths.filter((p) => names.includes(splitPath(p).name) && !isFixtureOrVendored(p)),
  );
  return anywhere.some((p) => !turnedOff(dirOf(p)));
}

/** Whether the name is one of the lockfiles' settings files (workspaces, ignores, npm config). */
export function isLockSettingName(path: string): boolean {
  const name = lowerName(path);
  return name === 'pnpm-workspace.yaml' || name === 'go.work';
}
