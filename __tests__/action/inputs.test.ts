import { describe, expect, it } from '@jest/globals';
import { errorCommand, inputFromEnv, readInputs } from '../../src/action/inputs.js';

describe('action inputs', () => {
  it('reads INPUT_* variables the way the runner names them', () => {
    const get = inputFromEnv({ 'INPUT_FAIL-ON': ' 3.2, pinned-actions ', INPUT_THRESHOLD: '70' });
    expect(readInputs(get)).toMatchObject({
      threshold: 70,
      failOn: ['3.2', 'pinned-actions'],
      mode: 'enforce',
    });
  });

  it('leaves the default config path optional and makes a chosen one required', () => {
    expect(readInputs(inputFromEnv({ INPUT_CONFIG: '.github/sscop.yml' })).config).toBeUndefined();
    expect(readInputs(inputFromEnv({ INPUT_CONFIG: 'ci/sscop.yml' })).config).toBe('ci/sscop.yml');
  });

  it.each([
    [{ INPUT_THRESHOLD: 'abc' }, `Invalid input 'threshold': "abc". Expected a number from 0 to 100.`],
    [{ INPUT_MODE: 'strict' }, `Invalid input 'mode': "strict". Expected enforce or report.`],
    [{ 'INPUT_CHECK-RUN': 'maybe' }, `Invalid input 'check-run': "maybe". Expected true or false.`],
  ])('names the input and what was expected: %j', (env, message) => {
    expect(() => readInputs(inputFromEnv(env))).toThrow(message);
  });

  it('keeps an error command on one line whatever the message holds', () => {
    expect(errorCommand('bad\n::warning::x 100%')).toBe('::error::bad%0A::warning::x 100%25\n');
  });

  it('drops escape sequences and bidi overrides from an error command', () => {
    expect(errorCommand('bad \u001b[2J\u001b[32mPASSED\u001b[0m \u202egnp.exe')).toBe(
      '::error::bad [2J[32mPASSED[0m gnp.exe\n',
    );
  });
});
