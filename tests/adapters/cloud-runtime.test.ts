import { cloudFunction } from '../../cloudfunctions/runtime/cloud';
import { command } from '../../cloudfunctions/kernel/action';
import * as z from 'zod';

jest.mock('wx-server-sdk', () => ({
  init: jest.fn(),
  DYNAMIC_CURRENT_ENV: 'env',
  database: () => ({ collection: jest.fn(), command: {}, serverDate: jest.fn() }),
  // A message push may carry a user's OPENID: it must still reach the push handler.
  getWXContext: () => ({ OPENID: 'oPushedUser' }),
  openapi: { security: {}, subscribeMessage: {}, wxacode: {}, phonenumber: {} },
  getTempFileURL: jest.fn(),
  downloadFile: jest.fn(),
}));

describe('the cloud entry', () => {
  it('hands WeChat message-push events (MsgType, no action) to onPush, and nothing else', async () => {
    const onPush = jest.fn(async () => ({ applied: false }));
    const handlers = {
      ping: command(
        { input: z.strictObject({}), output: {} as never },
        'anyone',
        async () => 'pong' as never,
      ),
    };
    const main = cloudFunction('test', handlers, undefined, onPush);
    const push = {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: 't',
      result: { suggest: 'pass' },
    };
    expect(await main(push)).toEqual({ applied: false });
    expect(onPush).toHaveBeenCalledWith(
      expect.objectContaining({ contentChecks: expect.any(Object) }),
      push,
    );
    onPush.mockClear();
    // The stand-in database cannot answer the identity lookup: the call fails, logged (silenced here).
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await main({ action: 'test.ping', payload: {}, MsgType: 'event' });
    out.mockRestore();
    expect(onPush).not.toHaveBeenCalled();
  });
});
