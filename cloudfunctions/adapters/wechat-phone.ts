import { fail } from '../kernel/errors';
import type { PhoneNumberPort } from '../ports/phone-number';

interface PhoneInfo {
  purePhoneNumber?: string;
  countryCode?: string;
}

/** The part of wx-server-sdk's `cloud.openapi` this adapter uses. */
export interface PhoneNumberOpenApi {
  phonenumber: {
    getPhoneNumber(args: { code: string }): Promise<{
      errCode?: number;
      errMsg?: string;
      phoneInfo?: PhoneInfo;
      phone_info?: { purePhoneNumber?: string; pure_phone_number?: string; countryCode?: string };
    }>;
  };
}

/**
 * The cloud adapter: `phonenumber.getPhoneNumber` through the cloud-call open API (declared in
 * the members function's config.json `permissions.openapi`), so no access token is handled here.
 */
export function wechatPhoneNumbers(openapi: PhoneNumberOpenApi): PhoneNumberPort {
  return {
    async resolve(code) {
      let res: Awaited<ReturnType<PhoneNumberOpenApi['phonenumber']['getPhoneNumber']>>;
      try {
        res = await openapi.phonenumber.getPhoneNumber({ code });
      } catch (e) {
        // 40029 (invalid code) and 40163 (code used) arrive as thrown errors with errCode.
        const errCode = (e as { errCode?: number }).errCode;
        if (errCode === 40029 || errCode === 40163 || errCode === 40013)
          throw fail('BIND.PHONE_CODE_INVALID');
        throw e;
      }
      if (res.errCode && res.errCode !== 0) throw fail('BIND.PHONE_CODE_INVALID');
      const pure =
        res.phoneInfo?.purePhoneNumber ??
        res.phone_info?.purePhoneNumber ??
        res.phone_info?.pure_phone_number;
      const country = res.phoneInfo?.countryCode ?? res.phone_info?.countryCode ?? '86';
      if (!pure || country !== '86')
        throw fail('BIND.PHONE_NOT_ON_ROSTER', '仅支持中国大陆手机号绑定，请使用邀请码绑定');
      return pure;
    },
  };
}
