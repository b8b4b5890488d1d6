import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { fileRef, id, keyword, paging, type ChartImage } from './common';
import type { Page } from './envelope';
import { speechContracts } from './speeches';

/** Hard upper bounds (DOMAIN.md); the committee's own limits are settings, checked at submission. */
export const PROPOSAL_LIMITS = {
  title: 60,
  body: 2500,
  attachments: 9,
  coSigners: 30,
  collectiveName: 30,
  units: 10,
  reply: 5000,
} as const;

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
  | 'confirming' // entered by staff for a member (代录), waiting for the member to confirm
  | 'cosigning' // submitted, waiting for co-signers to confirm
  | 'submitted' // in the review queue
  | 'accepted' // 立案, numbered
  | 'rejected' // 不予立案
  | 'converting' // staff propose turning it into an opinion report; the proposer must consent
  | 'converted' // turned into an opinion report
  | 'merged'; // handled together with another proposal (并案)

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: '草稿',
  confirming: '待委员确认',
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
  /** 优秀提案 of its year (absent on older answers). */
  excellent?: boolean;
}

/** 优秀提案: marked by the office for the proposal's year; its authors score the policy's points. */
export interface ExcellentMark {
  year: number;
  markedAt: string;
  markedBy: string;
  note: string | null;
}

export const REPLY_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];
export const REPLY_CLASS_LABELS: Record<ReplyClass, string> = {
  A: '已解决或采纳',
  B: '正在解决或列入计划',
  C: '因条件限制留作参考',
  D: '其他',
};
export type Rating = 'satisfied' | 'basic' | 'unsatisfied';
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

/** Where an accepted proposal is in its handling. */
export type HandlingStage = 'unassigned' | 'assigned' | 'replied' | 'rehandling' | 'closed';
export const HANDLING_STAGE_LABELS: Record<HandlingStage, string> = {
  unassigned: '待交办',
  assigned: '办理中',
  replied: '已答复，待评价',
  rehandling: '重新办理中',
  closed: '已办结',
};

/**
 * The office's work on accepted proposals, one queue per step (`workQueue`): each accepted
 * proposal is in exactly one. 超期 holds those past the handling deadline without the round's
 * reply, whatever the round; 办理中 and 再办理 the others of their stage.
 */
export const WORK_QUEUES = [
  'unassigned',
  'handling',
  'overdue',
  'replied',
  'rehandling',
  'closed',
] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];
export const WORK_QUEUE_LABELS: Record<WorkQueue, string> = {
  unassigned: '待交办',
  handling: '办理中',
  overdue: '超期未答复',
  replied: '待评价',
  rehandling: '再办理',
  closed: '已办结',
};

/** One row of a work queue: the proposal, where its handling stands, and the office's next step. */
export interface WorkItem extends ProposalSummary {
  queue: WorkQueue;
  round: number;
  /** The assigned units' names, the lead unit first. */
  units: string[];
  deadline: string | null;
  key: boolean;
  /** The step the office takes next, one tap away: a panel of the handling page ('' for none). */
  next: { label: string; panel: 'assign' | '' };
}

export interface WorkQueuePage extends Page<WorkItem> {
  /** Every queue's size under the same filters (year, category, unit, proposer, keyword). */
  counts: Record<WorkQueue, number>;
}

export const PROPOSAL_KIND_LABELS: Record<ProposalSummary['kind'], string> = {
  individual: '个人提案',
  joint: '联名提案',
  collective: '集体提案',
};

export const CO_SIGNER_STATUS_LABELS: Record<CoSignerStatus, string> = {
  invited: '待确认',
  confirmed: '已确认',
  declined: '已谢绝',
  dropped: '逾期未确认',
};

export interface HandlingUnitView {
  id: string;
  name: string;
  contactName: string | null;
  contactPhone: string | null;
  active: boolean;
}

