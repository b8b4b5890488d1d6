import { contracts } from '../../typings/contracts';
import { DEFAULT_SETTINGS, MEETING_LIMITS } from '../../miniprogram/generated/contract';
import { bodyOf, checkForm } from '../../miniprogram/pages/staff/meeting-edit/check';
import {
  choices,
  emptyForm,
  formFromDetail,
  nextSessionRow,
  rosterGroups,
  type EditForm,
} from '../../miniprogram/pages/staff/meeting-edit/form';
import { aRosterEntry } from './support/fixtures';
import { aStaffDetail } from './support/meeting-fixtures';

function filled(overrides: Partial<EditForm> = {}): EditForm {
  const form = emptyForm();
  return {
    ...form,
    kindIndex: 0,
    title: '政协第七届委员会第三次会议',
    sessions: [{ ...form.sessions[0]!, date: '2025-03-05' }],
    venueName: '市民中心大礼堂',
    deadlineDate: '2025-03-03',
    ...overrides,
  };
}

describe('the meeting form', () => {
  it('becomes the MeetingBody the server takes', () => {
    const result = checkForm(filled({ agenda: ' 一、开幕 \n二、报告 ' }));

    expect(result).toEqual({
      ok: true,
      body: {
        kind: 'plenary',
        title: '政协第七届委员会第三次会议',
        sessions: [
          {
            label: '上午',
            startsAt: '2025-03-05T09:00:00+08:00',
            endsAt: '2025-03-05T11:30:00+08:00',
          },
        ],
        venue: {
          name: '市民中心大礼堂',
          address: '',
          latitude: null,
          longitude: null,
          radiusMeters: 300,
        },
        requireLocation: false,
        agenda: '一、开幕 \n二、报告',
        materials: [],
        invitees: { mode: 'all' },
        replyDeadline: '2025-03-03T17:00:00+08:00',
        checkInWindow: { beforeMinutes: 60, afterMinutes: 30 },
      },
    });
  });

  it('names every field to fix, the first one first', () => {
    const result = checkForm(emptyForm());

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.first).toBe('请选择会议类型');
    expect(Object.keys(result.errors.fields).sort()).toEqual(
      ['deadline', 'kind', 'sessions', 'title', 'venueName'].sort(),
    );
    expect(result.errors.sessions).toEqual(['请选择日期']);
    expect(result.errors.fields.title).toBe('请填写会议名称');
    expect(result.errors.fields.venueName).toBe('请填写会场名称');
    expect(result.errors.fields.deadline).toBe('请选择回执截止的日期和时间');
  });

  it('says each limit in the field’s own words, with the contract’s numbers', () => {
    const long = checkForm(
      filled({ title: '会', venueName: '场'.repeat(MEETING_LIMITS.venueName + 1) }),
    );
    expect(long.ok ? {} : long.errors.fields).toEqual({
      title: `会议名称至少 ${MEETING_LIMITS.titleMin} 个字`,
      venueName: `会场名称不能超过 ${MEETING_LIMITS.venueName} 个字`,
    });
  });

  it('checks the time rules as the server does', () => {
    const late = checkForm(filled({ deadlineDate: '2025-03-05', deadlineTime: '09:01' }));
    expect(late.ok ? '' : late.errors.fields.deadline).toBe('回执截止时间应早于会议开始');

    const backwards = checkForm(
      filled({
        sessions: [{ key: 'k', label: '上午', date: '2025-03-05', start: '11:00', end: '09:00' }],
      }),
    );
    expect(backwards.ok ? [] : backwards.errors.sessions).toEqual(['结束时间应晚于开始时间']);

    const window = checkForm(filled({ beforeMinutes: '300' }));
    expect(window.ok ? '' : window.errors.fields.window).toBe('开始前可签到时间不能超过 240 分钟');
  });

  it('needs coordinates and a sensible radius for location check-in', () => {
    const noPlace = checkForm(filled({ requireLocation: true }));
    expect(noPlace.ok ? '' : noPlace.errors.fields.location).toBe(
      '要求定位签到时，请先选择会场位置',
    );

    const badRadius = checkForm(
      filled({ requireLocation: true, latitude: 30.5, longitude: 114.3, radius: '20' }),
    );
    expect(badRadius.ok ? '' : badRadius.errors.fields.radius).toBe('签到范围不能小于 50 米');

    const good = checkForm(
      filled({ requireLocation: true, latitude: 30.5, longitude: 114.3, radius: '500' }),
    );
    expect(good.ok && good.body.venue.radiusMeters).toBe(500);
  });

  it('needs a choice for each invitee mode that has one', () => {
    for (const [mode, message] of [
      ['sectors', '请至少选择一个界别'],
      ['committees', '请至少选择一个专委会'],
      ['named', '请至少选择一位委员'],
    ] as const) {
      const result = checkForm(filled({ mode }));
      expect(result.ok ? '' : result.errors.fields.invitees).toBe(message);
    }
    const named = checkForm(
      filled({ mode: 'named', named: [{ id: 'm-002', name: '委员2', sector: '' }] }),
    );
    expect(named.ok && named.body.invitees).toEqual({ mode: 'named', memberIds: ['m-002'] });
    const standing = checkForm(filled({ mode: 'standing', sectors: ['经济界'] }));
    expect(standing.ok && standing.body.invitees).toEqual({ mode: 'standing' });
  });

  it('reads a saved meeting back into the form, Beijing times and all', () => {
    const form = formFromDetail(
      aStaffDetail({
        invitees: { mode: 'sectors', sectors: ['经济界'] },
        replyDeadline: '2025-03-03T09:00:00.000Z',
      }),
    );

    expect(form).toMatchObject({
      kindIndex: 0,
      deadlineDate: '2025-03-03',
      deadlineTime: '17:00',
      mode: 'sectors',
      sectors: ['经济界'],
      latitude: 30.5,
      materials: [{ fileId: 'cloud://env/materials/report.pdf', name: '常委会工作报告.pdf' }],
    });
    expect(form.sessions.map(({ label, date, start, end }) => [label, date, start, end])).toEqual([
      ['上午', '2025-03-05', '09:00', '11:30'],
      ['下午', '2025-03-05', '14:30', '17:30'],
    ]);
    const again = checkForm(form);
    expect(again.ok && again.body.sessions[1]).toEqual({
      label: '下午',
      startsAt: '2025-03-05T14:30:00+08:00',
      endsAt: '2025-03-05T17:30:00+08:00',
    });
  });

  it('adds 下午 after 上午, then numbered sessions on the same day', () => {
    const morning = filled().sessions;
    const afternoon = nextSessionRow(morning);
    expect(afternoon).toMatchObject({ label: '下午', date: '2025-03-05', start: '14:30' });
    expect(nextSessionRow([...morning, afternoon])).toMatchObject({
      label: '第3场',
      date: '2025-03-05',
    });
  });

  it('collects distinct sectors and committees, keeping chosen ones the roster lacks', () => {
    const groups = rosterGroups([
      aRosterEntry(1, { sector: '经济界', specialCommittee: '经济委' }),
      aRosterEntry(2, { sector: '经济界', specialCommittee: null }),
      aRosterEntry(3, { sector: null, specialCommittee: '提案委' }),
    ]);
    expect(groups).toEqual({ sectors: ['经济界'], committees: ['提案委', '经济委'] });
    expect(choices(groups.sectors, ['民建'])).toEqual([
      { value: '经济界', selected: false },
      { value: '民建', selected: true },
    ]);
  });
});

