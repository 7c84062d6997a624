// `npm run bench`: bundles the TypeScript benchmark (bench/main.ts and its child processes, which
// call the engine in src/ directly) with esbuild into a temporary folder under node_modules/.cache
// (so the bundles still resolve packages such as @octokit/openapi), runs it, and removes the folder.
// The CLI and action timed are the committed bundles in dist/ (rebuild them first: npm run bundle).
// Arguments are passed on: npm run bench -- --sizes small,medium,shaped,large|none --runs 3 --no-trace
// --real DIR --real-repos a,b --no-api --no-org --org-only --keep
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlModules } from '../scripts/yaml-module.cjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const cache = path.join(repo, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(path.join(cache, 'sscop-bench-'));
let status = 1;
try {
  await build({
    absWorkingDir: repo,
    entryPoints: [
      'bench/main.ts',
      'bench/floor.ts',
      'bench/scan-child.ts',
      'bench/api-child.ts',
      'bench/org-child.ts',
    ],
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    plugins: [yamlModules],
    define: { __SSCOP_VERSION__: JSON.stringify(pkg.version) },
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
  });
  copyFileSync(path.join(repo, 'bench', 'maxrss.mjs'), path.join(out, 'maxrss.mjs'));
  const child = spawnSync(process.execPath, [path.join(out, 'main.js'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_REPO: repo },
  });
  status = child.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exitCode = status;
