import type {
  AttendanceBoard,
  CheckInResult,
  ClosePreview,
  InboxItem,
  LeaveRequestView,
  MeetingDetail,
  MeetingSummary,
  NoticeReportRow,
  Page,
} from '../../../typings/contracts';
import { flush, type PageComponent } from './page';
import { wxMock } from './wx';

/** 09:00–11:30 and 14:30–17:30 Beijing time on 2025-03-05 (a Wednesday). */
export const MORNING = { startsAt: '2025-03-05T01:00:00.000Z', endsAt: '2025-03-05T03:30:00.000Z' };
export const AFTERNOON = {
  startsAt: '2025-03-05T06:30:00.000Z',
  endsAt: '2025-03-05T09:30:00.000Z',
};

export function aSummary(n: number, overrides: Partial<MeetingSummary> = {}): MeetingSummary {
  return {
    id: `mt-${String(n).padStart(3, '0')}`,
    kind: 'standing',
    kindLabel: '常委会议',
    title: `七届第${n}次常委会议`,
    status: 'published',
    startsAt: MORNING.startsAt,
    endsAt: MORNING.endsAt,
    venueName: '政协机关第一会议室',
    replyDeadline: '2025-03-03T10:00:00.000Z',
    myReply: 'none',
    myLeaveStatus: null,
    ...overrides,
  };
}

/** Page `page` of `total` meetings, `pageSize` per page. */
export function meetingsPage(
  page: number,
  total: number,
  pageSize = 20,
  make: (n: number) => MeetingSummary = (n) => aSummary(n),
): Page<MeetingSummary> {
  const items: MeetingSummary[] = [];
  for (let n = (page - 1) * pageSize + 1; n <= Math.min(total, page * pageSize); n += 1)
    items.push(make(n));
  return { items, total, page, pageSize };
}

const NOTHING_ALLOWED: MeetingDetail['can'] = {
  reply: false,
  askLeave: false,
  checkIn: null,
  requestLeaveEarly: null,
  edit: false,
  publish: false,
  cancel: false,
  close: false,
  reopen: false,
};

/** A plenary with a morning and an afternoon session, as a member who has not replied sees it. */
export function aDetail(
  overrides: Partial<MeetingDetail> = {},
  can: Partial<MeetingDetail['can']> = {},
): MeetingDetail {
  return {
    ...aSummary(1, {
      kind: 'plenary',
      kindLabel: '全体会议',
      title: '政协第七届委员会第三次会议',
      startsAt: MORNING.startsAt,
      endsAt: AFTERNOON.endsAt,
      venueName: '市民中心大礼堂',
    }),
    sessions: [
      {
        id: 's1',
        label: '上午',
        ...MORNING,
        checkInOpensAt: '2025-03-05T00:00:00.000Z',
        checkInClosesAt: '2025-03-05T01:30:00.000Z',
      },
      {
        id: 's2',
        label: '下午',
        ...AFTERNOON,
        checkInOpensAt: '2025-03-05T05:30:00.000Z',
        checkInClosesAt: '2025-03-05T07:00:00.000Z',
      },
    ],
    venue: {
      name: '市民中心大礼堂',
      address: '人民路 1 号',
      latitude: 30.5,
      longitude: 114.3,
      radiusMeters: 300,
    },
    requireLocation: false,
    agenda: '一、听取常委会工作报告\n二、审议提案工作情况报告',
    materials: [{ fileId: 'cloud://env/materials/report.pdf', name: '常委会工作报告.pdf' }],
    invitees: { mode: 'all' },
    checkInWindow: { beforeMinutes: 60, afterMinutes: 30 },
    cancelReason: null,
    version: 3,
    invitation: {
      active: true,
      reply: 'none',
      leaveReason: null,
      leaveStatus: null,
      leaveNote: null,
      checkIns: {},
      outcomes: null,
    },
    can: { ...NOTHING_ALLOWED, ...can },
    ...overrides,
  };
}

/** What staff see: no invitation of their own, the office's actions allowed by status. */
export function aStaffDetail(
  overrides: Partial<MeetingDetail> = {},
  can: Partial<MeetingDetail['can']> = {},
): MeetingDetail {
  return aDetail(
    { myReply: null, myLeaveStatus: null, invitation: null, ...overrides },
    { edit: true, cancel: true, close: true, ...can },
  );
}

export function aCheckInResult(overrides: Partial<CheckInResult> = {}): CheckInResult {
  return {
    meetingId: 'mt-001',
    meetingTitle: '政协第七届委员会第三次会议',
    sessionId: 's1',
    sessionLabel: '上午',
    late: false,
    at: '2025-03-05T00:52:00.000Z',
    already: false,
    ...overrides,
  };
}

export function anInboxItem(n: number, overrides: Partial<InboxItem> = {}): InboxItem {
  return {
    id: `ib-${String(n).padStart(3, '0')}`,
    kind: 'meeting.notice',
    title: `会议通知：七届第${n}次常委会议`,
    body: '常委会议定于 2025-03-05 09:00 在政协机关第一会议室召开，请及时回执。',
    link: `/pages/meetings/detail/index?id=mt-${String(n).padStart(3, '0')}`,
    createdAt: '2025-03-01T02:00:00.000Z',
    readAt: n % 2 === 0 ? '2025-03-01T03:00:00.000Z' : null,
    ...overrides,
  };
}

export function inboxPage(
  page: number,
  total: number,
  unread: number,
  pageSize = 20,
): Page<InboxItem> & { unread: number } {
  const items: InboxItem[] = [];
  for (let n = (page - 1) * pageSize + 1; n <= Math.min(total, page * pageSize); n += 1)
    items.push(anInboxItem(n));
  return { items, total, page, pageSize, unread };
}

