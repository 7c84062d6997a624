import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '__tests__/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      // zod comes through src/zod.ts (which sets it up), imported as a namespace: its `z` export
      // is an object the bundler cannot trim, and would bring its 40 locales (360 KB) to every scan.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod']",
          message: "Import zod from src/zod.ts: import * as z from '…/zod.js'.",
        },
        {
          selector:
            'ImportDeclaration[source.value=/(^|\\/)zod(\\.js)?$/] > :matches(ImportSpecifier[imported.name="z"], ImportDefaultSpecifier)',
          message: "Use import * as z from '…/zod.js'.",
        },
      ],
    },
  },
  {
    // The one module that imports zod itself.
    files: ['src/zod.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
