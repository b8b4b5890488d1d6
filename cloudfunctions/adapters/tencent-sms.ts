import type * as SmsSdk from 'tencentcloud-sdk-nodejs-sms';
import {
  fitSmsParams,
  mainlandMobile,
  noSms,
  parseSmsTemplates,
  type SmsPort,
  type SmsResult,
  type SmsTemplateConfig,
} from '../ports/sms';

type SmsClient = InstanceType<typeof SmsSdk.sms.v20210111.Client>;
type ClientConfig = ConstructorParameters<typeof SmsSdk.sms.v20210111.Client>[0];

/** Where the adapter's settings come from (the function's environment variables). */
export interface TencentSmsConfig {
  /** A CAM key allowed `sms:SendSms`; read at each send, so a rotated role key is picked up. */
  credential: () => { secretId: string; secretKey: string; token?: string };
  /** `ap-guangzhou` (the default), `ap-beijing` or `ap-nanjing`: where the SMS app lives. */
  region: string;
  /** The SMS app's SdkAppId (`1400…`). */
  sdkAppId: string;
  /** The approved signature's text (签名内容, without 【】). */
  signName: string;
  templates: SmsTemplateConfig[];
}

/** Loads the SDK the first time an SMS is sent (it ships beside the notify bundle only). */
export type SmsSdkLoader = () => Promise<typeof SmsSdk>;

const loadSdk: SmsSdkLoader = () =>
  // Bundlers and jest hand back the CommonJS exports directly; native ESM puts them on `default`.
  import('tencentcloud-sdk-nodejs-sms').then(
    (m) => ((m as { default?: typeof SmsSdk }).default ?? m) as typeof SmsSdk,
  );

/** Seconds one SendSms may take: a run of the worker must stay well inside its 60 s. */
const TIMEOUT_S = 10;

/**
 * The cloud adapter: `SendSms` of SMS API 2021-01-11 through Tencent's own SDK (it signs the
 * request, TC3-HMAC-SHA256), one number a call, the variables fitted to the template. Tencent's
 * answers map onto the port's reasons; a request that may have reached Tencent is UNKNOWN, so
 * the worker never sends it again.
 */
export function tencentSms(config: TencentSmsConfig, load: SmsSdkLoader = loadSdk): SmsPort {
  let client: Promise<SmsClient> | undefined;
  const clientOf = () => {
    client ??= load().then((sdk) => {
      const options: ClientConfig = {
        credential: { getCredential: async () => config.credential() },
        region: config.region,
        profile: { httpProfile: { reqTimeout: TIMEOUT_S } },
      };
      return new sdk.sms.v20210111.Client(options);
    });
    client.catch(() => (client = undefined));
    return client;
  };
  return {
    supports: (key) => config.templates.some((t) => t.key === key),
    async send(sms) {
      const template = config.templates.find((t) => t.key === sms.template);
      if (!template) return { ok: false, reason: 'NOT_CONFIGURED', detail: sms.template };
      const phone = mainlandMobile(sms.phone);
      if (!phone) return { ok: false, reason: 'BAD_NUMBER', detail: 'not a mainland mobile' };
      let sdk: SmsClient;
      try {
        sdk = await clientOf();
      } catch (e) {
        return { ok: false, reason: 'FAILED', detail: `SDK not loaded: ${(e as Error).message}` };
      }
      try {
        const res = await sdk.SendSms({
          SmsSdkAppId: config.sdkAppId,
          SignName: config.signName,
          TemplateId: template.templateId,
          PhoneNumberSet: [phone],
          TemplateParamSet: fitSmsParams(template, sms.params),
        });
        const status = res.SendStatusSet?.[0];
        if (!status) return { ok: false, reason: 'UNKNOWN', detail: `no status ${res.RequestId}` };
        if (status.Code === 'Ok') return { ok: true };
        return byCode(status.Code ?? '', `${status.Code} ${status.Message ?? ''}`.trim());
      } catch (e) {
        return fromError(e as Error & { code?: string; httpCode?: number });
      }
    },
  };
}