export type UnitRole = 'lead' | 'co' | 'separate';
export const UNIT_ROLE_LABELS: Record<UnitRole, string> = {
  lead: '主办',
  co: '会办',
  separate: '分办',
};

export interface AssignedUnit {
  unitId: string;
  name: string;
  /** lead: 主办; co: 会办 (joint handling); separate: 分办 (each replies on its own). */
  role: UnitRole;
  objection: { reason: string; at: string } | null;
  replies: Array<{
    round: number;
    replyClass: ReplyClass;
    text: string;
    at: string;
    recordedBy: string;
    /** The stamped reply letter (答复函), when the unit attached it. */
    letter?: FileRef | null;
  }>;
  /** When the unit's account took it on (签收); absent or null: not yet. */
  acceptedAt?: string | null;
  /** The reply the unit is writing for the round, until the office approves it (staff and the unit only). */
  draft?: UnitReplyDraft | null;
}

export interface FileRef {
  fileId: string;
  name: string;
}

/**
 * Where a unit's reply stands: draft (being written), signing (the co-handling units sign it
 * off, 会签), review (with the office), returned (the office sent it back with a note).
 */
export type UnitReplyStatus = 'draft' | 'signing' | 'review' | 'returned';
export const UNIT_REPLY_STATUS_LABELS: Record<UnitReplyStatus, string> = {
  draft: '答复草稿',
  signing: '待会办单位会签',
  review: '待提案办审核',
  returned: '已退回修改',
};

/** A reply written by a unit's account: the lead unit's (joint handling) or each unit's (separate). */
export interface UnitReplyDraft {
  round: number;
  text: string;
  replyClass: ReplyClass;
  letter: FileRef | null;
  status: UnitReplyStatus;
  savedAt: string;
  savedBy: string;
  submittedAt: string | null;
  /** The co-handling units' sign-offs on this submission (joint handling only). */
  signOffs: Array<{ unitId: string; name: string; at: string; by: string; note: string | null }>;
  /** The office's note when it sent the reply back. */
  returnNote: string | null;
}

/** A unit's request for more time; the office approves it (the deadline moves) or refuses it. */
export interface ExtensionRequest {
  unitId: string;
  unitName: string;
  days: number;
  reason: string;
  at: string;
  by: string;
  status: 'pending' | 'approved' | 'refused';
  decidedAt: string | null;
  note: string | null;
}

/** The unit's lists: 待办 (to accept, reply or sign off), 已答复 (replied, evaluated, closed). */
export const UNIT_QUEUES = ['open', 'answered'] as const;
export type UnitQueue = (typeof UNIT_QUEUES)[number];
export const UNIT_QUEUE_LABELS: Record<UnitQueue, string> = { open: '待办理', answered: '已答复' };

/** One row of a unit's list: what it was given and what it does next. */
export interface UnitTask extends ProposalSummary {
  role: UnitRole;
  stage: HandlingStage;
  round: number;
  deadline: string | null;
  overdue: boolean;
  /** The unit's next step in words ('' when nothing waits on it). */
  next: string;
}

/** What a unit's account sees of a proposal it was given: never phones, never other units' work. */
export interface UnitProposalView extends ProposalSummary {
  cause: string;
  suggestion: string;
  attachments: FileRef[];
  coSignerNames: string[];
  mode: 'joint' | 'separate';
  stage: HandlingStage;
  round: number;
  assignedAt: string | null;
  deadline: string | null;
  overdue: boolean;
  /** The last day an objection is taken. */
  objectionUntil: string | null;
  /** This unit's assignment: its role, acceptance, objection, draft and recorded replies. */
  mine: AssignedUnit;
  /** Joint handling: the other units, by name and role (never their work). */
  partners: Array<{ name: string; role: UnitRole }>;
  /** A co-handling unit: the lead unit's reply waiting for its sign-off. */
  leadDraft: UnitReplyDraft | null;
  /** This unit's latest extension request. */
  extension: ExtensionRequest | null;
  version: number;
  can: {
    accept: boolean;
    object: boolean;
    writeReply: boolean;
    submitReply: boolean;
    signOff: boolean;
    requestExtension: boolean;
  };
}

