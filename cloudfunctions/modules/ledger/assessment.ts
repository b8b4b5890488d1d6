import type { Assessment, AssessmentRow } from '../../../typings/contracts/ledger';
import type { MemberDoc } from '../../kernel/identity';
import { sortPeople } from '../../kernel/people-order';
import type { DocumentStore } from '../../store/port';
import { peopleOrder } from '../settings/store';
import type { AccountDoc } from './facts';
import type { ActivePolicy } from './policy-store';
import { toPoints, toTenths } from './points';
import { ASSESSED, gradeOf, totalOf, yearStatus } from './records';

/**
 * Every assessed member's year in rank order (highest total first, equal totals by name in the
 * committee's order, pinyin or strokes):
 * totals by category, pass, rank (equal totals share a rank), and the grade once the year is
 * closed (`closed` defaults to the year's stored state).
 */
export async function assessmentRows(
  store: DocumentStore,
  year: number,
  policy: ActivePolicy,
  options: { closed?: boolean } = {},
): Promise<AssessmentRow[]> {
  const [members, accounts, closed, order] = await Promise.all([
    store.find<MemberDoc>('members', { where: { ...ASSESSED } }),
    store.find<AccountDoc>('point_accounts', { where: { year } }),
    options.closed ?? yearStatus(store, year).then((s) => s.closed),
    peopleOrder(store),
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
  const docs = new Map(members.map((m) => [m._id, m]));
  const ranked = await sortPeople(
    rows,
    order,
    { name: (r) => r.name, id: (r) => r.memberId, keys: (r) => docs.get(r.memberId)?.nameKeys },
    (a, b) => b.tenths - a.tenths,
  );
  ranked.forEach((r, i) => {
    r.rank = i > 0 && ranked[i - 1]!.tenths === r.tenths ? ranked[i - 1]!.rank : i + 1;
  });
  return ranked.map(({ tenths: _tenths, ...row }) => row);
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