describe('the meeting form and the server', () => {
  it('refuses exactly the inputs the server’s schema refuses', () => {
    const cases: Array<Partial<EditForm>> = [
      {},
      { title: '会' },
      { title: '会'.repeat(61) },
      { venueName: '' },
      { agenda: '议'.repeat(3001) },
      { beforeMinutes: '241' },
      { afterMinutes: 'abc' },
      { requireLocation: true, latitude: 30.5, longitude: 114.3, radius: '40' },
      { requireLocation: true },
      { mode: 'sectors', sectors: [] },
      { mode: 'sectors', sectors: ['经济界'] },
      { deadlineDate: '2025-03-06' },
      { materials: [{ fileId: 'cloud://a', name: ' ' }] },
    ];
    for (const overrides of cases) {
      const form = filled(overrides);
      const server = contracts.meetings.create.input.safeParse(bodyOf(form));
      expect({ overrides, ok: checkForm(form).ok }).toEqual({ overrides, ok: server.success });
    }
  });

  it('starts a new meeting with the committee’s check-in window', () => {
    const form = emptyForm({ checkInBeforeMinutes: 45, checkInAfterMinutes: 15 });
    expect([form.beforeMinutes, form.afterMinutes]).toEqual(['45', '15']);
    expect([emptyForm().beforeMinutes, emptyForm().afterMinutes]).toEqual([
      String(DEFAULT_SETTINGS.meetings.checkInBeforeMinutes),
      String(DEFAULT_SETTINGS.meetings.checkInAfterMinutes),
    ]);
  });
});
