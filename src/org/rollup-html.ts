/**
 * The roll-up as one standalone HTML dashboard: a principle × repository heat map, sortable by any
 * column and filterable by name and by the threshold (a link can carry the view:
 * `#q=NAME&below=1&sort=score&desc=1`). CSS and the one script are inline; a
 * Content-Security-Policy allows nothing else (no requests, no other script: the script is allowed
 * by its hash). Every string from a report goes through `escapeHtml`. Written in pieces, one row
 * at a time.
 */
import { createHash } from 'node:crypto';
import type { ClaimStatus } from '../model/types.js';
import { escapeHtml as h } from '../report/escape.js';
import { principlesMostOftenNotMet, type Rollup } from './rollup.js';

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 1.5rem; color: #1f2328; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
.figures { display: flex; gap: 1.5rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
.figure b { display: block; font-size: 1.6rem; }
.controls { margin: .75rem 0; display: flex; gap: 1rem; align-items: center; }
table { border-collapse: collapse; font-size: .8rem; }
th, td { border: 1px solid #d1d9e0; padding: 2px 6px; text-align: center; white-space: nowrap; }
th { background: #f6f8fa; cursor: pointer; position: sticky; top: 0; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.name { text-align: left; font-family: ui-monospace, Menlo, Consolas, monospace; }
td.below { color: #cf222e; font-weight: 600; }
.met { background: #aceebb; } .partially-met { background: #fff1a8; } .not-met { background: #ffcecb; }
.unknown { background: #e6e6e6; } .attested { background: #b6e3ff; } .not-applicable { background: #fff; color: #8c959f; }
.legend span { padding: 1px 6px; margin-right: .4rem; border: 1px solid #d1d9e0; }
`;

const SCRIPT = `
(() => {
  const table = document.getElementById('heat');
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const name = document.getElementById('filter-name');
  const below = document.getElementById('filter-below');
  const shown = document.getElementById('shown');
  const filter = () => {
    const text = name.value.trim().toLowerCase();
    let n = 0;
    for (const row of rows) {
      const show = (!text || row.dataset.name.includes(text)) && (!below.checked || row.dataset.below === '1');
      row.hidden = !show;
      if (show) n++;
    }
    shown.textContent = String(n);
  };
  name.addEventListener('input', filter);
  below.addEventListener('change', filter);
  const headers = Array.from(table.tHead.rows[0].cells);
  const sortBy = (th, dir) => {
    const col = th.cellIndex;
    for (const other of headers) other.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    const key = (row) => row.cells[col].dataset.v ?? row.cells[col].textContent;
    const numeric = th.dataset.type === 'number';
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      return dir * (numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0);
    });
    body.append(...rows);
  };
  for (const th of headers)
    th.addEventListener('click', () => sortBy(th, th.getAttribute('aria-sort') === 'ascending' ? -1 : 1));
  // A link can carry a view: #q=NAME&below=1&sort=COLUMN&desc=1 (COLUMN as its heading reads).
  const view = new URLSearchParams(location.hash.slice(1));
  name.value = view.get('q') ?? '';
  below.checked = view.get('below') === '1';
  const th = headers.find((h) => h.textContent === view.get('sort'));
  if (th) sortBy(th, view.get('desc') === '1' ? -1 : 1);
  filter();
})();
`;

/** Status order for sorting a principle column: worst first. */
const STATUS_RANK: Record<ClaimStatus, number> = {
  'not-met': 0,
  'partially-met': 1,
  unknown: 2,
  attested: 3,
  met: 4,
  'not-applicable': 5,
};
const STATUS_MARK: Record<ClaimStatus, string> = {
  met: '✓',
  'partially-met': '½',
  'not-met': '✗',
  unknown: '?',
  attested: 'A',
  'not-applicable': '–',
};

export function* renderRollupHtml(rollup: Rollup): Generator<string> {
  const hash = createHash('sha256').update(SCRIPT).digest('base64');
  const { estate } = rollup;
  const worst = principlesMostOftenNotMet(rollup)[0];
  yield `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sscop estate dashboard</title><style>${CSS}</style></head><body>
<h1>sscop — estate dashboard</h1>
<div class="figures">
<div class="figure"><b>${estate.score}</b>estate score</div>
<div class="figure"><b>${estate.passed}/${estate.repositories}</b>repositories passed</div>
<div class="figure"><b>${estate.coverage.percent}%</b>claims observed</div>
${worst ? `<div class="figure"><b>${h(worst.id)}</b>most often not met (${worst.notMet} repositories)</div>` : ''}
</div>
${rollup.unobserved.revealer ? `<p><strong>What would reveal most of what was not observed:</strong> ${h(rollup.unobserved.revealer.howToObserve)} (${rollup.unobserved.revealer.checks} unknown checks in ${rollup.unobserved.revealer.repositories} repositories).</p>` : ''}
<p class="legend">${Object.entries(STATUS_MARK)
    .map(([status, mark]) => `<span class="${status}">${mark} ${status}</span>`)
    .join('')}</p>
<div class="controls"><label>Repository <input id="filter-name" type="search" placeholder="filter by name"></label>
<label><input id="filter-below" type="checkbox"> below the threshold only</label>
<span><span id="shown">${rollup.repositories.length}</span> shown</span></div>
<table id="heat"><thead><tr><th>repository</th><th data-type="number">score</th><th data-type="number">threshold</th><th data-type="number">claims observed</th>`;
  for (const p of rollup.principles) yield `<th data-type="number" title="${h(p.title)}">${h(p.id)}</th>`;
  yield '</tr></thead><tbody>\n';
  for (const r of rollup.repositories) {
    const cells = rollup.principles.map((p) => {
      const status = r.principles[p.id];
      if (!status) return '<td data-v="9"></td>';
      return `<td class="${status}" data-v="${STATUS_RANK[status]}" title="${h(`${p.id}: ${status}`)}">${STATUS_MARK[status]}</td>`;
    });
    const name = h(r.repository);
    yield `<tr data-name="${h(r.repository.toLowerCase())}" data-below="${r.gap < 0 ? 1 : 0}"><td class="name">${name}</td><td class="${r.gap < 0 ? 'below' : ''}">${r.score}</td><td>${r.threshold}</td><td data-v="${r.coverage.observed}">${r.coverage.observed}/${r.coverage.total}</td>${cells.join('')}</tr>\n`;
  }
  yield `</tbody></table>\n<script>${SCRIPT}</script>\n</body></html>\n`;
}
