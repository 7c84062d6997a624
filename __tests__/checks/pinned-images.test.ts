import { beforeAll, describe, expect, it } from '@jest/globals';
import { pinnedImages } from '../../src/checks/pinned-images.js';
import type { CheckOutcome, Finding } from '../../src/model/types.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

function at(outcome: CheckOutcome, path: string, line: number): Finding[] {
  return outcome.findings.filter((f) => f.path === path && f.line === line);
}

describe('pinned-images on multi-stage Dockerfiles', () => {
  let outcome: CheckOutcome;
  beforeAll(async () => {
    outcome = await runCheckOnDir(pinnedImages, fixture('pinned-images', 'multi-stage'));
  });

  it('substitutes ARG defaults and reports the tag at the image position, after --platform', () => {
    expect(at(outcome, 'Dockerfile', 5)).toMatchObject([
      {
        column: 32,
        severity: 'medium',
        message: expect.stringContaining('golang:${GO_VERSION}-alpine (= golang:1.22-alpine)'),
      },
    ]);
  });

  it('accepts an image pinned by digest through an ARG default', () => {
    expect(at(outcome, 'Dockerfile', 8)).toEqual([]);
  });

  it('does not take earlier stages (any letter case) or scratch for images', () => {
    for (const line of [9, 10, 11]) expect(at(outcome, 'Dockerfile', line)).toEqual([]);
  });

  it('says an image chosen by an ARG without default cannot be checked', () => {
    expect(at(outcome, 'Dockerfile', 13)).toMatchObject([
      { severity: 'low', message: expect.stringMatching(/RUNTIME has no default/) },
    ]);
  });

  it('follows a line continuation to the image', () => {
    expect(at(outcome, 'Dockerfile', 15)).toMatchObject([
      { column: 3, message: expect.stringContaining('debian:bookworm-slim') },
    ]);
  });

  it('reads every naming convention: *.Dockerfile, Dockerfile.*, Containerfile', () => {
    expect(at(outcome, 'docker/api.Dockerfile', 1)).toHaveLength(1);
    expect(at(outcome, 'Dockerfile.dev', 1)).toHaveLength(1);
    expect(at(outcome, 'Containerfile', 1)).toHaveLength(1);
  });

  it('skips documents named like Dockerfiles and test data', () => {
    expect(
      outcome.findings.filter((f) => f.path === 'Dockerfile.md' || f.path?.startsWith('testdata/')),
    ).toEqual([]);
  });

  it('is partial with counts when some images are pinned', () => {
    expect(outcome.status).toBe('partial');
    expect(outcome.evidence[0]!.summary).toMatch(
      /^1 of 7 images pinned by digest \(4 Dockerfiles, 0 workflow images, 1 chosen at run time\)/,
    );
  });
});

describe('pinned-images on workflow containers, services and docker:// steps', () => {
  let outcome: CheckOutcome;
  const CI = '.github/workflows/ci.yml';
  beforeAll(async () => {
    outcome = await runCheckOnDir(pinnedImages, fixture('pinned-images', 'workflow-images'));
  });

  it('reports a job container by tag', () => {
    expect(at(outcome, CI, 5)).toMatchObject([
      { column: 16, message: expect.stringMatching(/job test container image `node:20`/) },
    ]);
  });

  it('accepts a service by digest and reports one by tag', () => {
    expect(at(outcome, CI, 8)).toEqual([]);
    expect(at(outcome, CI, 9)).toMatchObject([{ message: expect.stringMatching(/service cache/) }]);
  });

  it('reports a docker:// step by tag', () => {
    expect(at(outcome, CI, 11)).toMatchObject([
      { remediation: expect.stringContaining('uses: docker://alpine:3.19@sha256:<digest>') },
    ]);
  });

  it('notes an image from an expression as unverifiable, at info', () => {
    expect(at(outcome, CI, 18)).toMatchObject([{ severity: 'info' }]);
  });
});