/** A handling unit's contact account (role `unit`), managed by the office. */
export interface UnitContactView {
  memberId: string;
  unitId: string;
  name: string;
  phone: string | null;
  active: boolean;
  bound: boolean;
}

export interface HandlingView {
  stage: HandlingStage;
  round: number;
  units: AssignedUnit[];
  assignedAt: string | null;
  deadline: string | null;
  overdue: boolean;
  key: { supervisor: string; markedAt: string } | null;
  supervision: Array<{ at: string; note: string; by: string }>;
  /** A unit's latest extension request (staff only; absent on older data). */
  extension?: ExtensionRequest | null;
  evaluations: Array<{
    round: number;
    memberId: string;
    name: string;
    rating: Rating;
    attitude: Rating | null;
    result: Rating | null;
    comment: string | null;
    at: string;
  }>;
}

/** A replied proposal waiting for the caller's evaluation (`listToEvaluate`). */
export interface ProposalToEvaluate extends ProposalSummary {
  /** The handling round being evaluated (2 after a re-handling). */
  round: number;
  /** When the round's last reply came in. */
  repliedAt: string | null;
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
  /** The committee settings version it was submitted under (null or absent: a draft, older data). */
  settingsVersion?: number | null;
  /** The author's device draft id (null for anyone else): lets another device continue the draft. */
  clientDraftId: string | null;
  collective: { kind: 'sector' | 'committee'; name: string } | null;
  updatedAt: string;
  version: number;
  handling: HandlingView | null;
  /** 优秀提案: the mark (null: not marked; absent on older answers). */
  excellentMark?: ExcellentMark | null;
  /** What the caller may do now. */
  can: {
    edit: boolean;
    submit: boolean;
    withdraw: boolean;
    coSign: boolean;
    review: boolean;
    consentConvert: boolean;
    evaluate: boolean;
    /** 代录: the member (or, for a member without a phone, the office) confirms it. */
    confirmEntry: boolean;
    /** 评为优秀提案 / 撤销 (staff; a replied or closed accepted proposal). */
    markExcellent?: boolean;
    unmarkExcellent?: boolean;
  };
}

export interface ProposalStats {
  year: number;
  counts: {
    received: number;
    accepted: number;
    rejected: number;
    converted: number;
    merged: number;
    pending: number;
  };
  /** Replied / accepted (merged ones are answered with their target); null with nothing accepted. */
  replyRate: number | null;
  /** Satisfied or basically satisfied / ratings (each evaluator's latest); null with no rating yet. */
  satisfactionRate: number | null;
  /** How many ratings the satisfaction rate is over. */
  ratings: number;
  replyClasses: Record<ReplyClass, number>;
  overdue: number;
  byUnit: Array<{
    unitId: string;
    name: string;
    assigned: number;
    replied: number;
    overdue: number;
    satisfied: number;
    evaluated: number;
  }>;
  bySector: Array<{ sector: string; received: number; accepted: number }>;
}

export interface SimilarProposal {
  id: string;
  number: string | null;
  title: string;
  status: ProposalStatus;
  year: number;
  leadName: string;
  /** 0..1: rarity-weighted (IDF) bigram cosine of title and text, stop-words removed. */
  score: number;
}

// Each field a person types or picks says what is wrong in the words of its form label.

/** Optional text of at most `max` characters. */
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}格式不正确` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`);

