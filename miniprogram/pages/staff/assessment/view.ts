import type { Assessment, AssessmentRow } from '../../../../typings/contracts';
import { orNotSet } from '../../../utils/format';
import { formatPoints } from '../../../utils/ledger';

/** What the assessment page shows of the server's answer. */

export interface SummaryView {
  members: number;
  passed: number;
  belowPass: number;
  averageText: string;
  passLineText: string;
  /** Counts per grade; empty until the year is closed. */
  grades: Array<{ label: string; count: number }>;
}

export interface RowItem {
  memberId: string;
  rank: number;
  name: string;
  unitText: string;
  totalText: string;
  /** '' until the year is closed. */
  grade: string;
  passed: boolean;
  /** Closed and below the pass line: the total and the grade in red. */
  failed: boolean;
  /** `会议出勤 25`, `提案工作 15`, …: the compact second line, one pair per category. */
  categories: Array<{ id: string; text: string }>;
}

export function toSummary(a: Assessment): SummaryView {
  return {
    members: a.summary.members,
    passed: a.summary.passed,
    belowPass: a.summary.belowPass,
    averageText: formatPoints(a.summary.average),
    passLineText: formatPoints(a.passLine),
    grades: Object.entries(a.summary.byGrade).map(([label, count]) => ({ label, count })),
  };
}

export function toRowItem(row: AssessmentRow, categories: Assessment['categories']): RowItem {
  return {
    memberId: row.memberId,
    rank: row.rank,
    name: row.name,
    unitText: row.specialCommittee
      ? `${orNotSet(row.sector)} · ${row.specialCommittee}`
      : orNotSet(row.sector),
    totalText: formatPoints(row.total),
    grade: row.grade ?? '',
    passed: row.passed,
    failed: row.grade !== null && !row.passed,
    categories: categories.map((c) => ({
      id: c.id,
      text: `${c.label} ${formatPoints(row.byCategory[c.id] ?? 0)}`,
    })),
  };
}

/**
 * The picker's choices: the first (全部…) and then the values seen in the rows loaded so far,
 * by name (the rows come in rank order); kept across reloads so a filter does not shrink its
 * own list.
 */
export function withSeen(known: readonly string[], values: ReadonlyArray<string | null>): string[] {
  const [first, ...rest] = known;
  for (const v of values) if (v && v !== first && !rest.includes(v)) rest.push(v);
  rest.sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return first === undefined ? rest : [first, ...rest];
}
