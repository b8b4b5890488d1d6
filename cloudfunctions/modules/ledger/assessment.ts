import type { Assessment, AssessmentRow } from '../../../typings/contracts/ledger';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore } from '../../store/port';
import type { AccountDoc } from './facts';
import type { ActivePolicy } from './policy-store';
import { toPoints, toTenths } from './points';
import { ASSESSED, gradeOf, totalOf, yearStatus } from './records';

/** Names in the order a Chinese reader expects (pinyin), the same on every server. */
const byName = new Intl.Collator('zh-CN');

/**
 * Every assessed member's year in rank order (highest total first, equal totals by name):
 * totals by category, pass, rank (equal totals share a rank), and the grade once the year is
 * closed (`closed` defaults to the year's stored state).
 */
export async function assessmentRows(
  store: DocumentStore,
  year: number,
  policy: ActivePolicy,
  options: { closed?: boolean } = {},
): Promise<AssessmentRow[]> {
  const [members, accounts, closed] = await Promise.all([
    store.find<MemberDoc>('members', { where: { ...ASSESSED } }),
    store.find<AccountDoc>('point_accounts', { where: { year } }),
    options.closed ?? yearStatus(store, year).then((s) => s.closed),
  ]);
  const byMember = new Map(accounts.map((a) => [a.memberId, a]));
  const passLine = toTenths(policy.body.passLine);
  const rows = members.map((m) => {
    const account = byMember.get(m._id) ?? null;
    const total = totalOf(policy.body, account);
    return {
      memberId: m._id,
      name: m.name,
      sector: m.sector,
      specialCommittee: m.specialCommittee,
      tenths: total,
      total: toPoints(total),
      grade: closed ? gradeOf(policy.body, total) : null,
      passed: total >= passLine,
      rank: 0,
      byCategory: Object.fromEntries(
        policy.body.categories.map((c) => [c.id, toPoints(account?.byCategory[c.id] ?? 0)]),
      ),
    };
  });
  rows.sort(
    (a, b) =>
      b.tenths - a.tenths ||
      byName.compare(a.name, b.name) ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
  rows.forEach((r, i) => {
    r.rank = i > 0 && rows[i - 1]!.tenths === r.tenths ? rows[i - 1]!.rank : i + 1;
  });
  return rows.map(({ tenths: _tenths, ...row }) => row);
}

/** Counts and average of the rows; `byGrade` only once they carry grades (a closed year). */
export function summarize(rows: AssessmentRow[], policy: ActivePolicy): Assessment['summary'] {
  const graded = rows.filter((r) => r.grade !== null);
  const byGrade: Record<string, number> = graded.length
    ? Object.fromEntries(policy.body.grades.map((g) => [g.label, 0]))
    : {};
  for (const r of graded) byGrade[r.grade!] = (byGrade[r.grade!] ?? 0) + 1;
  const passed = rows.filter((r) => r.passed).length;
  const sum = rows.reduce((s, r) => s + toTenths(r.total), 0);
  return {
    members: rows.length,
    passed,
    belowPass: rows.length - passed,
    average: rows.length ? Math.round(sum / rows.length) / 10 : 0,
    byGrade,
  };
}
