import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { id, keyword, paging, text } from './common';
import type { Page } from './envelope';

export const OPINION_LIMITS = {
  title: 60,
  body: 1500,
  /** Staff's edit of a submitted report: at least this long. */
  editTitleMin: 2,
  editBodyMin: 10,
  /** Staff's words on a report: the edit note, the journal issue, a decline reason… */
  note: 200,
  issueMin: 2,
  issue: 30,
  /** The title staff give an issue of 《社情民意》 when exporting it. */
  issueTitle: 40,
  reasonMin: 2,
  reason: 300,
  leader: 30,
  instructionMin: 2,
  instruction: 1000,
  feedbackMin: 2,
  feedback: 1000,
} as const;

const L = OPINION_LIMITS;

export type OpinionStatus =
  | 'draft'
  | 'confirming' // entered by staff for a member (代录), waiting for the member to confirm
  | 'submitted'
  | 'adopted'
  | 'declined';
export const OPINION_STATUS_LABELS: Record<OpinionStatus, string> = {
  draft: '草稿',
  confirming: '待委员确认',
  submitted: '待处理',
  adopted: '已采用',
  declined: '未采用',
};

/** Levels a report can be adopted at (本会 = this committee's own journal) or forwarded to. */
export const ADOPTION_LEVELS = ['committee', 'city', 'province', 'national'] as const;
export type AdoptionLevel = (typeof ADOPTION_LEVELS)[number];
export const ADOPTION_LEVEL_LABELS: Record<AdoptionLevel, string> = {
  committee: '本会',
  city: '市政协',
  province: '省政协',
  national: '全国政协',
};

export const INSTRUCTION_LEVELS = ['district', 'city', 'province', 'national'] as const;
export type InstructionLevel = (typeof INSTRUCTION_LEVELS)[number];
export const INSTRUCTION_LEVEL_LABELS: Record<InstructionLevel, string> = {
  district: '区领导',
  city: '市领导',
  province: '省领导',
  national: '国家领导人',
};

export interface OpinionSummary {
  id: string;
  title: string;
  status: OpinionStatus;
  statusLabel: string;
  authorName: string;
  submittedAt: string | null;
  /** e.g. `2026 年第 5 期`, once adopted into the committee's 《社情民意》. */
  issue: string | null;
  highestLevel: AdoptionLevel | null;
}

export interface OpinionDetail extends OpinionSummary {
  authorId: string;
  body: string;
  /** The text as the author submitted it, when staff have edited it since. */
  originalBody: string | null;
  fromProposalId: string | null;
  /** 代录: the staff member who entered it for the author (null: the author wrote it). */
  enteredBy: string | null;
  declineReason: string | null;
  forwards: Array<{ level: AdoptionLevel; at: string; adopted: boolean; by: string }>;
  instructions: Array<{ level: InstructionLevel; leader: string; text: string; at: string }>;
  feedback: Array<{ text: string; at: string; by: string }>;
  timeline: Array<{ at: string; action: string; actorName: string; note: string | null }>;
  /** The author's device draft id and the last saved revision (null/0 for anyone else). */
  clientDraftId: string | null;
  revision: number;
  /** The committee settings version it was submitted under (null or absent: a draft, older data). */
  settingsVersion?: number | null;
  version: number;
  can: {
    edit: boolean;
    submit: boolean;
    review: boolean;
    /** 代录: the author (or, for a member without a phone, the office) confirms it. */
    confirmEntry: boolean;
  };
}

/** One issue of the committee's 《社情民意》: the reports adopted under one 期号. */
export interface OpinionIssue {
  /** The 期号 as staff typed it when adopting (`2026 年第 5 期`). */
  issue: string;
  reports: number;
  /** When the issue's latest report was adopted. */
  lastAdoptedAt: string | null;
}

const body = text('正文', L.body);

