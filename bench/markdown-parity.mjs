// Compares the Markdown model of two implementations of src/evidence/markdown-document.ts on real
// documents: the one at a git commit (default d7e35f8, the last parsed with mdast) and the one in the
// work tree. Not part of `npm test`: it reads checkouts that are not in the repository.
//
//   node bench/markdown-parity.mjs [--old COMMIT] [--show N] [--prefix BYTES] DIR...
//
// Each DIR is a git checkout (its tracked *.md files are read) or a plain folder (every *.md under
// it). With no DIR: every checkout under /work/real plus __tests__/fixtures. Prints each file whose
// model differs, with the first difference, then the counts. `--prefix` also compares the parse of
// each document's first BYTES characters (what firstHeadingMatching parses). The old module is
// bundled from `git show` with its imports resolved against today's src/evidence, so the packages
// it needs (mdast, micromark) must still be installed (they are devDependencies for the tests). Its
// models are kept under node_modules/.cache/markdown-parity-COMMIT, by path and content, so a second
// run parses only with the new module.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { defaultDirs, filesEndingIn, firstDifference, importSources } from './parity-lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'src/evidence/markdown-document.ts';

function options(argv) {
  const out = { old: 'd7e35f8', show: 40, prefix: 0, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--old') out.old = argv[++i];
    else if (arg === '--show') out.show = Number(argv[++i]);
    else if (arg === '--prefix') out.prefix = Number(argv[++i]);
    else out.dirs.push(arg);
  }
  if (out.dirs.length === 0) out.dirs.push(...defaultDirs(repo, { eachFixture: false }));
  return out;
}

/**
 * A model with each block's line starts as the work tree keeps them: one flat array (offset, line,
 * offset, line…) with a pair only where the line changes. Models from before that change hold a
 * pair per array, one for every line start.
 */
function flatLineStarts(json) {
  const model = JSON.parse(json);
  for (const block of model.blocks ?? []) {
    if (!Array.isArray(block.lineStarts?.[0])) continue;
    const flat = [];
    for (const [offset, line] of block.lineStarts)
      if (flat.length === 0 || flat[flat.length - 1] !== line) flat.push(offset, line);
    block.lineStarts = flat;
  }
  return JSON.stringify(model);
}

const show = (v) => (JSON.stringify(v) ?? 'undefined').slice(0, 300);

const opts = options(process.argv.slice(2));
const cache = path.join(repo, 'node_modules', '.cache');
// Each version is bundled with its imports resolved in today's src/evidence.
const evidence = { resolveDir: path.join(repo, 'src/evidence') };
const oldSource = execFileSync('git', ['-C', repo, 'show', `${opts.old}:${MODULE}`]).toString('utf8');
const before = await importSources(repo, 'markdown-parity-old', oldSource, evidence);
const after = await importSources(
  repo,
  'markdown-parity-new',
  readFileSync(path.join(repo, MODULE), 'utf8'),
  evidence,
);
let files = 0;
let differing = 0;
let shown = 0;
const byField = new Map();
const time = { old: 0, new: 0 };
const kept = path.join(cache, `markdown-parity-${opts.old}`);
mkdirSync(kept, { recursive: true });
const oldModel = (file, text) => {
  const key = createHash('sha256').update(file).update('\0').update(text).digest('hex');
  const at = path.join(kept, `${key}.json`);
  if (existsSync(at)) return readFileSync(at, 'utf8');
  const t = performance.now();
  const json = JSON.stringify(before.parseMarkdown(file, text));
  time.old += performance.now() - t;
  writeFileSync(at, json);
  return json;
};
const compare = (file, text) => {
  const a = flatLineStarts(oldModel(file, text));
  const t = performance.now();
  const b = JSON.stringify(after.parseMarkdown(file, text));
  time.new += performance.now() - t;
  if (a === b) return;
  differing++;
  const d = firstDifference(JSON.parse(a), JSON.parse(b));
  const field = d ? d.at.replace(/\.\d+/g, '[]') : '(order)';
  byField.set(field, (byField.get(field) ?? 0) + 1);
  if (shown++ < opts.show) console.log(`${file}\n  at ${d?.at}\n  old ${show(d?.a)}\n  new ${show(d?.b)}`);
};
for (const dir of opts.dirs) {
  for (const file of filesEndingIn(dir, ['.md'])) {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    const text = readFileSync(file, 'utf8');
    files++;
    compare(file, text);
    if (opts.prefix > 0 && text.length > opts.prefix) compare(`${file} (prefix)`, text.slice(0, opts.prefix));
  }
}
console.log(`\n${files} files compared, ${differing} differ`);
for (const [field, n] of [...byField].sort((x, y) => y[1] - x[1])) console.log(`  ${n}\t${field}`);
console.log(`parse time: old ${Math.round(time.old)} ms (not kept before), new ${Math.round(time.new)} ms`);
