import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const out = '/work/main/node_modules/.cache-mdcmp';
const banner = { js: "import { createRequire as __c } from 'node:module';\nconst require = __c(import.meta.url);" };
await build({ entryPoints: { old: '/tmp/headsrc/src/evidence/markdown-document.ts' }, outdir: out, bundle: true, platform: 'node', format: 'esm', logLevel: 'error', banner,
  alias: { 'markdown-it': '/tmp/md15/node_modules/markdown-it', 'markdown-it-footnote': '/tmp/md15/node_modules/markdown-it-footnote' }, outExtension: { '.js': '.mjs' } });
await build({ entryPoints: { new: '/work/main/src/evidence/markdown-document.ts' }, outdir: out, bundle: true, platform: 'node', format: 'esm', logLevel: 'error', banner, outExtension: { '.js': '.mjs' } });
const oldM = await import(pathToFileURL(path.join(out, 'old.mjs')).href);
const newM = await import(pathToFileURL(path.join(out, 'new.mjs')).href);
const files = [];
for (const dir of process.argv.slice(2)) {
  let list;
  try { list = execFileSync('git', ['-C', dir, 'ls-files'], { maxBuffer: 1e9 }).toString().split('\n').filter(Boolean); }
  catch { list = []; (function w(d) { for (const e of readdirSync(d)) { const p = path.join(d, e); if (statSync(p).isDirectory()) w(p); else list.push(path.relative(dir, p)); } })(dir); }
  for (const f of list) if (/\.(md|markdown)$/i.test(f)) { try { files.push([path.join(dir, f), readFileSync(path.join(dir, f), 'utf8')]); } catch {} }
}
let same = 0, diff = 0, t0 = 0, t1 = 0;
for (const [p, text] of files) {
  let s = performance.now(); const a = JSON.stringify(oldM.parseMarkdown(p, text)); t0 += performance.now() - s;
  s = performance.now(); const b = JSON.stringify(newM.parseMarkdown(p, text)); t1 += performance.now() - s;
  if (a === b) same++; else { diff++; if (diff <= 5) { let i = 0; while (a[i] === b[i]) i++; console.log('DIFF', p, '\n  old:', a.slice(Math.max(0, i - 80), i + 80), '\n  new:', b.slice(Math.max(0, i - 80), i + 80)); } }
}
console.log(`${files.length} files, same ${same}, differ ${diff}; old ${t0.toFixed(0)} ms, new ${t1.toFixed(0)} ms`);
