import { describe, expect, it } from '@jest/globals';
import { releaseIntegrity } from '../../src/checks/release-integrity.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (name: string) => runCheckOnDir(releaseIntegrity, fixture('release-integrity', name));

describe('release-integrity', () => {
  it('passes a tag release that attests build provenance before uploading assets', async () => {
    const out = await run('attested');
    expect(out.status).toBe('pass');
    expect(out.evidence.map((e) => [e.line, e.summary])).toEqual([
      [20, expect.stringMatching(/publishes GitHub release assets/)],
      [17, expect.stringMatching(/signs\/attests: actions\/attest-build-provenance/)],
    ]);
  });

  it('fails an image pushed on release without signing, at the publish step; checksums and dry runs do not count', async () => {
    const out = await run('unsigned');
    expect(out.status).toBe('fail');
    expect(out.findings).toEqual([
      expect.objectContaining({ path: '.github/workflows/release.yml', line: 15, severity: 'medium' }),
    ]);
    expect(out.findings[0]!.message).toMatch(/container image/);
  });

  it('credits PyPI trusted publishing with its default attestations', async () => {
    const out = await run('pypi-trusted');
    expect(out.status).toBe('pass');
    expect(out.claims?.['3.1.2']?.status).toBe('pass');
  });

  it('fails npm publish with a long-lived token and no provenance, and notes the channel', async () => {
    const out = await run('npm-token');
    expect(out.status).toBe('fail');
    expect(out.findings[0]).toMatchObject({ line: 12 });
    expect(out.claims?.['3.1.2']).toMatchObject({ status: 'partial' });
  });

  it('credits npm provenance set through NPM_CONFIG_PROVENANCE', () => {
    const out = runCheckOnFiles(releaseIntegrity, {
      '.github/workflows/p.yml':
        'on: {release: {types: [published]}}\nenv:\n  NPM_CONFIG_PROVENANCE: true\njobs:\n  p:\n    runs-on: x\n    steps:\n      - run: pnpm publish --no-git-checks\n',
    });
    expect(out.status).toBe('pass');
  });

  it('credits GoReleaser when its configuration signs', () => {
    const wf =
      'on: {push: {tags: ["v*"]}}\njobs:\n  r:\n    runs-on: x\n    steps:\n      - uses: goreleaser/goreleaser-action@v6\n        with:\n          args: release --clean\n';
    expect(runCheckOnFiles(releaseIntegrity, { '.github/workflows/r.yml': wf }).status).toBe('fail');
    const signed = runCheckOnFiles(releaseIntegrity, {
      '.github/workflows/r.yml': wf,
      '.goreleaser.yaml': 'version: 2\nsigns:\n  - cmd: cosign\n    artifacts: checksum\n',
    });
    expect(signed.status).toBe('pass');
  });

  it('is unknown, with how to observe, when no workflow publishes anything', async () => {
    const out = await run('no-release');
    expect(out.status).toBe('unknown');
    expect(out.unknown?.howToObserve).toMatch(/attest-build-provenance/);
  });
});
