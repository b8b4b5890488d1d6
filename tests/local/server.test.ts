import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { createLocalServer, isLoopback } from '../../scripts/local/server';
import { makeHarness, type Harness } from '../support/harness';

describe('the local runtime over HTTP', () => {
  let h: Harness;
  let server: Server;
  let base: string;

  const start = async (trustOpenidHeader: boolean) => {
    server = createLocalServer({ services: h.services, functions: FUNCTIONS, trustOpenidHeader });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const post = (path: string, body: string, openid?: string) =>
    fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body,
    });

  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it('serves a member their profile, identified by the X-WX-OPENID header', async () => {
    await start(true);
    const res = await post(
      '/api/members',
      JSON.stringify({ action: 'members.getMyProfile', payload: {} }),
      'demo-member-01',
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; data: { name: string } };
    expect(body.ok).toBe(true);
    expect(body.data.name).toBe(h.seed.accounts[0]!.name);
  });

  it('answers refusals with the envelope and a fitting status', async () => {
    await start(true);
    const forbidden = await post(
      '/api/members',
      JSON.stringify({ action: 'members.listRoster', payload: {} }),
      'demo-member-01',
    );
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    const badJson = await post('/api/members', '{not json', 'demo-member-01');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: 'REQUEST.MALFORMED' } });
    const deep = `{"action":"members.getMyProfile","payload":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const tooDeep = await post('/api/members', deep, 'demo-member-01');
    expect(tooDeep.status).toBe(400);
    expect(await tooDeep.json()).toMatchObject({ error: { code: 'REQUEST.MALFORMED' } });
    const noFn = await post('/api/nothing', '{}', 'demo-member-01');
    expect(noFn.status).toBe(404);
    const noIdentity = await post(
      '/api/members',
      JSON.stringify({ action: 'members.getMyProfile' }),
    );
    expect(await noIdentity.json()).toMatchObject({ error: { code: 'AUTH.NO_IDENTITY' } });
  });

  it('ignores the identity header unless in development mode', async () => {
    await start(false);
    const res = await post(
      '/api/members',
      JSON.stringify({ action: 'members.getMyProfile' }),
      'demo-member-01',
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'AUTH.NO_IDENTITY' } });
  });

  it('reports health', async () => {
    await start(true);
    const res = await fetch(base + '/healthz');
    expect(await res.json()).toEqual({
      ok: true,
      functions: Object.keys(FUNCTIONS),
    });
  });

  it('trusts only loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('192.168.1.10')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
