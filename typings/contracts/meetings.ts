import * as z from 'zod';
import { returns } from './contract';
import { fileRef, id, paging } from './common';
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
/** Each invitee's outcome per session once the meeting is closed. */
export type Outcome = 'present' | 'late' | 'leftEarly' | 'excused' | 'absent';
export const OUTCOME_LABELS: Record<Outcome, string> = {
  present: '出席',
  late: '迟到',
  leftEarly: '早退',
  excused: '请假',
  absent: '缺席',
};

const instant = z.iso
  .datetime({ offset: true, message: '时间格式不正确' })
  .transform((s) => new Date(s).toISOString());

export const sessionSchema = z.strictObject({
  label: z.string().trim().min(1).max(30),
  startsAt: instant,
  endsAt: instant,
});

export const inviteesSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('all') }),
  z.strictObject({
    mode: z.literal('sectors'),
    sectors: z.array(z.string().trim().min(1).max(30)).min(1).max(50),
  }),
  z.strictObject({
    mode: z.literal('committees'),
    committees: z.array(z.string().trim().min(1).max(30)).min(1).max(30),
  }),
  z.strictObject({ mode: z.literal('standing') }),
  z.strictObject({ mode: z.literal('named'), memberIds: z.array(id).min(1).max(1000) }),
]);
export type Invitees = z.output<typeof inviteesSchema>;

export const meetingBodySchema = z
  .strictObject({
    kind: z.enum(MEETING_KINDS),
    title: z.string().trim().min(2).max(60),
    sessions: z.array(sessionSchema).min(1).max(12),
    venue: z.strictObject({
      name: z.string().trim().min(1).max(60),
      address: z.string().trim().max(120).default(''),
      latitude: z.number().min(-90).max(90).nullable().default(null),
      longitude: z.number().min(-180).max(180).nullable().default(null),
      radiusMeters: z.number().int().min(50).max(5000).default(300),
    }),
    requireLocation: z.boolean().default(false),
    agenda: z.string().trim().max(3000).default(''),
    materials: z.array(fileRef).max(20).default([]),
    invitees: inviteesSchema,
    replyDeadline: instant,
    /** Omitted: the committee settings' default window (a new meeting), or the one it has (an edit). */
    checkInWindow: z
      .strictObject({
        beforeMinutes: z.number().int().min(0).max(240),
        afterMinutes: z.number().int().min(0).max(240),
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
      leftEarly: 'pending' | 'confirmed' | 'refused' | null;
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
    state: 'present' | 'late' | 'excused' | 'absent';
    checkedInAt: string | null;
    byStaff: boolean;
    leftEarly: 'pending' | 'confirmed' | 'refused' | null;
  }>;
}

export interface NoticeReportRow {
  memberId: string;
  name: string;
  sector: string | null;
  /** How the latest notice reached the member. */
  channel: 'wechat' | 'inbox' | 'pending' | 'failed';
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
/** Anything a scan hands over: a ticket (`scene`), a link (`q`), a page path, a pass, a token. */
const scannedCode = z.string().trim().min(1).max(4000);
const location = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100000).optional(),
});

export const meetings = {
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
    input: z.strictObject({ ...meetingRef, reason: z.string().trim().min(2).max(200) }),
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
        answer: z.enum(['attend', 'leave']),
        reason: z.string().trim().max(200).optional(),
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
      approve: z.boolean(),
      note: z.string().trim().max(200).optional(),
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
    input: z.strictObject({ ...meetingRef, sessionId: z.string().trim().min(1).max(20) }),
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
      sessionId: z.string().trim().min(1).max(20),
      memberId: id,
      note: z.string().trim().max(200).optional(),
      /** Whether the member arrived late; default: by the time staff record it. */
      late: z.boolean().optional(),
    }),
    output: returns<CheckInResult>(),
  },
  requestLeaveEarly: {
    input: z.strictObject({
      ...meetingRef,
      sessionId: z.string().trim().min(1).max(20),
      reason: z.string().trim().min(2).max(200),
    }),
    output: returns<MeetingDetail>(),
  },
  confirmLeaveEarly: {
    input: z.strictObject({
      ...meetingRef,
      sessionId: z.string().trim().min(1).max(20),
      memberId: id,
      confirm: z.boolean(),
    }),
    output: returns<AttendanceBoard>(),
  },
  getAttendance: {
    input: z.strictObject({
      ...meetingRef,
      sessionId: z.string().trim().min(1).max(20).optional(),
    }),
    output: returns<AttendanceBoard>(),
  },
  getNoticeReport: {
    input: z.strictObject(meetingRef),
    output: returns<{
      meetingId: string;
      noticeVersion: number;
      counts: { invited: number; wechat: number; inboxOnly: number; read: number; replied: number };
      rows: NoticeReportRow[];
    }>(),
  },
  previewClose: {
    input: z.strictObject(meetingRef),
    output: returns<ClosePreview>(),
  },
  close: {
    input: z.strictObject(meetingRef),
    output: returns<MeetingDetail & { outcomes: Record<Outcome, number> }>(),
  },
  reopen: {
    input: z.strictObject({ ...meetingRef, reason: z.string().trim().min(2).max(200) }),
    output: returns<MeetingDetail>(),
  },
  exportAttendance: {
    input: z.strictObject(meetingRef),
    output: returns<{ fileName: string; mimeType: string; contentBase64: string }>(),
  },
};
