import type {
  CheckInCode,
  CheckInPass,
  CheckInResult,
  MeetingDetail,
} from '../../typings/contracts/meetings';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { CHECKIN_PAGE } from '../../cloudfunctions/modules/meetings/checkin';
import {
  doorOf,
  makePass,
  makeTicket,
  PASS_TTL_MS,
  readScannedCode,
  SCENE_MAX_LENGTH,
  slotOf,
  verifyPass,
  verifyTicket,
} from '../../cloudfunctions/modules/meetings/token';
import {
  MiniProgramCodeError,
  type MiniProgramCodePort,
} from '../../cloudfunctions/ports/mini-program-code';
import { makeHarness, type Harness } from '../support/harness';
import { publishedMeeting, VENUE } from './support';

const AT = (beijing: string) => new Date(`${beijing}+08:00`).toISOString();
const KEY = Buffer.alloc(32, 7);
/** The characters WeChat allows in `scene`, less `&`, `=` and `%` (query syntax, encoding). */
const SCENE_CHARS = /^[0-9A-Za-z._-]+$/;

describe('door tickets (token.ts)', () => {
  const now = new Date('2026-03-05T00:10:00.000Z');
  const door = doorOf(KEY, 'mt_0000000000000000000', 's12');

  it('fit a mini-program code’s scene: at most 32 characters of the plain set', () => {
    // The longest slot this code will see (the year 2600) and every session id.
    for (const slot of [slotOf(now), slotOf(new Date('2600-01-01T00:00:00Z'))]) {
      const ticket = makeTicket(KEY, door, slot);
      expect(ticket.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH);
      expect(ticket).toMatch(SCENE_CHARS);
    }
    for (let s = 1; s <= 12; s += 1) {
      expect(makeTicket(KEY, doorOf(KEY, 'mt_x', `s${s}`), slotOf(now))).toMatch(SCENE_CHARS);
    }
  });

  it('name the same door for a session every time, and a different one per session', () => {
    expect(doorOf(KEY, 'mt_a', 's1')).toBe(doorOf(KEY, 'mt_a', 's1'));
    expect(doorOf(KEY, 'mt_a', 's1')).not.toBe(doorOf(KEY, 'mt_a', 's2'));
    expect(doorOf(KEY, 'mt_a', 's1')).not.toBe(doorOf(Buffer.alloc(32, 8), 'mt_a', 's1'));
  });

  it('rotate every 10 seconds and hold for 20–30 seconds', () => {
    const slot = slotOf(now);
    const ticket = makeTicket(KEY, door, slot);
    expect(makeTicket(KEY, door, slot + 1)).not.toBe(ticket);
    const start = slot * 10_000;
    expect(verifyTicket(KEY, ticket, new Date(start))).toEqual({ ok: true, door, slot });
    expect(verifyTicket(KEY, ticket, new Date(start + 29_999)).ok).toBe(true);
    expect(verifyTicket(KEY, ticket, new Date(start + 30_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    // A ticket from the future (a clock far ahead) is no better than an old one.
    expect(verifyTicket(KEY, ticket, new Date(start - 1))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuse a changed character, another key, and garbage', () => {
    const ticket = makeTicket(KEY, door, slotOf(now));
    const last = ticket.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyTicket(KEY, ticket.slice(0, -1) + last, now).ok).toBe(false);
    expect(verifyTicket(Buffer.alloc(32, 9), ticket, now)).toEqual({ ok: false, reason: 'forged' });
    const [d, slotText, sig] = ticket.split('.') as [string, string, string];
    const moved = `${d}.${(parseInt(slotText, 36) + 1).toString(36)}.${sig}`;
    expect(verifyTicket(KEY, moved, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyTicket(KEY, 'hello', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('are read from the scene, the link, the scanned page path (encoded or not) and nothing else', () => {
    const ticket = makeTicket(KEY, door, slotOf(now));
    const asTicket = { kind: 'ticket', value: ticket };
    expect(readScannedCode(ticket)).toEqual(asTicket);
    expect(readScannedCode(encodeURIComponent(ticket))).toEqual(asTicket);
    expect(readScannedCode(`https://cppcc.example.gov.cn/c/${ticket}`)).toEqual(asTicket);
    expect(readScannedCode(encodeURIComponent(`https://cppcc.example.gov.cn/c/${ticket}`))).toEqual(
      asTicket,
    );
    expect(readScannedCode(`https://x.example.cn/app/c/${ticket}?from=door`)).toEqual(asTicket);
    expect(readScannedCode(`${CHECKIN_PAGE}?scene=${ticket}`)).toEqual(asTicket);
    expect(readScannedCode(`${CHECKIN_PAGE}?scene=${encodeURIComponent(ticket)}`)).toEqual(
      asTicket,
    );
    expect(readScannedCode(`  ${ticket}\n`)).toEqual(asTicket);
    for (const junk of [
      '',
      'https://example.com/not-a-code',
      `https://cppcc.example.gov.cn/d/${ticket}`,
      `${ticket}x`,
      '%E0%A4%A',
    ]) {
      expect(readScannedCode(junk)).toBeNull();
    }
  });
});

describe('check-in passes (token.ts)', () => {
  const issued = new Date('2026-03-05T00:10:00.000Z');
  const pass = makePass(KEY, 'mt_a', 's1', 'openid-1', issued);

  it('hold for 10 minutes, for the account they were made for only', () => {
    expect(verifyPass(KEY, pass, 'openid-1', new Date(issued.getTime() + PASS_TTL_MS))).toEqual({
      ok: true,
      meetingId: 'mt_a',
      sessionId: 's1',
      issuedAt: issued,
    });
    expect(verifyPass(KEY, pass, 'openid-1', new Date(issued.getTime() + PASS_TTL_MS + 1))).toEqual(
      { ok: false, reason: 'expired' },
    );
    expect(verifyPass(KEY, pass, 'openid-2', issued)).toEqual({ ok: false, reason: 'forged' });
    expect(readScannedCode(pass)).toEqual({ kind: 'pass', value: pass });
  });
});

describe('check-in through the door code', () => {
  let h: Harness;
  let m: MeetingDetail;
  let ids: Record<string, string>;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((x) => x.openid).map((x) => [x.openid!, x._id]));
    m = await publishedMeeting(h, { requireLocation: false });
    h.clock.set(AT('2026-03-05T08:10:00'));
  });
  afterEach(() => h.close());

  const doorCode = (meetingId = m.id, sessionId = 's1') =>
    h.ok<CheckInCode>('demo-staff', 'meetings.getCheckInCode', { meetingId, sessionId });
  const resolve = (openid: string, code: string) =>
    h.call<CheckInPass>(openid, 'meetings.resolveCheckInCode', { code });
  const checkIn = (openid: string, token: string, extra: Record<string, unknown> = {}) =>
    h.call<CheckInResult>(openid, 'meetings.checkIn', { token, ...extra });

  describe('meetings.getCheckInCode', () => {
    it('shows a ticket short enough for a mini-program code, drawn by the code port, and the old token', async () => {
      const code = await doorCode();
      expect(code.scene.length).toBeLessThanOrEqual(32);
      expect(code.scene).toMatch(SCENE_CHARS);
      expect(code.token).toMatch(/^ck1\./);
      // The local adapter: a QR of the path the mini-program code would open.
      expect(code.qrDataUrl).toMatch(/^data:image\/gif;base64,/);
      expect(code.opensFromCamera).toBe(false);
      expect(code.refreshAfterMs).toBeGreaterThan(0);
      expect(code.refreshAfterMs).toBeLessThanOrEqual(10_000);
      expect(await h.store.count('checkin_doors', {})).toBe(1);
    });

    it('rotates the ticket every 10 seconds on the same door', async () => {
      const first = await doorCode();
      h.clock.advance(4_000);
      const sameSlot = await doorCode();
      h.clock.advance(10_000);
      const next = await doorCode();
      expect(sameSlot.scene).toBe(first.scene);
      expect(next.scene).not.toBe(first.scene);
      expect(next.scene.split('.')[0]).toBe(first.scene.split('.')[0]);
      expect(await h.store.count('checkin_doors', {})).toBe(1);
      await doorCode(m.id, 's2');
      expect(await h.store.count('checkin_doors', {})).toBe(2);
    });

    it('asks the port for the check-in page with the ticket as the scene', async () => {
      const draw = jest.fn<
        ReturnType<MiniProgramCodePort['draw']>,
        Parameters<MiniProgramCodePort['draw']>
      >(async () => ({ contentType: 'image/png', buffer: Buffer.from('PNG') }));
      h.services.miniProgramCodes = { opensFromCamera: true, draw };
      const code = await doorCode();
      expect(draw).toHaveBeenCalledWith({
        page: 'pages/meetings/checkin/index',
        scene: code.scene,
      });
      expect(code.qrDataUrl).toBe(`data:image/png;base64,${Buffer.from('PNG').toString('base64')}`);
      expect(code.opensFromCamera).toBe(true);
    });

    it('answers CHECKIN.CODE_UNAVAILABLE when WeChat cannot make the code, and tries again next time', async () => {
      const draw = jest
        .fn<ReturnType<MiniProgramCodePort['draw']>, Parameters<MiniProgramCodePort['draw']>>()
        .mockRejectedValueOnce(new MiniProgramCodeError('wxacode.getUnlimited: busy', -1))
        .mockResolvedValue({ contentType: 'image/png', buffer: Buffer.from('PNG') });
      h.services.miniProgramCodes = { opensFromCamera: true, draw };
      expect(
        (await h.err('demo-staff', 'meetings.getCheckInCode', { meetingId: m.id, sessionId: 's1' }))
          .code,
      ).toBe('CHECKIN.CODE_UNAVAILABLE');
      expect((await doorCode()).qrDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(draw).toHaveBeenCalledTimes(2);
    });

    it('is for staff only', async () => {
      expect(
        (
          await h.err('demo-member-01', 'meetings.getCheckInCode', {
            meetingId: m.id,
            sessionId: 's1',
          })
        ).code,
      ).toBe('AUTH.FORBIDDEN');
    });
  });

  describe('meetings.checkIn with the ticket', () => {
    it('checks in from the scene, from the link (q) and from the scanned path', async () => {
      const { scene } = await doorCode();
      expect(await checkIn('demo-member-01', scene)).toMatchObject({
        ok: true,
        data: { meetingId: m.id, sessionId: 's1', late: false, already: false },
      });
      expect(
        await checkIn('demo-member-02', `https://cppcc.example.gov.cn/c/${scene}`),
      ).toMatchObject({
        ok: true,
        data: { already: false },
      });
      expect(
        await checkIn(
          'demo-member-04',
          `pages/meetings/checkin/index?scene=${encodeURIComponent(scene)}`,
        ),
      ).toMatchObject({ ok: true, data: { already: false } });
      expect(await h.store.count('meeting_checkins', { meetingId: m.id })).toBe(3);
    });

    it('refuses a ticket forwarded after it expired (30 s), and a changed one', async () => {
      const { scene } = await doorCode();
      h.clock.advance(29_000);
      expect((await checkIn('demo-member-01', scene)).ok).toBe(true);
      h.clock.advance(1_500);
      expect(await checkIn('demo-member-02', scene)).toMatchObject({
        error: { code: 'CHECKIN.CODE_EXPIRED' },
      });
      const forged = scene.slice(0, -1) + (scene.endsWith('A') ? 'B' : 'A');
      expect(await checkIn('demo-member-02', forged)).toMatchObject({
        error: { code: 'CHECKIN.CODE_INVALID' },
      });
    });

    it('refuses a ticket whose door it does not know (signed, but never shown here)', async () => {
      const { scene } = await doorCode();
      await h.store.remove('checkin_doors', scene.split('.')[0]!);
      expect(await checkIn('demo-member-01', scene)).toMatchObject({
        error: { code: 'CHECKIN.CODE_INVALID' },
      });
    });

    it('refuses another meeting’s ticket when scanning from this one', async () => {
      const other = await publishedMeeting(h, { title: '专题协商会', kind: 'consultation' });
      const { scene } = await doorCode(other.id);
      expect(await checkIn('demo-member-01', scene, { meetingId: m.id })).toMatchObject({
        error: { code: 'CHECKIN.WRONG_MEETING' },
      });
    });
  });

  describe('meetings.resolveCheckInCode', () => {
    it('tells an unbound WeChat account what the code opens, with a pass', async () => {
      const { scene } = await doorCode();
      const res = await resolve('demo-new-01', scene);
      expect(res).toMatchObject({
        ok: true,
        data: {
          meetingId: m.id,
          meetingTitle: m.title,
          sessionId: 's1',
          sessionLabel: '上午',
          venueName: VENUE.name,
          requireLocation: false,
          bound: false,
          passExpiresAt: new Date(h.clock.now().getTime() + PASS_TTL_MS).toISOString(),
        },
      });
      expect(await resolve('demo-member-01', scene)).toMatchObject({ data: { bound: true } });
    });

    it('refuses an expired, a forged or a garbage code', async () => {
      const { scene } = await doorCode();
      h.clock.advance(31_000);
      expect(await resolve('demo-member-01', scene)).toMatchObject({
        error: { code: 'CHECKIN.CODE_EXPIRED' },
      });
      expect(await resolve('demo-member-01', 'https://example.com/x')).toMatchObject({
        error: { code: 'CHECKIN.CODE_INVALID' },
      });
    });

    it('gives a pass back unchanged, never extended', async () => {
      const { scene } = await doorCode();
      const first = (await resolve('demo-member-01', scene)) as { data: CheckInPass };
      h.clock.advance(5 * 60_000);
      const again = (await resolve('demo-member-01', first.data.pass)) as { data: CheckInPass };
      expect(again.data.pass).toBe(first.data.pass);
      expect(again.data.passExpiresAt).toBe(first.data.passExpiresAt);
    });

    it('refuses a meeting that is not open', async () => {
      const { scene } = await doorCode();
      await h.ok('demo-staff', 'meetings.cancel', { meetingId: m.id, reason: '因故取消' });
      expect(await resolve('demo-member-01', scene)).toMatchObject({
        error: { code: 'CHECKIN.MEETING_NOT_OPEN' },
      });
    });
  });

  describe('meetings.checkIn with a pass', () => {
    it('binds first, then checks in within 10 minutes at the time of the scan', async () => {
      h.clock.set(AT('2026-03-05T08:29:50'));
      const { scene } = await doorCode();
      const { data } = (await resolve('demo-new-01', scene)) as { data: CheckInPass };
      expect(await checkIn('demo-new-01', data.pass)).toMatchObject({
        error: { code: 'AUTH.NOT_BOUND' },
      });

      // Binding takes a few minutes; the door code has long rotated.
      h.clock.advance(4 * 60_000);
      const code = h.seed.inviteCodes[0]!;
      await h.ok('demo-new-01', 'members.bindByInviteCode', { code: code.code });
      const r = await checkIn('demo-new-01', data.pass);
      expect(r).toMatchObject({
        ok: true,
        data: { at: AT('2026-03-05T08:29:50'), late: false },
      });
    });

    it('is worth nothing to another account, and expires after 10 minutes', async () => {
      const { scene } = await doorCode();
      const { data } = (await resolve('demo-member-01', scene)) as { data: CheckInPass };
      expect(await checkIn('demo-member-02', data.pass)).toMatchObject({
        error: { code: 'CHECKIN.CODE_INVALID' },
      });
      h.clock.advance(PASS_TTL_MS + 1_000);
      expect(await checkIn('demo-member-01', data.pass)).toMatchObject({
        error: { code: 'CHECKIN.PASS_EXPIRED' },
      });
    });

    it('asks for the position only after the invitation and the window, then checks the geofence', async () => {
      const fenced = await publishedMeeting(h, { requireLocation: true, title: '定位签到会议' });
      const { scene } = await doorCode(fenced.id);
      const { data } = (await resolve('demo-member-01', scene)) as { data: CheckInPass };
      expect(data.requireLocation).toBe(true);
      expect(await checkIn('demo-member-01', data.pass)).toMatchObject({
        error: { code: 'CHECKIN.LOCATION_REQUIRED' },
      });
      // The member takes a minute to allow location: the pass still holds.
      h.clock.advance(60_000);
      const far = { latitude: VENUE.latitude + 0.02, longitude: VENUE.longitude, accuracy: 30 };
      expect(await checkIn('demo-member-01', data.pass, { location: far })).toMatchObject({
        error: { code: 'CHECKIN.OUT_OF_RANGE', message: expect.stringContaining('米') },
      });
      const near = { latitude: VENUE.latitude + 0.001, longitude: VENUE.longitude, accuracy: 20 };
      expect(await checkIn('demo-member-01', data.pass, { location: near })).toMatchObject({
        ok: true,
      });
      // Already checked in: no position needed to say so.
      expect(await checkIn('demo-member-01', data.pass)).toMatchObject({
        ok: true,
        data: { already: true },
      });
    });

    it('refuses a member who is not invited, and outside the window', async () => {
      const small = await publishedMeeting(h, {
        kind: 'consultation',
        invitees: { mode: 'named', memberIds: [ids['demo-member-02']!] },
      });
      const small1 = await doorCode(small.id);
      const p = (await resolve('demo-member-01', small1.scene)) as { data: CheckInPass };
      expect(await checkIn('demo-member-01', p.data.pass)).toMatchObject({
        error: { code: 'CHECKIN.NOT_INVITED' },
      });

      h.clock.set(AT('2026-03-05T07:20:00'));
      const early = await doorCode();
      const q = (await resolve('demo-member-01', early.scene)) as { data: CheckInPass };
      expect(await checkIn('demo-member-01', q.data.pass)).toMatchObject({
        error: { code: 'CHECKIN.WINDOW_CLOSED', message: expect.stringContaining('07:30') },
      });
    });
  });
});
