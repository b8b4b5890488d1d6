import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import type { Handler } from '../kernel/action';
import { systemClock } from '../kernel/clock';
import { randomIds } from '../kernel/ids';
import { jsonLogger } from '../kernel/logger';
import { createDispatcher, type Dispatch } from '../kernel/pipeline';
import { wechatPhoneNumbers, type PhoneNumberOpenApi } from '../adapters/wechat-phone';
import { CloudBaseStore, type CloudBaseDatabase } from '../store/cloudbase';

/** The part of wx-server-sdk the cloud runtime uses. */
interface WxCloud {
  init(config: { env: unknown }): void;
  database(config: { throwOnNotFound: boolean }): unknown;
  getWXContext(): { OPENID?: string };
  openapi: PhoneNumberOpenApi;
  readonly DYNAMIC_CURRENT_ENV: unknown;
}

/**
 * A deployable function's `main`: the cloud adapters (CloudBase database, WeChat open APIs)
 * wired into the same pipeline the local runtime and the tests use. Set up once per instance,
 * on the first call, so a cold start loads only what the first call needs.
 */
export function cloudFunction<H extends object>(
  name: string,
  handlers: H,
): (event: unknown) => Promise<ResponseEnvelope> {
  let wired: { cloud: WxCloud; dispatch: Dispatch } | undefined;
  return async (event) => {
    if (!wired) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cloud = require('wx-server-sdk') as WxCloud;
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
      const store = new CloudBaseStore(
        cloud.database({ throwOnNotFound: false }) as CloudBaseDatabase,
      );
      const services = {
        store,
        clock: systemClock,
        ids: randomIds,
        log: jsonLogger(),
        phoneNumbers: wechatPhoneNumbers(cloud.openapi),
      };
      wired = {
        cloud,
        dispatch: createDispatcher(name, handlers as unknown as Record<string, Handler>, services),
      };
    }
    // OPENID from the WeChat context is the only identity trusted; the event's own fields are not.
    return wired.dispatch(event, { openid: wired.cloud.getWXContext().OPENID });
  };
}
