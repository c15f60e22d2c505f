// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const driversAndFrameworks = [
  '@nestjs/*',
  '@eventstore/*',
  'mongodb',
  'better-sqlite3',
  'mingo',
  'fastify',
  'pino',
  'class-validator',
  'class-transformer',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '.venv/**', 'test-output/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The domain is pure: no framework, no driver, no I/O. Time and ids arrive in commands.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: driversAndFrameworks, message: 'The domain is pure: no Nest, no drivers.' },
            {
              group: [
                '@itp/event-store',
                '@itp/read-store',
                '@itp/projections',
                '@itp/platform',
                'node:fs',
                'fs',
                'node:net',
                'node:http',
              ],
              message: 'The domain depends on nothing but itself.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Time arrives in the command.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Ids arrive in the command.' },
      ],
    },
  },
  {
    // Plain Node scripts (no TypeScript): Node's globals.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