describe('pinned-images on stages chosen by build arguments', () => {
  const DIGEST = `sha256:${'a'.repeat(64)}`;
  const dockerfile = [
    'ARG VARIANT=${TARGETPLATFORM#linux/amd64}',
    'ARG VARIANT=${VARIANT:+"unsupported"}',
    'ARG VARIANT=${VARIANT:-"supported"}',
    'ARG TARGETARCH',
    `FROM alpine:3.20@${DIGEST} AS base`,
    'FROM base AS tool-supported',
    'FROM scratch AS tool-unsupported',
    'FROM tool-${VARIANT} AS tool',
    'FROM base AS runtime-linux',
    'FROM base AS runtime-windows',
    'FROM runtime-${TARGETOS} AS runtime',
    'FROM tool-${CHOSEN_LATER} AS picked',
    'FROM golang:1.22-${TARGETARCH} AS build',
    `FROM \${BUILDARCH}/busybox@${DIGEST} AS tools`,
    'FROM ${IMAGE}',
  ].join('\n');
  const outcome = runCheckOnFiles(pinnedImages, { Dockerfile: `${dockerfile}\n` });

  it('takes a FROM whose every possible value names an earlier stage for that stage', () => {
    expect(at(outcome, 'Dockerfile', 8)).toEqual([]);
  });

  it('takes a FROM whose pattern over a platform argument names an earlier stage for a stage', () => {
    expect(at(outcome, 'Dockerfile', 11)).toEqual([]);
  });

  it('takes a FROM whose pattern over an argument without default names an earlier stage for a stage', () => {
    expect(at(outcome, 'Dockerfile', 12)).toEqual([]);
  });

  it('never says a BuildKit platform argument has no default, and judges the image it names', () => {
    expect(
      outcome.findings.some(
        (f) => /TARGET|BUILD(?:ARCH|OS|PLATFORM)/.test(f.message) && /no default/.test(f.message),
      ),
    ).toBe(false);
    expect(at(outcome, 'Dockerfile', 13)).toMatchObject([
      { severity: 'medium', message: expect.stringContaining('golang:1.22-${TARGETARCH}') },
    ]);
    expect(at(outcome, 'Dockerfile', 14)).toEqual([]);
  });

  it('still says an image from an argument without default cannot be checked', () => {
    expect(at(outcome, 'Dockerfile', 15)).toMatchObject([
      { severity: 'low', message: expect.stringMatching(/IMAGE has no default/) },
    ]);
  });

  it('takes a FROM of nothing but a platform argument for the stage named after a platform value', () => {
    const stages = [`FROM alpine:3.20@${DIGEST} AS base`, 'FROM base AS linux', 'FROM base AS windows'];
    const named = runCheckOnFiles(pinnedImages, {
      Dockerfile: [...stages, 'FROM ${TARGETOS} AS target', ''].join('\n'),
    });
    expect(at(named, 'Dockerfile', 4)).toEqual([]);
    const none = runCheckOnFiles(pinnedImages, { Dockerfile: ['FROM ${TARGETOS} AS target', ''].join('\n') });
    expect(at(none, 'Dockerfile', 1)).toHaveLength(1);
  });

  it('counts the stages out of the images', () => {
    expect(outcome.evidence[0]!.summary).toMatch(/^2 of 4 images pinned by digest .*1 chosen at run time/);
  });
});

describe('pinned-images verdicts', () => {
  it('passes when every base image is pinned by digest', async () => {
    const outcome = await runCheckOnDir(pinnedImages, fixture('pinned-images', 'all-pinned'));
    expect(outcome).toMatchObject({ status: 'pass', findings: [] });
  });

  it('fails when no image is pinned', () => {
    expect(runCheckOnFiles(pinnedImages, { Dockerfile: 'FROM node:20\n' }).status).toBe('fail');
  });

  it('is not applicable without Dockerfiles or workflow images', () => {
    expect(runCheckOnFiles(pinnedImages, { 'src/a.ts': '' }).status).toBe('not-applicable');
  });

  it('survives binary garbage named Dockerfile', () => {
    const outcome = runCheckOnFiles(pinnedImages, { Dockerfile: 'FROM \u0000\u0001\u0002' });
    expect(outcome.findings[0]).toMatchObject({
      path: 'Dockerfile',
      message: expect.stringMatching(/binary/),
    });
  });
});

describe('pinned-images through YAML aliases', () => {
  it('reports a container image used through an alias at the alias as well as at the anchor', () => {
    const out = runCheckOnFiles(pinnedImages, {
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    container: &img node:20',
        '    steps: [{ run: npm test }]',
        '  b:',
        '    runs-on: ubuntu-latest',
        '    container: *img',
        '    steps: [{ run: npm test }]',
        '',
      ].join('\n'),
    });
    expect(out.findings.map((f) => [f.line, f.column])).toEqual([
      [5, 21],
      [9, 16],
    ]);
  });
});

