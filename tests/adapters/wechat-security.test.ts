import { dirname } from 'node:path';
import {
  verdictOf,
  wechatContentChecks,
  type SecurityOpenApi,
  type TempFileUrls,
} from '../../cloudfunctions/adapters/wechat-security';
import { chunksOf, wordListChecks } from '../../cloudfunctions/ports/content-check';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';

const TEMP: TempFileUrls = {
  getTempFileURL: jest.fn(async ({ fileList }) => ({
    fileList: fileList.map((f) => ({
      fileID: f.fileID,
      tempFileURL: `https://tmp.example.tcb.qcloud.la/${f.fileID.slice(8)}?sign=x`,
      status: 0,
    })),
  })),
};

/** The adapter against a stand-in for `cloud.openapi` (WeChat's servers are out of reach here). */
describe('msgSecCheck / mediaCheckAsync adapter', () => {
  const api = (
    msg: SecurityOpenApi['security']['msgSecCheck'],
    media?: SecurityOpenApi['security']['mediaCheckAsync'],
  ) =>
    wechatContentChecks(
      {
        security: {
          msgSecCheck: msg,
          mediaCheckAsync: media ?? (async () => ({ errCode: 0, traceId: 't1' })),
        },
      },
      TEMP,
    );

  it('branches on result.suggest, not errcode (0 even for flagged text)', async () => {
    const check = jest.fn(async () => ({
      errCode: 0,
      errMsg: 'ok',
      result: { suggest: 'risky', label: 20002 },
    }));
    const v = await api(check).checkText({ text: '某段文字', scene: 'social', openid: 'o1' });
    expect(v).toEqual({ verdict: 'risky', reason: '内容安全检测：风险（色情）' });
    expect(check).toHaveBeenCalledWith({ openid: 'o1', scene: 4, version: 2, content: '某段文字' });
    const pass = jest.fn(async () => ({ errCode: 0, result: { suggest: 'pass', label: 100 } }));
    expect(await api(pass).checkText({ text: '好', scene: 'comment', openid: 'o1' })).toEqual({
      verdict: 'pass',
      reason: null,
    });
    expect(pass).toHaveBeenCalledWith(expect.objectContaining({ scene: 2 }));
  });

  it('checks long text in 2,500-character pieces and stops at the first risky one', async () => {
    const answers = ['pass', 'risky', 'pass'];
    const check = jest.fn(async () => ({
      errCode: 0,
      result: { suggest: answers.shift()!, label: 21000 },
    }));
    const v = await api(check).checkText({ text: 'a'.repeat(6000), scene: 'social', openid: 'o1' });
    expect(v.verdict).toBe('risky');
    expect(check).toHaveBeenCalledTimes(2);
    expect(chunksOf('a'.repeat(6000)).map((c) => c.length)).toEqual([2500, 2500, 1000]);
  });

  it('sends to a person what WeChat cannot judge: 61010 (not opened in 2 hours), faults, no openid', async () => {
    const thrown = Object.assign(new Error('user not visited'), { errCode: 61010 });
    const v = await api(async () => {
      throw thrown;
    }).checkText({ text: 'x', scene: 'social', openid: 'o1' });
    expect(v).toMatchObject({ verdict: 'review', reason: expect.stringContaining('2 小时') });
    expect(
      (
        await api(async () => ({ errCode: 61010 })).checkText({
          text: 'x',
          scene: 'social',
          openid: 'o1',
        })
      ).verdict,
    ).toBe('review');
    expect(
      (
        await api(async () => ({ errCode: -1 })).checkText({
          text: 'x',
          scene: 'social',
          openid: 'o1',
        })
      ).verdict,
    ).toBe('review');
    expect(
      (
        await api(async () => ({ errCode: 0 })).checkText({
          text: 'x',
          scene: 'social',
          openid: null,
        })
      ).verdict,
    ).toBe('review');
  });

  it('asks for an image verdict through a temporary https link, returning the trace id', async () => {
    const media = jest.fn(async () => ({ errCode: 0, traceId: '690b03d2-301f6111-35ffbd44' }));
    const res = await api(jest.fn(), media).requestImageCheck({
      fileId: 'cloud://env.bucket/reading/a.jpg',
      name: 'a.jpg',
      scene: 'social',
      openid: 'o1',
    });
    expect(res).toEqual({ traceId: '690b03d2-301f6111-35ffbd44' });
    expect(TEMP.getTempFileURL).toHaveBeenCalledWith({
      fileList: [{ fileID: 'cloud://env.bucket/reading/a.jpg', maxAge: 3600 }],
    });
    expect(media).toHaveBeenCalledWith({
      mediaUrl: expect.stringMatching(/^https:\/\//),
      mediaType: 2,
      version: 2,
      scene: 4,
      openid: 'o1',
    });
  });

  it('reads the push event verdict the same way', () => {
    expect(verdictOf('pass', '100')).toEqual({ verdict: 'pass', reason: null });
    expect(verdictOf('review', '10001').reason).toContain('疑似（广告）');
    expect(verdictOf(undefined, undefined).verdict).toBe('review');
  });
});

/**
 * The same adapter through wx-server-sdk's own `cloud.openapi`: the SDK's case conversion and
 * protobuf encoder run for real, only the transport underneath is replaced, so the body WeChat
 * would receive is checked against msg_sec_check's and media_check_async's documented fields.
 */
describe('content security through wx-server-sdk', () => {
  const sdkDir = dirname(require.resolve('wx-server-sdk'));
  /* eslint-disable @typescript-eslint/no-require-imports */
  const nodeSdk = require(require.resolve('@cloudbase/node-sdk', { paths: [sdkDir] })) as {
    init(config: { env: string }): object;
  };
  const cloud = require('wx-server-sdk') as {
    init(config: { env: string }): void;
    openapi: SecurityOpenApi;
  };
  const pb = require(require.resolve('protobufjs/minimal', { paths: [sdkDir] })) as {
    roots: Record<string, Record<string, PbType>>;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  interface PbType {
    decode(buffer: Uint8Array): unknown;
    encode(message: object): { finish(): Uint8Array };
  }
  type Transport = (req: { apiName: string; requestData: Buffer }) => Promise<Buffer>;
  cloud.init({ env: 'test-env' });
  const proto = Object.getPrototypeOf(nodeSdk.init({ env: 'test-env' })) as {
    callCompatibleWxOpenApi: Transport;
  };
  const original = proto.callCompatibleWxOpenApi;
  afterAll(() => {
    proto.callCompatibleWxOpenApi = original;
  });
  const types = () => pb.roots.default!;
  const answer = (json: object) =>
    Buffer.from(
      types()
        .CommOpenApiResp!.encode({
          respData: Buffer.from(JSON.stringify(json)),
          contentType: 'application/json',
        })
        .finish(),
    );
  function sent(transport: jest.Mock): { api: string; body: Record<string, unknown> } {
    const { apiName, requestData } = transport.mock.calls[0]![0] as {
      apiName: string;
      requestData: Buffer;
    };
    const data = types().CommApiData!.decode(requestData) as {
      openapiData: { pairs: Array<{ key: string; value: Uint8Array }> };
    };
    return {
      api: apiName,
      body: Object.fromEntries(
        data.openapiData.pairs.map((p) => [p.key, JSON.parse(Buffer.from(p.value).toString())]),
      ),
    };
  }

  it('msgSecCheck: sends openid, scene, version and content; reads result.suggest', async () => {
    const transport = jest.fn(async () =>
      answer({
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: 'review', label: 20001 },
        trace_id: 'x',
      }),
    );
    proto.callCompatibleWxOpenApi = transport;
    const v = await wechatContentChecks(cloud.openapi, TEMP).checkText({
      text: '读书心得',
      scene: 'social',
      openid: 'oUser',
    });
    expect(sent(transport)).toEqual({
      api: 'security.msgSecCheck',
      body: { openid: 'oUser', scene: 4, version: 2, content: '读书心得' },
    });
    expect(v).toEqual({ verdict: 'review', reason: '内容安全检测：疑似（时政）' });
  });

  it('mediaCheckAsync: sends media_url, media_type 2, version 2, scene, openid; reads the trace id', async () => {
    const transport = jest.fn(async () =>
      answer({ errcode: 0, errmsg: 'ok', trace_id: '6247e8b4-5601e99c-0782c62b' }),
    );
    proto.callCompatibleWxOpenApi = transport;
    const res = await wechatContentChecks(cloud.openapi, TEMP).requestImageCheck({
      fileId: 'cloud://env.bucket/p.jpg',
      name: 'p.jpg',
      scene: 'social',
      openid: 'oUser',
    });
    const { api, body } = sent(transport);
    expect(api).toBe('security.mediaCheckAsync');
    expect(body).toEqual({
      media_url: 'https://tmp.example.tcb.qcloud.la/env.bucket/p.jpg?sign=x',
      media_type: 2,
      version: 2,
      scene: 4,
      openid: 'oUser',
    });
    expect(res).toEqual({ traceId: '6247e8b4-5601e99c-0782c62b' });
  });
});

describe('the local word-list checker', () => {
  it('gives the same three verdicts, ignoring spaces and punctuation, and queues image verdicts', async () => {
    const store = new SqliteStore(':memory:');
    const now = new Date('2026-03-02T02:00:00Z');
    const port = wordListChecks(store, () => now);
    expect(
      (await port.checkText({ text: '网络 博·彩', scene: 'social', openid: null })).verdict,
    ).toBe('risky');
    expect(
      (await port.checkText({ text: '有人要上访', scene: 'social', openid: null })).verdict,
    ).toBe('review');
    expect(
      (await port.checkText({ text: '读书心得', scene: 'social', openid: null })).verdict,
    ).toBe('pass');
    const { traceId } = await port.requestImageCheck({
      fileId: 'local://abc',
      name: '色情图.jpg',
      scene: 'social',
      openid: null,
    });
    expect(await store.get('dev_media_verdicts', traceId)).toMatchObject({
      suggest: 'risky',
      delivered: false,
    });
    await store.close();
  });
});
