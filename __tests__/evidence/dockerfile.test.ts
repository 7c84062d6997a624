import { describe, expect, it } from '@jest/globals';
import { isDockerfilePath, parseDockerfile, substitute } from '../../src/evidence/dockerfile.js';

describe('isDockerfilePath', () => {
  it.each([
    'Dockerfile',
    'api/Dockerfile',
    'web.Dockerfile',
    'Dockerfile.prod',
    'Containerfile',
    'dockerfile',
  ])('%s is a Dockerfile', (p) => {
    expect(isDockerfilePath(p)).toBe(true);
  });
  it.each(['Dockerfile.md', 'Dockerfile.dockerignore', 'docs/dockerfiles.txt', 'Dockerfile.json'])(
    '%s is not',
    (p) => {
      expect(isDockerfilePath(p)).toBe(false);
    },
  );
});

describe('parseDockerfile', () => {
  const text = [
    'ARG BASE=alpine:3.20',
    'FROM --platform=$BUILDPLATFORM ${BASE} AS build',
    'RUN apk add curl \\',
    '  # a comment inside the continuation',
    '  && echo done',
    'RUN <<EOF',
    'echo from heredoc',
    'EOF',
    'RUN ["sh", "-c", "echo exec"]',
    'FROM build',
    'SHELL ["pwsh", "-Command"]',
    'RUN Write-Host hi',
  ].join('\n');
  const df = parseDockerfile('Dockerfile', text);

  it('substitutes global ARG defaults into FROM and records the platform flag and stage', () => {
    expect(df.froms[0]).toMatchObject({
      image: '${BASE}',
      resolved: 'alpine:3.20',
      stage: 'build',
      platform: '$BUILDPLATFORM',
    });
    expect(df.froms[0]!.imagePos).toMatchObject({ line: 2, column: 32 });
  });

  it('recognises FROM of an earlier stage', () => {
    expect(df.froms[1]).toMatchObject({ fromStage: 'build' });
  });

  it('drops comment lines inside a continued RUN and keeps positions', () => {
    const run = df.runs[0]!;
    expect(run.script!.text).toBe('apk add curl \\\n  && echo done');
    expect(run.script!.segments.at(-1)!.file).toBe(text.indexOf('  && echo done'));
  });

  it('exposes here-document RUN bodies as scripts', () => {
    expect(df.runs[1]).toMatchObject({
      heredocScript: true,
      heredocs: [{ name: 'EOF', body: { text: 'echo from heredoc' } }],
    });
  });

  it('reads the exec form as an argv', () => {
    expect(df.runs[2]).toMatchObject({ form: 'exec', exec: ['sh', '-c', 'echo exec'] });
  });

  it('records the SHELL in effect for each RUN', () => {
    expect(df.runs[0]!.shell).toEqual(['/bin/sh', '-c']);
    expect(df.runs[3]!.shell).toEqual(['pwsh', '-Command']);
  });
});

describe('substitute', () => {
  it('applies defaults and reports variables without a value', () => {
    const args = new Map<string, string | null>([
      ['A', '1'],
      ['B', null],
    ]);
    expect(substitute('x:${A}-${C:-2}-$A', args)).toEqual({ value: 'x:1-2-1', unresolved: [] });
    expect(substitute('${B}', args).unresolved).toEqual(['B']);
  });
});
