import {
  chunksOf,
  SCENE_CODES,
  worst,
  type ContentCheckPort,
  type TextVerdict,
  type Verdict,
} from '../ports/content-check';

/** The parts of wx-server-sdk's `cloud.openapi` and `cloud` this adapter uses. */
export interface SecurityOpenApi {
  security: {
    msgSecCheck(args: { openid: string; scene: number; version: 2; content: string }): Promise<{
      errCode?: number;
      errMsg?: string;
      result?: { suggest?: string; label?: number | string };
    }>;
    mediaCheckAsync(args: {
      mediaUrl: string;
      mediaType: 2;
      version: 2;
      scene: number;
      openid: string;
    }): Promise<{ errCode?: number; errMsg?: string; traceId?: string }>;
  };
}

export interface TempFileUrls {
  getTempFileURL(args: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }>;
  }>;
}

/** The openid has not opened the mini-program within the last 2 hours. */
export const ERR_NOT_RECENTLY_VISITED = 61010;

/** WeChat's verdict labels, in the words staff read in the moderation queue. */
export const LABEL_WORDS: Record<string, string> = {
  '100': '正常',
  '10001': '广告',
  '20001': '时政',
  '20002': '色情',
  '20003': '辱骂',
  '20006': '违法犯罪',
  '20008': '欺诈',
  '20012': '低俗',
  '20013': '版权',
  '21000': '其他',
};

/** mediaCheckAsync pushes its verdict within 30 minutes: the temporary link lives an hour. */
const TEMP_URL_SECONDS = 3600;

/**
 * The cloud adapter: `security.msgSecCheck` v2 and `security.mediaCheckAsync` v2 through cloud
 * call (declared in the reading function's config.json). msgSecCheck answers errcode 0 even for
 * flagged text, so the verdict is `result.suggest`; text over 2,500 characters goes in pieces.
 * An image needs a public https URL, so the fileID is turned into a temporary link first.
 * When WeChat cannot judge (61010: the writer has not opened the mini-program in 2 hours, or
 * any other fault), the text goes to a person: nothing unchecked is published.
 */
export function wechatContentChecks(
  openapi: SecurityOpenApi,
  files: TempFileUrls,
): ContentCheckPort {
  return {
    async checkText({ text, scene, openid }) {
      if (!openid) return toPerson('没有作者的微信身份，无法自动检测');
      const verdicts: TextVerdict[] = [];
      for (const content of chunksOf(text)) {
        verdicts.push(await checkChunk(openapi, { openid, scene: SCENE_CODES[scene], content }));
        if (verdicts[verdicts.length - 1]!.verdict === 'risky') break;
      }
      return worst(verdicts);
    },
    async requestImageCheck({ fileId, scene, openid }) {
      const res = await files.getTempFileURL({
        fileList: [{ fileID: fileId, maxAge: TEMP_URL_SECONDS }],
      });
      const link = res.fileList[0];
      if (!link || link.status !== 0 || !link.tempFileURL.startsWith('https://'))
        throw new Error(`no temporary https URL for ${fileId}: ${link?.errMsg ?? 'none'}`);
      const answer = await openapi.security.mediaCheckAsync({
        mediaUrl: link.tempFileURL,
        mediaType: 2,
        version: 2,
        scene: SCENE_CODES[scene],
        openid: openid ?? '',
      });
      if (answer.errCode || !answer.traceId)
        throw new Error(`mediaCheckAsync ${answer.errCode ?? ''} ${answer.errMsg ?? 'no traceId'}`);
      return { traceId: answer.traceId };
    },
  };
}

async function checkChunk(
  openapi: SecurityOpenApi,
  args: { openid: string; scene: number; content: string },
): Promise<TextVerdict> {
  let res: Awaited<ReturnType<SecurityOpenApi['security']['msgSecCheck']>>;
  try {
    res = await openapi.security.msgSecCheck({ ...args, version: 2 });
  } catch (e) {
    const code = (e as { errCode?: number }).errCode;
    if (code === ERR_NOT_RECENTLY_VISITED)
      return toPerson('作者 2 小时内未打开小程序，微信无法自动检测');
    return toPerson(`自动检测暂不可用（${code ?? (e as Error).message}）`);
  }
  if (res.errCode === ERR_NOT_RECENTLY_VISITED)
    return toPerson('作者 2 小时内未打开小程序，微信无法自动检测');
  if (res.errCode) return toPerson(`自动检测暂不可用（${res.errCode}）`);
  return verdictOf(res.result?.suggest, res.result?.label);
}

/** `result.suggest` and `result.label` of msgSecCheck or the wxa_media_check event. */
export function verdictOf(
  suggest: string | undefined,
  label: number | string | undefined,
): TextVerdict {
  const v: Verdict = suggest === 'pass' || suggest === 'risky' ? suggest : 'review';
  if (v === 'pass') return { verdict: 'pass', reason: null };
  const words = LABEL_WORDS[String(label ?? '')] ?? '未说明';
  return { verdict: v, reason: `内容安全检测：${v === 'risky' ? '风险' : '疑似'}（${words}）` };
}

function toPerson(reason: string): TextVerdict {
  return { verdict: 'review', reason };
}
