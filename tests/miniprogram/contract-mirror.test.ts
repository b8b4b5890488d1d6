/**
 * The mini-program cannot import runtime values from typings/contracts (files outside its root
 * are not packaged), so it keeps copies. Types catch most drift; these catch the rest.
 */
import {
  ERROR_MESSAGES,
  MAX_ROSTER_FILE_BYTES,
  ROLE_LABELS,
  contracts,
} from '../../typings/contracts';
import { ERROR_MESSAGES as MP_ERROR_MESSAGES } from '../../miniprogram/services/errors';
import { api } from '../../miniprogram/services/api';
import { ROLE_LABELS as MP_ROLE_LABELS } from '../../miniprogram/utils/format';
import { MAX_ROSTER_FILE_BYTES as MP_MAX_ROSTER_FILE_BYTES } from '../../miniprogram/pages/staff/roster/files';

describe('mirrored contract values', () => {
  it('has the same error messages', () => {
    expect(MP_ERROR_MESSAGES).toEqual(ERROR_MESSAGES);
  });

  it('has the same role labels', () => {
    expect(MP_ROLE_LABELS).toEqual(ROLE_LABELS);
  });

  it('has the same roster file limit', () => {
    expect(MP_MAX_ROSTER_FILE_BYTES).toBe(MAX_ROSTER_FILE_BYTES);
  });

  it('has a client method for every function and action', () => {
    const expected = Object.fromEntries(
      Object.entries(contracts).map(([fn, actions]) => [fn, Object.keys(actions).sort()]),
    );
    const actual = Object.fromEntries(
      Object.entries(api).map(([fn, actions]) => [fn, Object.keys(actions).sort()]),
    );
    expect(actual).toEqual(expected);
  });
});
