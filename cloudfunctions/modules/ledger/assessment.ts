import type { Assessment, AssessmentRow } from '../../../typings/contracts/ledger';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore } from '../../store/port';
import type { AccountDoc } from './facts';
import type { ActivePolicy } from './policy-store';
import { toPoints, toTenths } from './points';
import { ASSESSED, gradeOf, totalOf } from './records';

/** Every assessed member's year: totals by category, grade, pass, rank (ties share a rank). */
export async function assessmentRows(
  store: DocumentStore,
  year: number,
  policy: ActivePolicy,
): Promise<AssessmentRow[]> {
  const [members, accounts] = await Promise.all([
    store.find<MemberDoc>('members', {
      where: { ...ASSESSED },
      orderBy: [
        ['sector', 'asc'],
        ['name', 'asc'],
      ],
    }),
    store.find<AccountDoc>('point_accounts', { where: { year } }),
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
      grade: gradeOf(policy.body, total),
      passed: total >= passLine,
      rank: 0,
      byCategory: Object.fromEntries(
        policy.body.categories.map((c) => [c.id, toPoints(account?.byCategory[c.id] ?? 0)]),
      ),
    };
  });
  const sorted = [...rows].sort((a, b) => b.tenths - a.tenths);
  sorted.forEach((r, i) => {
    r.rank = i > 0 && sorted[i - 1]!.tenths === r.tenths ? sorted[i - 1]!.rank : i + 1;
  });
  return rows.map(({ tenths: _tenths, ...row }) => row);
}

export function summarize(rows: AssessmentRow[], policy: ActivePolicy): Assessment['summary'] {
  const byGrade = Object.fromEntries(policy.body.grades.map((g) => [g.label, 0]));
  for (const r of rows) byGrade[r.grade] = (byGrade[r.grade] ?? 0) + 1;
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
