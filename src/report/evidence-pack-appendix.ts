/**
 * The evidence pack's appendix for the vendor: how to attest the claims no check observed. Kept
 * out of the claims, which a customer reads; generated from claim ids only, never repository text.
 */
import { CONFIG_FILE } from './evidence-pack.js';

/** Where a claim's next step points the vendor for the config entry. */
export const ATTEST_HOW = 'the appendix for the vendor shows how';

/** The config entry that attests claims; generated from claim ids only, never from repository text. */
export function attestationSnippet(claimIds: readonly string[]): string {
  return [
    'attestations:',
    `  - claims: [${claimIds.map((id) => `'${id}'`).join(', ')}]`,
    '    url: https://example.com/your-evidence',
    '    note: What the evidence shows and who keeps it current',
  ].join('\n');
}

/** The appendix's explanation, above the config entry. */
export function attestationIntro(claimIds: readonly string[]): string {
  return `Claims that no sscop check observed (${claimIds.join(', ')}) can be attested in ${CONFIG_FILE}: each entry points to the evidence (a URL or a repository path) with a note on what it shows. sscop then reports the claim as attested, not verified. Keep in the entry only the claims the evidence covers.`;
}
