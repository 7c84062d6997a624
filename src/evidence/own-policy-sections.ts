/**
 * Where, outside its policy files, a project states its own policy (support, incidents,
 * vulnerability handling): sections of documentation pages whose heading is about the project's
 * own topic. Sections about what the project works with (platforms, chat channels, integrations,
 * other products) use the same words ("Supported OS", "Channel Support", "Notifications") and say
 * nothing about the project's own policy; nor do proposals, research write-ups and blog posts.
 */
import { splitPath } from './locate.js';
import type { MarkdownDocument } from './markdown-document.js';

/** Headings about what the project runs on or talks to, rather than about the project itself. */
export const OTHER_SUBJECT_HEADING =
  /\b(?:platforms?|OS|operating systems?|distros?|distributions?|linux|windows|macos|android|ios|browsers?|devices?|architectures?|hardware|channels?|integrations?|providers?|plugins?|drivers?|backends?|databases?|languages?|runtimes?|compilers?|toolchains?|frameworks?|formats?|protocols?|clouds?|third[- ]party|vendors?|python|node(?:\.js)?|golang|go|java|jdk|ruby|php|kubernetes|k8s|helm|shells?|terminals?|editors?|IDEs?)\b/i;

/** Folder names of pages that discuss policy rather than state it: proposals, research, posts, archives. */
const DISCUSSION_FOLDER =
  /(?:^|[-_.])(?:rfcs?|proposals?|enhancements|keps?|adrs?|decisions|research|blog|posts|news|minutes|meetings?|archived?|archives|drafts?)(?:$|[-_.])/i;

/** True for pages kept with proposals, research, posts or archives: they do not state current policy. */
export function isDiscussionPage(path: string): boolean {
  return splitPath(path)
    .dir.split('/')
    .some((folder) => DISCUSSION_FOLDER.test(folder));
}

/** Whether a heading is about the project's own `topic`: it matches it and names no other subject. */
export function isOwnHeading(heading: string, topic: RegExp): boolean {
  return topic.test(heading) && !OTHER_SUBJECT_HEADING.test(heading);
}

/**
 * The part of a documentation page under headings about the project's own `topic`, without the
 * sub-sections about other subjects ("Support" > "Supported platforms"); undefined when there is
 * none. The innermost heading that names either decides each line.
 */
export function ownSections(doc: MarkdownDocument, topic: RegExp): MarkdownDocument | undefined {
  const deciding = doc.sections
    .filter((s) => topic.test(s.heading) || OTHER_SUBJECT_HEADING.test(s.heading))
    .sort((a, b) => a.depth - b.depth);
  if (!deciding.some((s) => isOwnHeading(s.heading, topic))) return undefined;
  // Outer sections first, inner ones overwrite: sections of one level never overlap, so this is at
  // most six passes over the page's lines.
  const lastLine = deciding.reduce((max, s) => Math.max(max, s.endLine), 0);
  const own = new Uint8Array(lastLine + 2);
  for (const section of deciding) {
    own.fill(isOwnHeading(section.heading, topic) ? 1 : 0, section.line, section.endLine + 1);
  }
  const isOwn = (line: number): boolean => own[line] === 1;
  return {
    ...doc,
    sections: doc.sections.filter((s) => isOwn(s.line)),
    blocks: doc.blocks.filter((b) => isOwn(b.line)),
    tables: doc.tables.filter((t) => isOwn(t.line)),
    links: doc.links.filter((l) => isOwn(l.line)),
  };
}
