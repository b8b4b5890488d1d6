import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { fileRef, id, INPUT_LIMITS, paging, text, type JobView } from './common';
import type { Page } from './envelope';

export const MEETING_KINDS = [
  'plenary',
  'standing',
  'chairs',
  'consultation',
  'inspection',
  'research',
  'training',
  'activity',
  'reading',
  'studio',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  plenary: '全体会议',
  standing: '常委会议',
  chairs: '主席会议',
  consultation: '协商会',
  inspection: '视察',
  research: '调研',
  training: '培训',
  activity: '委员活动',
  reading: '读书活动',
  studio: '协商活动',
};

export type MeetingStatus = 'draft' | 'published' | 'cancelled' | 'closed';
export type Reply = 'none' | 'attend' | 'leave';
export type LeaveStatus = 'pending' | 'approved' | 'refused';
export const REPLY_LABELS: Record<Reply, string> = {
  none: '未回执',
  attend: '参加',
  leave: '请假',
};
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  refused: '未批准',
};
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
  closed: '已结束',
};
/**
 * How a notice reached an invitee (the board's receipts): by WeChat message (an SMS may have
 * gone too: `sms` on the row), by SMS and no WeChat message, or in the in-app inbox only.
 */
export type NoticeChannel = 'wechat' | 'sms' | 'inbox' | 'pending' | 'failed';
export const NOTICE_CHANNEL_LABELS: Record<NoticeChannel, string> = {
  wechat: '微信',
  sms: '短信',
  inbox: '仅站内',
  pending: '发送中',
  failed: '发送失败',
};
/** An invitee on the live attendance board, while the session runs. */
export type LiveAttendance = 'present' | 'late' | 'excused' | 'absent';
export const LIVE_ATTENDANCE_LABELS: Record<LiveAttendance, string> = {
  present: '已到',
  late: '迟到',
  excused: '请假',
  absent: '未到',
};
/** A request to leave a session early, and the office's answer. */
export type LeftEarly = 'pending' | 'confirmed' | 'refused';
export const LEFT_EARLY_LABELS: Record<LeftEarly, string> = {
  pending: '早退待确认',
  confirmed: '早退',
  refused: '早退未同意',
};
/** Each invitee's outcome per session once the meeting is closed. */
export type Outcome = 'present' | 'late' | 'leftEarly' | 'excused' | 'absent';
export const OUTCOME_LABELS: Record<Outcome, string> = {
  present: '出席',
  late: '迟到',
  leftEarly: '早退',
  excused: '请假',
  absent: '缺席',
};

/** What the meeting editor and the meeting's staff and members type (maxlength, the schema's limits). */
export const MEETING_LIMITS = {
  titleMin: 2,
  title: 60,
  sessions: 12,
  sessionLabel: 30,
  venueName: 60,
  venueAddress: 120,
  radiusMin: 50,
  radiusMax: 5000,
  agenda: 3000,
  materials: 20,
  materialName: INPUT_LIMITS.fileName,
  /** Check-in opens up to this many minutes before a session's start and closes as long after. */
  checkInMinutes: 240,
  sectors: 50,
  committees: 30,
  namedMembers: 1000,
  /** A cancel, reopen, leave or leave-early reason, and staff's notes. */
  reasonMin: 2,
  reason: 200,
  note: 200,
} as const;

/** The check-in radius a meeting gets when none is set. */
export const MEETING_DEFAULT_RADIUS = 300;

const L = MEETING_LIMITS;

/** A moment the user picked, stored as UTC. */
export const instant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `请选择${label}` })
    .transform((s) => new Date(s).toISOString());

export const sessionSchema = z.strictObject({
  label: text('场次名称', L.sessionLabel, 1),
  startsAt: instant('场次开始时间'),
  endsAt: instant('场次结束时间'),
});

const names = (label: string, max: number) =>
  z
    .array(text(`${label}名称`, 30, 1), { error: `请选择${label}` })
    .min(1, `请至少选择一个${label}`)
    .max(max, `${label}最多选择 ${max} 个`);

export const inviteesSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('all') }),
    z.strictObject({ mode: z.literal('sectors'), sectors: names('界别', L.sectors) }),
    z.strictObject({ mode: z.literal('committees'), committees: names('专委会', L.committees) }),
    z.strictObject({ mode: z.literal('standing') }),
    z.strictObject({
      mode: z.literal('named'),
      memberIds: z
        .array(id, { error: '请选择参会委员' })
        .min(1, '请至少选择一位委员')
        .max(L.namedMembers, `指定委员最多 ${L.namedMembers} 位`),
    }),
  ],
  { error: '请选择参会人员' },
);

