// Jest runs the TypeScript sources directly as ESM (swc strips types; `tsc` type-checks separately).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default {
  globals: { __SSCOP_VERSION__: pkg.version },
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts', '.yml'],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json', 'yml'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.yml$': '<rootDir>/scripts/jest-yaml-transform.cjs',
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  reporters: ['default', '<rootDir>/scripts/closing-line-reporter.cjs'],
  testTimeout: 30000,
};
