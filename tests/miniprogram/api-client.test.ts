/**
 * The API client is built from the generated action list: it offers exactly the contract's
 * functions and actions (types catch a missing one; this catches the rest at run time).
 */
import { contracts } from '../../typings/contracts';
import { api } from '../../miniprogram/services/api';

describe('the API client', () => {
  it('builds a client method for every function and action', () => {
    const expected = Object.fromEntries(
      Object.entries(contracts).map(([fn, actions]) => [fn, Object.keys(actions).sort()]),
    );
    const actual = Object.fromEntries(
      Object.entries(api).map(([fn, actions]) => [fn, Object.keys(actions).sort()]),
    );
    expect(actual).toEqual(expected);
  });
});
