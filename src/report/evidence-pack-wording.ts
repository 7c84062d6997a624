/** Wording both evidence-pack renderers share: dates, claim statuses and facts as readers see them. */
import type { ClaimStatus } from '../model/types.js';
import { shorten } from '../shorten.js';
import type { PackFact } from './evidence-pack.js';
import { CLAIM_STATUS_LABEL } from './format.js';

/** A fact as one sentence: what was seen, the quotation that shows it, and where the API showed it. */
export function factSentence(f: Pick<PackFact, 'text' | 'quote' | 'source'>): string {
  let text = f.text;
  if (f.quote) text += ` “${shorten(f.quote, 200)}”`;
  if (f.source) text += ` (observed through the GitHub API: ${f.source})`;
  return text;
}

/** A date as a reader of the pack sees it: minutes, in UTC. */
export function displayDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A claim status in words ('absent' for a claim the baseline did not have). */
export function statusLabel(status: ClaimStatus | null): string {
  return status === null
    ? 'absent'
    : CLAIM_STATUS_LABEL[status] === 'n/a'
      ? 'not applicable'
      : CLAIM_STATUS_LABEL[status];
}
