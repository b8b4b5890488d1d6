import { fail } from '../kernel/errors';

/**
 * Exchanges the one-time code of the mini-program's phone-number button for the phone
 * number, server-side (the code is valid five minutes and only once).
 */
export interface PhoneNumberPort {
  /** Resolves to an 11-digit number; throws AppError BIND.PHONE_CODE_INVALID for a bad code. */
  resolve(code: string): Promise<string>;
}

/**
 * The local runtime cannot reach WeChat's servers, so it accepts codes of the form
 * `dev-phone:<11 digits>`, which tests and the local demo send in place of a real code.
 */
export const devPhoneNumbers: PhoneNumberPort = {
  async resolve(code) {
    const m = /^dev-phone:(1[3-9]\d{9})$/.exec(code);
    if (!m) throw fail('BIND.PHONE_CODE_INVALID');
    return m[1]!;
  },
};
