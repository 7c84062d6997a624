/**
 * The documents a project describes support in: its security and support policies, the pages they
 * link to, support sections of its README and docs, and endoflife.date-style YAML.
 */
import type { EvidenceContext } from './context.js';
import { findCommunityFiles, isCommunityFile, splitPath } from './locate.js';
import {
  documentationMarkdownPaths,
  documentForSections,
  isDocumentationMarkdown,
  linkedDocuments,
  markdownDocument,
  mayHaveHeading,
  type MarkdownDocument,
  type ProseInterest,
} from './markdown.js';
import { isDiscussionPage, ownSections } from './own-policy-sections.js';
import { SUPPORT_HEADING } from './support-schedule.js';

/** Documentation files that are about support as a whole. */
const SUPPORT_FILE =
  /support|life-?cycle|\beol\b|end-of-life|maintenance|release-policy|versioning|upgrad|migrat/i;
/** endoflife.date-style YAML: release cycles with their end-of-life dates. */
const EOL_YAML = /^\.?(?:endoflife|end-of-life|eol|lifecycle|support)\.ya?ml$/i;
/** Names of upgrade and migration guides. */
export const UPGRADE_FILE = /^(?:upgrad|migrat|updating)/i;

/** Files the support policy may be read from. */
export function isSupportSource(path: string): boolean {
  return (
    isCommunityFile(path, 'SECURITY') ||
    isCommunityFile(path, 'SUPPORT') ||
    isDocumentationMarkdown(path) ||
    isEolYaml(path)
  );
}

/** The root, .github/ and docs/ itself (not its subfolders). */
function isNearRoot(dir: string): boolean {
  return dir === '' || dir === '.github' || dir === 'docs';
}

function isEolYaml(path: string): boolean {
  const { dir, name } = splitPath(path);
  return (dir === '' || dir === '.github' || dir === 'docs') && EOL_YAML.test(name);
}

/** The documents that describe support, as read for the support-policy check. */
export interface SupportDocuments {
  docs: MarkdownDocument[];
  /** Documents read because of their name or a link; their whole text counts. */
  primary: MarkdownDocument[];
  /**
   * Paths of `docs` read for their support sections only, from pages other than the README: what
   * such a page says about the project's support counts, but a lapse in it (dates long passed) may
   * be history rather than the policy.
   */
  secondary: Set<string>;
  yaml: Array<{ path: string; text: string }>;
}

/**
 * SECURITY.md and SUPPORT.md, the pages they (and the README's support sections) link to, pages
 * named for support or upgrading near the root, support sections of other documentation, and
 * endoflife-style YAML. Support sections of other pages are read for what `interest` may need of
 * their prose (the policies and the README are read whole).
 */
export function supportDocuments(ctx: EvidenceContext, interest?: ProseInterest): SupportDocuments {
  const { files } = ctx;
  const corpus: SupportDocuments = { docs: [], primary: [], secondary: new Set(), yaml: [] };
  const seen = new Set<string>();
  const addWhole = (doc: MarkdownDocument | undefined): void => {
    if (!doc || seen.has(doc.path)) return;
    seen.add(doc.path);
    corpus.primary.push(doc);
    corpus.docs.push(doc);
  };
  const roots: MarkdownDocument[] = [];
  for (const base of ['SECURITY', 'SUPPORT']) {
    const [path] = findCommunityFiles(files, base);
    const doc = path ? markdownDocument(ctx, path) : undefined;
    if (doc) roots.push(doc);
    addWhole(doc);
  }
  const readmePath = files.inDir('').find((p) => /^readme(?:\.(?:md|markdown))?$/i.test(p));
  const readme = readmePath ? markdownDocument(ctx, readmePath) : undefined;
  for (const root of [...roots, ...(readme ? [readme] : [])]) {
    // From a README only links in its support sections count; a policy's links all do.
    const from = root === readme ? ownSections(root, SUPPORT_HEADING) : root;
    if (from) for (const linked of linkedDocuments(ctx, from)) addWhole(linked);
  }
  for (const path of documentationMarkdownPaths(files)) {
    if (seen.has(path)) continue;
    const { dir, name } = splitPath(path);
    // Deep in docs/, a page named "browser-support" is rarely the support policy: read its sections only.
    if (isNearRoot(dir) && (SUPPORT_FILE.test(name) || UPGRADE_FILE.test(name))) {
      addWhole(markdownDocument(ctx, path));
      continue;
    }
    if (/^(?:changelog|changes|history)/i.test(splitPath(path).name) || isDiscussionPage(path)) continue;
    if (!mayHaveHeading(ctx, path, SUPPORT_HEADING)) continue;
    const doc = path === readmePath ? readme : documentForSections(ctx, path, SUPPORT_HEADING, interest);
    const part = doc && ownSections(doc, SUPPORT_HEADING);
    if (part) {
      seen.add(path);
      corpus.docs.push(part);
      if (path !== readmePath) corpus.secondary.add(path);
    }
  }
  for (const path of ['', '.github', 'docs'].flatMap((d) => files.inDir(d)).sort()) {
    const text = isEolYaml(path) ? files.text(path) : undefined;
    if (text !== undefined) corpus.yaml.push({ path, text });
  }
  return corpus;
}