export const opinions = lazyContracts(() => ({
  saveDraft: {
    input: z.strictObject({
      clientDraftId: z.string({ error: '参数有误' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '参数有误'),
      revision: z.number({ error: '参数有误' }).int('参数有误').min(1, '参数有误'),
      /** Staff entering a report on a member's behalf (代录): whose report it is. */
      onBehalfOf: id.optional(),
      title: text('标题', L.title).default(''),
      body: body.default(''),
    }),
    output: returns<OpinionDetail>(),
  },
  submit: { input: z.strictObject({ opinionId: id }), output: returns<OpinionDetail>() },
  /**
   * 代录 confirmed by the member (accept) or sent back with a reason; or confirmed by the office
   * for a member without a phone, saying how the member agreed (the note is then required).
   */
  confirmEntry: {
    input: z.strictObject({
      opinionId: id,
      accept: z.boolean({ error: '请选择确认或退回' }),
      note: text('说明', L.note).optional(),
    }),
    output: returns<OpinionDetail>(),
  },
  get: { input: z.strictObject({ opinionId: id }), output: returns<OpinionDetail>() },
  /** The caller's reports; with `keyword`, those answering it best first (title, text, 期号). */
  listMine: {
    input: z.strictObject({ keyword, ...paging }),
    output: returns<Page<OpinionSummary>>(),
  },
  /**
   * The office's queue by status (`confirming`: entered for members, waiting for them); with
   * `keyword`, those answering it best first (also by author).
   */
  reviewQueue: {
    input: z.strictObject({
      status: z.enum(['confirming', 'submitted', 'adopted', 'declined']).default('submitted'),
      keyword,
      ...paging,
    }),
    output: returns<Page<OpinionSummary>>(),
  },
  edit: {
    input: z.strictObject({
      opinionId: id,
      version: z.number().int().min(1),
      title: text('标题', L.title, L.editTitleMin),
      body: body.min(L.editBodyMin, {
        error: (iss) => (iss.input === '' ? '请填写正文' : `正文至少 ${L.editBodyMin} 个字`),
      }),
      note: text('修改说明', L.note).optional(),
    }),
    output: returns<OpinionDetail>(),
  },
  adopt: {
    input: z.strictObject({
      opinionId: id,
      version: z.number().int().min(1),
      issue: text('期号', L.issue, L.issueMin),
    }),
    output: returns<OpinionDetail>(),
  },
  decline: {
    input: z.strictObject({
      opinionId: id,
      version: z.number().int().min(1),
      reason: text('不采用的原因', L.reason, L.reasonMin),
    }),
    output: returns<OpinionDetail>(),
  },
  forward: {
    input: z.strictObject({
      opinionId: id,
      level: z.enum(['city', 'province', 'national'], '请选择报送到哪一级'),
      adopted: z.boolean({ error: '请选择是否采用' }),
    }),
    output: returns<OpinionDetail>(),
  },
  recordInstruction: {
    input: z.strictObject({
      opinionId: id,
      level: z.enum(INSTRUCTION_LEVELS, '请选择批示领导级别'),
      leader: text('批示领导', L.leader, 1),
      text: text('批示内容', L.instruction, L.instructionMin),
    }),
    output: returns<OpinionDetail>(),
  },
  feedback: {
    input: z.strictObject({
      opinionId: id,
      text: text('反馈内容', L.feedback, L.feedbackMin),
    }),
    output: returns<OpinionDetail>(),
  },
  /** The issues of 《社情民意》 so far (the 期号 given at adoption), the latest first. */
  listIssues: {
    input: z.strictObject({}),
    output: returns<{ items: OpinionIssue[] }>(),
  },
  /** One issue of 《社情民意》 (docx): its reports in the order adopted, with the staff's title. */
  exportIssue: {
    input: z.strictObject({
      issue: text('期号', L.issue, L.issueMin),
      title: text('本期标题', L.issueTitle).optional(),
    }),
    output: returns<{ fileName: string; mimeType: string; contentBase64: string }>(),
  },
}));
