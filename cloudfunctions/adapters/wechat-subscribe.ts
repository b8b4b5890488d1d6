import type { SubscribeMessagePort } from '../ports/subscribe-message';

/** The part of wx-server-sdk's `cloud.openapi` this adapter uses. */
export interface SubscribeOpenApi {
  subscribeMessage: {
    send(args: {
      touser: string;
      templateId: string;
      page: string;
      data: Record<string, { value: string }>;
      miniprogramState?: 'developer' | 'trial' | 'formal';
    }): Promise<{ errCode?: number; errMsg?: string }>;
  };
}

/** errcodes after which the same message will never go through. */
const FINAL = new Set([40003, 40037, 47003, 41030]);

/**
 * The cloud adapter: `subscribeMessage.send` through cloud call (declared in the notify
 * function's config.json). 43101: the member has no subscription left.
 */
export function wechatSubscribeMessages(
  openapi: SubscribeOpenApi,
  state: 'developer' | 'trial' | 'formal' = 'formal',
): SubscribeMessagePort {
  return {
    async send(message) {
      let errCode: number | undefined;
      let errMsg: string;
      try {
        const res = await openapi.subscribeMessage.send({
          touser: message.openid,
          templateId: message.templateId,
          page: message.page,
          data: message.data,
          miniprogramState: state,
        });
        errCode = res.errCode;
        errMsg = res.errMsg ?? '';
      } catch (e) {
        errCode = (e as { errCode?: number }).errCode;
        errMsg = (e as Error).message ?? String(e);
        if (errCode === undefined) return { ok: false, reason: 'FAILED', detail: errMsg };
      }
      if (!errCode) return { ok: true };
      if (errCode === 43101) return { ok: false, reason: 'NO_QUOTA', detail: `43101 ${errMsg}` };
      if (FINAL.has(errCode))
        return { ok: false, reason: 'REJECTED', detail: `${errCode} ${errMsg}` };
      return { ok: false, reason: 'FAILED', detail: `${errCode} ${errMsg}` };
    },
  };
}
