/**
 * The evidence pack as one standalone HTML file: inline CSS only (no scripts, web fonts or images,
 * nothing fetched — a Content-Security-Policy says so to the browser too), readable on screen and
 * printable to PDF (each theme starts a page; claims and table rows are not split across pages).
 * Every string from the repository, the API or the config goes through `escapeHtml`; the only
 * links are the permalinks and http(s) attestation URLs the model built.
 */
import { createHash } from 'node:crypto';
import type { ClaimStatus } from '../model/types.js';
import type { StatusChange } from './baseline.js';
import { escapeHtml as h } from './escape.js';
import {
  changeCount,
  moreNotListed,
  SOURCE_LABEL,
  type EvidencePack,
  type PackClaim,
  type PackEvidence,
  type PackFact,
  type PackPrinciple,
} from './evidence-pack.js';
import { factSentence, displayDate, statusLabel } from './evidence-pack-wording.js';
import { attestationIntro } from './evidence-pack-appendix.js';
import { OSPS_STATUS_BADGE, OSPS_STATUS_LABEL, type PackOsps } from './evidence-pack-osps.js';
import { AT_COMMIT_NOTE, type AtCommit } from './evidence-pack-working-tree.js';
import { CHECK_STATUS_LABEL } from './format.js';

const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { font-size: 15px; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.45; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .4rem; }
h4 { font-size: 1rem; margin: 0 0 .4rem; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { margin: .4rem 0; }
a { color: #0969da; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .86em; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: .5rem .7rem; white-space: pre-wrap; }
.subtitle { color: var(--muted); margin: 0 0 1.25rem; }
.wrap, a, code { overflow-wrap: anywhere; }
td { overflow-wrap: break-word; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
td.num, th.num { text-align: right; white-space: nowrap; width: 1%; }
td.status { white-space: nowrap; width: 1%; }
thead { display: table-header-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
table.facts th { width: 9rem; }
table.by-principle td:first-child { width: 50%; }
table.by-principle th.num { font-size: .8rem; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 999px; border: 1px solid; font-size: .82rem;
  font-weight: 600; white-space: nowrap; }
.s-met, .c-pass { background: #dafbe1; color: #116329; border-color: #4ac26b; }
.s-partially-met, .c-partial { background: #fff8c5; color: #7d4e00; border-color: #d4a72c; }
.s-not-met, .c-fail { background: #ffebe9; color: #a40e26; border-color: #ff8182; }
.s-attested { background: #ddf4ff; color: #0550ae; border-color: #54aeff; }
.s-unknown, .c-unknown { background: #f6f8fa; color: #59636e; border-color: #afb8c1; }
.s-not-applicable, .c-not-applicable { background: #fff; color: #59636e; border-color: #d1d9e0; border-style: dashed; }
.statement p { margin: .5rem 0; }
.principle-meta { color: var(--muted); margin-bottom: .75rem; }
.claim { border: 1px solid var(--line); border-left-width: 5px; border-radius: 4px; padding: .7rem .9rem; margin: 0 0 .9rem;
  break-inside: avoid; page-break-inside: avoid; }
.claim.s-met { border-left-color: #1a7f37; background: #fff; color: inherit; }
.claim.s-partially-met { border-left-color: #bf8700; background: #fff; color: inherit; }
.claim.s-not-met { border-left-color: #cf222e; background: #fff; color: inherit; }
.claim.s-attested { border-left-color: #0969da; background: #fff; color: inherit; }
.claim.s-unknown, .claim.s-not-applicable { border-left-color: #8c959f; background: #fff; color: inherit; border-style: solid; }
.claim h4 .id { color: var(--muted); margin-right: .35rem; }
.label { font-weight: 600; margin: .55rem 0 .2rem; }
.claim ul { margin: .2rem 0; padding-left: 1.2rem; }
.claim li { margin: .15rem 0; }
.finding { color: #a40e26; }
.change { color: var(--muted); font-size: .88rem; margin-left: .4rem; }
.notes { color: var(--muted); }
.warning { color: #7d4e00; font-weight: 600; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .theme { break-before: page; page-break-before: always; }
  .baseline, .osps { break-before: page; page-break-before: always; }
}
`.trim();

export function renderEvidencePackHtml(pack: EvidencePack): string {
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
    "img-src 'none'",
    "font-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const subject = pack.repository ?? 'repository';
  const body: string[] = [];
  body.push('<header class="cover">');
  body.push('<h1>Software Security Code of Practice — self-assessment</h1>');
  body.push(
    `<p class="subtitle">${h(subject)}${pack.commit ? ` at <code>${h(pack.commit.slice(0, 12))}</code>` : ''} · ${h(displayDate(pack.generatedAt))}</p>`,
  );
  body.push(...cover(pack));
  body.push('</header>');
  if (pack.baseline) body.push(...baselineSection(pack));
  for (const theme of pack.themes) {
    body.push(`<section class="theme" id="theme-${h(theme.id)}">`);
    body.push(`<h2>Theme ${h(theme.id)} — ${h(theme.title)}</h2>`);
    for (const p of theme.principles) body.push(...principleSection(p));
    body.push('</section>');
  }
  if (pack.osps) body.push(...ospsSection(pack.osps));
  if (pack.notes.length) {
    body.push('<section class="notes"><h2>Notes on this scan</h2><ul>');
    for (const n of pack.notes) body.push(`<li>${h(n)}</li>`);
    body.push('</ul></section>');
  }
  if (pack.attestable.length) {
    body.push(
      '<section class="appendix" id="vendor-appendix"><h2>Appendix for the vendor: attesting a claim</h2>',
    );
    body.push(`<p>${h(attestationIntro(pack.attestable))}</p>`);
    body.push(`<pre><code>${h(pack.attestationSnippet)}</code></pre></section>`);
  }
  body.push(
    `<footer>Generated by sscop ${h(pack.toolVersion)} on ${h(displayDate(pack.generatedAt))}. Claim texts are quoted from the NCSC's Assurance Principles and Claims (Crown copyright, Open Government Licence v3.0).</footer>`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Self-assessment — ${h(subject)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function cover(pack: EvidencePack): string[] {
  const out: string[] = [];
  const repository = h(pack.repository ?? '(unknown repository)');
  const commit = pack.commit ? `<code>${h(pack.commit)}</code>` : '(unknown commit)';
  out.push('<table class="facts"><tbody>');
  out.push(
    `<tr><th scope="row">Repository</th><td>${pack.repositoryUrl ? a(repository, pack.repositoryUrl) : repository}</td></tr>`,
  );
  out.push(
    `<tr><th scope="row">Commit</th><td>${pack.commitUrl ? a(commit, pack.commitUrl) : commit}</td></tr>`,
  );
  out.push(`<tr><th scope="row">Date</th><td>${h(displayDate(pack.generatedAt))}</td></tr>`);
  out.push(`<tr><th scope="row">Tool</th><td>sscop ${h(pack.toolVersion)} (${pack.mode} scan)</td></tr>`);
  if (pack.workingTree)
    out.push(
      `<tr><th scope="row">Scanned</th><td class="warning">the working tree, not the commit alone: ${pack.workingTree.changed} changed, ${pack.workingTree.untracked} untracked (marked where cited)</td></tr>`,
    );
  out.push(
    `<tr><th scope="row">Score</th><td><strong>${pack.score}/100</strong> (threshold ${pack.threshold}: ${pack.passed ? 'passed' : `failed — ${h(pack.gateReasons.join('; '))}`})</td></tr>`,
  );
  out.push(
    `<tr><th scope="row">Coverage</th><td>${pack.coverage.observed} of ${pack.coverage.total} in-scope claims observed (${pack.coveragePercent}%) · ${pack.counts.attested} attested · ${pack.counts.unknown} unknown · ${pack.counts['not-applicable']} not applicable</td></tr>`,
  );
  out.push('</tbody></table>');
  out.push('<section class="statement"><h2>What this pack shows</h2>');
  for (const paragraph of pack.statement) out.push(`<p>${h(paragraph)}</p>`);
  out.push('</section>');
  out.push('<section class="summary"><h2>Claims by principle</h2>');
  out.push(
    '<table class="by-principle"><thead><tr><th>Principle</th><th>Status</th><th class="num">Score</th><th class="num">Met</th><th class="num">Partly met</th><th class="num">Not met</th><th class="num">Attested</th><th class="num">Unknown</th><th class="num">N/A</th></tr></thead><tbody>',
  );
  for (const theme of pack.themes) {
    for (const p of theme.principles) {
      const c = p.counts;
      out.push(
        `<tr><td><a href="#principle-${h(p.id)}">${h(p.id)}</a> ${h(p.title)}</td><td class="status">${badge(p.status)}</td><td class="num">${p.score ?? '–'}</td><td class="num">${c.met}</td><td class="num">${c['partially-met']}</td><td class="num">${c['not-met']}</td><td class="num">${c.attested}</td><td class="num">${c.unknown}</td><td class="num">${c['not-applicable']}</td></tr>`,
      );
    }
  }
  out.push('</tbody></table></section>');
  return out;
}

function baselineSection(pack: EvidencePack): string[] {
  const b = pack.baseline!;
  const out: string[] = ['<section class="baseline" id="baseline"><h2>Changes since the baseline</h2>'];
  out.push(
    `<p>Compared with the report on ${h(b.baseline.repository ?? 'the repository')}${b.baseline.commit ? ` at <code>${h(b.baseline.commit.slice(0, 12))}</code>` : ''} generated ${h(displayDate(b.baseline.generatedAt))} by sscop ${h(b.baseline.toolVersion)}.</p>`,
  );
  const cb = b.coverage.before;
  const ca = b.coverage.after;
  out.push(
    '<table><thead><tr><th></th><th class="num">Baseline</th><th class="num">Now</th><th class="num">Change</th></tr></thead><tbody>',
  );
  out.push(
    `<tr><th scope="row">Score</th><td class="num">${b.score.before}</td><td class="num">${b.score.after}</td><td class="num">${signed(b.score.delta)}</td></tr>`,
  );
  out.push(
    `<tr><th scope="row">Claims observed</th><td class="num">${cb.observed}/${cb.total}</td><td class="num">${ca.observed}/${ca.total}</td><td class="num">${signed(ca.observed - cb.observed)}</td></tr>`,
  );
  out.push(
    `<tr><th scope="row">Claims attested</th><td class="num">${cb.attested}</td><td class="num">${ca.attested}</td><td class="num">${signed(ca.attested - cb.attested)}</td></tr>`,
  );
  out.push(
    `<tr><th scope="row">Claims unknown</th><td class="num">${cb.unknown}</td><td class="num">${ca.unknown}</td><td class="num">${signed(ca.unknown - cb.unknown)}</td></tr>`,
  );
  out.push('</tbody></table>');
  const groups: Array<[string, StatusChange['direction']]> = [
    ['Improved', 'improved'],
    ['Regressed', 'regressed'],
    ['Other changes (now observed, no longer observed, or scope changed)', 'changed'],
  ];
  for (const [heading, direction] of groups) {
    const claims = b.claims.filter((c) => c.direction === direction);
    const principles = b.principles.filter((p) => p.direction === direction);
    out.push(
      `<h3 id="baseline-${direction}">${h(heading)}: ${changeCount(principles.length, claims.length)}</h3>`,
    );
    if (!claims.length && !principles.length) {
      out.push('<p>None.</p>');
      continue;
    }
    out.push(
      '<table><thead><tr><th>Principle or claim</th><th>Baseline</th><th>Now</th></tr></thead><tbody>',
    );
    for (const p of principles)
      out.push(
        `<tr><td>Principle <a href="#principle-${h(p.id)}">${h(p.id)}</a> ${h(p.title)}</td><td>${badge(p.before)}</td><td>${badge(p.after)}</td></tr>`,
      );
    for (const c of claims)
      out.push(
        `<tr><td>Claim <a href="#claim-${h(c.id)}">${h(c.id)}</a> ${h(c.title)}</td><td>${badge(c.before)}</td><td>${badge(c.after)}</td></tr>`,
      );
    out.push('</tbody></table>');
  }
  if (b.notes.length) {
    out.push('<ul class="notes">');
    for (const n of b.notes) out.push(`<li>${h(n)}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out;
}

function principleSection(p: PackPrinciple): string[] {
  const out: string[] = [`<section class="principle" id="principle-${h(p.id)}">`];
  out.push(`<h3>${h(p.id)} ${h(p.title)}</h3>`);
  const scoped = p.claims.filter((c) => c.status !== 'not-applicable').length;
  out.push(
    `<p class="principle-meta">${badge(p.status)} · score ${p.score ?? '–'} · ${p.counts.met} of ${scoped} in-scope claims met${change(p.change)}</p>`,
  );
  for (const claim of p.claims) out.push(...claimSection(claim));
  out.push('</section>');
  return out;
}

function claimSection(claim: PackClaim): string[] {
  const out: string[] = [
    `<article class="claim s-${claim.status}" id="claim-${h(claim.id)}" data-status="${claim.status}">`,
  ];
  out.push(`<h4><span class="id">${h(claim.id)}</span>${h(claim.text)}</h4>`);
  out.push(`<p>${badge(claim.status)}${change(claim.change)}</p>`);
  out.push('<p class="label">Evidence</p><ul>');
  if (claim.evidence.length === 0)
    out.push('<li>None: no check observes this claim and no attestation covers it.</li>');
  for (const e of claim.evidence) out.push(evidenceItem(e));
  out.push('</ul>');
  out.push(`<p class="label">Argument</p><p>${h(claim.argument)}</p>`);
  if (claim.nextSteps.length) {
    out.push('<p class="label">Next steps</p><ul>');
    for (const step of claim.nextSteps) {
      out.push(`<li>${h(step.text)}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</article>');
  return out;
}

function evidenceItem(e: PackEvidence): string {
  switch (e.kind) {
    case 'not-applicable':
      return `<li><span class="badge s-not-applicable">not applicable</span> Declared in the config: ${h(e.reason)}</li>`;
    case 'attestation': {
      const refs: string[] = [];
      if (e.url) refs.push(a(h(e.url), e.url));
      else if (e.urlText) refs.push(`<span class="wrap">${h(e.urlText)}</span> (not an http(s) link)`);
      if (e.path)
        refs.push(
          `${e.pathUrl ? a(`<code>${h(e.path)}</code>`, e.pathUrl) : `<code>${h(e.path)}</code>`}${atCommitMark(e.atCommit)}`,
        );
      return `<li><span class="badge s-attested">attestation</span> Declared, not verified: ${h(e.note)}${refs.length ? ` — ${refs.join(' · ')}` : ''}</li>`;
    }
    case 'check': {
      const items: string[] = [];
      for (const f of e.facts) items.push(`<li>${fact(f)}</li>`);
      if (e.moreFacts) items.push(`<li>… and ${moreNotListed(e.moreFacts, 'fact', 'facts')}</li>`);
      for (const f of e.findings) items.push(`<li class="finding">Finding: ${fact(f)}</li>`);
      if (e.moreFindings)
        items.push(`<li class="finding">… and ${moreNotListed(e.moreFindings, 'finding', 'findings')}</li>`);
      for (const f of e.acceptedRisks) items.push(`<li class="accepted">Accepted risk: ${fact(f)}</li>`);
      if (e.moreAcceptedRisks)
        items.push(
          `<li class="accepted">… and ${moreNotListed(e.moreAcceptedRisks, 'accepted risk (suppressed finding)', 'accepted risks (suppressed findings)')}</li>`,
        );
      return `<li><span class="badge c-${e.status}">${CHECK_STATUS_LABEL[e.status]}</span> <code>${h(e.checkId)}</code> ${h(e.title)} (${SOURCE_LABEL[e.source]}): ${h(e.note)}${items.length ? `<ul>${items.join('')}</ul>` : ''}</li>`;
    }
  }
}

function fact(f: PackFact): string {
  const parts: string[] = [];
  if (f.path) {
    const where = `<code>${h(`${f.path}${f.line ? `:${f.line}` : ''}`)}</code>`;
    parts.push(`${f.url ? a(where, f.url) : where}${atCommitMark(f.atCommit)}`);
  }
  parts.push(h(factSentence(f)));
  return parts.join(' — ');
}

/** The mark after a link the commit does not show as the scan saw it. */
function atCommitMark(atCommit: AtCommit | undefined): string {
  return atCommit ? ` <span class="warning">(${AT_COMMIT_NOTE[atCommit]})</span>` : '';
}

function ospsSection(osps: PackOsps): string[] {
  const out = ['<section class="osps" id="osps-baseline"><h2>OSPS Baseline controls</h2>'];
  out.push(`<p>${h(osps.intro)} Catalog: <code>${h(osps.catalogUrl)}</code>.</p>`);
  out.push(`<p>${h(osps.summary)}.</p>`);
  out.push(
    '<table><thead><tr><th>Control</th><th>Status</th><th>Maps to (status here)</th></tr></thead><tbody>',
  );
  for (const c of osps.controls)
    out.push(
      `<tr id="osps-${h(c.id)}" data-status="${c.status}"><td><code>${h(c.id)}</code> ${h(c.title)}</td><td class="status"><span class="badge s-${OSPS_STATUS_BADGE[c.status]}">${h(OSPS_STATUS_LABEL[c.status])}</span></td><td>${h(c.mappedTo)}</td></tr>`,
    );
  out.push('</tbody></table></section>');
  return out;
}

function badge(status: ClaimStatus | null): string {
  return status === null
    ? '<span class="badge s-unknown">absent</span>'
    : `<span class="badge s-${status}">${h(statusLabel(status))}</span>`;
}

function change(c: StatusChange | undefined): string {
  if (!c || c.direction === 'unchanged') return '';
  return `<span class="change">since the baseline (${c.direction}): ${h(statusLabel(c.before))} → ${h(statusLabel(c.after))}</span>`;
}

/** A link to a URL the model built (http(s), percent-encoded); `inner` is already escaped HTML. */
function a(inner: string, url: string): string {
  return `<a href="${h(url)}">${inner}</a>`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}
