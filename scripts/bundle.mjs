// Builds the committed bundles: dist/index.js (the action) and dist/cli.js (`sscop`), ESM, with
// code splitting so each entry answers its cheap cases (input validation, --version) before the
// scan engine's chunk is imported. dist/ is rebuilt from scratch so no stale chunk survives.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Bundled CommonJS dependencies call require() for Node built-ins; ESM has none, so each output
// file gets one from createRequire.
const banner = [
  "import { createRequire as __sscopCreateRequire } from 'node:module';",
  'const require = __sscopCreateRequire(import.meta.url);',
].join('\n');

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
  loader: { '.yml': 'text' },
  define: { __SSCOP_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: banner },
});

// The CLI is an executable script.
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${readFileSync('dist/cli.js', 'utf8')}`);
chmodSync('dist/cli.js', 0o755);
