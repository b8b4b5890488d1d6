import ExcelJS from 'exceljs';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';
import { publishedMeeting } from './support';

/** meetings.exportAttendance: the 签到表 of a one-session meeting while check-in is open. */
describe('the attendance sheet (签到表) of a one-session meeting', () => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
  });
  afterEach(() => h.close());

  const standing = () =>
    publishedMeeting(h, {
      kind: 'standing',
      title: '十五届常委会第八次会议',
      sessions: [
        {
          label: '全天',
          startsAt: '2026-03-05T08:30:00+08:00',
          endsAt: '2026-03-05T17:00:00+08:00',
        },
      ],
      invitees: { mode: 'all' },
    });

  it('has the title, the totals so far and one 签名 column, portrait', async () => {
    const m = await standing();
    await h.ok('demo-member-02', 'meetings.reply', {
      meetingId: m.id,
      answer: 'leave',
      reason: '出差',
    });
    await h.ok('demo-staff', 'meetings.decideLeave', {
      meetingId: m.id,
      memberId: ids['demo-member-02']!,
      approve: true,
    });
    h.clock.set('2026-03-05T00:40:00.000Z');
    await h.ok('demo-staff', 'meetings.proxyCheckIn', {
      meetingId: m.id,
      sessionId: 's1',
      memberId: ids['demo-member-01']!,
    });

    const file = await h.ok<{ fileName: string; contentBase64: string }>(
      'demo-staff',
      'meetings.exportAttendance',
      { meetingId: m.id },
    );

    expect(file.fileName).toBe('签到表-十五届常委会第八次会议-2026-03-05.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('签到表')!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1).map(String);
    expect(row(1)[0]).toBe('十五届常委会第八次会议签到表');
    expect(row(3)[0]).toBe('应到 40 人，实到 1 人，请假 1 人，缺席 38 人');
    expect(row(4)).toEqual([
      '序号',
      '姓名',
      '界别',
      '回执',
      '请假',
      '全天签到',
      '全天结果',
      '签名',
    ]);
    expect(ws.pageSetup).toMatchObject({ orientation: 'portrait', printTitlesRow: '4:4' });
    // The signature cells are left blank for the pen.
    const signed = ws.getColumn(8).values.slice(5);
    expect(signed.every((v) => v === undefined || v === null || v === '')).toBe(true);
  });

  it('is for the office only, and for a meeting that exists', async () => {
    const m = await standing();
    expect(
      await h.err('demo-member-01', 'meetings.exportAttendance', { meetingId: m.id }),
    ).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(
      await h.err('demo-staff', 'meetings.exportAttendance', { meetingId: 'no-such-meeting' }),
    ).toMatchObject({ code: 'MEETING.NOT_FOUND' });
  });
});
