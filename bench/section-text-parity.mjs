// Compares two readings of the sections of every Markdown page under a topic: ownSections of the
// whole page's parse, and of the parse of its section text alone (src/evidence/markdown-section-text.ts),
// for each topic a check reads that way. Not part of `npm test`: it reads checkouts that are not in
// the repository.
//
//   node bench/section-text-parity.mjs [--show N] DIR...
//
// With no DIR: every checkout under /work/real plus __tests__/fixtures. Prints each page and topic
// whose sections differ, with the first difference, then the counts (pages cut, pages parsed
// whole) and the share of the text the cut pages kept.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { showAndDirs, filesEndingIn, firstDifference, importSources } from './parity-lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ENTRY = `
export { sectionText } from './src/evidence/markdown-section-text.ts';
export { parseMarkdown } from './src/evidence/markdown-document.ts';
export { ownSections } from './src/evidence/own-policy-sections.ts';
export { SUPPORT_HEADING } from './src/evidence/support-schedule.ts';
export { INCIDENT_HEADING } from './src/checks/incident-communication.ts';
`;

/** What ownSections gives that a reader of a part uses: everything but the page-wide language and word count. */
function sectionsOf(part) {
  if (!part) return undefined;
  const { language: _language, words: _words, ...rest } = part;
  return rest;
}

const opts = showAndDirs(process.argv.slice(2), repo, { eachFixture: false });
const m = await importSources(repo, 'section-text-parity', ENTRY);
const topics = { support: m.SUPPORT_HEADING, incident: m.INCIDENT_HEADING };
const count = { pages: 0, withSections: 0, cut: 0, whole: 0, differ: 0, keptChars: 0, cutChars: 0 };
let shown = 0;
for (const dir of opts.dirs) {
  for (const file of filesEndingIn(dir, ['.md', '.markdown'])) {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    const text = readFileSync(file, 'utf8');
    count.pages++;
    let whole;
    for (const [name, topic] of Object.entries(topics)) {
      whole ??= m.parseMarkdown(file, text);
      const expected = sectionsOf(m.ownSections(whole, topic));
      if (!expected) continue;
      count.withSections++;
      const cut = m.sectionText(text, topic);
      if (cut === undefined) {
        count.whole++;
        continue;
      }
      count.cut++;
      count.cutChars += text.length;
      count.keptChars += cut.replace(/\n+/g, '\n').length;
      const actual = sectionsOf(m.ownSections(m.parseMarkdown(file, cut), topic));
      const d = firstDifference(
        JSON.parse(JSON.stringify(expected)),
        JSON.parse(JSON.stringify(actual ?? null)),
      );
      if (!d) continue;
      count.differ++;
      if (shown++ < opts.show)
        console.log(
          `${file} (${name})\n  at ${d.at}\n  whole ${JSON.stringify(d.a)?.slice(0, 300)}\n  cut   ${JSON.stringify(d.b)?.slice(0, 300)}`,
        );
    }
  }
}
console.log(
  `\n${count.pages} pages; ${count.withSections} page-topics with own sections: ${count.cut} cut, ` +
    `${count.whole} parsed whole; ${count.differ} differ`,
);
if (count.cutChars)
  console.log(`the cut pages kept ${((100 * count.keptChars) / count.cutChars).toFixed(1)} % of their text`);
