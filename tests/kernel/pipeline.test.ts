import * as z from 'zod';
import { command, handle, STAFF, type Handler } from '../../cloudfunctions/kernel/action';
import { fail } from '../../cloudfunctions/kernel/errors';
import { jsonLogger } from '../../cloudfunctions/kernel/logger';
import { createDispatcher } from '../../cloudfunctions/kernel/pipeline';
import { returns } from '../../typings/contracts/contract';
import { makeHarness, type Harness } from '../support/harness';

const echo = {
  input: z.strictObject({ text: z.string().min(1).max(5) }),
  output: returns<{ text: string }>(),
};
const empty = { input: z.strictObject({}), output: returns<null>() };

let runs = 0;

const testHandlers: Record<string, Handler> = {
  count: command(empty, 'member', async () => {
    runs += 1;
    return runs as unknown as null;
  }),
  peek: handle(empty, 'member', async () => {
    runs += 1;
    return runs as unknown as null;
  }),
  echo: handle(echo, 'member', async (_ctx, input) => ({ text: input.text })),
  whoami: handle(empty, 'anyone', async () => null),
  staffOnly: handle(empty, STAFF, async () => null),
  boom: handle(empty, 'anyone', async () => {
    throw new Error('secret internal detail');
  }),
  expected: handle(empty, 'anyone', async () => {
    throw fail('MEMBER.NOT_FOUND', '找不到这个人', { id: 'x' });
  }),
} as unknown as Record<string, Handler>;

