import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.scratch/', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Library code never reads the environment, prints or exits: only the entry files do.
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    ignores: ['src/cli.ts', 'src/action.ts', 'src/index.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Only entry files (src/cli.ts, src/action.ts) may use process.' }],
      'no-restricted-imports': ['error', { paths: ['node:process', '@actions/core'] }],
    },
  },
  {
    files: ['scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
