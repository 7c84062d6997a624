/**
 * What a project says about its own lockfiles: a `.gitignore` line that leaves one out, or an
 * `.npmrc` that turns npm's package-lock (`package-lock=false`) or pnpm's lockfile
 * (`lockfile=false`) off. Advice to install from a lock the project chose not to keep would
 * break its build, so these are read before any advice is given.
 */
import type { EvidenceContext } from './context.js';
import { gitignoreRules, ignoringLine, type IgnoreRule } from './gitignore.js';
import { lowerName, splitLines } from './locate.js';

/** The line of a settings file that decides something about a lockfile. */
export interface SettingLine {
  path: string;
  line: number;
  /** The line as written, trimmed. */
  text: string;
}

/** The settings files read here. */
export function isLockSettingsPath(path: string): boolean {
  const name = lowerName(path);
  return name === '.gitignore' || name === '.npmrc';
}

/** The `.gitignore` line that leaves `lockPath` out of the repository, if one does. */
export function lockIgnored(ctx: EvidenceContext, lockPath: string): SettingLine | undefined {
  const rulesIn = (file: string): readonly IgnoreRule[] | undefined =>
    ctx.memo(`gitignore:${file}`, () => {
      const text = ctx.files.text(file);
      return text === undefined ? undefined : gitignoreRules(text);
    });
  const hit = ignoringLine(lockPath, rulesIn);
  return hit && { path: hit.path, line: hit.line, text: hit.pattern };
}

/** The key that turns the lockfile off, by package manager. */
const LOCK_KEY = { npm: 'package-lock', pnpm: 'lockfile' } as const;

/**
 * The `.npmrc` line that turns the lockfile off for a project in `dir`: the nearest `.npmrc`
 * from `dir` up to the root that sets the key decides.
 */
export function npmLockOff(
  ctx: EvidenceContext,
  dir: string,
  tool: keyof typeof LOCK_KEY,
): SettingLine | undefined {
  for (let d: string | undefined = dir; d !== undefined; d = d === '' ? undefined : parentOf(d)) {
    const file = d ? `${d}/.npmrc` : '.npmrc';
    const setting = ctx.memo(`npmrc:${file}:${tool}`, () => lockSetting(ctx.files.text(file), file, tool));
    if (setting) return setting.off ? setting.line : undefined;
  }
  return undefined;
}

function lockSetting(
  text: string | undefined,
  path: string,
  tool: keyof typeof LOCK_KEY,
): { off: boolean; line: SettingLine } | undefined {
  if (text === undefined) return undefined;
  let found: { off: boolean; line: SettingLine } | undefined;
  splitLines(text).forEach((raw, i) => {
    const m = /^[ \t]*([\w-]{1,40})[ \t]*=[ \t]*([\w"']{1,10})[ \t]*(?:[;#].*)?$/.exec(raw.slice(0, 200));
    if (m?.[1] !== LOCK_KEY[tool]) return;
    const value = m[2]!.replace(/["']/g, '');
    found = { off: value === 'false', line: { path, line: i + 1, text: raw.trim() } };
  });
  return found;
}

function parentOf(dir: string): string {
  const i = dir.lastIndexOf('/');
  return i < 0 ? '' : dir.slice(0, i);
}
