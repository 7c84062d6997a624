// What the parity scripts (markdown-parity.mjs, section-text-parity.mjs, shell-parity.mjs,
// prose-interest-parity.mjs) share: the folders they read by default, their `[--show N] [DIR…]`
// arguments, the Markdown files in one folder, how they point at the first difference between two
// readings, and how they load the sources they compare.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { yamlModules } from '../scripts/yaml-module.cjs';

/** Where the real checkouts are kept on the benchmark machine. */
const REAL = '/work/real';

/** Every checkout under /work/real, then the fixtures: one folder, or (`each`) each fixture. */
export function defaultDirs(repo, { eachFixture }) {
  const dirs = existsSync(REAL) ? readdirSync(REAL).map((d) => path.join(REAL, d)) : [];
  const fixtures = path.join(repo, '__tests__/fixtures');
  if (eachFixture) dirs.push(...readdirSync(fixtures).map((d) => path.join(fixtures, d)));
  else dirs.push(fixtures);
  return dirs;
}

/** `[--show N] [DIR…]`: how many differences to print, and the folders (defaultDirs when none). */
export function showAndDirs(argv, repo, { eachFixture }) {
  const out = { show: 20, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--show') out.show = Number(argv[++i]);
    else out.dirs.push(path.resolve(argv[i]));
  }
  if (out.dirs.length === 0) out.dirs.push(...defaultDirs(repo, { eachFixture }));
  return out;
}

/** The first place where two JSON values differ: its path, and the value on each side (a, b). */
export function firstDifference(a, b, at = '') {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return { at, a, b };
  if (Array.isArray(a) !== Array.isArray(b)) return { at, a, b };
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${at}.${key}`);
    if (d) return d;
  }
  return undefined;
}

/**
 * The files of `dir` whose names end in one of `extensions` (`.md`): git's tracked files in a
 * checkout, every such file under a plain folder.
 */
export function filesEndingIn(dir, extensions) {
  if (existsSync(path.join(dir, '.git'))) {
    const specs = extensions.map((e) => `*${e}`);
    const listed = execFileSync('git', ['-C', dir, 'ls-files', '-z', ...specs], { maxBuffer: 1 << 28 });
    return listed
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map((f) => path.join(dir, f));
  }
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && extensions.some((e) => entry.name.endsWith(e))) found.push(p);
    }
  };
  walk(dir);
  return found;
}

/**
 * Bundles `contents` (TypeScript that re-exports what a script compares, from the sources as they
 * are, not from dist/; its imports resolved from `resolveDir`, the repository by default) and
 * imports it. The bundle is removed once loaded.
 */
export async function importSources(repo, name, contents, { resolveDir = repo } = {}) {
  const cache = path.join(repo, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(path.join(cache, `${name}-`));
  try {
    await build({
      stdin: { contents, resolveDir, loader: 'ts', sourcefile: `${name}.ts` },
      absWorkingDir: repo,
      outfile: path.join(out, `${name}.mjs`),
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
      plugins: [yamlModules],
      define: { __SSCOP_VERSION__: '"0"' },
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    return await import(pathToFileURL(path.join(out, `${name}.mjs`)).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