describe('the call pipeline', () => {
  let h: Harness;
  const lines: string[] = [];
  beforeEach(async () => {
    h = await makeHarness({ functions: { t: testHandlers } });
    lines.length = 0;
    h.services.log = jsonLogger((l) => lines.push(l));
  });
  afterEach(() => h.close());

  const dispatch = (event: unknown, openid: string | null = 'demo-member-01') =>
    createDispatcher('t', testHandlers, h.services)(event, { openid });

  it('answers a valid call with data and a request id', async () => {
    const res = await dispatch({ action: 't.echo', payload: { text: '你好' } });
    expect(res).toEqual({
      ok: true,
      data: { text: '你好' },
      requestId: expect.stringMatching(/^req_/),
    });
  });

  it('echoes the client request id', async () => {
    const res = await dispatch({
      action: 't.echo',
      payload: { text: 'a' },
      requestId: 'client-req-0001',
    });
    expect(res.ok && res.requestId).toBe('client-req-0001');
  });

  it.each([
    ['not an object', 'hello'],
    ['an array', [1]],
    ['no action', { payload: {} }],
    ['a non-string action', { action: 5 }],
    ['a payload that is not an object', { action: 't.echo', payload: 'x' }],
    ['a hostile request id', { action: 't.echo', payload: {}, requestId: '../../etc' }],
  ])('refuses %s as REQUEST.MALFORMED', async (_name, event) => {
    const res = await dispatch(event);
    expect(!res.ok && res.error.code).toBe('REQUEST.MALFORMED');
  });

  it.each(['t.nope', 'nope', 'other.echo', 't.constructor', 't.__proto__', 't.'])(
    'refuses the unknown action %s',
    async (action) => {
      const res = await dispatch({ action, payload: {} });
      expect(!res.ok && res.error.code).toBe('REQUEST.UNKNOWN_ACTION');
    },
  );

  it('accepts the short action form on the function that serves it', async () => {
    const res = await dispatch({ action: 'echo', payload: { text: '短名' } });
    expect(res).toMatchObject({ ok: true, data: { text: '短名' } });
    expect(
      (await dispatch({ action: 'constructor', payload: {} })).ok ||
        (await dispatch({ action: '__proto__', payload: {} })).ok,
    ).toBe(false);
  });

  it('refuses a payload nested 10,000 levels deep as REQUEST.MALFORMED, not a crash', async () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const res = await dispatch({ action: 't.echo', payload: deep });
    expect(res).toMatchObject({ ok: false, error: { code: 'REQUEST.MALFORMED' } });
    expect(!res.ok && res.error.message).toContain('嵌套过深');
    const wide = { text: 'a', list: Array.from({ length: 3 }, () => ({ b: [[[1]]] })) };
    const ok = await dispatch({ action: 't.echo', payload: wide });
    expect(!ok.ok && ok.error.code).toBe('REQUEST.INVALID');
  });

  it('refuses a call without a trusted identity', async () => {
    const res = await dispatch({ action: 't.whoami', payload: {} }, null);
    expect(!res.ok && res.error.code).toBe('AUTH.NO_IDENTITY');
  });

  it('refuses an unbound caller on member actions but not on open ones', async () => {
    const res = await dispatch({ action: 't.echo', payload: { text: 'a' } }, 'stranger');
    expect(!res.ok && res.error.code).toBe('AUTH.NOT_BOUND');
    expect((await dispatch({ action: 't.whoami' }, 'stranger')).ok).toBe(true);
  });

  it('validates the payload and says which field is wrong, in Chinese', async () => {
    const res = await dispatch({ action: 't.echo', payload: { text: 'toolong', extra: 1 } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('REQUEST.INVALID');
    expect(res.error.message).toMatch(/^提交的内容有误/);
    const issues = (res.error.details as { issues: Array<{ path: string }> }).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['', 'text']);
  });

  it('checks roles after validation', async () => {
    const res = await dispatch({ action: 't.staffOnly', payload: {} });
    expect(!res.ok && res.error.code).toBe('AUTH.FORBIDDEN');
    expect((await dispatch({ action: 't.staffOnly', payload: {} }, 'demo-staff')).ok).toBe(true);
  });

  it('refuses a deactivated member', async () => {
    const m = h.seed.accounts.find((a) => a.openid === 'demo-member-02')!;
    const doc = (
      await h.store.find<{ _id: string; name: string }>('members', { where: { name: m.name } })
    )[0]!;
    await h.store.update('members', doc._id, { set: { active: false } });
    const res = await dispatch({ action: 't.echo', payload: { text: 'a' } }, 'demo-member-02');
    expect(!res.ok && res.error.code).toBe('AUTH.INACTIVE');
  });

  it('passes expected failures through with their code, message and details', async () => {
    const res = await dispatch({ action: 't.expected', payload: {} });
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'MEMBER.NOT_FOUND',
        message: '找不到这个人',
        details: { id: 'x' },
        requestId: expect.any(String),
      },
    });
  });

  it('hides unexpected faults behind a generic message and logs them with the request id', async () => {
    const res = await dispatch({ action: 't.boom', payload: {}, requestId: 'trace-me-123' });
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'SYSTEM.INTERNAL',
        message: '系统繁忙，请稍后再试',
        requestId: 'trace-me-123',
      },
    });
    expect(JSON.stringify(res)).not.toContain('secret');
    const logged = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.level === 'error');
    expect(logged).toMatchObject({
      requestId: 'trace-me-123',
      action: 't.boom',
      error: 'secret internal detail',
    });
  });

  it('answers a retried command with its first answer, without running it again', async () => {
    runs = 0;
    const first = await dispatch({ action: 't.count', payload: {}, requestId: 'retry-me-0001' });
    const again = await dispatch({ action: 't.count', payload: {}, requestId: 'retry-me-0001' });
    expect(first).toMatchObject({ ok: true, data: 1 });
    expect(again).toMatchObject({ ok: true, data: 1 });
    expect(runs).toBe(1);
    expect(
      await dispatch({ action: 't.count', payload: {}, requestId: 'another-0001' }),
    ).toMatchObject({ data: 2 });
    // Another member's request with the same id is theirs alone.
    expect(
      await dispatch(
        { action: 't.count', payload: {}, requestId: 'retry-me-0001' },
        'demo-member-02',
      ),
    ).toMatchObject({ data: 3 });
  });

  it('runs queries every time and keeps nothing for them', async () => {
    runs = 0;
    await dispatch({ action: 't.peek', payload: {}, requestId: 'query-0000001' });
    await dispatch({ action: 't.peek', payload: {}, requestId: 'query-0000001' });
    expect(runs).toBe(2);
    expect(await h.store.count('idempotency')).toBe(0);
  });

  it('refuses an oversized payload', async () => {
    const res = await dispatch({
      action: 't.echo',
      payload: { text: 'x'.repeat(5 * 1024 * 1024) },
    });
    expect(!res.ok && res.error.code).toBe('REQUEST.TOO_LARGE');
  });
});
