import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { fileRef, id, paging, text } from './common';
import type { Page } from './envelope';
import type { ExportedFile } from './members';
import { instant, type MeetingStatus } from './meetings';

/**
 * 委员工作室: studios where members meet the people next to where they live. Residents raise
 * matters (群众诉求) through the studio's public code; the host triages them, logs the grassroots
 * consultations (协商活动) with their participants and agreed outcomes, follows the outcomes up,
 * tells the residents, and turns an outcome into a proposal or an opinion report draft, linked
 * both ways. Staff create the studios and watch every studio's activity.
 */

export const STUDIO_LIMITS = {
  name: 40,
  theme: 60,
  address: 100,
  hours: 60,
  intro: 500,
  contact: 40,
  photos: 9,
  members: 50,
  topic: 60,
  description: 1000,
  reply: 1000,
  place: 60,
  person: 20,
  issues: 2000,
  outcome: 300,
  unit: 40,
  outcomes: 20,
  followUp: 500,
  feedback: 1000,
  count: 10000,
  matters: 50,
  /** A matter's raiser's name and phone (optional, seen only by the host and staff). */
  phone: 20,
} as const;

const L = STUDIO_LIMITS;
const WRONG = '参数有误';
const day = z.iso.date({ error: '日期格式不正确' });
const version = z.number({ error: WRONG }).int(WRONG).min(1, WRONG);
const photos = z
  .array(fileRef, { error: WRONG })
  .max(L.photos, `照片最多 ${L.photos} 张`)
  .default([]);
