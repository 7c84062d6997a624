// Builds the committed bundles: dist/index.js (the action) and dist/cli.js (`sscop`), ESM, with
// code splitting so each entry answers its cheap cases (input validation, --version) before the
// scan engine's chunk is imported. dist/ is rebuilt from scratch so no stale chunk survives.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { yamlModules } from './yaml-module.cjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Bundled CommonJS dependencies call require() for Node built-ins; ESM has none, so each output
// file gets one from createRequire.
const banner = [
  "import { createRequire as __sscopCreateRequire } from 'node:module';",
  'const require = __sscopCreateRequire(import.meta.url);',
].join('\n');

// mvdan-sh (3 MB once bundled) reads only the scripts unbash does not read cleanly, so most scans
// never call it: it ships beside the chunks as a file of its own, required on first use, instead of
// inside the engine chunk that every scan reads and compiles (with no compile cache on a hosted
// runner, every job compiles it afresh).
const vendored = [{ name: 'mvdan-sh', from: 'node_modules/mvdan-sh', file: 'index.js', license: 'LICENSE' }];
const vendorFiles = {
  name: 'vendor-files',
  setup(b) {
    for (const v of vendored) {
      const filter = new RegExp(`^${v.name}$`);
      b.onResolve({ filter }, () => ({ path: `./vendor/${v.name}.cjs`, external: true }));
    }
  },
};

rmSync('dist', { recursive: true, force: true });
await build({
  // read-worker: the collector's reader thread, loaded by path (dist/read-worker.js) on large checkouts.
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts', 'read-worker': 'src/repo/read-worker.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  define: { __SSCOP_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: banner },
  plugins: [yamlModules, vendorFiles],
});

// The chunks require vendored files relative to themselves (dist/chunks/vendor/).
mkdirSync('dist/chunks/vendor', { recursive: true });
for (const v of vendored) {
  copyFileSync(`${v.from}/${v.file}`, `dist/chunks/vendor/${v.name}.cjs`);
  copyFileSync(`${v.from}/${v.license}`, `dist/chunks/vendor/${v.name}.LICENSE`);
}

// dist/ says its own module type. Without it Node takes the nearest package.json's: in this
// repository and in the published package that is ours, but a copy of dist/ anywhere else had
// none, and Node compiled every file twice while it detected the syntax (a one-file scan 6 %
// slower and 4.7 MiB larger).
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'module' }, null, 2)}\n`);

// The CLI is an executable script.
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${readFileSync('dist/cli.js', 'utf8')}`);
chmodSync('dist/cli.js', 0o755);
