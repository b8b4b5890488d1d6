/**
 * Runs before each mini-program test file: the globals the mini-program runtime provides.
 * Tests drive the `wx` mock through `wxMock` from ./support/wx. These tests type-check with
 * their own tsconfig (mini-program globals beside Node's), apart from the backend.
 */
import { installWx } from './support/wx';

installWx();

const pages: Array<{ route: string }> = [];
Object.assign(globalThis, {
  /** Records the app's options; app.test.ts drives them. */
  App: jest.fn(),
  getApp: () => ({ globalData: {} }),
  getCurrentPages: () => pages,
});
