/** 大会发言 in the mini-program: its pages, list rows and tag colours. */
import type { SpeechDelivery, SpeechStatus, SpeechSummary } from '../../typings/contracts';
import { SPEECH_DELIVERY_LABELS, SPEECH_STATUS_LABELS } from '../generated/contract';
import { formatDate } from './ledger';
import type { TagTheme } from './proposals';

export const SPEECH_LIST_PAGE = '/pages/speeches/list/index';
export const SPEECH_EDIT_PAGE = '/pages/speeches/edit/index';
export const SPEECH_DETAIL_PAGE = '/pages/speeches/detail/index';
/** The office's list (`?status=`) and one speech with its review and choice. */
export const SPEECH_REVIEW_PAGE = '/pages/staff/speeches/index';
export const SPEECH_HANDLE_PAGE = '/pages/staff/speech-handle/index';

export const SPEECH_CONFLICT_MESSAGE = '这篇发言已被他人处理或修改，已为您显示最新内容。';

export function speechStatusTheme(status: SpeechStatus): TagTheme {
  return status === 'accepted'
    ? 'success'
    : status === 'returned'
      ? 'warning'
      : status === 'submitted'
        ? 'primary'
        : 'default';
}

export function deliveryTheme(delivery: SpeechDelivery): TagTheme {
  return delivery === 'oral' ? 'danger' : delivery === 'written' ? 'primary' : 'default';
}

/** What the speech is for: the plenary's title, or the year. */
export function occasionText(s: Pick<SpeechSummary, 'meeting' | 'year'>): string {
  return s.meeting ? s.meeting.title : `${s.year} 年度全体会议`;
}

/** One row of a speech list, ready for the template. */
export interface SpeechItem {
  id: string;
  title: string;
  status: SpeechStatus;
  statusLabel: string;
  theme: TagTheme;
  /** 大会口头发言 / 书面发言, '' while not chosen. */
  deliveryLabel: string;
  deliveryTheme: TagTheme;
  occasion: string;
  authorName: string;
  byline: string;
  dateText: string;
}

export function toSpeechItem(s: SpeechSummary): SpeechItem {
  return {
    id: s.id,
    title: s.title || '（未填写标题）',
    status: s.status,
    statusLabel: s.statusLabel || SPEECH_STATUS_LABELS[s.status],
    theme: speechStatusTheme(s.status),
    deliveryLabel: s.delivery === 'none' ? '' : SPEECH_DELIVERY_LABELS[s.delivery],
    deliveryTheme: deliveryTheme(s.delivery),
    occasion: occasionText(s),
    authorName: s.authorName,
    byline: [s.authorName, s.authorSector].filter(Boolean).join(' · '),
    dateText: s.submittedAt
      ? `提交于 ${formatDate(s.submittedAt)}`
      : `保存于 ${formatDate(s.updatedAt)}`,
  };
}
