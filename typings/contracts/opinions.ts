import * as z from 'zod';
import { returns } from './contract';
import { id, paging } from './common';
import type { Page } from './envelope';

export const OPINION_LIMITS = { title: 60, body: 1500 } as const;

export type OpinionStatus = 'draft' | 'submitted' | 'adopted' | 'declined';
export const OPINION_STATUS_LABELS: Record<OpinionStatus, string> = {
  draft: '草稿',
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
  can: { edit: boolean; submit: boolean; review: boolean };
}

const body = z.string().trim().max(OPINION_LIMITS.body, `正文不能超过 ${OPINION_LIMITS.body} 字`);

export const opinions = {
  saveDraft: {
    input: z.strictObject({
      clientDraftId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      revision: z.number().int().min(1),
      title: z.string().trim().max(OPINION_LIMITS.title).default(''),
      body: body.default(''),
    }),
    output: returns<OpinionDetail>(),
  },
  submit: { input: z.strictObject({ opinionId: id }), output: returns<OpinionDetail>() },
  get: { input: z.strictObject({ opinionId: id }), output: returns<OpinionDetail>() },
  listMine: { input: z.strictObject({ ...paging }), output: returns<Page<OpinionSummary>>() },
  reviewQueue: {
    input: z.strictObject({
      status: z.enum(['submitted', 'adopted', 'declined']).default('submitted'),
      ...paging,
    }),
    output: returns<Page<OpinionSummary>>(),
  },
  edit: {
    input: z.strictObject({
      opinionId: id,
      version: z.number().int().min(1),
      title: z.string().trim().min(2).max(OPINION_LIMITS.title),
      body: body.min(10),
      note: z.string().trim().max(200).optional(),
    }),
    output: returns<OpinionDetail>(),
  },
  adopt: {
    input: z.strictObject({
      opinionId: id,
      version: z.number().int().min(1),
      issue: z.string().trim().min(2).max(30),
    }),
    output: returns<OpinionDetail>(),
  },
  decline: {
    input: z.strictObject({
      opinionId: id,
      version: z.number().int().min(1),
      reason: z.string().trim().min(2).max(300),
    }),
    output: returns<OpinionDetail>(),
  },
  forward: {
    input: z.strictObject({
      opinionId: id,
      level: z.enum(['city', 'province', 'national']),
      adopted: z.boolean(),
    }),
    output: returns<OpinionDetail>(),
  },
  recordInstruction: {
    input: z.strictObject({
      opinionId: id,
      level: z.enum(INSTRUCTION_LEVELS),
      leader: z.string().trim().min(1).max(30),
      text: z.string().trim().min(2).max(1000),
    }),
    output: returns<OpinionDetail>(),
  },
  feedback: {
    input: z.strictObject({ opinionId: id, text: z.string().trim().min(2).max(1000) }),
    output: returns<OpinionDetail>(),
  },
};