/** Text that must be written: `请填写…` when missing or blank, then its length. */
const written = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`);

/** A whole number from `min` to `max` (`unit`: 天 for days). */
const int = (label: string, min: number, max: number, unit = '') =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(min, `${label}不能少于 ${min}${unit ? ` ${unit}` : ''}`)
    .max(max, `${label}不能超过 ${max}${unit ? ` ${unit}` : ''}`);

const year = int('年度', 2000, 2100);
const category = z
  .string({ error: '请选择类别' })
  .trim()
  .min(1, '请选择类别')
  .max(12, '类别不能超过 12 个字');
const rating = (label: string) => z.enum(['satisfied', 'basic', 'unsatisfied'], `请选择${label}`);

const draftFields = {
  title: text('标题', PROPOSAL_LIMITS.title).default(''),
  /** One of the committee settings' categories (checked at submission). */
  category: category.default('其他'),
  cause: text('案由', PROPOSAL_LIMITS.body).default(''),
  suggestion: text('建议', PROPOSAL_LIMITS.body).default(''),
  attachments: z
    .array(fileRef)
    .max(PROPOSAL_LIMITS.attachments, `附件最多 ${PROPOSAL_LIMITS.attachments} 个`)
    .default([]),
  coSignerIds: z
    .array(id)
    .max(PROPOSAL_LIMITS.coSigners, `联名人最多 ${PROPOSAL_LIMITS.coSigners} 位`)
    .default([]),
  collective: z
    .strictObject({
      kind: z.enum(['sector', 'committee'], '请选择以界别还是专委会的名义提出'),
      name: written('界别或专委会名称', 1, PROPOSAL_LIMITS.collectiveName),
    })
    .nullable()
    .default(null),
};

export const proposals = lazyContracts(() => ({
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
  /**
   * A proposal staff entered for a member (代录): the member confirms it (it then goes on as if
   * they had submitted it) or sends it back with a reason; staff confirm for a member without a
   * phone, saying how the member agreed.
   */
  confirmEntry: {
    input: z.strictObject({
      proposalId: id,
      accept: z.boolean({ error: '请选择确认或退回' }),
      note: text('说明', 200).optional(),
    }),
    output: returns<ProposalDetail>(),
  },
  withdraw: {
    input: z.strictObject({ proposalId: id, reason: written('撤回原因', 2, 200) }),
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
  /** Replied proposals whose reply waits for the caller's evaluation (this round). */
  listToEvaluate: {
    input: z.strictObject({ ...paging }),
    output: returns<Page<ProposalToEvaluate>>(),
  },
  respondCoSign: {
    input: z.strictObject({ proposalId: id, accept: z.boolean() }),
    output: returns<ProposalDetail>(),
  },
  findSimilar: {
    input: z.strictObject({
      title: text('标题', PROPOSAL_LIMITS.title).default(''),
      text: text('案由和建议', PROPOSAL_LIMITS.body * 2).default(''),
      excludeId: id.optional(),
      limit: z.number().int().min(1).max(20).default(5),
    }),
    output: returns<{ items: SimilarProposal[] }>(),
  },
  listPublic: {
    input: z.strictObject({
      year: year.optional(),
      keyword,
      category: category.optional(),
      /** Only 优秀提案. */
      excellent: z.boolean().optional(),
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
      reason: written('不予立案的理由', 2, 500),
    }),
    output: returns<ProposalDetail>(),
  },
  proposeConversion: {
    input: z.strictObject({
      proposalId: id,
      version: z.number().int().min(1),
      reason: written('理由', 2, 500),
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
      sourceIds: z.array(id).min(1, '请选择要并案的提案').max(20, '一次最多并入 20 件提案'),
      reason: written('并案说明', 2, 500),
    }),
    output: returns<ProposalDetail>(),
  },
  saveUnit: {
    input: z.strictObject({
      unitId: id.optional(),
      name: written('单位名称', 2, 40),
      contactName: text('联系人', 20).nullable().default(null),
      contactPhone: text('联系电话', 20).nullable().default(null),
      active: z.boolean().default(true),
    }),
    output: returns<HandlingUnitView>(),
  },
  listUnits: {
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: returns<{ items: HandlingUnitView[] }>(),
  },
  assign: {
    input: z.strictObject({
      proposalId: id,
      version: z.number().int().min(1),
      /** joint: one lead unit (主办) and co-handlers (会办); separate: each unit replies on its own (分办). */
      mode: z.enum(['joint', 'separate'], '请选择办理方式'),
      units: z
        .array(
          z.strictObject({
            unitId: id,
            role: z.enum(['lead', 'co'], '请选择主办或会办').default('lead'),
          }),
        )
        .min(1, '请选择承办单位')
        .max(PROPOSAL_LIMITS.units, `承办单位最多 ${PROPOSAL_LIMITS.units} 个`),
      /** Days to handle it; the committee settings' handling time when left out. */
      deadlineDays: int('答复期限', 7, 183, '天').optional(),
    }),
    output: returns<ProposalDetail>(),
  },
  recordObjection: {
    input: z.strictObject({
      proposalId: id,
      unitId: id,
      reason: written('异议理由', 2, 300),
    }),
    output: returns<ProposalDetail>(),
  },
  extendDeadline: {
    input: z.strictObject({
      proposalId: id,
      days: int('延期天数', 1, 92, '天'),
      reason: written('延期理由', 2, 200),
    }),
    output: returns<ProposalDetail>(),
  },
  recordReply: {
    input: z.strictObject({
      proposalId: id,
      unitId: id,
      replyClass: z.enum(REPLY_CLASSES, '请选择答复类别'),
      text: written('答复内容', 10, PROPOSAL_LIMITS.reply),
    }),
    output: returns<ProposalDetail>(),
  },
  /** Staff: a handling unit's contact accounts (they bind with an invite code, like members). */
  listUnitContacts: {
    input: z.strictObject({ unitId: id }),
    output: returns<{ items: UnitContactView[] }>(),
  },
  /** Staff: adds or edits a unit's contact account (role `unit`); deactivating keeps the record. */
  saveUnitContact: {
    input: z.strictObject({
      unitId: id,
      memberId: id.optional(),
      name: written('联系人姓名', 2, 20),
      phone: z
        .string({ error: '请填写手机号' })
        .trim()
        .regex(/^1\d{10}$/, '手机号应为 11 位数字')
        .nullable()
        .default(null),
      active: z.boolean().default(true),
    }),
    output: returns<UnitContactView>(),
  },
  /** A unit's account: the proposals given to its unit, by list. */
  unitQueue: {
    input: z.strictObject({
      queue: z.enum(UNIT_QUEUES, '请选择列表').default('open'),
      ...paging,
    }),
    output: returns<Page<UnitTask> & { counts: Record<UnitQueue, number> }>(),
  },
  unitGet: {
    input: z.strictObject({ proposalId: id }),
    output: returns<UnitProposalView>(),
  },
  /** 签收: the unit takes the assignment on (after which it no longer objects). */
  unitAccept: {
    input: z.strictObject({ proposalId: id }),
    output: returns<UnitProposalView>(),
  },
  /** The unit objects within the settings' days; the office reassigns. */
  unitObject: {
    input: z.strictObject({ proposalId: id, reason: written('异议理由', 2, 300) }),
    output: returns<UnitProposalView>(),
  },
  /** Saves the unit's reply (the lead's or a separate unit's): text, proposed class, letter. */
  unitSaveReply: {
    input: z.strictObject({
      proposalId: id,
      replyClass: z.enum(REPLY_CLASSES, '请选择答复类别'),
      text: written('答复内容', 10, PROPOSAL_LIMITS.reply),
      letter: fileRef.nullable().default(null),
    }),
    output: returns<UnitProposalView>(),
  },
  /** Sends the saved reply on: to the co-handling units' sign-off, or straight to the office. */
  unitSubmitReply: {
    input: z.strictObject({ proposalId: id }),
    output: returns<UnitProposalView>(),
  },
  /** 会签: a co-handling unit signs off the lead unit's reply. */
  unitSignOff: {
    input: z.strictObject({ proposalId: id, note: text('会签意见', 300).optional() }),
    output: returns<UnitProposalView>(),
  },
  unitRequestExtension: {
    input: z.strictObject({
      proposalId: id,
      days: int('延期天数', 1, 92, '天'),
      reason: written('延期理由', 2, 200),
    }),
    output: returns<UnitProposalView>(),
  },
  /**
   * Staff: approves a unit's reply (it is recorded as the unit's reply, the class as given or
   * changed) or returns it with a note for the unit to revise.
   */
  reviewReply: {
    input: z.strictObject({
      proposalId: id,
      unitId: id,
      approve: z.boolean({ error: '请选择通过或退回' }),
      replyClass: z.enum(REPLY_CLASSES, '请选择答复类别').optional(),
      note: text('审核意见', 300).optional(),
    }),
    output: returns<ProposalDetail>(),
  },
  /** Staff: approves a unit's extension request (moving the deadline) or refuses it. */
  decideExtension: {
    input: z.strictObject({
      proposalId: id,
      approve: z.boolean({ error: '请选择同意或不同意' }),
      note: text('说明', 200).optional(),
    }),
    output: returns<ProposalDetail>(),
  },
  evaluate: {
    input: z.strictObject({
      proposalId: id,
      rating: rating('总体评价'),
      attitude: rating('办理态度').optional(),
      result: rating('办理结果').optional(),
      comment: text('意见和建议', 500).optional(),
    }),
    output: returns<ProposalDetail>(),
  },
  markKey: {
    input: z.strictObject({ proposalId: id, supervisor: written('督办领导', 2, 30) }),
    output: returns<ProposalDetail>(),
  },
  /** 评为优秀提案 for its year: a replied or closed accepted proposal; its authors score. */
  markExcellent: {
    input: z.strictObject({
      proposalId: id,
      version: z.number().int().min(1),
      note: text('评选说明', 200).optional(),
    }),
    output: returns<ProposalDetail>(),
  },
  /** Takes the mark back, with the reason; the points are reversed. */
  unmarkExcellent: {
    input: z.strictObject({
      proposalId: id,
      version: z.number().int().min(1),
      reason: written('撤销原因', 2, 200),
    }),
    output: returns<ProposalDetail>(),
  },
  addSupervision: {
    input: z.strictObject({ proposalId: id, note: written('督办情况', 2, 1000) }),
    output: returns<ProposalDetail>(),
  },
  workQueue: {
    input: z.strictObject({
      queue: z.enum(WORK_QUEUES, '请选择办理环节').default('unassigned'),
      year: year.optional(),
      category: category.optional(),
      unitId: id.optional(),
      /** The proposer (the lead member). */
      leadId: id.optional(),
      keyword,
      ...paging,
    }),
    output: returns<WorkQueuePage>(),
  },
  listOverdue: {
    input: z.strictObject({ ...paging }),
    output: returns<Page<ProposalSummary & { deadline: string; units: string[] }>>(),
  },
  getStats: {
    input: z.strictObject({ year }),
    output: returns<ProposalStats>(),
  },
  /** The year's statistics as charts (SVG data URIs): by stage, by reply class, per unit, by month. */
  getStatsCharts: {
    input: z.strictObject({ year }),
    output: returns<{ charts: ChartImage[] }>(),
  },
  exportStats: {
    input: z.strictObject({ year }),
    output: returns<{ fileName: string; mimeType: string; contentBase64: string }>(),
  },
  /** 提案汇编 (docx): the year's accepted proposals by category, with proposers, units and replies. */
  exportCompilation: {
    input: z.strictObject({ year }),
    output: returns<{ fileName: string; mimeType: string; contentBase64: string }>(),
  },
  ...speechContracts(),
}));
