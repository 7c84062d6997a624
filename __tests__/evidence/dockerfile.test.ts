import { describe, expect, it } from '@jest/globals';
import { ANY, expandArgs, matchesPattern, type Expansion } from '../../src/evidence/build-args.js';
import { isDockerfilePath, parseDockerfile } from '../../src/evidence/dockerfile.js';

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

describe('expandArgs', () => {
  const known = (...values: string[]): Expansion => ({ values, unresolved: [] });

  it('applies defaults and reports variables without a value', () => {
    const args = new Map<string, Expansion | null>([
      ['A', known('1')],
      ['B', null],
    ]);
    expect(expandArgs('x:${A}-${C:-2}-$A', args)).toEqual({ values: ['x:1-2-1'], unresolved: [] });
    expect(expandArgs('${B}', args).unresolved).toEqual(['B']);
  });

  it('gives a platform argument a value known only at build time, never "no value"', () => {
    expect(expandArgs('tool-${TARGETOS}', new Map())).toEqual({ values: [`tool-${ANY}`], unresolved: [] });
  });

  it('follows every value an argument can take through :+ and :-, with quotes removed', () => {
    const args = new Map<string, Expansion | null>();
    args.set('V', expandArgs('${TARGETPLATFORM#linux/amd64}', args));
    args.set('V', expandArgs('${V:+"unsupported"}', args));
    args.set('V', expandArgs("${V:-'supported'}", args));
    expect(expandArgs('delve-${V}', args).values.sort()).toEqual(['delve-supported', 'delve-unsupported']);
  });

  it('computes pattern removal and replacement on literal values', () => {
    const args = new Map([['P', known('linux/arm64')]]);
    expect(expandArgs('${P#linux/}-${P%/arm64}-${P/arm/x}', args).values).toEqual(['arm64-linux-linux/x64']);
  });

  it('stops at a bounded number of alternatives and a bounded length', () => {
    const many = '${TARGETOS:+a}'.repeat(40);
    expect(expandArgs(many, new Map()).values.length).toBeLessThanOrEqual(32);
    expect(expandArgs('x'.repeat(10_000), new Map()).values).toEqual([ANY]);
  });
});

describe('matchesPattern', () => {
  it('matches each wildcard to any text, literal parts in order', () => {
    expect(matchesPattern(`tool-${ANY}`, 'tool-linux')).toBe(true);
    expect(matchesPattern(`${ANY}-x-${ANY}`, 'a-x-b')).toBe(true);
    expect(matchesPattern(`a${ANY}a`, 'a')).toBe(false);
    expect(matchesPattern(`tool-${ANY}`, 'base')).toBe(false);
  });
});
