/** Duty points (履职积分) as members and the office read them: years, dates, points, entries. */
import type {
  CategoryScore,
  LedgerEntryView,
  MemberYearRecord,
  PolicyView,
  SourceType,
  YearStatus,
} from '../../typings/contracts';
import { ENTRY_KIND_LABELS } from '../generated/contract';

/** The contract's entry kind labels, generated into the mini-program. */
export { ENTRY_KIND_LABELS };

/** China Standard Time has no daylight saving: a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The assessment year runs by the Beijing calendar, whatever zone the phone is set to. */
export function businessYear(nowMs: number = Date.now()): number {
  return new Date(nowMs + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** This year first, then the `count - 1` before it. */
export function recentYears(count = 3, nowMs: number = Date.now()): number[] {
  const year = businessYear(nowMs);
  return Array.from({ length: count }, (_, i) => year - i);
}

/** A year from a page query, or null when absent or not a sensible year. */
export function parseYear(raw: string | undefined): number | null {
  if (!raw || !/^\d{4}$/.test(raw)) return null;
  const year = Number(raw);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** ISO instant → the business date `2025-03-02` in Beijing time. */
export function formatDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The true minus sign: a hyphen is easily missed by older readers. */
const MINUS = '−';

/** Points are whole or tenths: `86.5`, `−3`, `0`. */
export function formatPoints(points: number): string {
  const tenths = Math.round(points * 10);
  const text = String(Math.abs(tenths) / 10);
  return tenths < 0 ? `${MINUS}${text}` : text;
}

export type Sign = 'plus' | 'minus' | 'zero';

/** Which colour a change of points takes. */
export function signOf(points: number): Sign {
  const tenths = Math.round(points * 10);
  return tenths > 0 ? 'plus' : tenths < 0 ? 'minus' : 'zero';
}

/** `+5`, `−10`, `0`: an entry's change to the total. */
export function signedPoints(points: number): string {
  const text = formatPoints(points);
  return signOf(points) === 'plus' ? `+${text}` : text;
}

/** `第 3 名 / 共 40 人`, or '' when the rank is not shown. */
export function rankText(rank: number | null, memberCount: number): string {
  return rank === null ? '' : `第 ${rank} 名 / 共 ${memberCount} 人`;
}

/**
 * The page that shows each kind of source, opened with `?id=`. null: no page yet, the title
 * is shown as plain text. Set a route here once its page exists
 * (meeting: '/pages/meetings/detail/index', proposal: '/pages/proposals/detail/index').
 */
export const SOURCE_PAGES: Record<SourceType, string | null> = {
  meeting: '/pages/meetings/detail/index',
  proposal: '/pages/proposals/detail/index',
  opinion: '/pages/opinions/detail/index',
  readingNote: '/pages/reading/post/index',
  readingGroup: '/pages/reading/group/index',
  consultation: '/pages/studios/consultation/index',
  speech: '/pages/speeches/detail/index',
  manual: null,
};

/** Where tapping an entry's source leads, or null when it leads nowhere. */
export function sourceUrl(
  source: LedgerEntryView['source'],
  pages: Partial<Record<SourceType, string | null>> = SOURCE_PAGES,
): string | null {
  const route = pages[source.type];
  return route && source.id ? `${route}?id=${encodeURIComponent(source.id)}` : null;
}

/** One line of a timeline of entries, ready for the template. */
export interface EntryItem {
  id: string;
  date: string;
  category: string;
  categoryLabel: string;
  pointsText: string;
  sign: Sign;
  reason: string;
  sourceTitle: string;
  sourceUrl: string | null;
  /** '撤销' / '调整' for correcting entries, '' for an event. */
  kindLabel: string;
  kind: LedgerEntryView['kind'];
  actorName: string;
}

export function toEntryItem(e: LedgerEntryView): EntryItem {
  return {
    id: e.id,
    date: formatDate(e.at),
    category: e.category,
    categoryLabel: e.categoryLabel,
    pointsText: signedPoints(e.points),
    sign: signOf(e.points),
    reason: e.reason,
    sourceTitle: e.source.title,
    sourceUrl: sourceUrl(e.source),
    kindLabel: e.kind === 'event' ? '' : ENTRY_KIND_LABELS[e.kind],
    kind: e.kind,
    actorName: e.actorName ?? '',
  };
}

/** One category of a year's record: its points and, where there is one, its cap. */
export interface CategoryItem {
  id: string;
  label: string;
  pointsText: string;
  negative: boolean;
  /** '上限 10 分', or '' without a cap. */
  capText: string;
  /** Width of the bar towards the cap, 0–100; -1 without a cap (no bar). */
  percent: number;
  /** The cap is reached: further points in this category do not count. */
  full: boolean;
}

export function toCategoryItem(c: CategoryScore): CategoryItem {
  const hasCap = c.cap !== null && c.cap > 0;
  const percent = hasCap ? Math.max(0, Math.min(100, Math.round((c.points / c.cap!) * 100))) : -1;
  return {
    id: c.id,
    label: c.label,
    pointsText: formatPoints(c.points),
    negative: signOf(c.points) === 'minus',
    capText: hasCap ? `上限 ${formatPoints(c.cap!)} 分` : '',
    percent,
    full: hasCap && c.points >= c.cap!,
  };
}

type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger';

/** What the 等次 tag says: the grade once the year is closed, 截至目前 before. */
export const SO_FAR = '截至目前';

/**
 * The head of a year's record: total, grade band, pass, base score, rank. Until the year is
 * closed the total is only 截至目前: no grade, and falling short of the pass line is not
 * shown in red (it is a year-end judgement, not a March one).
 */
export interface RecordSummary {
  memberName: string;
  totalText: string;
  closed: boolean;
  /** The grade, or 截至目前 before the year is closed. */
  gradeText: string;
  gradeTheme: TagTheme;
  passed: boolean;
  /** 已达到 / 未达到 (closed) or 暂未达到 (open) 合格线. */
  passText: string;
  passTheme: TagTheme;
  /** '' once closed; else when the grade will come. */
  pendingText: string;
  baseScoreText: string;
  rankText: string;
}

export function toRecordSummary(r: MemberYearRecord): RecordSummary {
  const verdict: TagTheme = r.passed ? 'success' : 'danger';
  const closed = r.closed && r.grade !== null;
  return {
    memberName: r.memberName,
    totalText: formatPoints(r.total),
    closed,
    gradeText: closed ? r.grade! : SO_FAR,
    gradeTheme: closed ? verdict : 'default',
    passed: r.passed,
    passText: r.passed ? '已达到合格线' : closed ? '未达到合格线' : '暂未达到合格线',
    passTheme: closed ? verdict : r.passed ? 'success' : 'default',
    pendingText: closed ? '' : '年度考核结束后评定等次',
    baseScoreText: formatPoints(r.baseScore),
    rankText: rankText(r.rank, r.memberCount),
  };
}

/** The office's view of a year's assessment: closed or not, and what closing means. */
export interface YearStatusView {
  closed: boolean;
  title: string;
  text: string;
  /** The last reopening, if the year was reopened for a correction; else ''. */
  reopenedText: string;
  canClose: boolean;
  canReopen: boolean;
}

export function toYearStatusView(s: YearStatus): YearStatusView {
  const by = (name: string | null) => (name ? `（${name}）` : '');
  return {
    closed: s.closed,
    title: s.closed ? `${s.year} 年度考核已结束` : `${s.year} 年度考核未结束`,
    text: s.closed
      ? `${s.closedAt ? `${formatDate(s.closedAt)} ` : ''}结束${by(s.closedBy)}。等次已在“我的履职”、履职档案和导出文件中显示。`
      : s.can.close
        ? '积分截至目前，尚未评定等次。结束年度考核后，按积分评定每位委员的等次。'
        : '积分截至目前，尚未评定等次。当年 12 月起可结束年度考核。',
    reopenedText:
      !s.closed && s.reopenedAt
        ? `${formatDate(s.reopenedAt)} 重新开启${by(s.reopenedBy)}：${s.reopenReason ?? ''}`
        : '',
    canClose: s.can.close,
    canReopen: s.can.reopen,
  };
}

/** The rules of a policy under their category, for members to read. */
export interface RuleGroup {
  id: string;
  label: string;
  capText: string;
  rules: Array<{ event: string; label: string; pointsText: string; sign: Sign; meta?: string }>;
}

/** How the office's read-only view says a cap and a rule's split (members see neither). */
export interface RuleWording {
  cap(cap: number | undefined): string;
  meta(rule: PolicyView['rules'][number]): string;
}

const MEMBER_WORDING = {
  cap: (cap: number | undefined) => (cap ? `上限 ${formatPoints(cap)} 分` : ''),
};

export function ruleGroups(
  policy: Pick<PolicyView, 'categories' | 'rules'>,
  wording?: RuleWording,
): RuleGroup[] {
  const cap = wording?.cap ?? MEMBER_WORDING.cap;
  return policy.categories
    .map((c) => ({
      id: c.id,
      label: c.label,
      capText: cap(c.cap),
      rules: policy.rules
        .filter((r) => r.category === c.id)
        .map((r) => ({
          event: r.event,
          label: r.label,
          pointsText: signedPoints(r.points),
          sign: signOf(r.points),
          ...(wording ? { meta: wording.meta(r) } : {}),
        })),
    }))
    .filter((g) => g.rules.length > 0);
}

/** `优秀：90 分及以上` … `不称职：60 分以下`, highest band first. */
export function gradeBandTexts(grades: PolicyView['grades']): string[] {
  const sorted = [...grades].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity));
  const thresholds = sorted.filter((g) => g.min !== undefined);
  const lowestMin = thresholds[thresholds.length - 1]?.min;
  return sorted.map((g) =>
    g.min !== undefined
      ? `${g.label}：${formatPoints(g.min)} 分及以上`
      : lowestMin !== undefined
        ? `${g.label}：${formatPoints(lowestMin)} 分以下`
        : g.label,
  );
}

/** `第 2 版`; version 0 is the built-in default. */
export function policyVersionText(version: number): string {
  return version > 0 ? `第 ${version} 版` : '默认办法';
}
