// Builds the two committed entry points: dist/index.js (the action) and dist/cli.js (`sscop`).
// ESM output; a createRequire banner lets bundled CommonJS dependencies call require() for builtins.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const banner = [
  "import { createRequire as __sscopCreateRequire } from 'node:module';",
  'const require = __sscopCreateRequire(import.meta.url);',
].join('\n');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  loader: { '.yml': 'text' },
  define: { __SSCOP_VERSION__: JSON.stringify(pkg.version) },
};

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', banner: { js: banner } });
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  banner: { js: `#!/usr/bin/env node\n${banner}` },
});
