/** A proposal as the detail and the office's handling page show it: template-ready data. */
import type { ProposalDetail, Rating } from '../../../typings/contracts';
import { formatDateTime } from '../../utils/format';
import { formatDate } from '../../utils/ledger';
import {
  CO_SIGNER_STATUS_LABELS,
  HANDLING_STAGE_LABELS,
  KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  RATING_LABELS,
  REPLY_CLASS_LABELS,
  UNIT_ROLE_LABELS,
  proposalStatusTheme,
  type TagTheme,
} from '../../utils/proposals';

export interface CoSignerItem {
  memberId: string;
  name: string;
  sector: string;
  statusLabel: string;
  theme: TagTheme;
}

export interface ReplyItem {
  key: string;
  roundText: string;
  replyClass: string;
  classLabel: string;
  text: string;
  atText: string;
}

export interface UnitItem {
  unitId: string;
  name: string;
  roleLabel: string;
  objection: { reason: string; atText: string } | null;
  replies: ReplyItem[];
}

export interface EvaluationItem {
  key: string;
  name: string;
  roundText: string;
  ratingLabel: string;
  /** `办理态度：满意 · 办理结果：基本满意`, or ''. */
  detailText: string;
  comment: string;
  atText: string;
}

export interface HandlingItem {
  stageLabel: string;
  /** `第 2 轮办理` after an unsatisfied first round, else ''. */
  roundText: string;
  assignedText: string;
  deadlineText: string;
  overdue: boolean;
  key: { supervisor: string; markedText: string } | null;
  units: UnitItem[];
  supervision: Array<{ key: string; atText: string; note: string; by: string }>;
  evaluations: EvaluationItem[];
}

export interface ProposalView {
  id: string;
  title: string;
  numberText: string;
  statusLabel: string;
  theme: TagTheme;
  kindLabel: string;
  category: string;
  leadName: string;
  collectiveName: string;
  submittedText: string;
  plenary: boolean;
  /** 优秀提案: `2026 年度优秀提案`, '' when not marked. */
  excellentText: string;
  byStaffText: string;
  coSigners: CoSignerItem[];
  coSignDeadlineText: string;
  cause: string;
  suggestion: string;
  attachments: Array<{ fileId: string; name: string }>;
  /** Why it was rejected, proposed for conversion or merged; '' when none. */
  reasonLabel: string;
  reason: string;
  mergedInto: { id: string; title: string; numberText: string } | null;
  mergedFrom: Array<{ id: string; title: string; leadName: string }>;
  convertedTo: string;
  handling: HandlingItem | null;
  timeline: TimelineRow[];
}

const CO_SIGNER_THEMES: Record<ProposalDetail['coSigners'][number]['status'], TagTheme> = {
  invited: 'warning',
  confirmed: 'success',
  declined: 'default',
  dropped: 'default',
};

function reasonLabel(p: ProposalDetail): string {
  if (!p.reviewReason) return '';
  switch (p.status) {
    case 'rejected':
      return '不予立案理由';
    case 'converting':
    case 'converted':
      return '转为社情民意的理由';
    case 'merged':
      return '并案说明';
    default:
      return '审查意见';
  }
}

function ratingDetail(attitude: Rating | null, result: Rating | null): string {
  return [
    attitude ? `办理态度：${RATING_LABELS[attitude]}` : '',
    result ? `办理结果：${RATING_LABELS[result]}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function toHandling(h: NonNullable<ProposalDetail['handling']>): HandlingItem {
  return {
    stageLabel: HANDLING_STAGE_LABELS[h.stage],
    roundText: h.round > 1 ? `第 ${h.round} 轮办理` : '',
    assignedText: h.assignedAt ? formatDate(h.assignedAt) : '',
    deadlineText: h.deadline ? formatDate(h.deadline) : '',
    overdue: h.overdue,
    key: h.key ? { supervisor: h.key.supervisor, markedText: formatDate(h.key.markedAt) } : null,
    units: h.units.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      roleLabel: UNIT_ROLE_LABELS[u.role],
      objection: u.objection
        ? { reason: u.objection.reason, atText: formatDate(u.objection.at) }
        : null,
      replies: u.replies.map((r, i) => ({
        key: `${u.unitId}-${i}`,
        roundText: h.round > 1 || r.round > 1 ? `第 ${r.round} 轮答复` : '答复',
        replyClass: r.replyClass,
        classLabel: `${r.replyClass} 类：${REPLY_CLASS_LABELS[r.replyClass]}`,
        text: r.text,
        atText: formatDate(r.at),
      })),
    })),
    supervision: h.supervision.map((s, i) => ({
      key: String(i),
      atText: formatDateTime(s.at),
      note: s.note,
      by: s.by,
    })),
    evaluations: h.evaluations.map((e, i) => ({
      key: `${e.memberId}-${i}`,
      name: e.name,
      roundText: h.round > 1 || e.round > 1 ? `第 ${e.round} 轮` : '',
      ratingLabel: RATING_LABELS[e.rating],
      detailText: ratingDetail(e.attitude, e.result),
      comment: e.comment ?? '',
      atText: formatDate(e.at),
    })),
  };
}

export interface TimelineRow {
  key: string;
  atText: string;
  action: string;
  actorName: string;
  note: string;
}

/** The 办理过程 of a proposal or an opinion report, oldest first as the server gives it. */
export function toTimeline(
  entries: Array<{ at: string; action: string; actorName: string; note: string | null }>,
): TimelineRow[] {
  return entries.map((t, i) => ({
    key: String(i),
    atText: formatDateTime(t.at),
    action: t.action,
    actorName: t.actorName,
    note: t.note ?? '',
  }));
}

export function toProposalView(p: ProposalDetail): ProposalView {
  return {
    id: p.id,
    title: p.title || '（未填写标题）',
    numberText: p.number ?? '',
    statusLabel: p.statusLabel || PROPOSAL_STATUS_LABELS[p.status],
    theme: proposalStatusTheme(p.status),
    kindLabel: KIND_LABELS[p.kind],
    category: p.category,
    leadName: p.leadName,
    collectiveName: p.collectiveName ?? '',
    submittedText: p.submittedAt ? formatDateTime(p.submittedAt) : '',
    plenary: p.plenary,
    excellentText: p.excellentMark ? `${p.excellentMark.year} 年度优秀提案` : '',
    byStaffText: p.submittedByStaff ? '由工作人员代为撰写' : '',
    coSigners: p.coSigners.map((c) => ({
      memberId: c.memberId,
      name: c.name,
      sector: c.sector ?? '',
      statusLabel: CO_SIGNER_STATUS_LABELS[c.status],
      theme: CO_SIGNER_THEMES[c.status],
    })),
    coSignDeadlineText:
      p.status === 'cosigning' && p.coSignDeadline ? formatDateTime(p.coSignDeadline) : '',
    cause: p.cause,
    suggestion: p.suggestion,
    attachments: p.attachments,
    reasonLabel: reasonLabel(p),
    reason: p.reviewReason ?? '',
    mergedInto: p.mergedInto
      ? { id: p.mergedInto.id, title: p.mergedInto.title, numberText: p.mergedInto.number ?? '' }
      : null,
    mergedFrom: p.mergedFrom,
    convertedTo: p.convertedTo ?? '',
    handling: p.handling ? toHandling(p.handling) : null,
    timeline: toTimeline(p.timeline),
  };
}
