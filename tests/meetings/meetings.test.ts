import type { JobView } from '../../typings/contracts/common';
import ExcelJS from 'exceljs';
import type { Page } from '../../typings/contracts/envelope';
import type {
  AttendanceBoard,
  CheckInResult,
  LeaveRequestView,
  MeetingDetail,
  MeetingSummary,
  Outcome,
} from '../../typings/contracts/meetings';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import { deliverDue } from '../../cloudfunctions/modules/notify/delivery';
import type { OutboxDoc } from '../../cloudfunctions/modules/notify/outbox';
import { makeHarness, type Harness } from '../support/harness';
import { codeFor, plenaryBody, publishedMeeting, VENUE } from './support';

const AT = (beijing: string) => new Date(`${beijing}+08:00`).toISOString();

describe('meetings', () => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
  });
  afterEach(() => h.close());

  describe('notices', () => {
    it('publishes a draft to every invitee once, with a notice in their outbox', async () => {
      const draft = await h.ok<MeetingDetail>('demo-staff', 'meetings.create', plenaryBody());
      expect(draft).toMatchObject({ status: 'draft', can: { publish: true } });
      expect((await h.err('demo-member-01', 'meetings.get', { meetingId: draft.id })).code).toBe(
        'MEETING.NOT_INVITED',
      );
      await h.ok('demo-staff', 'meetings.publish', { meetingId: draft.id });
      await h.ok('demo-staff', 'meetings.publish', { meetingId: draft.id });
      expect(await h.store.count('meeting_invitations', { meetingId: draft.id })).toBe(40);
      expect(await h.store.count('outbox', { kind: 'meeting.notice' })).toBe(40);
      const mine = await h.ok<MeetingDetail>('demo-member-01', 'meetings.get', {
        meetingId: draft.id,
      });
      expect(mine).toMatchObject({
        status: 'published',
        myReply: 'none',
        can: { reply: true, askLeave: true, checkIn: null, edit: false },
      });
      const list = await h.ok<Page<MeetingSummary>>('demo-member-01', 'meetings.list', {});
      expect(list.items.map((m) => m.id)).toEqual([draft.id]);
    });

    it('refuses members creating meetings, and bad bodies with the field at fault', async () => {
      expect((await h.err('demo-member-01', 'meetings.create', plenaryBody())).code).toBe(
        'AUTH.FORBIDDEN',
      );
      const late = await h.err(
        'demo-staff',
        'meetings.create',
        plenaryBody({ replyDeadline: '2026-03-06T00:00:00+08:00' }),
      );
      expect(late).toMatchObject({ code: 'REQUEST.INVALID' });
      expect(JSON.stringify(late.details)).toContain('replyDeadline');
      const noCoords = await h.err(
        'demo-staff',
        'meetings.create',
        plenaryBody({
          requireLocation: true,
          venue: { ...VENUE, latitude: null, longitude: null },
        }),
      );
      expect(noCoords.code).toBe('REQUEST.INVALID');
    });

    it('invites by sector, committee, standing members or by name', async () => {
      const standing = await publishedMeeting(h, {
        kind: 'standing',
        invitees: { mode: 'standing' },
      });
      expect(await h.store.count('meeting_invitations', { meetingId: standing.id })).toBe(8);
      const named = await publishedMeeting(h, {
        kind: 'consultation',
        invitees: { mode: 'named', memberIds: [ids['demo-member-01']!, ids['demo-member-02']!] },
      });
      expect(await h.store.count('meeting_invitations', { meetingId: named.id })).toBe(2);
      const sector = await publishedMeeting(h, {
        kind: 'research',
        invitees: { mode: 'sectors', sectors: ['民革', '民盟'] },
      });
      expect(await h.store.count('meeting_invitations', { meetingId: sector.id })).toBe(6);
    });

    it('tells invitees of an edit, invites added members, releases dropped ones; stale edits conflict', async () => {
      const m = await publishedMeeting(h, {
        invitees: { mode: 'named', memberIds: [ids['demo-member-01']!, ids['demo-member-02']!] },
      });
      const edited = await h.ok<MeetingDetail>('demo-staff', 'meetings.update', {
        meetingId: m.id,
        version: m.version,
        meeting: plenaryBody({
          venue: { ...VENUE, name: '区行政中心三楼礼堂' },
          invitees: { mode: 'named', memberIds: [ids['demo-member-01']!, ids['demo-member-04']!] },
        }),
      });
      expect(edited.venueName).toBe('区行政中心三楼礼堂');
      expect(
        await h.store.count('outbox', { kind: 'meeting.change', memberId: ids['demo-member-01']! }),
      ).toBe(1);
      expect(
        await h.store.count('outbox', { kind: 'meeting.notice', memberId: ids['demo-member-04']! }),
      ).toBe(1);
      expect(
        await h.store.count('outbox', {
          kind: 'meeting.removed',
          memberId: ids['demo-member-02']!,
        }),
      ).toBe(1);
      expect(
        (await h.err('demo-member-02', 'meetings.reply', { meetingId: m.id, answer: 'attend' }))
          .code,
      ).toBe('MEETING.NOT_INVITED');
      const stale = await h.err('demo-staff', 'meetings.update', {
        meetingId: m.id,
        version: m.version,
        meeting: plenaryBody(),
      });
      expect(stale.code).toBe('STORE.CONFLICT');
    });

    it('cancels with the reason told to every invitee', async () => {
      const m = await publishedMeeting(h);
      const cancelled = await h.ok<MeetingDetail>('demo-staff', 'meetings.cancel', {
        meetingId: m.id,
        reason: '因故延期',
      });
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '因故延期' });
      const note = (
        await h.store.find<OutboxDoc>('outbox', { where: { kind: 'meeting.cancel' } })
      )[0]!;
      expect(note.body).toContain('因故延期');
      expect(await h.store.count('outbox', { kind: 'meeting.cancel' })).toBe(40);
    });
  });

  describe('replies and leave', () => {
    it('takes an attend reply and a leave request with a reason, until the deadline', async () => {
      const m = await publishedMeeting(h);
      expect(
        (
          await h.ok<MeetingDetail>('demo-member-01', 'meetings.reply', {
            meetingId: m.id,
            answer: 'attend',
          })
        ).myReply,
      ).toBe('attend');
      expect(
        (await h.err('demo-member-02', 'meetings.reply', { meetingId: m.id, answer: 'leave' }))
          .code,
      ).toBe('REQUEST.INVALID');
      const leave = await h.ok<MeetingDetail>('demo-member-02', 'meetings.reply', {
        meetingId: m.id,
        answer: 'leave',
        reason: '出差在外',
      });
      expect(leave).toMatchObject({ myReply: 'leave', myLeaveStatus: 'pending' });
      h.clock.set(AT('2026-03-04T18:01:00'));
      expect(
        (await h.err('demo-member-04', 'meetings.reply', { meetingId: m.id, answer: 'attend' }))
          .code,
      ).toBe('MEETING.REPLY_CLOSED');
    });

    it('lets staff decide leave, and tells the member', async () => {
      const m = await publishedMeeting(h);
      await h.ok('demo-member-02', 'meetings.reply', {
        meetingId: m.id,
        answer: 'leave',
        reason: '出差在外',
      });
      const pending = await h.ok<Page<LeaveRequestView>>(
        'demo-staff',
        'meetings.listLeaveRequests',
        {},
      );
      expect(pending.items).toEqual([
        expect.objectContaining({
          memberId: ids['demo-member-02'],
          reason: '出差在外',
          status: 'pending',
        }),
      ]);
      expect(
        (
          await h.err('demo-member-01', 'meetings.decideLeave', {
            meetingId: m.id,
            memberId: ids['demo-member-02']!,
            approve: true,
          })
        ).code,
      ).toBe('AUTH.FORBIDDEN');
      const decided = await h.ok<LeaveRequestView>('demo-staff', 'meetings.decideLeave', {
        meetingId: m.id,
        memberId: ids['demo-member-02']!,
        approve: true,
      });
      expect(decided.status).toBe('approved');
      expect(
        await h.store.count('outbox', { kind: 'meeting.leave', memberId: ids['demo-member-02']! }),
      ).toBe(1);
      expect(
        (
          await h.err('demo-staff', 'meetings.decideLeave', {
            meetingId: m.id,
            memberId: ids['demo-member-01']!,
            approve: true,
          })
        ).code,
      ).toBe('MEETING.NO_LEAVE_REQUEST');
    });

    it('reminds only those who have not replied, once a day', async () => {
      const m = await publishedMeeting(h);
      await h.ok('demo-member-01', 'meetings.reply', { meetingId: m.id, answer: 'attend' });
      expect(await h.ok('demo-staff', 'meetings.remindUnreplied', { meetingId: m.id })).toEqual({
        reminded: 39,
      });
      await h.ok('demo-staff', 'meetings.remindUnreplied', { meetingId: m.id });
      expect(await h.store.count('outbox', { kind: 'meeting.remind' })).toBe(39);
    });

    it('reports who was reached by message, who only in the inbox, who read and who replied', async () => {
      const m = await publishedMeeting(h);
      await h.ok('demo-member-01', 'notify.reportSubscriptions', {
        results: { 'demo-meeting-notice': 'accept' },
      });
      await deliverDue(h.services, 500);
      const inbox = await h.ok<{ items: Array<{ id: string }> }>(
        'demo-member-02',
        'notify.listInbox',
        {},
      );
      await h.ok('demo-member-02', 'notify.markRead', { ids: [inbox.items[0]!.id] });
      await h.ok('demo-member-04', 'meetings.reply', { meetingId: m.id, answer: 'attend' });
      const report = await h.ok<{
        counts: Record<string, number>;
        rows: Array<{ memberId: string; channel: string; read: boolean }>;
      }>('demo-staff', 'meetings.getNoticeReport', { meetingId: m.id });
      expect(report.counts).toEqual({
        invited: 40,
        wechat: 1,
        sms: 0,
        inboxOnly: 39,
        read: 1,
        replied: 1,
      });
      expect(report.rows.find((r) => r.memberId === ids['demo-member-01'])!.channel).toBe('wechat');
      const sent = await h.store.find<{ _id: string; data: Record<string, { value: string }> }>(
        'dev_sent_messages',
      );
      expect(sent).toHaveLength(1);
      for (const v of Object.values(sent[0]!.data))
        expect([...v.value].length).toBeLessThanOrEqual(20);
    });
  });

  describe('check-in', () => {
    let m: MeetingDetail;
    beforeEach(async () => {
      m = await publishedMeeting(h, { requireLocation: false });
      h.clock.set(AT('2026-03-05T08:10:00'));
    });
    const scan = (openid: string, token: string, extra: Record<string, unknown> = {}) =>
      h.call<CheckInResult>(openid, 'meetings.checkIn', { token, ...extra });

    it('checks a member in before the start as present, and a repeat scan changes nothing', async () => {
      const token = await codeFor(h, m.id);
      const first = await h.ok<CheckInResult>('demo-member-01', 'meetings.checkIn', {
        token,
        meetingId: m.id,
      });
      expect(first).toMatchObject({ late: false, already: false, sessionLabel: '上午' });
      const again = await h.ok<CheckInResult>('demo-member-01', 'meetings.checkIn', { token });
      expect(again).toMatchObject({ already: true, at: first.at });
      expect(await h.store.count('meeting_checkins', { meetingId: m.id })).toBe(1);
    });

    it('counts a check-in after the start as late', async () => {
      h.clock.set(AT('2026-03-05T08:40:00'));
      const r = await h.ok<CheckInResult>('demo-member-01', 'meetings.checkIn', {
        token: await codeFor(h, m.id),
      });
      expect(r.late).toBe(true);
    });

    it('refuses an expired code', async () => {
      const token = await codeFor(h, m.id);
      h.clock.advance(31_000);
      expect((await scan('demo-member-01', token)).ok).toBe(false);
      expect(await scan('demo-member-01', token)).toMatchObject({
        error: { code: 'CHECKIN.CODE_EXPIRED' },
      });
    });

    it('refuses a forged signature and garbage', async () => {
      const token = await codeFor(h, m.id);
      const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      expect(await scan('demo-member-01', forged)).toMatchObject({
        error: { code: 'CHECKIN.CODE_INVALID' },
      });
      const otherSession = token.replace('.s1.', '.s2.');
      expect(await scan('demo-member-01', otherSession)).toMatchObject({
        error: { code: 'CHECKIN.CODE_INVALID' },
      });
      expect(await scan('demo-member-01', 'https://example.com/not-a-code')).toMatchObject({
        error: { code: 'CHECKIN.CODE_INVALID' },
      });
    });

    it('refuses the code of another meeting when scanning from this one', async () => {
      const other = await publishedMeeting(h, { title: '专题协商会', kind: 'consultation' });
      const token = await codeFor(h, other.id);
      expect(await scan('demo-member-01', token, { meetingId: m.id })).toMatchObject({
        error: { code: 'CHECKIN.WRONG_MEETING' },
      });
    });

    it('refuses a member who is not invited', async () => {
      const small = await publishedMeeting(h, {
        kind: 'consultation',
        invitees: { mode: 'named', memberIds: [ids['demo-member-02']!] },
      });
      expect(await scan('demo-member-01', await codeFor(h, small.id))).toMatchObject({
        error: { code: 'CHECKIN.NOT_INVITED' },
      });
    });

    it('refuses check-in outside the window', async () => {
      h.clock.set(AT('2026-03-05T07:29:00'));
      expect(await scan('demo-member-01', await codeFor(h, m.id))).toMatchObject({
        error: { code: 'CHECKIN.WINDOW_CLOSED', message: expect.stringContaining('07:30') },
      });
      h.clock.set(AT('2026-03-05T09:01:00'));
      expect(await scan('demo-member-01', await codeFor(h, m.id))).toMatchObject({
        error: { code: 'CHECKIN.WINDOW_CLOSED' },
      });
    });

    it('checks the geofence when the meeting requires it', async () => {
      const fenced = await publishedMeeting(h, { requireLocation: true, title: '定位签到会议' });
      const token = await codeFor(h, fenced.id);
      expect(await scan('demo-member-01', token)).toMatchObject({
        error: { code: 'CHECKIN.LOCATION_REQUIRED' },
      });
      const far = { latitude: VENUE.latitude + 0.02, longitude: VENUE.longitude, accuracy: 30 };
      expect(await scan('demo-member-01', token, { location: far })).toMatchObject({
        error: { code: 'CHECKIN.OUT_OF_RANGE' },
      });
      const near = { latitude: VENUE.latitude + 0.001, longitude: VENUE.longitude, accuracy: 20 };
      expect((await scan('demo-member-01', token, { location: near })).ok).toBe(true);
    });

    it('lets staff check a member in on their behalf, recorded as such', async () => {
      const r = await h.ok<CheckInResult>('demo-staff', 'meetings.proxyCheckIn', {
        meetingId: m.id,
        sessionId: 's1',
        memberId: ids['demo-member-04']!,
        note: '手机没电',
      });
      expect(r.already).toBe(false);
      const board = await h.ok<AttendanceBoard>('demo-staff', 'meetings.getAttendance', {
        meetingId: m.id,
        sessionId: 's1',
      });
      expect(board.members.find((x) => x.memberId === ids['demo-member-04'])).toMatchObject({
        state: 'present',
        byStaff: true,
      });
      expect(
        (
          await h.err('demo-member-01', 'meetings.proxyCheckIn', {
            meetingId: m.id,
            sessionId: 's1',
            memberId: ids['demo-member-01']!,
          })
        ).code,
      ).toBe('AUTH.FORBIDDEN');
    });

    it('shows staff 应到 / 实到 / 请假 / 缺席 live', async () => {
      const token = await codeFor(h, m.id);
      await scan('demo-member-01', token);
      h.clock.set(AT('2026-03-05T08:35:00'));
      await scan('demo-member-04', await codeFor(h, m.id));
      const board = await h.ok<AttendanceBoard>('demo-staff', 'meetings.getAttendance', {
        meetingId: m.id,
      });
      expect(board.counts).toEqual({ expected: 40, present: 2, late: 1, excused: 0, absent: 38 });
    });
  });

  describe('closing', () => {
    let m: MeetingDetail;
    beforeEach(async () => {
      m = await publishedMeeting(h);
      await h.ok('demo-member-02', 'meetings.reply', {
        meetingId: m.id,
        answer: 'leave',
        reason: '出差在外',
      });
      await h.ok('demo-staff', 'meetings.decideLeave', {
        meetingId: m.id,
        memberId: ids['demo-member-02']!,
        approve: true,
      });
      h.clock.set(AT('2026-03-05T08:20:00'));
      await h.ok('demo-member-01', 'meetings.checkIn', { token: await codeFor(h, m.id, 's1') });
      h.clock.set(AT('2026-03-05T08:45:00'));
      await h.ok('demo-member-04', 'meetings.checkIn', { token: await codeFor(h, m.id, 's1') });
      h.clock.set(AT('2026-03-05T13:50:00'));
      await h.ok('demo-member-01', 'meetings.checkIn', { token: await codeFor(h, m.id, 's2') });
      h.clock.set(AT('2026-03-05T18:00:00'));
    });

    const entries = (memberId: string) =>
      h.store.find<EntryDoc>('point_entries', { where: { memberId }, orderBy: [['seq', 'asc']] });
    const close = () =>
      h.okUntilDone<MeetingDetail & { outcomes: Record<Outcome, number>; job: JobView | null }>(
        'demo-staff',
        'meetings.close',
        {
          meetingId: m.id,
        },
      );

    it('gives every invitee an outcome per session and posts the ledger exactly once', async () => {
      const closed = await close();
      expect(closed.status).toBe('closed');
      expect(closed.outcomes).toEqual({
        present: 2,
        late: 1,
        leftEarly: 0,
        excused: 2,
        absent: 75,
      });
      const mine = await h.ok<MeetingDetail>('demo-member-01', 'meetings.get', { meetingId: m.id });
      expect(mine.invitation!.outcomes).toEqual({ s1: 'present', s2: 'present' });
      expect((await entries(ids['demo-member-01']!)).map((e) => [e.event, e.points])).toEqual([
        ['plenary.attended', 50],
        ['plenary.attended', 50],
      ]);
      expect((await entries(ids['demo-member-04']!)).map((e) => e.event).sort()).toEqual([
        'meeting.lateOrLeftEarly',
        'plenary.absent',
        'plenary.attended',
      ]);
      // Approved leave, then the meeting closed: excused, not absent.
      expect((await entries(ids['demo-member-02']!)).map((e) => e.event)).toEqual([
        'plenary.excused',
        'plenary.excused',
      ]);
      const count = await h.store.count('point_entries');
      await close();
      expect(await h.store.count('point_entries')).toBe(count);
    });

    it('adjusts the ledger through reversals when re-opened and closed again', async () => {
      await close();
      await h.ok('demo-staff', 'meetings.reopen', { meetingId: m.id, reason: '补登代签' });
      await h.ok('demo-staff', 'meetings.proxyCheckIn', {
        meetingId: m.id,
        sessionId: 's2',
        memberId: ids['demo-member-04']!,
        note: '现场登记遗漏',
        late: false,
      });
      await close();
      const mine = await entries(ids['demo-member-04']!);
      expect(mine.filter((e) => e.kind === 'reversal').map((e) => [e.event, e.points])).toEqual([
        ['plenary.absent', 100],
      ]);
      expect(mine.reduce((s, e) => s + e.points, 0)).toBe(50 + 50 - 10);
    });

    it('marks a confirmed early departure', async () => {
      h.clock.set(AT('2026-03-05T15:00:00'));
      await h.ok('demo-member-01', 'meetings.requestLeaveEarly', {
        meetingId: m.id,
        sessionId: 's2',
        reason: '单位有急事',
      });
      await h.ok('demo-staff', 'meetings.confirmLeaveEarly', {
        meetingId: m.id,
        sessionId: 's2',
        memberId: ids['demo-member-01']!,
        confirm: true,
      });
      await close();
      const mine = await h.ok<MeetingDetail>('demo-member-01', 'meetings.get', { meetingId: m.id });
      expect(mine.invitation!.outcomes).toEqual({ s1: 'present', s2: 'leftEarly' });
    });

    it('exports the attendance sheet ready to print: title, totals per session, a 签名 column', async () => {
      await close();
      const file = await h.ok<{ fileName: string; contentBase64: string }>(
        'demo-staff',
        'meetings.exportAttendance',
        { meetingId: m.id },
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('签到表')!;
      const text = (row: number, col = 1) => String(ws.getRow(row).getCell(col).value ?? '');
      expect(text(1)).toBe('区政协十五届三次全体会议签到表');
      expect(text(2)).toBe('时间：2026-03-05 08:30　地点：区政协会议中心');
      expect(text(3)).toBe('上午：应到 40 人，实到 2 人，请假 1 人，缺席 37 人');
      expect(text(4)).toBe('下午：应到 40 人，实到 1 人，请假 1 人，缺席 38 人');
      expect(ws.getRow(5).values).toEqual([
        undefined,
        '序号',
        '姓名',
        '界别',
        '回执',
        '请假',
        '上午签到',
        '上午结果',
        '上午签名',
        '下午签到',
        '下午结果',
        '下午签名',
      ]);
      expect(ws.rowCount).toBe(5 + 40);
      expect(text(6)).toBe('1');
      // Printable: A4 landscape (two sessions), the header row on every page, borders, room to sign.
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToWidth: 1,
        printTitlesRow: '5:5',
      });
      expect(ws.getRow(45).getCell(11).border).toMatchObject({ left: { style: 'thin' } });
      expect(ws.getRow(45).height).toBeGreaterThanOrEqual(24);
      expect(ws.getCell('A1').isMerged).toBe(true);
    });
  });
});
