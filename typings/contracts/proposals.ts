import * as z from 'zod';
import { returns } from './contract';
import { id, keyword, paging } from './common';
import type { Page } from './envelope';

/** Limits from local practice (DOMAIN.md); one issue per proposal. */
export const PROPOSAL_LIMITS = { title: 60, body: 2500, attachments: 9, coSigners: 30 } as const;

export const PROPOSAL_CATEGORIES = [
  '经济建设',
  '政治建设',
  '文化建设',
  '社会建设',
  '生态文明建设',
  '城乡建设',
  '教育',
  '医疗卫生',
  '其他',
] as const;

export type ProposalStatus =
  | 'draft' // being written
  | 'cosigning' // submitted, waiting for co-signers to confirm
  | 'submitted' // in the review queue
  | 'accepted' // 立案, numbered
  | 'rejected' // 不予立案
  | 'converting' // staff propose turning it into an opinion report; the proposer must consent
  | 'converted' // turned into an opinion report
  | 'merged'; // handled together with another proposal (并案)

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: '草稿',
  cosigning: '联名确认中',
  submitted: '待审查',
  accepted: '已立案',
  rejected: '不予立案',
  converting: '待本人同意转社情民意',
  converted: '已转社情民意',
  merged: '已并案',
};

export type CoSignerStatus = 'invited' | 'confirmed' | 'declined' | 'dropped';

export interface CoSignerView {
  memberId: string;
  name: string;
  sector: string | null;
  status: CoSignerStatus;
  respondedAt: string | null;
}

export interface TimelineItem {
  at: string;
  action: string;
  actorName: string;
  note: string | null;
}

export interface ProposalSummary {
  id: string;
  number: string | null;
  title: string;
  category: string;
  status: ProposalStatus;
  statusLabel: string;
  leadName: string;
  kind: 'individual' | 'joint' | 'collective';
  collectiveName: string | null;
  coSignerCount: number;
  submittedAt: string | null;
  plenary: boolean;
}

export interface ProposalDetail extends ProposalSummary {
  leadId: string;
  cause: string;
  suggestion: string;
  attachments: Array<{ fileId: string; name: string }>;
  coSigners: CoSignerView[];
  coSignDeadline: string | null;
  submittedByStaff: string | null;
  reviewReason: string | null;
  mergedInto: { id: string; number: string | null; title: string } | null;
  mergedFrom: Array<{ id: string; title: string; leadName: string }>;
  convertedTo: string | null;
  timeline: TimelineItem[];
  revision: number;
  updatedAt: string;
  version: number;
  /** What the caller may do now. */
  can: {
    edit: boolean;
    submit: boolean;
    withdraw: boolean;
    coSign: boolean;
    review: boolean;
    consentConvert: boolean;
  };
}

export interface SimilarProposal {
  id: string;
  number: string | null;
  title: string;
  status: ProposalStatus;
  year: number;
  leadName: string;
  /** 0..1, character-bigram cosine similarity of title and text. */
  score: number;
}

const text = (max: number) => z.string().trim().max(max);
const draftFields = {
  title: text(PROPOSAL_LIMITS.title).default(''),
  category: z.enum(PROPOSAL_CATEGORIES).default('其他'),
  cause: text(PROPOSAL_LIMITS.body).default(''),
  suggestion: text(PROPOSAL_LIMITS.body).default(''),
  attachments: z
    .array(
      z.strictObject({
        fileId: z.string().trim().min(1).max(256),
        name: z.string().trim().min(1).max(80),
      }),
    )
    .max(PROPOSAL_LIMITS.attachments)
    .default([]),
  coSignerIds: z.array(id).max(PROPOSAL_LIMITS.coSigners).default([]),
  collective: z
    .strictObject({ kind: z.enum(['sector', 'committee']), name: z.string().trim().min(1).max(30) })
    .nullable()
    .default(null),
};

export const proposals = {
  saveDraft: {
    input: z
      .strictObject({
        /** Chosen by the device when the draft is started; the same draft on every save. */
        clientDraftId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
        /** Increases with every local edit: an older save arriving late never overwrites a newer one. */
        revision: z.number().int().min(1),
        /** Staff writing on a member's behalf: whose proposal it is. */
        onBehalfOf: id.optional(),
        ...draftFields,
      })
      .refine((d) => d.cause.length + d.suggestion.length <= PROPOSAL_LIMITS.body, {
        path: ['suggestion'],
        message: `案由和建议合计不能超过 ${PROPOSAL_LIMITS.body} 字`,
      }),
    output: returns<ProposalDetail>(),
  },
  deleteDraft: {
    input: z.strictObject({ proposalId: id }),
    output: returns<{ deleted: boolean }>(),
  },
  submit: { input: z.strictObject({ proposalId: id }), output: returns<ProposalDetail>() },
  withdraw: {
    input: z.strictObject({ proposalId: id, reason: z.string().trim().min(2).max(200) }),
    output: returns<ProposalDetail>(),
  },
  get: { input: z.strictObject({ proposalId: id }), output: returns<ProposalDetail>() },
  listMine: {
    input: z.strictObject({ status: z.enum(['draft', 'active', 'closed']).optional(), ...paging }),
    output: returns<Page<ProposalSummary>>(),
  },
  listCoSignInvitations: {
    input: z.strictObject({ ...paging }),
    output: returns<Page<ProposalSummary & { coSignDeadline: string | null }>>(),
  },
  respondCoSign: {
    input: z.strictObject({ proposalId: id, accept: z.boolean() }),
    output: returns<ProposalDetail>(),
  },
  findSimilar: {
    input: z.strictObject({
      title: text(PROPOSAL_LIMITS.title).default(''),
      text: text(PROPOSAL_LIMITS.body * 2).default(''),
      excludeId: id.optional(),
      limit: z.number().int().min(1).max(20).default(5),
    }),
    output: returns<{ items: SimilarProposal[] }>(),
  },
  listPublic: {
    input: z.strictObject({
      year: z.number().int().min(2000).max(2100).optional(),
      keyword,
      category: z.enum(PROPOSAL_CATEGORIES).optional(),
      ...paging,
    }),
    output: returns<Page<ProposalSummary>>(),
  },
  reviewQueue: {
    input: z.strictObject({
      status: z.enum(['submitted', 'cosigning', 'converting']).default('submitted'),
      ...paging,
    }),
    output: returns<Page<ProposalSummary & { similar: SimilarProposal[] }>>(),
  },
  accept: {
    input: z.strictObject({ proposalId: id, version: z.number().int().min(1) }),
    output: returns<ProposalDetail>(),
  },
  reject: {
    input: z.strictObject({
      proposalId: id,
      version: z.number().int().min(1),
      reason: z.string().trim().min(2).max(500),
    }),
    output: returns<ProposalDetail>(),
  },
  proposeConversion: {
    input: z.strictObject({
      proposalId: id,
      version: z.number().int().min(1),
      reason: z.string().trim().min(2).max(500),
    }),
    output: returns<ProposalDetail>(),
  },
  consentConversion: {
    input: z.strictObject({ proposalId: id, consent: z.boolean() }),
    output: returns<ProposalDetail>(),
  },
  merge: {
    input: z.strictObject({
      targetId: id,
      sourceIds: z.array(id).min(1).max(20),
      reason: z.string().trim().min(2).max(500),
    }),
    output: returns<ProposalDetail>(),
  },
};
