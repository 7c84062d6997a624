/** Online scans: what the releases themselves ship is evidence for sbom and release-integrity. */
import { describe, expect, it } from '@jest/globals';
import { checkContext } from '../../src/checks/check.js';
import { releaseIntegrity } from '../../src/checks/release-integrity.js';
import { sbom } from '../../src/checks/sbom.js';
import type { GitHubFacts, ReleaseFacts } from '../../src/github/facts.js';
import { filesFromRecord } from '../../src/repo/files.js';
import { githubFacts, TODAY } from '../support/fake-github/facts.js';

function release(tag: string, assets: string[]): ReleaseFacts {
  return {
    tagName: tag,
    name: tag,
    publishedAt: '2026-10-01T12:00:00Z',
    createdAt: '2026-10-01T12:00:00Z',
    draft: false,
    prerelease: false,
    assets,
  };
}

function run(check: typeof sbom | typeof releaseIntegrity, github: GitHubFacts | undefined) {
  const ctx = checkContext(filesFromRecord({ 'README.md': '# x\n' }), TODAY);
  return check.run({ ...ctx, github });
}

describe('release assets as evidence', () => {
  it('counts an SBOM attached to a release, and it evidences 3.1.1 (customers receive it)', () => {
    const outcome = run(
      sbom,
      githubFacts({ releases: { value: [release('v2.0.0', ['tool-linux.tar.gz', 'tool.spdx.json'])] } }),
    );
    expect(outcome.status).toBe('pass');
    expect(outcome.claims?.['3.1.1']).toMatchObject({ status: 'pass' });
    expect(outcome.evidence).toContainEqual({
      summary: 'SBOM tool.spdx.json attached to release v2.0.0',
      source: 'GitHub releases',
    });
  });

  it('leaves sbom failing offline when no file or workflow gives one', () => {
    expect(run(sbom, undefined).status).toBe('fail');
  });

  it('passes release-integrity when every release with assets ships a signature or provenance', () => {
    const outcome = run(
      releaseIntegrity,
      githubFacts({
        releases: {
          value: [
            release('v2.0.0', ['tool.tar.gz', 'tool.tar.gz.sigstore.json']),
            release('v1.9.0', ['tool.tar.gz', 'multiple.intoto.jsonl']),
          ],
        },
      }),
    );
    expect(outcome.status).toBe('pass');
  });

  it('fails release-integrity when releases ship assets with nothing to verify them', () => {
    const outcome = run(
      releaseIntegrity,
      githubFacts({ releases: { value: [release('v2.0.0', ['tool.tar.gz', 'SHA256SUMS'])] } }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.findings[0]!.message).toMatch(/Release v2\.0\.0 ships 2 asset\(s\) with no signature/);
  });

  it('stays unknown when releases have no assets (source-only) and no workflow publishes', () => {
    expect(run(releaseIntegrity, githubFacts({ releases: { value: [release('v2.0.0', [])] } })).status).toBe(
      'unknown',
    );
  });
});
