/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

module.exports = {
  projects: [
    {
      displayName: 'backend',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/tests/miniprogram/'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/miniprogram'],
      testMatch: ['**/*.test.ts'],
      // Copies TDesign into miniprogram/miniprogram_npm (as DevTools' "build npm" does) when
      // missing or stale, so a fresh clone can run the page tests.
      globalSetup: '<rootDir>/scripts/miniprogram-npm.mjs',
      setupFiles: ['<rootDir>/tests/miniprogram/setup.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      transform: { '^.+\\.(ts|js)$': swc },
      transformIgnorePatterns: ['/node_modules/'],
    },
  ],
};
