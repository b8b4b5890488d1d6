import {
  MiniProgramCodeError,
  type CodeImage,
  type MiniProgramCodePort,
} from '../ports/mini-program-code';

export type EnvVersion = 'release' | 'trial' | 'develop';

/**
 * The part of wx-server-sdk's `cloud.openapi` this adapter uses. The SDK turns the camelCase
 * keys into WeChat's `check_path` / `env_version`; an image comes back as `{ contentType,
 * buffer }`, a refusal is thrown with its `errCode` (41030 page not found, 40129 bad scene,
 * 45009 too many calls).
 */
export interface WxacodeOpenApi {
  wxacode: {
    getUnlimited(args: {
      scene: string;
      page: string;
      checkPath: boolean;
      envVersion: EnvVersion;
      width: number;
    }): Promise<{
      contentType?: string;
      buffer?: Buffer | Uint8Array;
      errCode?: number;
      errMsg?: string;
    }>;
  };
}

/** Which version of the mini-program a code opens, from MINIPROGRAM_STATE. */
export function envVersionOf(state: 'formal' | 'trial' | 'developer'): EnvVersion {
  return state === 'trial' ? 'trial' : state === 'developer' ? 'develop' : 'release';
}

/**
 * The cloud adapter: `wxacode.getUnlimited` through cloud call (declared in the meetings
 * function's config.json), so no access token is handled here. `checkPath` only for the
 * released version: a trial or development version's pages are not published yet.
 */
export function wechatMiniProgramCodes(
  openapi: WxacodeOpenApi,
  options: { envVersion?: EnvVersion; width?: number } = {},
): MiniProgramCodePort {
  const envVersion = options.envVersion ?? 'release';
  const width = options.width ?? 430;
  return {
    opensFromCamera: true,
    async draw({ page, scene }): Promise<CodeImage> {
      let res: Awaited<ReturnType<WxacodeOpenApi['wxacode']['getUnlimited']>>;
      try {
        res = await openapi.wxacode.getUnlimited({
          scene,
          page,
          checkPath: envVersion === 'release',
          envVersion,
          width,
        });
      } catch (e) {
        const { errCode, errMsg, message } = e as {
          errCode?: number;
          errMsg?: string;
          message?: string;
        };
        throw new MiniProgramCodeError(
          `wxacode.getUnlimited: ${errMsg ?? message ?? String(e)}`,
          errCode,
        );
      }
      if (res.errCode || !res.buffer || !/^image\//.test(res.contentType ?? '')) {
        throw new MiniProgramCodeError(
          `wxacode.getUnlimited: no image (${res.errCode ?? 0} ${res.errMsg ?? res.contentType ?? ''})`,
          res.errCode,
        );
      }
      return { contentType: res.contentType!, buffer: Buffer.from(res.buffer) };
    },
  };
}
