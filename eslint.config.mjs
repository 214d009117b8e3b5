import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'artifacts/', 'public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // botbuilder-dialogs' index loads the prompts' Recognizers-Text grammars (half a second of every start):
    // classes come from src/dialogs/dialogLibrary.ts, types may come from the package.
    files: ['src/**/*.ts'],
    ignores: ['src/dialogs/dialogLibrary.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'botbuilder-dialogs',
              allowTypeImports: true,
              message: 'Import the classes from src/dialogs/dialogLibrary.ts (types may come from here).',
            },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point inwards: the core (content, matching, interpretation, security, state, insights, backend
    // client) knows nothing of Bot Framework, HTTP or the dialogs; the dialogs know nothing of HTTP or the backend client.
    files: [
      'src/faq/**/*.ts',
      'src/nlu/**/*.ts',
      'src/actions/**/*.ts',
      'src/languages/**/*.ts',
      'src/language.ts',
      'src/i18n/**/*.ts',
      'src/backend/**/*.ts',
      'src/security/**/*.ts',
      'src/state/**/*.ts',
      'src/insights/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*', 'restify', 'restify-*'],
              message: 'The core must not depend on Bot Framework or HTTP.',
            },
            {
              group: ['**/dialogs/**', '**/bot/**', '**/server/**', '**/cli/**'],
              message: 'Dependencies point inwards: the core must not import outer layers.',
            },
          ],
        },
      ],
    },
  },
  {
    // Logs and metrics wrap the core (e.g. the backend port, src/actions/selfServiceBackend.ts); they never reach into
    // the dialogs, the bot or the server that use them.
    files: ['src/observability/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/dialogs/**', '**/bot/**', '**/server/**', '**/cli/**'],
              message:
                'Dependencies point inwards: observability must not import outer layers (ports live in src/actions).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['restify', 'restify-*'], message: 'Dialogs know nothing of HTTP.' },
            {
              group: ['**/server/**', '**/backend/**', '**/cli/**'],
              message:
                'Dialogs depend on ports (dialogs/actions/ports.ts), not on the server or the backend client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Node scripts around npm start.
    files: ['scripts/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The website widget: plain browser scripts, no bundler.
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        console: 'readonly',
      },
    },
  },
);
