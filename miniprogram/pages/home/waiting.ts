/**
 * What waits for the member, as the home page lists it: one piece per backend list, fetched in
 * parallel; a piece that fails leaves the others shown and is named on the page. The reading
 * club's newest guide reading joins as one more piece when its module exists.
 */
import type {
  InboxItem,
  MeetingSummary,
  ProposalToEvaluate,
  Role,
} from '../../../typings/contracts';
import { api } from '../../services/api';
import { formatDateTime, isOffice, ownPageLink } from '../../utils/format';
import { beijingParts, detailUrl, spanParts } from '../../utils/meetings';
import { officeSection, unitSection } from '../../utils/office-work';
import { pageUrl, PROPOSAL_DETAIL_PAGE } from '../../utils/proposals';
import { INBOX_PAGE, showUnreadBadge, unreadText } from '../inbox/unread';

export const MEETINGS_TAB = '/pages/meetings/list/index';
export const PROPOSALS_TAB = '/pages/proposals/index';

/** One row: what it is, a line about it, and the page it opens. */
export interface WaitingRow {
  id: string;
  title: string;
  meta: string;
  url: string;
  /** Set on a notice: opening it marks it read. */
  noticeId?: string;
}

export type SectionKey = 'today' | 'reply' | 'cosign' | 'evaluate' | 'notices' | 'office' | 'unit';

export interface WaitingSection {
  key: SectionKey;
  title: string;
  /** How many wait (may be more than the rows shown). */
  count: number;
  rows: WaitingRow[];
  /** The list all of them are on ('' when each row is already a list: the office's counts). */
  moreUrl: string;
}

interface PieceResult {
  sections: WaitingSection[];
  /** Unread notices, for the inbox entry and the 我的 badge. */
  unread?: number;
}

interface Piece {
  /** Named on the page when it could not load: `会议` → 会议暂时无法加载. */
  label: string;
  /** Whether this person has such things at all (meetings and co-signing are members'). */
  for(roles: readonly Role[]): boolean;
  load(today: string): Promise<PieceResult>;
}

const SHOWN = 5;
/** Notices are many and also listed in the inbox: the newest few. */
const NOTICES_SHOWN = 3;

function section(
  key: SectionKey,
  title: string,
  rows: WaitingRow[],
  moreUrl: string,
  count = rows.length,
  shown = SHOWN,
): WaitingSection {
  return { key, title, count, rows: rows.slice(0, shown), moreUrl };
}

function meetingRow(m: MeetingSummary, meta: string): WaitingRow {
  const when = spanParts(m.startsAt, m.endsAt);
  return {
    id: m.id,
    title: m.title,
    meta: [meta, `${when.day} ${when.time}`.trim(), m.venueName].filter(Boolean).join(' · '),
    url: detailUrl(m.id),
  };
}

/** Published meetings of today (unless leave was granted), and later ones not replied to. */
export function meetingSections(items: MeetingSummary[], today: string): WaitingSection[] {
  const live = items.filter((m) => m.status === 'published');
  const excused = (m: MeetingSummary) => m.myReply === 'leave' && m.myLeaveStatus === 'approved';
  const isToday = (m: MeetingSummary) => beijingParts(m.startsAt)?.date === today;
  const todays = live.filter((m) => isToday(m) && !excused(m));
  const toReply = live.filter((m) => !isToday(m) && m.myReply === 'none');
  return [
    section(
      'today',
      '今天的会议',
      todays.map((m) => meetingRow(m, m.myReply === 'none' ? '尚未回执' : '')),
      MEETINGS_TAB,
    ),
    section(
      'reply',
      '待回执的会议',
      toReply.map((m) => meetingRow(m, `请于 ${formatDateTime(m.replyDeadline)} 前回执`)),
      MEETINGS_TAB,
    ),
  ];
}

/**
 * A reply to one of the member's proposals is announced by a `proposal.reply` notice; the reply
 * itself waits under 答复待评价, so its notice is not listed again under 未读消息.
 */
const REPLY_KIND = 'proposal.reply';

