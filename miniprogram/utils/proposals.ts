/** Proposals (提案) and opinion reports (社情民意) as members and the office read them. */
import type {
  AdoptionLevel,
  OpinionStatus,
  OpinionSummary,
  ProposalStatus,
  ProposalSummary,
  SimilarProposal,
} from '../../typings/contracts';
import {
  ADOPTION_LEVEL_LABELS,
  OPINION_STATUS_LABELS,
  PROPOSAL_CATEGORIES,
  PROPOSAL_KIND_LABELS as KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
} from '../generated/contract';
import { formatDate } from './ledger';

/** The contract's labels and limits, generated into the mini-program (scripts/generate-contract.ts). */
export {
  ADOPTION_LEVEL_LABELS,
  CO_SIGNER_STATUS_LABELS,
  HANDLING_STAGE_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  OPINION_LIMITS,
  OPINION_STATUS_LABELS,
  PROPOSAL_CATEGORIES,
  PROPOSAL_KIND_LABELS as KIND_LABELS,
  PROPOSAL_LIMITS,
  PROPOSAL_STATUS_LABELS,
  RATING_LABELS,
  REPLY_CLASS_LABELS,
  UNIT_ROLE_LABELS,
} from '../generated/contract';

export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];

export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger';

/** The colour of a status tag; the label always says it in words too. */
export function proposalStatusTheme(status: ProposalStatus): TagTheme {
  switch (status) {
    case 'accepted':
      return 'success';
    case 'rejected':
      return 'danger';
    case 'confirming':
    case 'cosigning':
    case 'converting':
      return 'warning';
    case 'submitted':
      return 'primary';
    default:
      return 'default';
  }
}

export function opinionStatusTheme(status: OpinionStatus): TagTheme {
  return status === 'adopted'
    ? 'success'
    : status === 'declined'
      ? 'danger'
      : status === 'submitted'
        ? 'primary'
        : status === 'confirming'
          ? 'warning'
          : 'default';
}

/** 0.857 → `85.7%`; a rate of nothing to rate (NaN) reads `—`. */
export function formatPercent(rate: number): string {
  if (!Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

/** A similarity score 0..1 → `63%` (whole percent: the measure is rough). */
export function formatScore(score: number): string {
  return `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%`;
}

/** `part / whole` as a percentage, `—` when there is no whole. */
export function shareText(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : '—';
}

/** Counted as the server counts (`String.length` after trimming). */
export function textLength(text: string): number {
  return text.trim().length;
}

/** A later reviewer meets an item already decided: say so and show it as it now is. */
export const PROPOSAL_CONFLICT_MESSAGE =
  '这件提案刚被其他工作人员处理过，已为您刷新为最新状态，请查看后再操作。';
export const OPINION_CONFLICT_MESSAGE =
  '这篇信息刚被其他工作人员处理过，已为您刷新为最新状态，请查看后再操作。';

export const PROPOSAL_DETAIL_PAGE = '/pages/proposals/detail/index';
export const PROPOSAL_EDIT_PAGE = '/pages/proposals/edit/index';
export const OPINION_DETAIL_PAGE = '/pages/opinions/detail/index';
export const OPINION_EDIT_PAGE = '/pages/opinions/edit/index';
export const PROPOSAL_HANDLE_PAGE = '/pages/staff/proposal-handle/index';
export const PROPOSAL_REVIEW_PAGE = '/pages/staff/proposal-review/index';
export const OPINION_HANDLE_PAGE = '/pages/staff/opinion-handle/index';
/** 提案办理工作台: the office's queues of accepted proposals (`?queue=`). */
export const PROPOSAL_WORK_PAGE = '/pages/staff/proposal-work/index';

export function pageUrl(page: string, id: string): string {
  return `${page}?id=${encodeURIComponent(id)}`;
}

/** One line of a proposal list, ready for the template. */
export interface ProposalItem {
  id: string;
  title: string;
  /** `2026-0012`, or '' before acceptance. */
  number: string;
  status: ProposalStatus;
  statusLabel: string;
  theme: TagTheme;
  /** `城乡建设 · 联名提案 · 王建华 领衔` */
  meta: string;
  /** `提交于 2026-03-02`, or '' for a draft. */
  dateText: string;
}

export function toProposalItem(p: ProposalSummary): ProposalItem {
  const kind = p.kind === 'collective' && p.collectiveName ? p.collectiveName : KIND_LABELS[p.kind];
  return {
    id: p.id,
    title: p.title || '（未填写标题）',
    number: p.number ?? '',
    status: p.status,
    statusLabel: p.statusLabel || PROPOSAL_STATUS_LABELS[p.status],
    theme: proposalStatusTheme(p.status),
    meta: [p.category, kind, p.leadName ? `${p.leadName} 领衔` : ''].filter(Boolean).join(' · '),
    dateText: p.submittedAt ? `提交于 ${formatDate(p.submittedAt)}` : '',
  };
}

/** A similar proposal, for the panel beside the editor and the review queue. */
export interface SimilarItem {
  id: string;
  title: string;
  scoreText: string;
  /**
   * Every member may open an accepted or merged proposal; one still in review is readable only
   * by its authors and the office, so for others it is shown without a link.
   */
  isPublic: boolean;
  /** `2025 年 · 2025-0031 · 已立案 · 李明 领衔` */
  meta: string;
}

export function toSimilarItem(s: SimilarProposal): SimilarItem {
  return {
    id: s.id,
    title: s.title,
    scoreText: formatScore(s.score),
    isPublic: s.status === 'accepted' || s.status === 'merged',
    meta: [
      `${s.year} 年`,
      s.number ?? '',
      PROPOSAL_STATUS_LABELS[s.status],
      s.leadName ? `${s.leadName} 领衔` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

export interface OpinionItem {
  id: string;
  title: string;
  status: OpinionStatus;
  statusLabel: string;
  theme: TagTheme;
  /** `2026 年第 5 期 · 最高：市政协采用` or '' */
  meta: string;
  dateText: string;
  authorName: string;
}

export function levelText(level: AdoptionLevel | null): string {
  return level ? `${ADOPTION_LEVEL_LABELS[level]}采用` : '';
}

export function toOpinionItem(o: OpinionSummary): OpinionItem {
  return {
    id: o.id,
    title: o.title || '（未填写标题）',
    status: o.status,
    statusLabel: o.statusLabel || OPINION_STATUS_LABELS[o.status],
    theme: opinionStatusTheme(o.status),
    meta: [
      o.issue ? `《社情民意》${o.issue}` : '',
      o.highestLevel ? `最高：${levelText(o.highestLevel)}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    dateText: o.submittedAt ? `报送于 ${formatDate(o.submittedAt)}` : '',
    authorName: o.authorName,
  };
}
