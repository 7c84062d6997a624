/**
 * Claims 4.1.2 and 4.1.3 of support-policy: whether the documents say how often updates ship, and
 * how users apply them.
 */
import type { ClaimVerdict, Evidence } from '../model/types.js';
import { splitPath } from '../evidence/locate.js';
import {
  blocksIn,
  type MarkdownDocument,
  sectionsMatching,
  sentenceEvidence,
  sentences,
} from '../evidence/markdown.js';
import { UPGRADE_FILE, type SupportDocuments } from '../evidence/support-documents.js';

export const FREQUENCY =
  /\b(?:release|update|patch|version|fix)[a-z]{0,4}\b.{0,80}?(?:\bevery\b|\beach (?:week|month|quarter|year)\b|\bweekly\b|\bmonthly\b|\bquarterly\b|\bannually\b|\byearly\b|\bbiweekly\b|\bfortnightly\b|\btwice a\b|\bonce a\b|\bper (?:week|month|quarter|year)\b|\bcadence\b|\bregular schedule\b|\bregularly\b|\bas soon as\b|\bas needed\b)/i;
const FREQUENCY_HEADING = /release (?:cadence|schedule|cycle|frequency)|update (?:policy|frequency|cadence)/i;
export const VERSIONING = /\bsemantic versioning\b|\bsemver\b|\bbackport/i;
const UPGRADE_HEADING =
  /\bupgrad|\bupdating\b|\bhow to update\b|\bmigrat|\bapplying updates\b|\binstalling updates\b|\bupdate guide\b/i;
export const UPGRADE_SENTENCE =
  /\bto (?:upgrade|update)\b.{0,80}\b(?:run|install|use|download|pull)\b|\bupgrade (?:to|by|with|using)\b|\bupdate (?:to the latest|by running|with)\b/i;

/** 4.1.2: a stated cadence, else a release schedule section, else a versioning policy (partial). */
export function frequencyVerdict(docs: readonly MarkdownDocument[], evidence: Evidence[]): ClaimVerdict {
  for (const doc of docs) {
    for (const s of sentences(doc)) {
      if (s.block.kind === 'heading' || s.block.kind === 'table-row') continue;
      if (FREQUENCY.test(s.text)) {
        evidence.push(sentenceEvidence('states how often updates ship', s));
        return { status: 'pass', note: `update frequency is stated (${s.path}:${s.line})` };
      }
    }
  }
  for (const doc of docs) {
    const [section] = sectionsMatching(doc, FREQUENCY_HEADING);
    if (section && blocksIn(doc, section).length > 1) {
      evidence.push({
        summary: 'release schedule section',
        path: doc.path,
        line: section.line,
        quote: section.heading,
      });
      return { status: 'pass', note: `a release schedule is published (${doc.path}:${section.line})` };
    }
  }
  for (const doc of docs) {
    const s = sentences(doc).find((x) => VERSIONING.test(x.text));
    if (s) {
      evidence.push(sentenceEvidence('states a versioning or backport policy', s));
      return {
        status: 'partial',
        note: `a versioning policy is stated but not how often updates ship (${s.path}:${s.line})`,
      };
    }
  }
  return { status: 'fail', note: 'no policy on how often updates are released was found' };
}

/** 4.1.3: an upgrade guide or section, else a sentence on how to upgrade (partial). */
export function upgradeDocsVerdict(corpus: SupportDocuments, evidence: Evidence[]): ClaimVerdict {
  for (const doc of corpus.docs) {
    if (UPGRADE_FILE.test(splitPath(doc.path).name) && doc.blocks.length > 1) {
      evidence.push({ summary: 'upgrade guide', path: doc.path, line: 1 });
      return { status: 'pass', note: `${doc.path} tells users how to upgrade` };
    }
    for (const section of sectionsMatching(doc, UPGRADE_HEADING)) {
      if (blocksIn(doc, section).length > 1) {
        evidence.push({
          summary: 'upgrade instructions',
          path: doc.path,
          line: section.line,
          quote: section.heading,
        });
        return {
          status: 'pass',
          note: `"${section.heading}" (${doc.path}:${section.line}) tells users how to apply updates`,
        };
      }
    }
  }
  for (const doc of corpus.docs) {
    const s = sentences(doc).find((x) => UPGRADE_SENTENCE.test(x.text));
    if (s) {
      evidence.push(sentenceEvidence('mentions how to upgrade', s));
      return {
        status: 'partial',
        note: `a sentence says how to upgrade (${s.path}:${s.line}) but there is no upgrade guide`,
      };
    }
  }
  return { status: 'fail', note: 'no user documentation on applying updates was found' };
}
