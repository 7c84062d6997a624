/**
 * Real repositories for `npm run bench -- --real DIR`: the git checkouts directly under DIR, scanned
 * where they are. The benchmark never fetches, changes or commits them; it reads their commit and
 * size so the figures say what was scanned.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { listPlain } from './lib.js';

export interface RealRepository {
  name: string;
  root: string;
  commit: string;
  files: number;
  bytes: number;
}

/** The checkouts under `dir` (folders with a `.git`), sorted by name, optionally only those named in `only`. */
export function realRepositories(dir: string, only?: readonly string[]): RealRepository[] {
  if (!existsSync(dir)) throw new Error(`--real ${dir}: no such folder`);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, '.git')))
    .map((e) => e.name)
    .filter((name) => !only?.length || only.includes(name))
    .sort();
  return names.map((name) => describe(name, path.join(dir, name)));
}

function describe(name: string, root: string): RealRepository {
  const commit = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD']).toString().trim();
  const paths = listPlain(root);
  let bytes = 0;
  for (const p of paths) {
    try {
      const st = statSync(path.join(root, p));
      if (st.isFile()) bytes += st.size;
    } catch {
      // A tracked file missing from the work tree: not counted.
    }
  }
  return { name, root, commit, files: paths.length, bytes };
}
