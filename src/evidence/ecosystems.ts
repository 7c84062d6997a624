/**
 * Which package ecosystems a repository uses, from the manifests it contains. Names follow
 * Dependabot's `package-ecosystem` values, since that is what a user writes in its config.
 */
import { isDockerfilePath } from './dockerfile.js';
import { lowerName, splitPath } from './locate.js';
import { isFixtureOrVendored } from './test-material.js';

export type Ecosystem =
  | 'npm'
  | 'gomod'
  | 'cargo'
  | 'pip'
  | 'bundler'
  | 'composer'
  | 'nuget'
  | 'maven'
  | 'gradle'
  | 'docker'
  | 'github-actions'
  | 'terraform'
  | 'mix'
  | 'pub'
  | 'swift';

const BY_NAME = new Map<string, Ecosystem>(
  Object.entries({
    'package.json': 'npm',
    'go.mod': 'gomod',
    'cargo.toml': 'cargo',
    'pyproject.toml': 'pip',
    pipfile: 'pip',
    'setup.py': 'pip',
    'setup.cfg': 'pip',
    gemfile: 'bundler',
    'composer.json': 'composer',
    'packages.config': 'nuget',
    'directory.packages.props': 'nuget',
    'pom.xml': 'maven',
    'build.gradle': 'gradle',
    'build.gradle.kts': 'gradle',
    'settings.gradle': 'gradle',
    'settings.gradle.kts': 'gradle',
    'mix.exs': 'mix',
    'pubspec.yaml': 'pub',
    'package.swift': 'swift',
  } satisfies Record<string, Ecosystem>),
);

/**
 * The ecosystem a path's file declares dependencies for, if any. Not remembered per path: it is
 * asked once for each path, in one pass over the tree.
 */
export function ecosystemOf(path: string): Ecosystem | undefined {
  // By name first: nearly every path of a large tree stops there, before the folder test.
  const eco = ecosystemByName(path);
  return eco && !isFixtureOrVendored(path) ? eco : undefined;
}

function ecosystemByName(path: string): Ecosystem | undefined {
  const lower = lowerName(path);
  const direct = BY_NAME.get(lower);
  if (direct) return direct;
  if (/^requirements[\w.-]*\.(?:txt|in)$/.test(lower)) return 'pip';
  if (/\.(?:cs|fs|vb)proj$/.test(lower)) return 'nuget';
  if (isDockerfilePath(path)) return 'docker';
  if (lower.endsWith('.tf')) return 'terraform';
  if (/\.ya?ml$/.test(lower) && splitPath(path).dir === '.github/workflows') return 'github-actions';
  if (lower === 'action.yml' || lower === 'action.yaml') return 'github-actions';
  return undefined;
}

/** Every ecosystem used, with the first few manifests that show it. */
export function detectEcosystems(paths: readonly string[]): Map<Ecosystem, string[]> {
  const found = new Map<Ecosystem, string[]>();
  for (const p of paths) {
    const eco = ecosystemOf(p);
    if (!eco) continue;
    const list = found.get(eco) ?? [];
    if (list.length < 5) list.push(p);
    found.set(eco, list);
  }
  return found;
}
