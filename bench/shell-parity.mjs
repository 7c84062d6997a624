// Compares the two shell walks (src/evidence/shell-unbash-walk.ts and the mvdan-sh walk) on every script
// a scan of real checkouts parses: workflow `run:` steps, Dockerfile `RUN` lines, shell files,
// Makefile recipes. Not part of `npm test`: it reads checkouts that are not in the repository.
//
//   node bench/shell-parity.mjs [--show N] DIR...
//
// With no DIR: every checkout under /work/real plus each fixture under __tests__/fixtures. The scan
// engine is bundled from src/ with parseShellUncached wrapped so it records each script text; every
// distinct text is then parsed by both walks. Prints each text where unbash's reading differs from
// mvdan-sh's (or unbash reads what mvdan-sh rejects), then the counts and each parser's time.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { showAndDirs, firstDifference } from './parity-lib.mjs';
import { yamlModules } from '../scripts/yaml-module.cjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHELL_MODULE = path.join(repo, 'src/evidence/shell.ts');
const WRAPPED = 'export function parseShellUncached(';

/** Every script text parseShellUncached sees goes into globalThis.__shellParityTexts. */
const recordScripts = {
  name: 'record-scripts',
  setup(b) {
    b.onLoad({ filter: /src[\\/]evidence[\\/]shell\.ts$/ }, () => {
      const source = readFileSync(SHELL_MODULE, 'utf8');
      if (!source.includes(WRAPPED)) throw new Error(`${SHELL_MODULE} no longer has "${WRAPPED}"`);
      const contents = source.replace(
        WRAPPED,
        `${WRAPPED}source: ScriptSource): ShellScript {\n` +
          `  (globalThis as { __shellParityTexts?: Set<string> }).__shellParityTexts?.add(source.text);\n` +
          `  return parseShellUncachedRecorded(source);\n}\nfunction parseShellUncachedRecorded(`,
      );
      return { contents, loader: 'ts', resolveDir: path.dirname(SHELL_MODULE) };
    });
  },
};

async function bundle(out) {
  const contents = [
    "export { scan } from './src/scan.ts';",
    "export { contiguousSource, parseWithMvdan } from './src/evidence/shell.ts';",
    "export { parseWithUnbash } from './src/evidence/shell-unbash.ts';",
  ].join('\n');
  await build({
    stdin: { contents, resolveDir: repo, loader: 'ts', sourcefile: 'parity-entry.ts' },
    absWorkingDir: repo,
    outfile: path.join(out, 'parity.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __parityCreateRequire } from 'node:module';\nconst require = __parityCreateRequire(import.meta.url);",
    },
    plugins: [yamlModules, recordScripts],
  });
  return import(pathToFileURL(path.join(out, 'parity.mjs')).href);
}

const show = (v) => (JSON.stringify(v) ?? 'undefined').slice(0, 200);

const opts = showAndDirs(process.argv.slice(2), repo, { eachFixture: true });
const out = mkdtempSync(path.join(repo, 'node_modules', '.cache-shell-parity-'));
try {
  const engine = await bundle(out);
  const texts = new Set();
  globalThis.__shellParityTexts = texts;
  for (const dir of opts.dirs) {
    const before = texts.size;
    await engine.scan({ root: dir });
    console.error(`${path.basename(dir)}: ${texts.size - before} new script texts`);
  }
  const counts = {
    texts: texts.size,
    same: 0,
    differ: 0,
    unbashAcceptsRejected: 0,
    leftToMvdan: 0,
    bothReject: 0,
  };
  const time = { unbash: 0, mvdan: 0 };
  let shown = 0;
  for (const text of texts) {
    const source = engine.contiguousSource(text);
    let t = performance.now();
    const mvdan = engine.parseWithMvdan(source);
    time.mvdan += performance.now() - t;
    t = performance.now();
    const unbash = engine.parseWithUnbash(source);
    time.unbash += performance.now() - t;
    if (!unbash) {
      counts[mvdan.error ? 'bothReject' : 'leftToMvdan']++;
      continue;
    }
    const d = mvdan.error
      ? { at: '(verdict)', a: mvdan.error.message, b: 'parsed' }
      : firstDifference(JSON.parse(JSON.stringify(mvdan.commands)), JSON.parse(JSON.stringify(unbash)));
    if (!d) {
      counts.same++;
      continue;
    }
    counts[mvdan.error ? 'unbashAcceptsRejected' : 'differ']++;
    if (shown++ < opts.show)
      console.log(`${show(text)}\n  at ${d.at}\n  mvdan  ${show(d.a)}\n  unbash ${show(d.b)}`);
  }
  console.log(counts);
  console.log(
    `parse time, every text once in one process: unbash ${time.unbash.toFixed(0)} ms, mvdan-sh ${time.mvdan.toFixed(0)} ms`,
  );
  if (counts.differ || counts.unbashAcceptsRejected) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
