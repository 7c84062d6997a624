/**
 * Which files are Markdown documentation, and the links between them that stay in the repository.
 */
import type { RepoFiles } from '../repo/files.js';
import type { EvidenceContext } from './context.js';
import { rememberLast, splitPath } from './locate.js';
import { markdownDocument, type MarkdownDocument } from './markdown-document.js';

/** File extensions read as Markdown. */
const MARKDOWN_FILE = /\.(?:md|markdown|mdown|mkd)$/i;

export function isMarkdownPath(path: string): boolean {
  return MARKDOWN_FILE.test(path);
}

/**
 * Resolves a link in `fromPath` to a Markdown file in the repository, or undefined for links that
 * leave it (absolute URLs, other files, paths that climb above the root or do not exist).
 */
export function resolveRepoLink(
  fromPath: string,
  url: string,
  paths: ReadonlySet<string> | RepoFiles,
): string | undefined {
  if (/^[a-z][a-z0-9+.-]{0,20}:/i.test(url) || url.startsWith('//')) return undefined;
  // [\s\S]*, not .*: with a line break after many `#`, `[?#].*$` backtracks quadratically.
  const target = decodeSafely(url.replace(/[?#][\s\S]*$/, ''));
  if (!target || !isMarkdownPath(target)) return undefined;
  const parts = target.startsWith('/') ? [] : splitPath(fromPath).dir.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  const resolved = parts.join('/');
  const exists = 'has' in paths && typeof paths.has === 'function' ? paths.has(resolved) : false;
  return exists ? resolved : undefined;
}

function decodeSafely(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The Markdown files in the repository that `doc` links to (one hop), in link order, without repeats. */
export function linkedDocuments(ctx: EvidenceContext, doc: MarkdownDocument): MarkdownDocument[] {
  const seen = new Set<string>([doc.path]);
  const out: MarkdownDocument[] = [];
  for (const link of doc.links) {
    const target = resolveRepoLink(doc.path, link.url, ctx.files);
    if (!target || seen.has(target)) continue;
    seen.add(target);
    const linked = markdownDocument(ctx, target);
    if (linked) out.push(linked);
  }
  return out;
}

/**
 * Markdown files where projects keep their policies and user documentation: the root, .github/
 * and anywhere under docs/. Checks that follow links between documents declare these as needs.
 */
export const isDocumentationMarkdown = rememberLast((path): boolean => {
  if (!isMarkdownPath(path)) return false;
  const { dir } = splitPath(path);
  return dir === '' || dir === '.github' || dir === 'docs' || dir.startsWith('docs/');
});

/**
 * The paths `isDocumentationMarkdown` accepts, sorted: looked up in the root, .github/ and docs/
 * rather than by testing every path of the tree.
 */
export function documentationMarkdownPaths(files: Pick<RepoFiles, 'inDir' | 'under'>): string[] {
  return [...files.inDir(''), ...files.inDir('.github'), ...files.under('docs/')]
    .filter(isDocumentationMarkdown)
    .sort();
}
