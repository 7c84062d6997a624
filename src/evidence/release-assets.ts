/**
 * Files attached to the repository's recent releases (online scans only): what customers actually
 * download, so SBOMs and signatures found there are direct evidence for 1.2.1 and 3.1.1.
 */
import type { GitHubFacts } from '../github/facts.js';

export interface ReleaseAsset {
  release: string;
  name: string;
}

/** SPDX and CycloneDX documents as they are usually named when published. */
const SBOM_ASSET =
  /\.spdx(?:\.(?:json|ya?ml|xml|rdf))?$|\.cdx\.(?:json|xml)$|(?:^|[._-])s?bom(?:[._-][\w.-]{0,80})?\.(?:json|xml)$/i;

/** Signatures, Sigstore bundles and provenance attestations. */
const SIGNATURE_ASSET =
  /\.(?:sig|asc|sigstore|sigstore\.json|intoto\.jsonl|pem|crt|minisig)$|(?:^|[._-])(?:provenance|attestations?)(?:[._-]|$)/i;

/** Published (non-draft) releases and their assets, newest first, as the API listed them. */
export function publishedReleases(
  github: GitHubFacts | undefined,
): Array<{ tag: string; assets: string[] }> | undefined {
  if (!github || !('value' in github.releases)) return undefined;
  return github.releases.value.filter((r) => !r.draft).map((r) => ({ tag: r.tagName, assets: r.assets }));
}

export function sbomAssets(github: GitHubFacts | undefined): ReleaseAsset[] {
  return matching(github, SBOM_ASSET);
}

export function signatureAssets(github: GitHubFacts | undefined): ReleaseAsset[] {
  return matching(github, SIGNATURE_ASSET);
}

function matching(github: GitHubFacts | undefined, pattern: RegExp): ReleaseAsset[] {
  const out: ReleaseAsset[] = [];
  for (const r of publishedReleases(github) ?? []) {
    for (const name of r.assets)
      if (name.length <= 300 && pattern.test(name)) out.push({ release: r.tag, name });
  }
  return out;
}
