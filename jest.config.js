/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

/** Mini-program code under miniprogram-simulate (jsdom), with TDesign from miniprogram_npm. */
const miniprogram = {
  // Copies TDesign into miniprogram/miniprogram_npm (as DevTools' "build npm" does) when
  // missing or stale, so a fresh clone can run the page tests.
  globalSetup: '<rootDir>/scripts/miniprogram-npm.mjs',
  setupFiles: ['<rootDir>/tests/miniprogram/setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleDirectories: ['node_modules', 'miniprogram_npm'],
  transform: { '^.+\\.(ts|js)$': swc },
  transformIgnorePatterns: ['/node_modules/'],
};

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
      ...miniprogram,
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/miniprogram'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/tests/miniprogram/preview/'],
    },
    {
      // Every page rendered with demo data and laid out in headless Chromium (the layout
      // check; `npm run preview` also writes the pictures). Needs chromium and fonts-noto-cjk.
      ...miniprogram,
      displayName: 'preview',
      testEnvironment: '<rootDir>/tests/miniprogram/preview/environment.js',
      roots: ['<rootDir>/tests/miniprogram/preview'],
      testMatch: ['**/*.test.ts'],
      // The real handlers on SQLite, then Chromium: slower than a unit test.
      testTimeout: 20000,
    },
  ],
};
