const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const lwcTree = '<rootDir>/force-app/main/default/lwc';

/** Components and pure modules, as the platform would load them (sfdx-lwc-jest, jsdom). */
const components = {
  ...jestConfig,
  displayName: 'lwc',
  roots: ['<rootDir>/force-app'],
  moduleNameMapper: {
    '^lightning/platformResourceLoader$': '<rootDir>/config/jest/mocks/lightning/platformResourceLoader',
    '^lightning/navigation$': '<rootDir>/config/jest/mocks/lightning/navigation',
    '^lightning/actions$': '<rootDir>/config/jest/mocks/lightning/actions'
  },
  setupFilesAfterEnv: ['<rootDir>/config/jest/setup.js'],
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/data/']
};

/** Build, validation and packaging scripts and the local preview, in Node, importing pure modules as c/<module>. */
const scripts = {
  displayName: 'scripts',
  testEnvironment: 'node',
  roots: ['<rootDir>/scripts', '<rootDir>/preview'],
  transform: { '^.+\\.ts$': ['babel-jest', { configFile: './config/babel.config.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^c/(.*)$': `${lwcTree}/$1/$1` },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  // pure modules are measured by their own component-project tests, under the platform's transformer
  coveragePathIgnorePatterns: ['/node_modules/', '/force-app/']
};

module.exports = {
  projects: [components, scripts],
  coveragePathIgnorePatterns: ['/node_modules/', '/__tests__/', '/config/jest/'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: Object.fromEntries(pureModules().map((file) => [file, { lines: 90 }]))
};

/** Pure modules are bundles without a template: the business rules. Each must stay ≥ 90% covered. */
function pureModules() {
  const fs = require('node:fs');
  const path = require('node:path');
  const root = path.join(__dirname, 'force-app/main/default/lwc');
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && !fs.existsSync(path.join(root, entry.name, `${entry.name}.html`))
    )
    .map((entry) => `./force-app/main/default/lwc/${entry.name}/${entry.name}.ts`)
    .filter((file) => fs.existsSync(path.join(__dirname, file)));
}
