import * as z from 'zod';
import { returns } from './contract';
import { fileRef, id, paging, text } from './common';
import type { Page } from './envelope';

/**
 * 大会发言: a member's speech text for a plenary session (or for a year), submitted like a
 * proposal, reviewed by the office, and some chosen to be delivered at the plenary (大会口头发言)
 * or printed in its materials (书面发言). Served by the proposals function (`proposals.saveSpeech`…).
 */

/** Hard upper bounds; the committee's working limits are settings (`speeches`). */
export const SPEECH_LIMITS = {
  title: 60,
  body: 8000,
  attachments: 3,
  note: 300,
} as const;

export type SpeechStatus =
  | 'draft' // being written
  | 'submitted' // waiting for the office's review
  | 'returned' // sent back with a note; the member revises and submits again
  | 'accepted'; // 收录: kept for the plenary; the office may choose it to be delivered or printed

export const SPEECH_STATUS_LABELS: Record<SpeechStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回修改',
  accepted: '已收录',
};

/** What the office chose an accepted speech for. */
export const SPEECH_DELIVERIES = ['none', 'oral', 'written'] as const;
export type SpeechDelivery = (typeof SPEECH_DELIVERIES)[number];

export const SPEECH_DELIVERY_LABELS: Record<SpeechDelivery, string> = {
  none: '未选用',
  oral: '大会口头发言',
  written: '书面发言',
};

export interface SpeechSummary {
  id: string;
  title: string;
  year: number;
  /** The plenary meeting it is for (null: for the year). */
  meeting: { id: string; title: string } | null;
  status: SpeechStatus;
  statusLabel: string;
  delivery: SpeechDelivery;
  deliveryLabel: string;
  authorName: string;
  authorSector: string | null;
  submittedAt: string | null;
  updatedAt: string;
}

export interface SpeechDetail extends SpeechSummary {
  authorId: string;
  body: string;
  attachments: Array<{ fileId: string; name: string }>;
  /** The office's note when it returned the speech (the latest). */
  returnNote: string | null;
  timeline: Array<{ at: string; action: string; actorName: string; note: string | null }>;
  /** The author's device draft id (null for anyone else). */
  clientDraftId: string | null;
  revision: number;
  version: number;
  can: { edit: boolean; submit: boolean; delete: boolean; review: boolean; choose: boolean };
}

/** A plenary meeting a speech may be written for. */
export interface SpeechOccasion {
  meetingId: string;
  title: string;
  startsAt: string;
}

const year = z
  .number({ error: '请选择年度' })
  .int('年度须为整数')
  .min(2000, '年度不正确')
  .max(2100, '年度不正确');

const version = z.number().int().min(1);

/** The speech actions, hosted by the proposals function (spread into its contract). */
export const speechContracts = () => ({
  /** Autosave, as for proposals: one draft per device draft id; older revisions never win. */
  saveSpeech: {
    input: z.strictObject({
      clientDraftId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      revision: z.number().int().min(1),
      title: text('发言标题', SPEECH_LIMITS.title).default(''),
      body: text('发言正文', SPEECH_LIMITS.body).default(''),
      attachments: z
        .array(fileRef)
        .max(SPEECH_LIMITS.attachments, `附件最多 ${SPEECH_LIMITS.attachments} 个`)
        .default([]),
      /** A plenary meeting (from `listSpeechOccasions`); null: for the year only. */
      meetingId: id.nullable().default(null),
      year: year.optional(),
    }),
    output: returns<SpeechDetail>(),
  },
  deleteSpeech: {
    input: z.strictObject({ speechId: id }),
    output: returns<{ deleted: boolean }>(),
  },
  submitSpeech: { input: z.strictObject({ speechId: id }), output: returns<SpeechDetail>() },
  getSpeech: { input: z.strictObject({ speechId: id }), output: returns<SpeechDetail>() },
  listMySpeeches: {
    input: z.strictObject({ ...paging }),
    output: returns<Page<SpeechSummary>>(),
  },
  /** The plenary meetings of this year and the next a speech may be written for. */
  listSpeechOccasions: {
    input: z.strictObject({}),
    output: returns<{ items: SpeechOccasion[] }>(),
  },
  /** The office's list: by status (待审核 first), year and what was chosen. */
  speechQueue: {
    input: z.strictObject({
      status: z.enum(['submitted', 'accepted', 'returned'], '请选择状态').default('submitted'),
      year: year.optional(),
      delivery: z.enum(SPEECH_DELIVERIES, '请选择选用方式').optional(),
      ...paging,
    }),
    output: returns<
      Page<SpeechSummary> & { counts: Record<'submitted' | 'accepted' | 'returned', number> }
    >(),
  },
  /** 审核: accept (收录) or return with a note the member reads. */
  reviewSpeech: {
    input: z
      .strictObject({
        speechId: id,
        version,
        accept: z.boolean({ error: '请选择收录或退回' }),
        note: text('退回说明', SPEECH_LIMITS.note).optional(),
      })
      .refine((v) => v.accept || (v.note ?? '').length >= 2, {
        path: ['note'],
        message: '退回时请写明修改意见（至少 2 个字）',
      }),
    output: returns<SpeechDetail>(),
  },
  /** 选用: to be delivered at the plenary, printed, or neither (a change corrects the points). */
  chooseSpeech: {
    input: z.strictObject({
      speechId: id,
      version,
      delivery: z.enum(SPEECH_DELIVERIES, '请选择选用方式'),
      note: text('说明', SPEECH_LIMITS.note).optional(),
    }),
    output: returns<SpeechDetail>(),
  },
});
