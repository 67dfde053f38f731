import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import react from 'eslint-plugin-react';

// Dependencies point one way: app -> domain; server -> db -> domain. The linter enforces it.
const restrict = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }];

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'tmp/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          'node:*',
          'fs',
          'path',
          'crypto',
          'react',
          'react-dom',
          '**/db/**',
          '**/server/**',
          '**/app/**',
          'better-sqlite3',
          'socket.io*',
          'next*',
        ],
        'domain/ is pure TypeScript: no I/O, no React, no Node APIs.',
      ),
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['**/server/**', '**/app/**', 'react', 'next*', 'socket.io*'], 'db/ imports domain/ only.'),
    },
  },
  {
    files: ['app/**/*.tsx'],
    plugins: { react },
    // every word a user reads comes from messages/*.json (German and English)
    rules: {
      'react/jsx-no-literals': [
        'error',
        { noStrings: false, allowedStrings: ['×', '·', '?', ':', '↻', '—', '–', '/', '%', '⋯', '!', '→', '●', '(', ')', 'CSV', 'JSON'] },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/server/**', '**/db/**', 'better-sqlite3', 'drizzle-orm*', 'socket.io', 'node:*'],
        'app/ imports domain/ and the wire types, never server internals.',
      ),
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,ts}', 'tests/**/*.ts', '*.config.{js,mjs,ts}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: { 'no-console': 'off' },
  },
);