const count = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能小于 0`)
    .max(L.count, `${label}不能超过 ${L.count}`)
    .default(0);

export type MatterStatus = 'pending' | 'answered' | 'merged' | 'passed';
export const MATTER_STATUS_LABELS: Record<MatterStatus, string> = {
  pending: '待处理',
  answered: '已答复',
  merged: '已纳入协商',
  passed: '已转政协机关',
};

export type ConsultationStatus = 'planned' | 'held' | 'followingUp' | 'closed';
export const CONSULTATION_STATUS_LABELS: Record<ConsultationStatus, string> = {
  planned: '计划中',
  held: '已召开',
  followingUp: '跟进落实中',
  closed: '已办结',
};

export const CONSULTATION_SOURCES = ['matter', 'department', 'member', 'assigned'] as const;
export type ConsultationSource = (typeof CONSULTATION_SOURCES)[number];
export const CONSULTATION_SOURCE_LABELS: Record<ConsultationSource, string> = {
  matter: '群众诉求',
  department: '部门提出',
  member: '委员提出',
  assigned: '上级交办',
};

export type OutcomeDraftKind = 'proposal' | 'opinion';
export const OUTCOME_DRAFT_KIND_LABELS: Record<OutcomeDraftKind, string> = {
  proposal: '提案',
  opinion: '社情民意信息',
};

/** Where a proposal or opinion report draft came from: an outcome of a studio's consultation. */
export interface DraftOrigin {
  kind: 'studioConsultation';
  studioId: string;
  studioName: string;
  consultationId: string;
  topic: string;
  outcomeId: string;
}

export interface StudioPerson {
  id: string;
  name: string;
  sector: string | null;
}

export interface StudioSummary {
  id: string;
  name: string;
  theme: string;
  address: string;
  hours: string;
  hostId: string;
  hostName: string;
  memberCount: number;
  /** Matters waiting for the host (shown to the host and staff; 0 for others). */
  pendingMatters: number;
  consultations: number;
  photos: Array<{ fileId: string; name: string }>;
}

export interface StudioDetail extends StudioSummary {
  intro: string;
  contact: string;
  location: { latitude: number; longitude: number } | null;
  members: StudioPerson[];
  /** What the studio has done lately (held or closed consultations), newest first. */
  recent: ConsultationSummary[];
  can: {
    /** Host, studio members and staff keep the studio's records. */
    work: boolean;
    /** Staff: the host, the members, the name. */
    manage: boolean;
    /** Staff, or the host for the studio's details. */
    edit: boolean;
    raise: boolean;
  };
  version: number;
}

export interface MatterProgress {
  at: string;
  text: string;
}

export interface MatterView {
  id: string;
  studioId: string;
  studioName: string;
  topic: string;
  description: string;
  photos: Array<{ fileId: string; name: string }>;
  status: MatterStatus;
  statusLabel: string;
  reply: string | null;
  /** The consultation it was taken into, and what that consultation agreed and fed back. */
  consultation: { id: string; topic: string; statusLabel: string; feedback: string | null } | null;
  /** Proposals and opinion reports that came of it, with where they stand. */
  became: OutcomeDraftView[];
  progress: MatterProgress[];
  /** The raiser's contact: only the host and staff see it. */
  contactName: string | null;
  contactPhone: string | null;
  /** The content check sent it to a person: the host reads it before acting. */
  flagged: boolean;
  mine: boolean;
  createdAt: string;
  can: { triage: boolean };
}

export interface OutcomeDraftView {
  kind: OutcomeDraftKind;
  kindLabel: string;
  id: string;
  title: string;
  authorName: string;
  /** The proposal's or report's own status label (草稿, 已立案, 已采用…). */
  statusLabel: string;
}

export interface FollowUpView {
  at: string;
  text: string;
  byName: string;
}

export interface OutcomeView {
  id: string;
  text: string;
  unit: string;
  deadline: string | null;
  done: boolean;
  overdue: boolean;
  followUps: FollowUpView[];
  drafts: OutcomeDraftView[];
}

export interface ConsultationSummary {
  id: string;
  studioId: string;
  studioName: string;
  topic: string;
  source: ConsultationSource;
  sourceLabel: string;
  date: string;
  place: string;
  status: ConsultationStatus;
  statusLabel: string;
  participantCount: number;
  outcomeCount: number;
  overdueCount: number;
}

export interface ConsultationDetail extends ConsultationSummary {
  sourceNote: string;
  hostMemberId: string;
  hostName: string;
  minuteTaker: string;
  members: StudioPerson[];
  residents: number;
  officials: number;
  experts: number;
  issues: string;
  outcomes: OutcomeView[];
  feedback: string;
  photos: Array<{ fileId: string; name: string }>;
  signInSheet: { fileId: string; name: string } | null;
  matters: Array<{ id: string; topic: string }>;
  can: {
    edit: boolean;
    hold: boolean;
    followUp: boolean;
    close: boolean;
    reopen: boolean;
    delete: boolean;
    /** Start a proposal or report draft from an outcome (the host and the members present). */
    draft: boolean;
    /** Publish the planned log as a meeting, so the members invited reply and check in. */
    publishMeeting: boolean;
  };
  /** The meeting of kind 协商活动 it was published as (live status), if any. */
  meeting: LinkedMeetingView | null;
  version: number;
}

export interface LinkedMeetingView {
  id: string;
  /** `publishing` until the invitations are out (a moment; the timer finishes a crash's). */
  status: MeetingStatus | 'publishing';
  statusLabel: string;
  startsAt: string;
  endsAt: string;
  replyDeadline: string;
  invited: number;
  checkedIn: number;
}

export interface StudioOverviewRow {
  studioId: string;
  name: string;
  hostName: string;
  consultations: number;
  held: number;
  pendingMatters: number;
  overdueOutcomes: number;
  drafts: number;
}

export interface StudioOverview {
  from: string;
  to: string;
  rows: StudioOverviewRow[];
  overdue: Array<{
    consultationId: string;
    studioName: string;
    topic: string;
    outcome: string;
    unit: string;
    deadline: string;
  }>;
  /** Matters waiting for their host, and those passed to the office. */
  waiting: Array<{
    matterId: string;
    studioName: string;
    topic: string;
    statusLabel: string;
    createdAt: string;
  }>;
}

const location = z
  .strictObject({
    latitude: z.number({ error: WRONG }).min(-90, WRONG).max(90, WRONG),
    longitude: z.number({ error: WRONG }).min(-180, WRONG).max(180, WRONG),
  })
  .nullable()
  .default(null);

const outcome = z.strictObject({
  /** Absent for a new outcome; kept for one already there (follow-ups and drafts hang on it). */
  id: id.optional(),
  text: text('协商成果', L.outcome, 2),
  unit: text('责任单位', L.unit).default(''),
  deadline: day.nullable().default(null),
});

const consultationFields = {
  topic: text('协商议题', L.topic, 2),
  source: z.enum(CONSULTATION_SOURCES, '请选择议题来源'),
  sourceNote: text('来源说明', L.topic).default(''),
  date: day,
  place: text('地点', L.place, 2),
  hostMemberId: id,
  minuteTaker: text('记录人', L.person).default(''),
  memberIds: z
    .array(id, { error: WRONG })
    .max(L.members, `参加委员最多 ${L.members} 位`)
    .default([]),
  residents: count('群众人数'),
  officials: count('部门人员人数'),
  experts: count('专家人数'),
  issues: text('提出的问题', L.issues).default(''),
  outcomes: z
    .array(outcome, { error: WRONG })
    .max(L.outcomes, `协商成果最多 ${L.outcomes} 条`)
    .default([]),
  photos,
  signInSheet: fileRef.nullable().default(null),
  matterIds: z
    .array(id, { error: WRONG })
    .max(L.matters, `关联诉求最多 ${L.matters} 条`)
    .default([]),
};

const period = z
  .strictObject({ from: day, to: day })
  .refine((p) => p.from <= p.to, { path: ['to'], message: '结束日期不能早于开始日期' });

export const studios = lazyContracts(() => ({
  /** Every studio (public): the list residents and members browse. */
  listStudios: { input: z.strictObject({}), output: returns<StudioSummary[]>() },
  /** One studio's public page; hosts, members and staff also see what waits for them. */
  getStudio: { input: z.strictObject({ studioId: id }), output: returns<StudioDetail>() },
  /** Staff create a studio and name its host and members; the host keeps its details. */
  saveStudio: {
    input: z.strictObject({
      studioId: id.optional(),
      version: version.optional(),
      name: text('工作室名称', L.name, 2),
      theme: text('主题', L.theme).default(''),
      address: text('地址', L.address, 2),
      location,
      hours: text('开放时间', L.hours).default(''),
      intro: text('简介', L.intro).default(''),
      contact: text('联系方式', L.contact).default(''),
      photos,
      hostId: id,
      memberIds: z
        .array(id, { error: WRONG })
        .max(L.members, `工作室委员最多 ${L.members} 位`)
        .default([]),
    }),
    output: returns<StudioDetail>(),
  },
  /**
   * The studio's public code to print and hang at the door: a mini-program code opening the
   * studio's page (scene = the studio's id), from which anyone raises a matter.
   */
  studioCode: {
    input: z.strictObject({ studioId: id }),
    output: returns<{ page: string; scene: string; qrDataUrl: string; opensFromCamera: boolean }>(),
  },

  /** Anyone who scanned the code raises a matter: checked like any user content. */
  raiseMatter: {
    input: z.strictObject({
      studioId: id,
      topic: text('诉求主题', L.topic, 2),
      description: text('具体情况', L.description, 5),
      photos,
      contactName: text('称呼', L.person).default(''),
      contactPhone: z
        .string({ error: '联系电话须为文字' })
        .trim()
        .regex(/^(?:|[0-9+\- ]{5,20})$/, '请填写正确的联系电话，或留空')
        .default(''),
    }),
    output: returns<MatterView>(),
  },
  /** The matters this WeChat account raised, newest first, with their progress. */
  myMatters: { input: z.strictObject({}), output: returns<MatterView[]>() },
  getMatter: { input: z.strictObject({ matterId: id }), output: returns<MatterView>() },
  /** A studio's matters for its host, members and staff. */
  listMatters: {
    input: z.strictObject({
      studioId: id,
      status: z.enum(['pending', 'answered', 'merged', 'passed'], WRONG).optional(),
      ...paging,
    }),
    output: returns<Page<MatterView>>(),
  },
  /** The host answers a matter, takes it into a consultation, or passes it to the office. */
  triageMatter: {
    input: z
      .strictObject({
        matterId: id,
        decision: z.enum(['answer', 'merge', 'pass'], '请选择处理方式'),
        reply: text('答复', L.reply).default(''),
        consultationId: id.optional(),
      })
      .refine((t) => t.decision !== 'answer' || t.reply.length >= 2, {
        path: ['reply'],
        message: '请填写答复（至少 2 个字）',
      })
      .refine((t) => t.decision !== 'merge' || t.consultationId, {
        path: ['consultationId'],
        message: '请选择纳入哪一次协商',
      }),
    output: returns<MatterView>(),
  },

  listConsultations: {
    input: z.strictObject({
      studioId: id.optional(),
      status: z.enum(['planned', 'held', 'followingUp', 'closed'], WRONG).optional(),
    }),
    output: returns<ConsultationSummary[]>(),
  },
  getConsultation: {
    input: z.strictObject({ consultationId: id }),
    output: returns<ConsultationDetail>(),
  },
  /** A consultation planned or logged (new, or changed while it is not closed). */
  saveConsultation: {
    input: z.strictObject({
      consultationId: id.optional(),
      studioId: id,
      version: version.optional(),
      ...consultationFields,
    }),
    output: returns<ConsultationDetail>(),
  },
  /** It took place: the host and the members present earn their points. */
  holdConsultation: {
    input: z.strictObject({ consultationId: id, version }),
    output: returns<ConsultationDetail>(),
  },
  /**
   * Publishes a planned log as a meeting of kind 协商活动 on the log's day at its place: the host
   * and the members named are invited, reply and check in as for any meeting. Its attendance
   * earns nothing of its own; recording the log as held takes the members who checked in, and
   * the log's points follow. Once, unless the office cancelled the meeting.
   */
  publishMeeting: {
    input: z
      .strictObject({
        consultationId: id,
        version,
        startsAt: instant('开始时间'),
        endsAt: instant('结束时间'),
        replyDeadline: instant('回执截止时间'),
      })
      .superRefine((m, ctx) => {
        if (m.endsAt <= m.startsAt)
          ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间应晚于开始时间' });
        if (m.replyDeadline > m.startsAt)
          ctx.addIssue({
            code: 'custom',
            path: ['replyDeadline'],
            message: '回执截止时间应早于开始时间',
          });
      }),
    output: returns<ConsultationDetail>(),
  },
  /** What was done about one outcome; `done` marks it carried out. */
  addFollowUp: {
    input: z.strictObject({
      consultationId: id,
      outcomeId: id,
      text: text('跟进情况', L.followUp, 2),
      done: z.boolean({ error: WRONG }).default(false),
    }),
    output: returns<ConsultationDetail>(),
  },
  /** Closes the log with the feedback given to residents (their matters show it). */
  closeConsultation: {
    input: z.strictObject({
      consultationId: id,
      version,
      feedback: text('向群众反馈的情况', L.feedback, 2),
    }),
    output: returns<ConsultationDetail>(),
  },
  /** A closed log opened again to follow up further. */
  reopenConsultation: {
    input: z.strictObject({ consultationId: id, version }),
    output: returns<ConsultationDetail>(),
  },
  /** Removes a log (its points are taken back; its matters wait again). */
  deleteConsultation: {
    input: z.strictObject({ consultationId: id }),
    output: returns<{ deleted: boolean }>(),
  },
  /**
   * Starts a proposal or opinion report draft from an outcome, prefilled from the log, owned by
   * the caller and linked both ways. `clientDraftId` is the phone's draft id, so the editor goes
   * on with the draft as its own; asked again, the answer names the draft id it was made under.
   */
  startDraft: {
    input: z.strictObject({
      consultationId: id,
      outcomeId: id,
      kind: z.enum(['proposal', 'opinion'], '请选择形成提案还是社情民意'),
      clientDraftId: z.string({ error: WRONG }).regex(/^[A-Za-z0-9_-]{8,64}$/, WRONG),
    }),
    output: returns<{ kind: OutcomeDraftKind; draftId: string; clientDraftId: string }>(),
  },

  /** Staff: every studio's activity in a period, overdue outcomes, matters waiting. */
  overview: { input: period, output: returns<StudioOverview>() },
  exportConsultations: { input: period, output: returns<ExportedFile>() },
}));
