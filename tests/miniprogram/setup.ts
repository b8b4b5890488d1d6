/**
 * Runs before each mini-program test file: the globals the mini-program runtime provides.
 * Tests drive the `wx` mock through `wxMock` from ./support/wx.
 *
 * Types: the tests import mini-program sources, and miniprogram-simulate's types import
 * miniprogram-api-typings, so the root program (`tsc -p tsconfig.json`) sees the mini-program
 * globals (`wx`, `Component`, `Behavior`) next to Node's. Both declare a global `require`, and
 * the mini-program's type wins; the augmentation below merges Node's members back so
 * `require.main`, `require.resolve` stay typed for the scripts and the backend.
 */
import { installWx } from './support/wx';

declare global {
  interface Require extends NodeJS.Require {
    main: NodeJS.Require['main'];
  }
}

installWx();

const pages: Array<{ route: string }> = [];
Object.assign(globalThis, {
  /** Records the app's options; app.test.ts drives them. */
  App: jest.fn(),
  getApp: () => ({ globalData: {} }),
  getCurrentPages: () => pages,
});
