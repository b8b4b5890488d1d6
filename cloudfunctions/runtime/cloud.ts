import type { Handler, Services } from '../kernel/action';
import { systemClock } from '../kernel/clock';
import { randomIds } from '../kernel/ids';
import { jsonLogger } from '../kernel/logger';
import { createDispatcher, type Dispatch } from '../kernel/pipeline';
import { wechatPhoneNumbers, type PhoneNumberOpenApi } from '../adapters/wechat-phone';
import { wechatSubscribeMessages, type SubscribeOpenApi } from '../adapters/wechat-subscribe';
import {
  envVersionOf,
  wechatMiniProgramCodes,
  type WxacodeOpenApi,
} from '../adapters/wechat-wxacode';
import {
  wechatContentChecks,
  type SecurityOpenApi,
  type TempFileUrls,
} from '../adapters/wechat-security';
import { cloudFiles, type CloudDownload } from '../adapters/cloudbase-files';
import { linkQrCodes } from '../ports/mini-program-code';
import { noSms, type SmsPort } from '../ports/sms';
import { parseTemplateConfig } from '../ports/subscribe-message';
import { CloudBaseStore, type CloudBaseDatabase } from '../store/cloudbase';

/** The part of wx-server-sdk the cloud runtime uses. */
interface WxCloud {
  init(config: { env: unknown }): void;
  database(config: { throwOnNotFound: boolean }): unknown;
  getWXContext(): { OPENID?: string };
  openapi: PhoneNumberOpenApi & SubscribeOpenApi & WxacodeOpenApi & SecurityOpenApi;
  getTempFileURL: TempFileUrls['getTempFileURL'];
  downloadFile: CloudDownload['downloadFile'];
  readonly DYNAMIC_CURRENT_ENV: unknown;
}

/**
 * A deployable function's `main`: the cloud adapters (CloudBase database, WeChat open APIs)
 * wired into the same pipeline the local runtime and the tests use. Set up once per instance,
 * on the first call, so a cold start loads only what the first call needs.
 *
 * Settings (the function's environment variables): SUBSCRIBE_TEMPLATES (JSON, see README),
 * MINIPROGRAM_STATE (formal | trial | developer: which version subscription messages and the
 * door's mini-program code open), CHECKIN_LINK_BASE (`https://<host>/c/`: the door shows a QR
 * of that link, for the 扫普通链接二维码打开小程序 set-up, instead of a mini-program code).
 *
 * `onTimer` runs for the function's timer trigger. A timer call is recognised by having no
 * OPENID (a client's call always has one), so a client cannot fake a timer event.
 *
 * `wire.sms` makes the SMS adapter (the notify function's entry passes Tencent Cloud SMS read from
 * its SMS_* variables, so only its bundle ships the SDK); other functions send none.
 *
 * `onPush` receives WeChat's message-push events (`MsgType`, no `action`), such as the
 * `wxa_media_check` verdict. A push may carry a user's OPENID, so it is not told apart by
 * identity: the receiver must trust nothing in it but what it can match to its own records
 * (the image check's trace id, which no client ever sees).
 */
export function cloudFunction<H extends object>(
  name: string,
  handlers: H,
  onTimer?: (services: Services) => Promise<unknown>,
  onPush?: (services: Services, event: Record<string, unknown>) => Promise<unknown>,
  wire: { sms?: () => SmsPort } = {},
): (event: unknown) => Promise<unknown> {
  let wired: { cloud: WxCloud; services: Services; dispatch: Dispatch } | undefined;
  return async (event) => {
    if (!wired) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cloud = require('wx-server-sdk') as WxCloud;
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
      const store = new CloudBaseStore(
        cloud.database({ throwOnNotFound: false }) as CloudBaseDatabase,
      );
      const services: Services = {
        store,
        clock: systemClock,
        ids: randomIds,
        log: jsonLogger(),
        phoneNumbers: wechatPhoneNumbers(cloud.openapi),
        messages: wechatSubscribeMessages(
          cloud.openapi,
          miniprogramState(process.env.MINIPROGRAM_STATE),
        ),
        miniProgramCodes: process.env.CHECKIN_LINK_BASE
          ? linkQrCodes(process.env.CHECKIN_LINK_BASE)
          : wechatMiniProgramCodes(cloud.openapi, {
              envVersion: envVersionOf(miniprogramState(process.env.MINIPROGRAM_STATE)),
            }),
        contentChecks: wechatContentChecks(cloud.openapi, {
          getTempFileURL: (args) => cloud.getTempFileURL(args),
        }),
        templates: parseTemplateConfig(process.env.SUBSCRIBE_TEMPLATES),
        files: cloudFiles({ downloadFile: (args) => cloud.downloadFile(args) }),
        sms: wire.sms?.() ?? noSms,
      };
      const dispatch = createDispatcher(
        name,
        handlers as unknown as Record<string, Handler>,
        services,
      );
      wired = { cloud, services, dispatch };
    }
    // OPENID from the WeChat context is the only identity trusted; the event's own fields are not.
    const openid = wired.cloud.getWXContext().OPENID;
    if (!openid && onTimer && isTimerEvent(event)) return onTimer(wired.services);
    if (onPush && isPushEvent(event)) return onPush(wired.services, event);
    return wired.dispatch(event, { openid });
  };
}

function isPushEvent(event: unknown): event is Record<string, unknown> {
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof (event as { MsgType?: unknown }).MsgType === 'string' &&
    !('action' in event)
  );
}

function isTimerEvent(event: unknown): boolean {
  return (
    typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer'
  );
}

function miniprogramState(value: string | undefined): 'formal' | 'trial' | 'developer' {
  return value === 'trial' || value === 'developer' ? value : 'formal';
}
