const lwcConfig = require('@salesforce/eslint-config-lwc');
const lwcPlatform = require('@lwc/eslint-plugin-lwc-platform');
const jestPlugin = require('eslint-plugin-jest');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const js = require('@eslint/js');

const lwcTree = 'force-app/**/lwc/**';

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      'dist/**',
      '.sf/**',
      '.sfdx/**',
      `${lwcTree}/*.js`,
      '.preview/**'
    ]
  },

  // Components and pure modules: Salesforce's LWC rules and the platform's restrictions.
  ...lwcConfig.configs.recommendedTs.map((config) => ({ ...config, files: [`${lwcTree}/*.ts`] })),
  ...lwcPlatform.configs.platform.map((config) => ({ ...config, files: [`${lwcTree}/*.ts`] })),

  // Everything in TypeScript: type-checked rules with the TypeScript parser.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({
    ...config,
    files: ['**/*.ts']
  })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: __dirname }
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-module-boundary-types': 'error'
    }
  },

  // Tests: jest globals and rules.
  {
    files: ['**/__tests__/**/*.ts'],
    ...jestPlugin.configs['flat/recommended'],
    languageOptions: {
      ...jestPlugin.configs['flat/recommended'].languageOptions,
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
      globals: { ...globals.jest, ...globals.node }
    },
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/explicit-module-boundary-types': 'off'
    }
  },

  // Node scripts.
  {
    files: ['scripts/**/*.ts'],
    languageOptions: { globals: { ...globals.node } }
  },

  // Configuration files in CommonJS.
  {
    files: ['*.js', 'bin/**/*.js', 'config/**/*.js', '.ci/**/*.js'],
    ...js.configs.recommended,
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }
  }
);