export function aLeaveRequest(
  n: number,
  overrides: Partial<LeaveRequestView> = {},
): LeaveRequestView {
  return {
    meetingId: 'mt-001',
    meetingTitle: '政协第七届委员会第三次会议',
    startsAt: MORNING.startsAt,
    memberId: `m-${String(n).padStart(3, '0')}`,
    name: `委员${n}`,
    sector: '教育界',
    reason: '出差在外',
    status: 'pending',
    repliedAt: '2025-03-02T01:00:00.000Z',
    ...overrides,
  };
}

export function aNoticeReport(rows: NoticeReportRow[] = someNoticeRows()) {
  return {
    meetingId: 'mt-001',
    noticeVersion: 1,
    counts: {
      invited: rows.length,
      wechat: rows.filter((r) => r.channel === 'wechat').length,
      sms: rows.filter((r) => r.sms).length,
      inboxOnly: rows.filter((r) => r.channel === 'inbox').length,
      read: rows.filter((r) => r.read).length,
      replied: rows.filter((r) => r.reply !== 'none').length,
    },
    rows,
  };
}

export function someNoticeRows(): NoticeReportRow[] {
  return [
    {
      memberId: 'm-001',
      name: '委员1',
      sector: '经济界',
      channel: 'wechat',
      sms: false,
      read: true,
      reply: 'attend',
      leaveStatus: null,
    },
    {
      memberId: 'm-002',
      name: '委员2',
      sector: '教育界',
      channel: 'inbox',
      sms: false,
      read: false,
      reply: 'none',
      leaveStatus: null,
    },
    {
      memberId: 'm-003',
      name: '委员3',
      sector: '教育界',
      channel: 'wechat',
      sms: false,
      read: true,
      reply: 'leave',
      leaveStatus: 'pending',
    },
  ];
}

export function aBoard(overrides: Partial<AttendanceBoard> = {}): AttendanceBoard {
  return {
    meetingId: 'mt-001',
    sessionId: 's1',
    sessionLabel: '上午',
    counts: { expected: 4, present: 2, late: 1, excused: 1, absent: 1 },
    members: [
      {
        memberId: 'm-001',
        name: '委员1',
        sector: '经济界',
        state: 'present',
        checkedInAt: '2025-03-05T00:50:00.000Z',
        byStaff: false,
        leftEarly: 'pending',
      },
      {
        memberId: 'm-002',
        name: '委员2',
        sector: '教育界',
        state: 'late',
        checkedInAt: '2025-03-05T01:10:00.000Z',
        byStaff: true,
        leftEarly: null,
      },
      {
        memberId: 'm-003',
        name: '委员3',
        sector: '教育界',
        state: 'excused',
        checkedInAt: null,
        byStaff: false,
        leftEarly: null,
      },
      {
        memberId: 'm-004',
        name: '委员4',
        sector: '科技界',
        state: 'absent',
        checkedInAt: null,
        byStaff: false,
        leftEarly: null,
      },
    ],
    ...overrides,
  };
}

/** What closing aStaffDetail() would do: ready, 4 invitees over two sessions, one absent. */
export function aClosePreview(overrides: Partial<ClosePreview> = {}): ClosePreview {
  return {
    meetingId: 'mt-001',
    blockedBy: null,
    lastSessionStartsAt: AFTERNOON.startsAt,
    undecided: [],
    outcomes: { present: 5, late: 1, leftEarly: 0, excused: 1, absent: 1 },
    absentMembers: 1,
    ...overrides,
  };
}

export interface SubscribeOption {
  tmplIds: string[];
  success?: (res: Record<string, string>) => void;
  fail?: (err: { errMsg: string }) => void;
}

/**
 * The platform APIs the meeting pages use beyond the shared mock (scanning, location,
 * subscriptions, storage, the screen), as fresh jest mocks with a sensible default each.
 * Call after `resetWx()`.
 */
export function installMeetingWx() {
  const storage = new Map<string, unknown>();
  const extra = {
    scanCode: jest.fn(() =>
      Promise.resolve({
        result: 'ck1.mt-001.s1.17000.abcdefghijklmnopqrstuv',
        scanType: 'QR_CODE',
      }),
    ),
    getLocation: jest.fn(() =>
      Promise.resolve({ latitude: 30.5001, longitude: 114.3001, accuracy: 35 }),
    ),
    chooseLocation: jest.fn(() =>
      Promise.resolve({
        name: '市民中心',
        address: '人民路 1 号',
        latitude: 30.5,
        longitude: 114.3,
      }),
    ),
    openLocation: jest.fn(() => Promise.resolve({ errMsg: 'openLocation:ok' })),
    openSetting: jest.fn(() => Promise.resolve({ errMsg: 'openSetting:ok' })),
    requestSubscribeMessage: jest.fn((o: SubscribeOption) =>
      o.success?.({
        errMsg: 'requestSubscribeMessage:ok',
        ...Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])),
      }),
    ),
    setKeepScreenOn: jest.fn(() => Promise.resolve({ errMsg: 'setKeepScreenOn:ok' })),
    setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
    storage,
  };
  const downloadFile = jest.fn(() =>
    Promise.resolve({ tempFilePath: 'http://tmp/report.pdf', statusCode: 200 }),
  );
  Object.assign(wxMock, extra);
  Object.assign(wxMock.cloud, { downloadFile });
  return { ...extra, downloadFile };
}

/** Types into a TDesign textarea (typeInto covers inputs and search boxes). */
export async function typeText(page: PageComponent, selector: string, value: string) {
  const node = page.querySelector(selector)?.querySelector('.t-textarea__wrapper-inner');
  if (!node) throw new Error(`${selector} has no textarea`);
  node.dispatchEvent('input', { detail: { value, cursor: value.length } });
  await flush();
}
