import { describe, expect, it } from '@jest/globals';
import { parseDockerfile } from '../../src/evidence/dockerfile.js';

describe('Dockerfile build arguments built to be expensive', () => {
  it('thousands of stages and platform patterns are judged within the budget', () => {
    const stages = Array.from({ length: 3_000 }, (_, i) => `FROM scratch AS s${i}`);
    const patterns = Array.from({ length: 3_000 }, () => 'FROM none-${TARGETOS}-x');
    const df = parseDockerfile('Dockerfile', [...stages, ...patterns].join('\n'));
    expect(df.froms.at(-1)).toMatchObject({ expansions: ['none-*-x'] });
  });

  it('deep nesting and doubling alternatives stay bounded', () => {
    const nested = `${'${A:-'.repeat(50_000)}x${'}'.repeat(50_000)}`;
    const doubling = Array.from(
      { length: 2_000 },
      (_, i) => `ARG A${i + 1}=\${A${i}:+a}\${A${i}:-b}\${TARGETOS:+c}`,
    );
    const text = [`ARG N=${nested}`, 'ARG A0=${TARGETARCH}', ...doubling, `FROM img:\${A2000}`].join('\n');
    const df = parseDockerfile('Dockerfile', text);
    expect(df.froms).toHaveLength(1);
    expect(df.froms[0]!.expansions?.length ?? 0).toBeLessThanOrEqual(32);
  });
});
