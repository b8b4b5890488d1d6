import type { MeetingDetail } from '../../typings/contracts/meetings';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { publishedMeeting } from '../meetings/support';
import { makeHarness, type Harness } from '../support/harness';
import { englishCells, readWorkbook, records } from './workbook';

/**
 * The office hands its exports to leaders as they are: no status, reply or outcome may show
 * as a code. (The assessment's and the proposals' exports are checked beside their own
 * tests: year-close.test.ts, tests/proposals/export.test.ts.)
 */
describe('every other export speaks Chinese', () => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
  });
  afterEach(() => h.close());

  it('meetings.exportAttendance: replies, leave and outcomes in words', async () => {
    const m: MeetingDetail = await publishedMeeting(h);
    await h.ok('demo-member-01', 'meetings.reply', { meetingId: m.id, answer: 'attend' });
    await h.ok('demo-member-02', 'meetings.reply', {
      meetingId: m.id,
      answer: 'leave',
      reason: '外出学习',
    });
    await h.ok('demo-member-04', 'meetings.reply', {
      meetingId: m.id,
      answer: 'leave',
      reason: '身体不适',
    });
    await h.ok('demo-staff', 'meetings.decideLeave', {
      meetingId: m.id,
      memberId: ids['demo-member-04']!,
      approve: true,
    });
    h.clock.set('2026-03-05T00:35:00.000Z'); // 08:35 in Beijing
    await h.ok('demo-staff', 'meetings.proxyCheckIn', {
      meetingId: m.id,
      sessionId: 's1',
      memberId: ids['demo-member-01']!,
      late: false,
    });
    await h.ok('demo-staff', 'meetings.proxyCheckIn', {
      meetingId: m.id,
      sessionId: 's1',
      memberId: ids['demo-member-06']!,
    });

    const file = await h.ok<{ contentBase64: string }>('demo-staff', 'meetings.exportAttendance', {
      meetingId: m.id,
    });
    const sheets = await readWorkbook(file.contentBase64);

    expect(englishCells(sheets)).toEqual([]);
    // Above the header: the title, time and place, each session's totals.
    const rows = records(sheets[0]!, 4);
    const replies = new Set(rows.map((r) => r['回执']));
    expect(replies).toEqual(new Set(['参加', '请假', '未回执']));
    const leave = rows.map((r) => r['请假']).filter(Boolean);
    expect(leave.sort()).toEqual(['已批准：身体不适', '待审批：外出学习']);
    expect(new Set(rows.map((r) => r['上午结果']))).toEqual(
      new Set(['出席', '迟到', '请假', '缺席']),
    );
  });

  it('members.exportRoster: status, roles and standing in words', async () => {
    const inactive = ids['demo-member-05']!;
    await h.ok('demo-staff', 'members.setActive', {
      memberId: inactive,
      active: false,
      reason: '已调离本区',
    });

    const file = await h.ok<{ contentBase64: string }>('demo-staff', 'members.exportRoster', {
      includeInactive: true,
    });
    const sheets = await readWorkbook(file.contentBase64);

    expect(englishCells(sheets)).toEqual([]);
    const rows = records(sheets[0]!);
    expect(new Set(rows.map((r) => r['状态']))).toEqual(new Set(['在册', '停用']));
    expect(new Set(rows.map((r) => r['是否常委']))).toEqual(new Set(['是', '否']));
    expect(rows.map((r) => r['角色'])).toEqual(expect.arrayContaining(['委员', '机关工作人员']));
  });
});
