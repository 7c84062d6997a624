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

  describe('what counts as a release', () => {
    const workflow = (on: string, steps: string) =>
      `on: ${on}\njobs:\n  r:\n    runs-on: x\n    steps:\n${steps}`;
    const statusOf = (on: string, steps: string) =>
      runCheckOnFiles(releaseIntegrity, { '.github/workflows/r.yml': workflow(on, steps) }).status;

    it.each([
      ['goreleaser check', '      - run: goreleaser check\n'],
      ['goreleaser release --snapshot', '      - run: goreleaser release --snapshot --clean\n'],
      ['goreleaser --skip=publish', '      - run: goreleaser release --clean --skip=sign,publish\n'],
      [
        'the GoReleaser action running check',
        '      - uses: goreleaser/goreleaser-action@v6\n        with:\n          args: check\n',
      ],
      [
        'the GoReleaser action on a snapshot',
        '      - uses: goreleaser/goreleaser-action@v6\n        with:\n          args: release --snapshot --clean\n',
      ],
      ['a push to a registry on the runner', '      - run: docker push localhost:5000/app:test\n'],
      ['a push to a service container', '      - run: docker push registry:5000/app\n'],
      ['a push to example.com', '      - run: docker push example.com/acme/app:${{ github.sha }}\n'],
      ['npm publish to a local Verdaccio', '      - run: npm publish --registry http://localhost:4873\n'],
      [
        'an image action whose tags are all on a test registry',
        '      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: localhost:5000/app:ci\n',
      ],
    ])('does not take %s, on a tag push, for a release', (_name, steps) => {
      expect(statusOf('{push: {tags: ["v*"]}}', steps)).toBe('unknown');
    });

    it('does not take a pull-request workflow that pushes an image for the release, and says why', () => {
      const out = runCheckOnFiles(releaseIntegrity, {
        '.github/workflows/test.yml': workflow(
          'pull_request',
          '      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/acme/app:pr\n',
        ),
      });
      expect(out.status).toBe('unknown');
      expect(out.evidence).toContainEqual(
        expect.objectContaining({ summary: expect.stringMatching(/not a release: .*on pull_request only/) }),
      );
    });

    it('takes a push to the default branch for a release, and a push to other branches not', () => {
      const steps = '      - run: docker push ghcr.io/acme/app:edge\n';
      expect(statusOf('{push: {branches: [main]}}', steps)).toBe('fail');
      expect(statusOf('{push: {branches: ["release/**", "ma*"]}}', steps)).toBe('fail');
      expect(statusOf('{push: {branches: [feature/x]}}', steps)).toBe('unknown');
      expect(statusOf('{push: {branches-ignore: [main]}}', steps)).toBe('unknown');
      expect(statusOf('[pull_request, workflow_dispatch]', steps)).toBe('fail');
    });

    it('takes a workflow called by a release workflow for a release, and one called only by a pull-request workflow not', () => {
      const callee = workflow('workflow_call', '      - run: cargo publish\n');
      const caller = (on: string) => `on: ${on}\njobs:\n  call:\n    uses: ./.github/workflows/publish.yml\n`;
      const files = (on: string) => ({
        '.github/workflows/publish.yml': callee,
        '.github/workflows/caller.yml': caller(on),
      });
      expect(runCheckOnFiles(releaseIntegrity, files('{release: {types: [published]}}')).status).toBe('fail');
      expect(runCheckOnFiles(releaseIntegrity, files('pull_request')).status).toBe('unknown');
      // Called from nowhere in the repository: its callers are elsewhere, and may release.
      expect(runCheckOnFiles(releaseIntegrity, { '.github/workflows/publish.yml': callee }).status).toBe(
        'fail',
      );
    });

    it.each([
      [
        'docker/build-push-action with push: true',
        '      - uses: docker/build-push-action@v6\n        with:\n          push: true\n',
      ],
      [
        'docker/bake-action with push: true',
        '      - uses: docker/bake-action@v6\n        with:\n          push: true\n',
      ],
      ['docker push', '      - run: docker push ghcr.io/acme/app:${{ github.ref_name }}\n'],
      [
        'docker buildx build with --push on a continuation line',
        '      - run: |\n          docker buildx build \\\n            --platform linux/amd64,linux/arm64 \\\n            --push .\n',
      ],
      [
        'docker buildx imagetools create',
        '      - run: docker buildx imagetools create -t ghcr.io/acme/app:1 a b\n',
      ],
      ['npm publish', '      - run: npm publish --access public\n'],
      ['pnpm publish', '      - run: pnpm publish --no-git-checks\n'],
      ['pnpm -r publish', '      - run: pnpm -r publish --access public\n'],
      ['pnpm --filter publish', '      - run: pnpm --filter ./packages/core publish\n'],
      ['npm -w publish', '      - run: npm -w packages/cli publish\n'],
      ['gh release upload', '      - run: gh release upload "$TAG" dist/*\n'],
      ['gh release create', '      - run: gh release create "$TAG" --generate-notes dist/*\n'],
      ['twine upload', '      - run: python -m twine upload dist/*\n'],
      ['uv publish', '      - run: uv publish --trusted-publishing always\n'],
      ['cargo publish', '      - run: cargo publish -p acme-core\n'],
      ['softprops/action-gh-release', '      - uses: softprops/action-gh-release@v2\n'],
      [
        'GoReleaser release',
        '      - uses: goreleaser/goreleaser-action@v6\n        with:\n          args: release --clean\n',
      ],
    ])('takes %s on a tag push for a release', (_name, steps) => {
      expect(statusOf('{push: {tags: ["v*"]}}', steps)).toBe('fail');
    });

    it('credits pypa/gh-action-pypi-publish on a release as a signed release', () => {
      expect(
        statusOf('{release: {types: [published]}}', '      - uses: pypa/gh-action-pypi-publish@release/v1\n'),
      ).toBe('pass');
    });
  });
});
