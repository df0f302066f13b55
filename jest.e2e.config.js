/**
 * Browser tests of the local preview (npm run test:e2e): the preview started once with a fresh database,
 * then every page opened in real Chromium (Debian's package, driven by playwright-core), checked for its demo
 * content and scanned with axe; the flows in preview/e2e/flows run after. Screenshots go to test-results/.
 */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/preview/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['babel-jest', { configFile: './config/babel.config.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^c/(.*)$': '<rootDir>/force-app/main/default/lwc/$1/$1' },
  globalSetup: '<rootDir>/preview/e2e/support/globalSetup.ts',
  globalTeardown: '<rootDir>/preview/e2e/support/globalTeardown.ts',
  testTimeout: 120000,
  slowTestThreshold: 30
};
