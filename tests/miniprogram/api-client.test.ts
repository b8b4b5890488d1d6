/**
 * The hand mirrors left in the mini-program: values outside the generated module
 * (miniprogram/generated/contract.ts, held to the contract by generated-contract.test.ts) that
 * pages still keep their own copy of. Types catch most drift; these catch the rest.
 */
import { MAX_ROSTER_FILE_BYTES, contracts } from '../../typings/contracts';
import { api } from '../../miniprogram/services/api';
import { MAX_ROSTER_FILE_BYTES as MP_MAX_ROSTER_FILE_BYTES } from '../../miniprogram/pages/staff/roster/files';

describe('mirrored contract values', () => {
  it('has the same roster file limit', () => {
    expect(MP_MAX_ROSTER_FILE_BYTES).toBe(MAX_ROSTER_FILE_BYTES);
  });

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