/** Tencent's error codes after which a later try may go through (nothing was sent). */
const PASSING = [
  'RequestLimitExceeded',
  'LimitExceeded.DeliveryFrequencyLimit',
  'LimitExceeded.PhoneNumberThirtySecondLimit',
  'LimitExceeded.PhoneNumberOneHourLimit',
  'FailedOperation.InsufficientBalanceInSmsPackage',
  'AuthFailure.SignatureExpire',
  'InternalError',
];

/** Codes for a number that cannot take an SMS. */
const BAD_NUMBER = ['InvalidParameterValue.IncorrectPhoneNumber'];

function byCode(code: string, detail: string): SmsResult {
  // 60008: Tencent timed out handing the SMS on; it may have gone out.
  if (code === 'InternalError.Timeout') return { ok: false, reason: 'UNKNOWN', detail };
  if (BAD_NUMBER.includes(code)) return { ok: false, reason: 'BAD_NUMBER', detail };
  if (PASSING.some((p) => code === p || code.startsWith(`${p}.`)))
    return { ok: false, reason: 'FAILED', detail };
  return { ok: false, reason: 'REJECTED', detail };
}

function fromError(e: Error & { code?: string; httpCode?: number }): SmsResult {
  const message = e.message ?? String(e);
  if (e.code) return byCode(e.code, `${e.code} ${message}`);
  // No answer from Tencent: refused or unresolved means nothing left this machine; a timeout,
  // a reset or an HTTP error from a gateway may come after Tencent took the request.
  if (!e.httpCode && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(message))
    return { ok: false, reason: 'FAILED', detail: message };
  return {
    ok: false,
    reason: 'UNKNOWN',
    detail: e.httpCode ? `HTTP ${e.httpCode} ${message}` : message,
  };
}

/**
 * The adapter from the function's environment: SMS_SDK_APP_ID, SMS_SIGN_NAME, SMS_TEMPLATES
 * (JSON, see README), SMS_REGION (default ap-guangzhou), and a key: SMS_SECRET_ID and
 * SMS_SECRET_KEY, else the function's role (TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY,
 * TENCENTCLOUD_SESSIONTOKEN). Without SMS_SDK_APP_ID no SMS is sent; with it but something
 * else missing the function refuses to start, so a half-done set-up is not silently off.
 */
export function tencentSmsFromEnv(env: NodeJS.ProcessEnv, load?: SmsSdkLoader): SmsPort {
  if (!env.SMS_SDK_APP_ID) return noSms;
  const templates = parseSmsTemplates(env.SMS_TEMPLATES);
  const credential = () =>
    env.SMS_SECRET_ID
      ? { secretId: env.SMS_SECRET_ID, secretKey: env.SMS_SECRET_KEY ?? '' }
      : {
          secretId: env.TENCENTCLOUD_SECRETID ?? '',
          secretKey: env.TENCENTCLOUD_SECRETKEY ?? '',
          ...(env.TENCENTCLOUD_SESSIONTOKEN ? { token: env.TENCENTCLOUD_SESSIONTOKEN } : {}),
        };
  const missing = [
    !env.SMS_SIGN_NAME && 'SMS_SIGN_NAME',
    templates.length === 0 && 'SMS_TEMPLATES',
    (!credential().secretId || !credential().secretKey) && 'SMS_SECRET_ID/SMS_SECRET_KEY',
  ].filter(Boolean);
  if (missing.length) throw new Error(`SMS_SDK_APP_ID is set but not ${missing.join(', ')}`);
  return tencentSms(
    {
      credential,
      region: env.SMS_REGION || 'ap-guangzhou',
      sdkAppId: env.SMS_SDK_APP_ID,
      signName: env.SMS_SIGN_NAME!,
      templates,
    },
    load,
  );
}
