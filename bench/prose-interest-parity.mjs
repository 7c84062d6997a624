// Holds the support policy's partial reading of documentation pages (SUPPORT_PROSE, a
// ProseInterest) to a full parse, on every Markdown page of the checkouts. Not part of `npm test`:
// it reads checkouts that are not in the repository.
//
//   node bench/prose-interest-parity.mjs [--show N] DIR...
//
// With no DIR: every checkout under /work/real plus __tests__/fixtures. For each page, the partial
// parse must have the full parse's sections and blocks in place; each block it read must read the
// same, and each it left without text must hold none of the words the check reads (READ_WORDS)
// and lie outside a supported-versions section; each table it read in part must be one that
// cannot list supported versions. Then, over every sentence of every full parse: a sentence the
// check's patterns match must hold one of its words. Prints what breaks either rule, then counts.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { showAndDirs, filesEndingIn, firstDifference, importSources } from './parity-lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ENTRY = `
export { parseMarkdown } from './src/evidence/markdown-document.ts';
export { sentences } from './src/evidence/markdown-prose.ts';
export { findRelativeStatements } from './src/evidence/dates.ts';
export { isSupportedVersionsSection, mayBeSupportTable, SUPPORT_SENTENCE } from './src/evidence/support-schedule.ts';
export { READ_WORDS, SUPPORT_PROSE } from './src/checks/support-policy.ts';
export { FREQUENCY, UPGRADE_SENTENCE, VERSIONING } from './src/checks/support-updates.ts';
`;

const opts = showAndDirs(process.argv.slice(2), repo, { eachFixture: false });
const m = await importSources(repo, 'prose-interest-parity', ENTRY);
const place = (b) => [b.kind, b.line, b.endLine, b.section?.line];
const count = { pages: 0, blocks: 0, read: 0, left: 0, tablesInPart: 0, sentences: 0, matched: 0 };
const problems = [];

/** What breaks the rules on one page, as messages. */
function checkPage(file, text) {
  const full = m.parseMarkdown(file, text);
  const part = m.parseMarkdown(file, text, m.SUPPORT_PROSE);
  const out = [];
  const shape = firstDifference(
    JSON.parse(JSON.stringify({ sections: full.sections, blocks: full.blocks.map(place) })),
    JSON.parse(JSON.stringify({ sections: part.sections, blocks: part.blocks.map(place) })),
  );
  if (shape) return [`blocks or sections moved at ${shape.at}`];
  full.blocks.forEach((block, i) => {
    const read = part.blocks[i];
    count.blocks++;
    if (read.text !== '' || block.text === '') {
      count.read++;
      const d = firstDifference(JSON.parse(JSON.stringify(block)), JSON.parse(JSON.stringify(read)));
      if (d) out.push(`line ${block.line}: read otherwise at ${d.at}`);
    } else {
      count.left++;
      if (m.READ_WORDS.test(block.text) || m.isSupportedVersionsSection(block.section))
        out.push(`line ${block.line}: left out, but it reads ${JSON.stringify(block.text.slice(0, 120))}`);
    }
  });
  full.tables.forEach((table, i) => {
    const d = firstDifference(JSON.parse(JSON.stringify(table)), JSON.parse(JSON.stringify(part.tables[i])));
    if (!d) return;
    count.tablesInPart++;
    if (m.mayBeSupportTable(table.header.cells, table.section))
      out.push(`table at line ${table.line}: read in part, but it may list supported versions`);
  });
  return out;
}

/** Sentences the check's patterns match that hold none of its words. */
function checkSentences(file, text) {
  const out = [];
  for (const s of m.sentences(m.parseMarkdown(file, text))) {
    count.sentences++;
    const t = s.text;
    const read =
      m.SUPPORT_SENTENCE.test(t) ||
      m.findRelativeStatements(t).length > 0 ||
      m.FREQUENCY.test(t) ||
      m.VERSIONING.test(t) ||
      m.UPGRADE_SENTENCE.test(t);
    if (!read) continue;
    count.matched++;
    if (!m.READ_WORDS.test(t))
      out.push(`line ${s.line}: a sentence the check reads holds none of its words: ${t}`);
  }
  return out;
}

for (const dir of opts.dirs) {
  for (const file of filesEndingIn(dir, ['.md', '.markdown'])) {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    const text = readFileSync(file, 'utf8');
    count.pages++;
    for (const problem of [...checkPage(file, text), ...checkSentences(file, text)])
      problems.push(`${file}: ${problem}`);
  }
}
for (const p of problems.slice(0, opts.show)) console.log(p);
console.log(
  `\n${count.pages} pages, ${count.blocks} blocks: ${count.read} read as a full parse reads them, ` +
    `${count.left} left without text; ${count.tablesInPart} tables read in part; ` +
    `${count.matched} of ${count.sentences} sentences read by the check; ${problems.length} problems`,
);
process.exitCode = problems.length ? 1 : 0;
