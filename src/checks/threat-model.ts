/**
 * threat-model: a threat model kept with the code — a document named for it, a model file of a
 * threat modelling tool (Threat Dragon, Threagile, pytm, Microsoft TMT), or a "Threat model"
 * section in the security policy, README or top-level docs. Most threat models live outside the
 * repository, so finding none is `unknown` (attest it), never `fail`.
 */
import type { CheckOutcome, Evidence, Finding } from '../model/types.js';
import { isCommunityFile, quote, splitLines, splitPath } from '../evidence/locate.js';
import { testMaterial } from '../evidence/test-material.js';
import {
  isMarkdownPath,
  MARKDOWN_MEMO,
  markdownDocument,
  mayHaveHeading,
  sectionsMatching,
} from '../evidence/markdown.js';
import { BUDGETS, readJsonFile } from '../evidence/parse-budget.js';
import { findingAt, type CheckContext, type FileCheck } from './check.js';
import { unknown } from './outcome.js';
import { isRecord } from '../model/json.js';

const ID = 'threat-model';

/** A dedicated document with fewer words than this is a stub, not a model. */
const STUB_WORDS = 60;
const MAX_LINE = 2000;

const THREAT_HEADING = /threat[\s_-]{0,3}model|threat analysis/i;
const READABLE_DOC = /\.(?:md|markdown|mdown|mkd|rst|adoc|asciidoc|txt|org)$/i;
const UNREADABLE_DOC = /\.(?:pdf|docx?|odt|html?|pptx?)$/i;

const MAY_BE_THREAT_MODEL = /threat|threagile|\.tm7$|(?:^|\/)tm\.py$/i;

type Kind = 'document' | 'readable-document' | 'threat-dragon' | 'threagile' | 'pytm' | 'tmt' | 'threatspec';