const minutes = (label: string) =>
  z
    .number({ error: `${label}须为整数` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能小于 0 分钟`)
    .max(L.checkInMinutes, `${label}不能超过 ${L.checkInMinutes} 分钟`);
export type Invitees = z.output<typeof inviteesSchema>;

export const meetingBodySchema = z
  .strictObject({
    kind: z.enum(MEETING_KINDS, '请选择会议类型'),
    title: text('会议名称', L.title, L.titleMin),
    sessions: z
      .array(sessionSchema, { error: '请添加场次' })
      .min(1, '请至少添加一个场次')
      .max(L.sessions, `场次最多 ${L.sessions} 个`),
    venue: z.strictObject({
      name: text('会场名称', L.venueName, 1),
      address: text('地址', L.venueAddress).default(''),
      latitude: z
        .number({ error: '会场位置不正确，请重新选择' })
        .min(-90, '会场位置不正确，请重新选择')
        .max(90, '会场位置不正确，请重新选择')
        .nullable()
        .default(null),
      longitude: z
        .number({ error: '会场位置不正确，请重新选择' })
        .min(-180, '会场位置不正确，请重新选择')
        .max(180, '会场位置不正确，请重新选择')
        .nullable()
        .default(null),
      radiusMeters: z
        .number({ error: '签到范围须为整数（米）' })
        .int('签到范围须为整数（米）')
        .min(L.radiusMin, `签到范围不能小于 ${L.radiusMin} 米`)
        .max(L.radiusMax, `签到范围不能大于 ${L.radiusMax} 米`)
        .default(MEETING_DEFAULT_RADIUS),
    }),
    requireLocation: z.boolean({ error: '请选择是否要求定位签到' }).default(false),
    agenda: text('议程', L.agenda).default(''),
    materials: z
      .array(fileRef, { error: '会议资料有误' })
      .max(L.materials, `会议资料最多 ${L.materials} 个`)
      .default([]),
    invitees: inviteesSchema,
    replyDeadline: instant('回执截止的日期和时间'),
    /** Omitted: the committee settings' default window (a new meeting), or the one it has (an edit). */
    checkInWindow: z
      .strictObject({
        beforeMinutes: minutes('开始前可签到时间'),
        afterMinutes: minutes('开始后可签到时间'),
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    m.sessions.forEach((s, i) => {
      if (s.endsAt <= s.startsAt)
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'endsAt'],
          message: '结束时间应晚于开始时间',
        });
    });
    const first = [...m.sessions].sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1))[0];
    if (first && m.replyDeadline > first.startsAt)
      ctx.addIssue({
        code: 'custom',
        path: ['replyDeadline'],
        message: '回执截止时间应早于会议开始',
      });
    if (m.requireLocation && (m.venue.latitude === null || m.venue.longitude === null)) {
      ctx.addIssue({ code: 'custom', path: ['venue'], message: '要求定位签到时须填写会场坐标' });
    }
  });
export type MeetingBody = z.output<typeof meetingBodySchema>;

export interface SessionView {
  id: string;
  label: string;
  startsAt: string;
  endsAt: string;
  checkInOpensAt: string;
  checkInClosesAt: string;
}

export interface MyInvitation {
  /** False when an edit took the caller off the list: they need not come. */
  active: boolean;
  reply: Reply;
  leaveReason: string | null;
  leaveStatus: LeaveStatus | null;
  leaveNote: string | null;
  checkIns: Record<
    string,
    {
      at: string;
      late: boolean;
      byStaff: boolean;
      leftEarly: LeftEarly | null;
    }
  >;
  outcomes: Record<string, Outcome> | null;
}

export interface MeetingSummary {
  id: string;
  kind: MeetingKind;
  kindLabel: string;
  title: string;
  status: MeetingStatus;
  startsAt: string;
  endsAt: string;
  venueName: string;
  replyDeadline: string;
  /** The caller's reply, for members; null for staff views. */
  myReply: Reply | null;
  myLeaveStatus: LeaveStatus | null;
}

export interface MeetingDetail extends MeetingSummary {
  sessions: SessionView[];
  venue: MeetingBody['venue'];
  requireLocation: boolean;
  agenda: string;
  materials: MeetingBody['materials'];
  invitees: Invitees;
  checkInWindow: CheckInWindow;
  cancelReason: string | null;
  version: number;
  invitation: MyInvitation | null;
  /** What the caller may do now, so pages need not re-implement the rules. */
  can: {
    reply: boolean;
    askLeave: boolean;
    checkIn: string | null;
    requestLeaveEarly: string | null;
    edit: boolean;
    publish: boolean;
    cancel: boolean;
    close: boolean;
    reopen: boolean;
  };
}

/** What closing would do now: whether it may, who still waits for a leave decision, the outcomes. */
/** Minutes before and after each session's start during which members can check in. */
export type CheckInWindow = NonNullable<MeetingBody['checkInWindow']>;

export interface ClosePreview {
  meetingId: string;
  /** Null when the meeting can be closed now. */
  blockedBy: 'notStarted' | 'leaveUndecided' | 'notPublished' | 'closed' | null;
  /** The last session's start: closing is possible from then on. */
  lastSessionStartsAt: string;
  /** Leave requests nobody has decided: each must be approved or refused before closing. */
  undecided: Array<{
    memberId: string;
    name: string;
    sector: string | null;
    reason: string | null;
  }>;
  /** Invitee-sessions per outcome if it closed now (undecided leave counted as absent). */
  outcomes: Record<Outcome, number>;
  /** How many invitees would be scored absent without leave in at least one session. */
  absentMembers: number;
}

export interface AttendanceBoard {
  meetingId: string;
  sessionId: string;
  sessionLabel: string;
  /** 应到 / 实到 / 迟到 / 请假 / 缺席 (not arrived yet while check-in is open). */
  counts: { expected: number; present: number; late: number; excused: number; absent: number };
  members: Array<{
    memberId: string;
    name: string;
    sector: string | null;
    state: LiveAttendance;
    checkedInAt: string | null;
    byStaff: boolean;
    leftEarly: LeftEarly | null;
  }>;
}

export interface NoticeReportRow {
  memberId: string;
  name: string;
  sector: string | null;
  /** How the latest notice reached the member. */
  channel: NoticeChannel;
  /** An SMS of the latest notice went out to the member (with or without the WeChat message). */
  sms: boolean;
  read: boolean;
  reply: Reply;
  leaveStatus: LeaveStatus | null;
}

export interface LeaveRequestView {
  meetingId: string;
  meetingTitle: string;
  startsAt: string;
  memberId: string;
  name: string;
  sector: string | null;
  reason: string;
  status: LeaveStatus;
  repliedAt: string;
}

export interface CheckInResult {
  meetingId: string;
  meetingTitle: string;
  sessionId: string;
  sessionLabel: string;
  late: boolean;
  at: string;
  /** True when this member had already checked in: nothing changed. */
  already: boolean;
}

/**
 * The door code, once scanned and still fresh: what it opens, and a pass for this WeChat
 * account to check in with within 10 minutes (after binding it, after allowing location).
 */
export interface CheckInPass {
  pass: string;
  passExpiresAt: string;
  meetingId: string;
  meetingTitle: string;
  sessionId: string;
  sessionLabel: string;
  venueName: string;
  requireLocation: boolean;
  /** False: this WeChat account is bound to no roster entry yet; bind, then check in with `pass`. */
  bound: boolean;
}

/** What the door screen shows: the rotating code as an image, and how long it holds. */
export interface CheckInCode {
  /** The older in-app form of the same code (`ck1.…`), still accepted by `checkIn`. */
  token: string;
  /** The rotating ticket the image carries (≤ 32 characters: a mini-program code's `scene`). */
  scene: string;
  /** The image: a mini-program code (PNG) or a QR of the configured link or, locally, the page path (GIF). */
  qrDataUrl: string;
  /** Whether WeChat's own 扫一扫 opens it (false only for the local QR, read by the in-app scan). */
  opensFromCamera: boolean;
  validUntil: string;
  refreshAfterMs: number;
}

const meetingRef = { meetingId: id };
const sessionId = z.string({ error: '参数有误' }).trim().min(1, '参数有误').max(20, '参数有误');
/** Anything a scan hands over: a ticket (`scene`), a link (`q`), a page path, a pass, a token. */
const scannedCode = z
  .string({ error: '请扫描签到码' })
  .trim()
  .min(1, '请扫描签到码')
  .max(4000, '这不是有效的签到码');
const location = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100000).optional(),
});

export const meetings = lazyContracts(() => ({
  create: { input: meetingBodySchema, output: returns<MeetingDetail>() },
  update: {
    input: z.strictObject({
      ...meetingRef,
      version: z.number().int().min(1),
      meeting: meetingBodySchema,
    }),
    output: returns<MeetingDetail>(),
  },
  publish: { input: z.strictObject(meetingRef), output: returns<MeetingDetail>() },
  cancel: {
    input: z.strictObject({ ...meetingRef, reason: text('取消原因', L.reason, L.reasonMin) }),
    output: returns<MeetingDetail>(),
  },
  list: {
    input: z.strictObject({
      scope: z.enum(['upcoming', 'past']).default('upcoming'),
      all: z.boolean().default(false),
      ...paging,
    }),
    output: returns<Page<MeetingSummary>>(),
  },
  get: { input: z.strictObject(meetingRef), output: returns<MeetingDetail>() },
  reply: {
    input: z
      .strictObject({
        ...meetingRef,
        answer: z.enum(['attend', 'leave'], '请选择参加或请假'),
        reason: text('请假事由', L.reason).optional(),
      })
      .refine((r) => r.answer === 'attend' || (r.reason?.length ?? 0) >= 2, {
        path: ['reason'],
        message: '请假须填写事由',
      }),
    output: returns<MeetingDetail>(),
  },
  decideLeave: {
    input: z.strictObject({
      ...meetingRef,
      memberId: id,
      approve: z.boolean({ error: '请选择批准或不批准' }),
      note: text('说明', L.note).optional(),
    }),
    output: returns<LeaveRequestView>(),
  },
  listLeaveRequests: {
    input: z.strictObject({
      meetingId: id.optional(),
      status: z.enum(['pending', 'approved', 'refused']).default('pending'),
      ...paging,
    }),
    output: returns<Page<LeaveRequestView>>(),
  },
  remindUnreplied: { input: z.strictObject(meetingRef), output: returns<{ reminded: number }>() },
  getCheckInCode: {
    input: z.strictObject({ ...meetingRef, sessionId }),
    output: returns<CheckInCode>(),
  },
  resolveCheckInCode: {
    input: z.strictObject({ code: scannedCode }),
    output: returns<CheckInPass>(),
  },
  checkIn: {
    input: z.strictObject({
      token: scannedCode,
      meetingId: id.optional(),
      location: location.optional(),
    }),
    output: returns<CheckInResult>(),
  },
  proxyCheckIn: {
    input: z.strictObject({
      ...meetingRef,
      sessionId,
      memberId: id,
      note: text('备注', L.note).optional(),
      /** Whether the member arrived late; default: by the time staff record it. */
      late: z.boolean().optional(),
    }),
    output: returns<CheckInResult>(),
  },
  requestLeaveEarly: {
    input: z.strictObject({
      ...meetingRef,
      sessionId,
      reason: text('早退原因', L.reason, L.reasonMin),
    }),
    output: returns<MeetingDetail>(),
  },
  confirmLeaveEarly: {
    input: z.strictObject({
      ...meetingRef,
      sessionId,
      memberId: id,
      confirm: z.boolean(),
    }),
    output: returns<AttendanceBoard>(),
  },
  getAttendance: {
    input: z.strictObject({
      ...meetingRef,
      sessionId: sessionId.optional(),
    }),
    output: returns<AttendanceBoard>(),
  },
  getNoticeReport: {
    input: z.strictObject(meetingRef),
    output: returns<{
      meetingId: string;
      noticeVersion: number;
      /** Telling the invitees of this version, while it runs (then done, or failed). */
      job: JobView | null;
      /** `sms`: invitees an SMS went out to; `inboxOnly`: neither WeChat message nor SMS. */
      counts: {
        invited: number;
        wechat: number;
        sms: number;
        inboxOnly: number;
        read: number;
        replied: number;
      };
      rows: NoticeReportRow[];
    }>(),
  },
  /** Staff: moves the current notice on (the page showing its progress asks while it runs). */
  sendNotices: {
    input: z.strictObject(meetingRef),
    output: returns<JobView | null>(),
  },
  previewClose: {
    input: z.strictObject(meetingRef),
    output: returns<ClosePreview>(),
  },
  /**
   * Closes the meeting, or (closed already) moves the close on and answers how far it got: the
   * dialog calls it again while `job` runs. `outcomes` counts the invitees scored so far.
   */
  close: {
    input: z.strictObject(meetingRef),
    output: returns<MeetingDetail & { outcomes: Record<Outcome, number>; job: JobView | null }>(),
  },
  reopen: {
    input: z.strictObject({ ...meetingRef, reason: text('原因', L.reason, L.reasonMin) }),
    output: returns<MeetingDetail>(),
  },
  exportAttendance: {
    input: z.strictObject(meetingRef),
    output: returns<{ fileName: string; mimeType: string; contentBase64: string }>(),
  },
}));
