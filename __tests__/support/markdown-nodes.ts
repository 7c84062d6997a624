/**
 * What a Markdown document renders as, for injection tests: GitHub-flavoured Markdown parsed the
 * way a viewer does (autolink literals included), as a list of live nodes by type.
 */
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export interface LiveMarkup {
  headings: string[];
  /** Link and image targets. */
  links: string[];
  html: string[];
}

export function liveMarkup(markdown: string): LiveMarkup {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const found: LiveMarkup = { headings: [], links: [], html: [] };
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') found.headings.push(plainText(node));
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition')
      found.links.push(node.url);
    if (node.type === 'html') found.html.push(node.value);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return found;
}

function plainText(node: Nodes): string {
  if ('value' in node) return node.value;
  return 'children' in node ? node.children.map(plainText).join('') : '';
}
