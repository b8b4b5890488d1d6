import { MEETING_KINDS, MEETING_KIND_LABELS, OUTCOME_LABELS } from '../../typings/contracts';
import { isLocationDenied, resultUrl } from '../../miniprogram/services/checkin';
import { ApiCallError } from '../../miniprogram/services/errors';
import * as mp from '../../miniprogram/utils/meetings';
import { aCheckInResult, aSummary } from './support/meeting-fixtures';
import { resetWx } from './support/wx';

beforeEach(() => resetWx());

describe('mirrored meeting values', () => {
  it('has the contract kinds, kind labels and outcome labels', () => {
    expect(mp.MEETING_KINDS).toEqual(MEETING_KINDS);
    expect(mp.MEETING_KIND_LABELS).toEqual(MEETING_KIND_LABELS);
    expect(mp.OUTCOME_LABELS).toEqual(OUTCOME_LABELS);
  });
});

describe('meeting times in Beijing time', () => {
  it('shows a session on one day with its weekday', () => {
    expect(mp.formatSpan('2025-03-05T01:00:00.000Z', '2025-03-05T03:30:00.000Z')).toBe(
      '2025-03-05 周三 09:00–11:30',
    );
  });

  it('shows both ends of a span over days (16:30 UTC is the next day in Beijing)', () => {
    expect(mp.formatSpan('2025-03-04T16:30:00.000Z', '2025-03-06T09:30:00.000Z')).toBe(
      '2025-03-05 周三 00:30 至 2025-03-06 周四 17:30',
    );
  });

  it('turns a picked date and time into an instant with the +08:00 offset', () => {
    expect(mp.beijingInstant('2025-03-05', '09:00')).toBe('2025-03-05T09:00:00+08:00');
    expect(Date.parse(mp.beijingInstant('2025-03-05', '09:00')!)).toBe(
      Date.parse('2025-03-05T01:00:00.000Z'),
    );
    expect(mp.beijingInstant('', '09:00')).toBeNull();
    expect(mp.beijingInstant('2025-03-05', '9:00')).toBeNull();
  });

  it('reads an instant back as the date and time picked', () => {
    expect(mp.beijingParts('2025-03-05T01:00:00.000Z')).toEqual({
      date: '2025-03-05',
      time: '09:00',
      weekday: '周三',
    });
    expect(mp.beijingParts('not a date')).toBeNull();
  });
});

describe('reply states', () => {
  it.each([
    ['none', null, '未回执'],
    ['attend', null, '参加'],
    ['leave', 'pending', '请假待批'],
    ['leave', 'approved', '请假已批'],
    ['leave', 'refused', '请假未批'],
  ] as const)('%s / %s reads %s', (reply, leave, label) => {
    expect(mp.REPLY_VIEW[mp.replyStateOf(reply, leave)].label).toBe(label);
  });

  it('shows no reply on the office list (myReply null)', () => {
    expect(mp.toMeetingCard(aSummary(1, { myReply: null })).replyLabel).toBe('');
  });
});

describe('check-in helpers', () => {
  it('tells a refused position from a missing fix', () => {
    expect(isLocationDenied({ errMsg: 'getLocation:fail auth deny' })).toBe(true);
    expect(isLocationDenied({ errMsg: 'getLocation:fail system permission denied' })).toBe(true);
    expect(
      isLocationDenied({ errMsg: 'getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF' }),
    ).toBe(false);
  });

  it('encodes the outcome for the result page', () => {
    const url = mp.detailUrl('mt 1');
    expect(url).toBe('/pages/meetings/detail/index?id=mt%201');
    expect(
      resultUrl(
        { meetingId: 'mt-001', requireLocation: true },
        { ok: true, result: aCheckInResult({ meetingTitle: '会议 & 协商' }) },
      ),
    ).toBe(
      '/pages/meetings/result/index?meetingId=mt-001&loc=1' +
        `&title=${encodeURIComponent('会议 & 协商')}&session=${encodeURIComponent('上午')}` +
        '&at=2025-03-05T00%3A52%3A00.000Z&late=0&already=0',
    );
  });
});

describe('meeting helpers the pages share', () => {
  it('names the scope chips of both lists', () => {
    expect(mp.scopeChips('未结束')).toEqual([
      { value: 'upcoming', label: '未结束' },
      { value: 'past', label: '已结束' },
    ]);
  });

  it('tells a final refusal from one a retry may change', () => {
    const notFound = new ApiCallError({ code: 'MEETING.NOT_FOUND', message: '未找到该会议' });
    const down = new ApiCallError({ code: 'SYSTEM.UNAVAILABLE', message: '网络不可用' });
    expect(mp.finalMessageOf(notFound, ['MEETING.NOT_FOUND'])).toBe('未找到该会议');
    expect(mp.finalMessageOf(down, ['MEETING.NOT_FOUND'])).toBe('');
    expect(mp.finalMessageOf(new Error('x'), ['MEETING.NOT_FOUND'])).toBe('');
  });

  it('formats a check-in for the result screens', () => {
    expect(mp.checkInResultView(aCheckInResult({ late: true, already: true }))).toEqual({
      title: '政协第七届委员会第三次会议',
      session: '上午',
      timeText: expect.stringContaining('08:52'),
      late: true,
      already: true,
    });
  });
});
