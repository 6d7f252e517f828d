/** @type {import('jest').Config} */
module.exports = {
  // Node, plus the captured server log printed under a test that fails (tests/helpers/test-log.ts).
  testEnvironment: '<rootDir>/tests/helpers/log-environment.ts',
  // web/e2e: the web app in a real browser (Debian's chromium), against the real service;
  // web/src: the web app's logic that needs no browser.
  roots: ['<rootDir>/tests', '<rootDir>/web/e2e', '<rootDir>/web/src'],
  testMatch: ['**/*.test.ts'],
  // Type errors are caught by `npm run typecheck`; tests transpile file by file to start fast.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  maxWorkers: 2,
};
