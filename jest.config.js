/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // axios's ES module sources: the server adapter takes axios's `settle` helper from them
    // (axios/unsafe/core/settle.js), while `import 'axios'` stays axios's CommonJS build.
    '/node_modules/axios/lib/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!axios/lib/)'],
  globalSetup: '<rootDir>/test/globalSetup.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