function toEvaluateRow(p: ProposalToEvaluate): WaitingRow {
  return {
    id: p.id,
    title: p.title,
    meta: [
      p.repliedAt ? `${formatDateTime(p.repliedAt)} 答复` : '已答复',
      p.round > 1 ? '重新办理后的答复' : '',
      '请评价',
    ]
      .filter(Boolean)
      .join(' · '),
    url: pageUrl(PROPOSAL_DETAIL_PAGE, p.id),
  };
}

function noticeRow(n: InboxItem): WaitingRow {
  return {
    id: n.id,
    title: n.title,
    meta: formatDateTime(n.createdAt),
    url: ownPageLink(n.link) || INBOX_PAGE,
    noticeId: n.id,
  };
}

const PIECES: Piece[] = [
  {
    label: '本单位办理',
    for: (roles) => roles.includes('unit'),
    async load() {
      return { sections: [await unitSection(SHOWN)] };
    },
  },
  {
    label: '办公室待办',
    for: isOffice,
    async load() {
      return { sections: [await officeSection()] };
    },
  },
  {
    label: '会议',
    for: (roles) => roles.includes('member'),
    async load(today) {
      const page = await api.meetings.list({ scope: 'upcoming', page: 1, pageSize: 20 });
      return { sections: meetingSections(page.items, today) };
    },
  },
  {
    label: '联名邀请',
    for: (roles) => roles.includes('member'),
    async load() {
      const page = await api.proposals.listCoSignInvitations({ page: 1, pageSize: SHOWN });
      const rows = page.items.map((p) => ({
        id: p.id,
        title: p.title,
        meta: [
          `${p.leadName} 邀请您联名`,
          p.coSignDeadline ? `请于 ${formatDateTime(p.coSignDeadline)} 前确认` : '',
        ]
          .filter(Boolean)
          .join(' · '),
        url: pageUrl(PROPOSAL_DETAIL_PAGE, p.id),
      }));
      return { sections: [section('cosign', '联名邀请', rows, PROPOSALS_TAB, page.total)] };
    },
  },
  {
    label: '答复待评价',
    for: (roles) => roles.includes('member'),
    async load() {
      const page = await api.proposals.listToEvaluate({ page: 1, pageSize: SHOWN });
      const rows = page.items.map(toEvaluateRow);
      return { sections: [section('evaluate', '答复待评价', rows, PROPOSALS_TAB, page.total)] };
    },
  },
  {
    label: '消息',
    for: () => true,
    async load() {
      const page = await api.notify.listInbox({ unreadOnly: true, page: 1, pageSize: 20 });
      showUnreadBadge(page.unread);
      const replies = page.items.filter((n) => n.kind === REPLY_KIND).length;
      const others = page.items.filter((n) => n.kind !== REPLY_KIND).map(noticeRow);
      return {
        unread: page.unread,
        sections: [
          section('notices', '未读消息', others, INBOX_PAGE, page.unread - replies, NOTICES_SHOWN),
        ],
      };
    },
  },
];

export interface Waiting {
  sections: WaitingSection[];
  /** Everything waiting, over all sections. */
  waitingTotal: number;
  /** `会议、消息暂时无法加载，下拉可重试`, or ''. */
  failedText: string;
  unread: number;
  unreadText: string;
}

/** Today's Beijing date, `2026-03-02`. */
export function beijingToday(nowMs = Date.now()): string {
  return beijingParts(new Date(nowMs).toISOString())?.date ?? '';
}

/** Every piece for these roles, in parallel; never rejects. */
export async function loadWaiting(
  roles: readonly Role[],
  today = beijingToday(),
): Promise<Waiting> {
  const pieces = PIECES.filter((p) => p.for(roles));
  const results = await Promise.all(
    pieces.map((p) =>
      p.load(today).then(
        (r): PieceResult | null => r,
        () => null,
      ),
    ),
  );
  const failed = pieces.filter((_, i) => results[i] === null).map((p) => p.label);
  const sections = results.flatMap((r) => r?.sections ?? []).filter((s) => s.count > 0);
  const unread = results.find((r) => r?.unread !== undefined)?.unread ?? 0;
  return {
    sections,
    waitingTotal: sections.reduce((sum, s) => sum + s.count, 0),
    failedText: failed.length ? `${failed.join('、')}暂时无法加载，下拉可重试` : '',
    unread,
    unreadText: unreadText(unread),
  };
}
