/**
 * Markdown documents as checks read them: sections by heading with their line ranges, tables with
 * rows and line numbers, links, and prose (paragraphs, list items, table rows) as plain text whose
 * every offset maps back to a line of the file. Parsed with markdown-it, read as mdast with GFM reads it, once per scan per file.
 *
 * Everything here runs on text a stranger controls: lines are cut before parsing, documents are
 * capped, and nothing throws — a file that cannot be read as Markdown comes back empty with a note.
 */
// Checks read Markdown through this module alone; parsing, prose, sections and links between files
// are kept in their own modules and offered from here.
import { DOCUMENT_MEMO } from './markdown-document.js';
import { HEADING_MEMO } from './markdown-sections.js';

/** The memo families parsed Markdown is kept in: a check that reads Markdown names them (`memoFamilies`). */
export const MARKDOWN_MEMO: readonly string[] = [DOCUMENT_MEMO, HEADING_MEMO];

export {
  markdownDocument,
  MAX_DOCUMENT_CHARS,
  MAX_LINE,
  parseMarkdown,
  type BlockKind,
  type DocumentLanguage,
  type MarkdownDocument,
  type MarkdownLink,
  type MarkdownSection,
  type MarkdownTable,
  type ProseInterest,
  type Sentence,
  type TableRow,
  type TextBlock,
} from './markdown-document.js';
export {
  findSentence,
  lineAt,
  proseLanguage,
  sentenceEvidence,
  sentences,
  sentencesOf,
  type SentenceSpan,
} from './markdown-prose.js';
export { documentForSections } from './markdown-section-text.js';
export { mayMention } from './markdown-inline.js';
export {
  blocksIn,
  firstHeadingMatching,
  inSection,
  mayHaveHeading,
  sectionsMatching,
  sectionsOnly,
} from './markdown-sections.js';
export {
  documentationMarkdownPaths,
  isDocumentationMarkdown,
  isMarkdownPath,
  linkedDocuments,
  resolveRepoLink,
} from './documentation-files.js';
