import { dirname } from 'node:path';
import {
  envVersionOf,
  wechatMiniProgramCodes,
  type WxacodeOpenApi,
} from '../../cloudfunctions/adapters/wechat-wxacode';
import {
  drawQr,
  linkQrCodes,
  MiniProgramCodeError,
  pathQrCodes,
} from '../../cloudfunctions/ports/mini-program-code';

const target = { page: 'pages/meetings/checkin/index', scene: '0123456789.2xj4k0.AbCdEf-_1234' };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The adapter against a stand-in for `cloud.openapi` (WeChat's servers are out of reach here). */
describe('wxacode.getUnlimited adapter', () => {
  const adapter = (
    impl: WxacodeOpenApi['wxacode']['getUnlimited'],
    options?: Parameters<typeof wechatMiniProgramCodes>[1],
  ) => wechatMiniProgramCodes({ wxacode: { getUnlimited: impl } }, options);

  it('asks for the page with the scene, and returns the image', async () => {
    const getUnlimited = jest.fn(async () => ({
      contentType: 'image/png',
      buffer: PNG,
      errCode: 0,
      errMsg: 'openapi.wxacode.getUnlimited:ok',
    }));
    const image = await adapter(getUnlimited).draw(target);
    expect(getUnlimited).toHaveBeenCalledWith({
      scene: target.scene,
      page: 'pages/meetings/checkin/index',
      checkPath: true,
      envVersion: 'release',
      width: 430,
    });
    expect(image).toEqual({ contentType: 'image/png', buffer: PNG });
  });

  it('opens the trial or development version without checking the page is published', async () => {
    const getUnlimited = jest.fn(async () => ({ contentType: 'image/png', buffer: PNG }));
    await adapter(getUnlimited, { envVersion: envVersionOf('trial') }).draw(target);
    await adapter(getUnlimited, { envVersion: envVersionOf('developer') }).draw(target);
    expect(getUnlimited.mock.calls.map((c) => (c as unknown[])[0])).toMatchObject([
      { envVersion: 'trial', checkPath: false },
      { envVersion: 'develop', checkPath: false },
    ]);
    expect(envVersionOf('formal')).toBe('release');
  });

  it('turns a refusal (thrown with its errCode) or a non-image answer into MiniProgramCodeError', async () => {
    const thrown = Object.assign(new Error('invalid page'), {
      errCode: 41030,
      errMsg: 'invalid page',
    });
    await expect(
      adapter(async () => {
        throw thrown;
      }).draw(target),
    ).rejects.toMatchObject({ name: 'MiniProgramCodeError', errCode: 41030 });
    await expect(
      adapter(async () => ({ contentType: 'application/json', errCode: 0 })).draw(target),
    ).rejects.toBeInstanceOf(MiniProgramCodeError);
  });
});

/**
 * The same adapter through wx-server-sdk's own `cloud.openapi`: the SDK's case conversion and
 * protobuf encoder run for real, only the transport underneath (the node SDK's
 * `callCompatibleWxOpenApi`) is replaced. So the request WeChat would receive is checked
 * field by field against getUnlimited's documented body (scene, page, check_path,
 * env_version, width), and the SDK's answer shapes against what the adapter reads.
 */
describe('wxacode.getUnlimited through wx-server-sdk', () => {
  const sdkDir = dirname(require.resolve('wx-server-sdk'));
  /* eslint-disable @typescript-eslint/no-require-imports */
  const nodeSdk = require(require.resolve('@cloudbase/node-sdk', { paths: [sdkDir] })) as {
    init(config: { env: string }): object;
  };
  const cloud = require('wx-server-sdk') as {
    init(config: { env: string }): void;
    openapi: WxacodeOpenApi;
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
  const answer = (respData: Buffer, contentType: string) =>
    Buffer.from(types().CommOpenApiResp!.encode({ respData, contentType }).finish());

  function sent(transport: jest.Mock): { api: string; body: Record<string, unknown> } {
    const { apiName, requestData } = transport.mock.calls[0]![0] as {
      apiName: string;
      requestData: Buffer;
    };
    const data = types().CommApiData!.decode(requestData) as {
      openapiData: { pairs: Array<{ key: string; value: Uint8Array }> };
    };
    const body = Object.fromEntries(
      data.openapiData.pairs.map((p) => [p.key, JSON.parse(Buffer.from(p.value).toString())]),
    );
    return { api: apiName, body };
  }

  it('sends WeChat the documented body and hands back the PNG', async () => {
    const transport = jest.fn(async () => answer(PNG, 'image/png'));
    proto.callCompatibleWxOpenApi = transport;

    const image = await wechatMiniProgramCodes(cloud.openapi, { envVersion: 'trial' }).draw(target);

    expect(sent(transport)).toEqual({
      api: 'wxacode.getUnlimited',
      body: {
        scene: target.scene,
        page: 'pages/meetings/checkin/index',
        check_path: false,
        env_version: 'trial',
        width: 430,
      },
    });
    expect(image.contentType).toBe('image/png');
    expect(Buffer.compare(image.buffer, PNG)).toBe(0);
  });

  it('reads WeChat’s JSON refusal as an error with its errcode', async () => {
    const refusal = Buffer.from(JSON.stringify({ errcode: 40129, errmsg: 'invalid scene' }));
    proto.callCompatibleWxOpenApi = jest.fn(async () => answer(refusal, 'application/json'));

    await expect(wechatMiniProgramCodes(cloud.openapi).draw(target)).rejects.toMatchObject({
      name: 'MiniProgramCodeError',
      errCode: 40129,
    });
  });
});

describe('local and link adapters', () => {
  it('draw a QR of the page path, read only from inside the app', async () => {
    const image = await pathQrCodes.draw(target);
    expect(image.contentType).toBe('image/gif');
    expect(image.buffer.subarray(0, 6).toString('latin1')).toBe('GIF87a');
    expect(image).toEqual(drawQr(`pages/meetings/checkin/index?scene=${target.scene}`));
    expect(pathQrCodes.opensFromCamera).toBe(false);
  });

  it('draw a QR of the configured https link, which the camera opens', async () => {
    const port = linkQrCodes('https://cppcc.example.gov.cn/c/');
    expect(port.opensFromCamera).toBe(true);
    expect(await port.draw(target)).toEqual(
      drawQr(`https://cppcc.example.gov.cn/c/${target.scene}`),
    );
    expect(() => linkQrCodes('http://cppcc.example.gov.cn/c/')).toThrow(/https prefix/);
    expect(() => linkQrCodes('https://cppcc.example.gov.cn/c')).toThrow(/ending in/);
  });
});
