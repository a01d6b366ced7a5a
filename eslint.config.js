// Type-aware lint: floating promises and non-exhaustive switches are real bugs in a server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', 'bench/.cache', 'eslint.config.js', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The scheduler is pure: the seed and the time budget are inputs, never read from the world.
    files: ['src/scheduler/**/*.ts'],
    ignores: ['src/scheduler/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'Date', 'performance', 'process', 'setTimeout', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random' }],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'kysely', 'fastify'] }],
    },
  },
);