/** What a path is, when its name or place says threat model; undefined otherwise. */
export function threatModelKind(path: string): Kind | undefined {
  // Every kind below has "threat" or "threagile" in its path, but for the Microsoft TMT file and
  // tm.py: this first test clears nearly every path of a large tree at once.
  if (!MAY_BE_THREAT_MODEL.test(path)) return undefined;
  // Vendored and test material: a library's model, or an example of the format, is not this project's.
  if (testMaterial(path)) return undefined;
  // Pages that document a threat-model *check or rule* (scanners' docs/checks/threat-model.md) are not models.
  if (/(?:^|\/)(?:checks|rules|controls)\//.test(path)) return undefined;
  const { dir, name } = splitPath(path);
  const lower = name.toLowerCase();
  if (/\.tm7$|\.threatmodel$/.test(lower)) return 'tmt';
  if (/^threagile[\w.-]{0,40}\.ya?ml$/.test(lower)) return 'threagile';
  if (/^threatspec[\w.-]{0,40}\.ya?ml$/.test(lower)) return 'threatspec';
  if (lower === 'tm.py' || /threat[-_]?model[\w.-]{0,40}\.py$/.test(lower)) return 'pytm';
  const threatDir = dir.split('/').some((s) => /threat/i.test(s));
  if (lower.endsWith('.json') && (threatDir || /threat/.test(lower))) return 'threat-dragon';
  const namedForIt =
    /threat[-_ ]?model/.test(lower) ||
    ((dir === 'docs' || dir.startsWith('docs/')) && /^threats?(?:[-_ .]|$)/.test(lower));
  if (namedForIt && READABLE_DOC.test(lower)) return 'readable-document';
  if (namedForIt && UNREADABLE_DOC.test(lower)) return 'document';
  return undefined;
}

/** Markdown documents searched for a "Threat model" heading. */
function isHeadingCandidate(path: string): boolean {
  if (!isMarkdownPath(path)) return false;
  if (isCommunityFile(path, 'SECURITY') || path.toLowerCase() === 'readme.md') return true;
  const { dir } = splitPath(path);
  return dir === 'docs' || dir === 'docs/security' || dir === '.github';
}

interface Found {
  summary: string;
  path: string;
  line?: number;
  quote?: string;
  /** Set when the document is too thin to be a threat model. */
  stub?: string;
}

export const threatModel: FileCheck = {
  id: ID,
  source: 'files',
  memoFamilies: MARKDOWN_MEMO,
  needs: (path) => {
    const kind = threatModelKind(path);
    if (kind === 'tmt' || kind === 'document') return undefined; // presence is the evidence
    return kind || isHeadingCandidate(path) ? 'text' : undefined;
  },
  run: (ctx) => {
    const found: Found[] = [];
    for (const path of ctx.files.paths) {
      const kind = threatModelKind(path);
      const model = kind ? inspect(ctx, path, kind) : undefined;
      if (model) found.push(model);
      else if (isHeadingCandidate(path)) {
        const section = headingSection(ctx, path);
        if (section) found.push(section);
      }
    }
    return judge(found);
  },
};

function inspect(ctx: CheckContext, path: string, kind: Kind): Found | undefined {
  if (kind === 'tmt') return { summary: 'Microsoft Threat Modeling Tool model', path };
  if (kind === 'document') return { summary: 'threat model document', path };
  const text = ctx.files.text(path);
  if (text === undefined) {
    // Named for a threat model but unreadable (too large): still a document, unverified.
    const skip = ctx.files.skipped.find((s) => s.path === path);
    return skip && kind === 'readable-document'
      ? { summary: `threat model document (not read: ${skip.reason})`, path }
      : undefined;
  }
  if (text.includes('\u0000')) return undefined;
  switch (kind) {
    case 'readable-document':
      return readDocument(ctx, path, text);
    case 'threat-dragon':
      return readThreatDragon(ctx, path);
    case 'threagile':
      return firstLineMatching(
        path,
        text,
        /^(?:threagile_version|technical_assets)\s{0,10}:/,
        'Threagile threat model',
      );
    case 'threatspec':
      return firstLineMatching(
        path,
        text,
        /^(?:project|paths|threatspec)\s{0,10}:/,
        'threatspec configuration',
      );
    case 'pytm':
      return firstLineMatching(
        path,
        text,
        /^\s{0,8}(?:from\s{1,8}pytm\b|import\s{1,8}pytm\b)/,
        'pytm threat model (threats as code)',
      );
  }
}

function readDocument(ctx: CheckContext, path: string, text: string): Found {
  const doc = isMarkdownPath(path) ? markdownDocument(ctx, path) : undefined;
  const words = doc ? doc.words : countWords(text);
  const found: Found = { summary: `threat model document (${words} words)`, path, line: 1 };
  if (words < STUB_WORDS) found.stub = `has only ${words} words of prose`;
  return found;
}

function headingSection(ctx: CheckContext, path: string): Found | undefined {
  if (!mayHaveHeading(ctx, path, THREAT_HEADING)) return undefined;
  const doc = markdownDocument(ctx, path);
  const section = doc ? sectionsMatching(doc, THREAT_HEADING)[0] : undefined;
  if (!section) return undefined;
  return {
    summary: `"${quote(section.heading, 80)}" section (lines ${section.line}–${section.endLine})`,
    path,
    line: section.line,
    quote: quote(section.heading),
    stub: section.endLine - section.line < 2 ? 'the section under the heading is empty' : undefined,
  };
}

/** OWASP Threat Dragon (v1 and v2): a summary, and diagrams under detail whose cells carry threats. */
function readThreatDragon(ctx: CheckContext, path: string): Found | undefined {
  const parsed = readJsonFile(ctx, path, BUDGETS.threatModelJson);
  if (!parsed?.ok) return undefined;
  const data = parsed.value;
  if (
    !isRecord(data) ||
    !isRecord(data.summary) ||
    !isRecord(data.detail) ||
    !Array.isArray(data.detail.diagrams)
  ) {
    return undefined;
  }
  const diagrams = data.detail.diagrams;
  let threats = 0;
  for (const diagram of diagrams) {
    const cells = isRecord(diagram) && Array.isArray(diagram.cells) ? diagram.cells : [];
    for (const cell of cells) {
      const list = isRecord(cell) ? (isRecord(cell.data) ? cell.data.threats : cell.threats) : undefined;
      if (Array.isArray(list)) threats += list.length;
    }
  }
  return {
    summary: `OWASP Threat Dragon model (${diagrams.length} diagram(s), ${threats} threat(s))`,
    path,
    line: 1,
    stub: diagrams.length === 0 ? 'has no diagrams' : undefined,
  };
}

function firstLineMatching(path: string, text: string, pattern: RegExp, summary: string): Found | undefined {
  const index = splitLines(text).findIndex((l) => pattern.test(l.slice(0, MAX_LINE)));
  return index < 0 ? undefined : { summary, path, line: index + 1 };
}

function countWords(text: string): number {
  let n = 0;
  for (const _ of text.slice(0, 1024 * 1024).matchAll(/\p{L}{2,40}/gu)) n++;
  return n;
}

function judge(found: Found[]): CheckOutcome {
  const evidence: Evidence[] = found.map((f) => ({
    summary: f.stub ? `${f.summary}, a stub: ${f.stub}` : f.summary,
    path: f.path,
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.quote ? { quote: f.quote } : {}),
  }));
  const real = found.filter((f) => !f.stub);
  if (real.length) {
    const first = real[0]!;
    return {
      status: 'pass',
      summary: `Threat model found: ${first.summary} in ${first.path}${real.length > 1 ? ` (and ${real.length - 1} more)` : ''}.`,
      findings: [],
      evidence,
    };
  }
  if (found.length) {
    const findings: Finding[] = found.map((f) =>
      findingAt(ID, f, {
        severity: 'low',
        message: `The threat model ${f.stub}: it does not show that threats were modelled.`,
        remediation:
          'Describe the system (assets, trust boundaries, data flows), the threats to it (e.g. by STRIDE) and how each is mitigated or accepted, and keep it current with the design.',
      }),
    );
    return {
      status: 'partial',
      summary: `Only a stub of a threat model (${found[0]!.path}).`,
      findings,
      evidence,
    };
  }
  return unknown(
    'No threat model in the repository; it may well be kept elsewhere.',
    {
      reason:
        'no threat model document, threat modelling tool file or "Threat model" section was found in the repository',
      howToObserve:
        "add docs/threat-model.md (or a Threat Dragon, Threagile or pytm model), or, if the model lives elsewhere, attest claim 1.4.1 in .github/sscop.yml (an attestations entry with the model's URL and a note)",
    },
    { evidence },
  );
}