describe('pinned-images on images the project builds itself', () => {
  it('reports a single-word name that is no official image at low confidence, and does not count it', () => {
    const outcome = runCheckOnFiles(pinnedImages, {
      'Dockerfile.dev': 'FROM argocd-base\nRUN true\n',
      Dockerfile: `FROM alpine:3.20@sha256:${'b'.repeat(64)}\n`,
    });
    expect(outcome.status).toBe('pass');
    expect(outcome.findings).toEqual([
      expect.objectContaining({
        path: 'Dockerfile.dev',
        confidence: 'low',
        message: expect.stringMatching(/most likely an image this project builds first/),
      }),
    ]);
  });

  it('still reports an official image or a namespaced one with full confidence', () => {
    const outcome = runCheckOnFiles(pinnedImages, { Dockerfile: 'FROM ubuntu\nFROM acme/base:1\n' });
    expect(outcome.status).toBe('fail');
    expect(outcome.findings.map((f) => f.confidence)).toEqual([undefined, undefined]);
  });
});

describe('pinned-images: add-remote-url', () => {
  const DIGEST = 'sha256:' + 'a'.repeat(64);
  const dockerfile = (body: string) => `FROM alpine:3.20@${DIGEST}\n${body}`;
  const addRows = (out: CheckOutcome) =>
    out.findings
      .filter((f) => f.rule === 'add-remote-url')
      .map((f) => [f.line, f.column, f.severity, f.confidence]);

  it('reports ADD of a URL or a Git repository at a moving ref, at the source, in both forms', () => {
    const out = runCheckOnFiles(pinnedImages, {
      Dockerfile: dockerfile(
        'ADD https://example.test/tool.tgz /opt/\nADD ["https://example.test/a", "/a"]\nADD git@github.com:o/r.git#main /src\n' +
          'ADD https://github.com/o/r.git?ref=${V}&keep-git-dir=1 /r\n',
      ),
    });
    expect(addRows(out)).toEqual([
      [2, 5, 'medium', 'high'],
      [3, 7, 'medium', 'high'],
      [4, 5, 'medium', 'high'],
      [5, 5, 'medium', 'high'],
    ]);
    expect(out.findings[2]!.message).toMatch(/Git repository at a moving ref/);
    expect(out.findings[3]!.message).toMatch(/Git repository at a moving ref/);
    expect(out.status).toBe('partial');
    expect(out.summary).toMatch(/4 ADD instructions fetch remote content without a checksum/);
  });

  it('does not report ADD with --checksum, a Git source at a commit, or a local path', () => {
    const out = runCheckOnFiles(pinnedImages, {
      Dockerfile: dockerfile(
        `ADD --checksum=sha256:${'b'.repeat(64)} https://example.test/tool.tgz /opt/\n` +
          `ADD https://github.com/o/r.git#${'c'.repeat(40)} /src\nADD ./local /l\nCOPY https.txt /x\n` +
          `ADD https://github.com/o/r.git?commit=\${C}&keep-git-dir=1 /c\n` +
          'ADD <<-EOT /etc/apt/sources.list.d/x.sources\n\tURIs: https://example.test/debian\n\tEOT\n',
      ),
    });
    expect(out.findings).toEqual([]);
    expect(out.status).toBe('pass');
  });
});

describe('pinned-images: compose-image', () => {
  const DIGEST = 'sha256:' + 'd'.repeat(64);

  it('reports unpinned service images (merge keys followed), not built or pinned ones, and a variable as unknown', () => {
    const compose = `x-base: &base
  image: redis:7
  restart: always
services:
  cache: *base
  db:
    <<: *base
    image: postgres:16
  app:
    build: .
    image: myorg/app:dev
  proxy:
    image: nginx:1.27@${DIGEST}
  tool:
    image: \${TOOL_IMAGE:-busybox}
`;
    const out = runCheckOnFiles(pinnedImages, {
      'docker-compose.yml': compose,
      'deploy/compose.prod.yaml': 'services: { web: { image: caddy } }\n',
    });
    expect(out.findings.map((f) => [f.path, f.line, f.rule, f.severity, f.confidence])).toEqual([
      ['deploy/compose.prod.yaml', 1, 'compose-image', 'medium', 'high'],
      ['docker-compose.yml', 5, 'compose-image', 'medium', 'high'],
      ['docker-compose.yml', 8, 'compose-image', 'medium', 'high'],
      ['docker-compose.yml', 15, 'compose-image', 'info', 'low'],
    ]);
    expect(out.status).toBe('partial');
  });

  it('reports a Compose file that does not parse, and reads no other YAML file as Compose', () => {
    const out = runCheckOnFiles(pinnedImages, {
      'compose.yaml': 'services: [\n',
      'composer.yml': 'services: { a: { image: x } }\n',
    });
    expect(out.findings.map((f) => [f.path, f.severity])).toEqual([['compose.yaml', 'low']]);
  });
});
