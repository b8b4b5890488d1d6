/**
 * 履职档案: a member's record of duty as the office files it and hands it to the nominating
 * unit, for one year or for the years of a term. Everything in it is what the ledger holds:
 * the year's facts (meetings by session, proposals, opinion reports, reading, studio work,
 * staff awards) with the points each was credited, the points by category, the total and the
 * grade, shown only once the year is closed (`memberYearRecord`, the same as the staff page).
 */
import type { MemberYearRecord, PolicyBody, SourceType } from '../../../typings/contracts/ledger';
import { ledger } from '../../../typings/contracts/ledger';
import { handle, STAFF } from '../../kernel/action';
import { businessDate } from '../../kernel/clock';
import {
  heading,
  pageBreak,
  paragraph,
  table,
  title,
  writeDocx,
  writtenDate,
  type Block,
} from '../../kernel/docx';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore } from '../../store/port';
import { accountId, readAccount, type AccountDoc, type Fact } from './facts';
import { activePolicy } from './policy-store';
import { formatPoints } from './points';
import { memberYearRecord } from './records';

const READING: SourceType[] = ['readingNote', 'readingGroup'];

/** The record's parts, each the facts of some source types. */
const SECTIONS: Array<{ key: string; label: string; sources: SourceType[] }> = [
  { key: 'meetings', label: '会议和活动', sources: ['meeting'] },
  { key: 'proposals', label: '提案', sources: ['proposal'] },
  { key: 'opinions', label: '社情民意信息', sources: ['opinion'] },
  { key: 'reading', label: '书香政协', sources: READING },
  { key: 'studios', label: '委员工作室', sources: ['consultation'] },
  { key: 'speeches', label: '大会发言', sources: ['speech'] },
  { key: 'manual', label: '其他加分和扣分', sources: ['manual'] },
];

interface YearFile {
  record: MemberYearRecord;
  policy: PolicyBody;
  facts: Fact[];
}

export const exportMemberRecord = handle(ledger.exportMemberRecord, STAFF, async (ctx, input) => {
  const member = await ctx.store.get<MemberDoc>('members', input.memberId);
  if (!member) throw fail('MEMBER.NOT_FOUND');
  if (!member.roles.includes('member')) throw fail('LEDGER.NOT_A_MEMBER');
  const years = input.term
    ? Array.from(
        { length: input.term.toYear - input.term.fromYear + 1 },
        (_, i) => input.term!.fromYear + i,
      )
    : [input.year!];
  const files = await Promise.all(years.map((y) => yearFile(ctx.store, member, y)));
  const span = input.term ? `${years[0]}—${years[years.length - 1]} 年` : `${years[0]} 年度`;

  const blocks: Block[] = [
    title(
      `${member.name}同志履职档案`,
      input.term ? `${member.term ?? '本届'}（${span}）` : span,
      `政协办公室\u3000${writtenDate(ctx.clock.now())}`,
    ),
    table(
      [{ header: '姓名' }, { header: '界别' }, { header: '专委会' }, { header: '届次' }],
      [[member.name, member.sector ?? '', member.specialCommittee ?? '', member.term ?? '']],
    ),
  ];
  if (input.term) {
    blocks.push(heading('历年概况'), overviewTable(files));
    for (const f of files) blocks.push(pageBreak(), ...yearBlocks(f, `${f.record.year} 年度`));
  } else {
    blocks.push(...yearBlocks(files[0]!, null));
  }

  return writeDocx({
    fileName: `履职档案-${member.name}-${input.term ? `${years[0]}-${years[years.length - 1]}年` : `${years[0]}年`}.docx`,
    title: `${member.name}履职档案（${span}）`,
    blocks,
  });
});

async function yearFile(store: DocumentStore, member: MemberDoc, year: number): Promise<YearFile> {
  const policy = await activePolicy(store, year);
  const [record, account] = await Promise.all([
    memberYearRecord(store, member, year, { withRank: true, policy }),
    store.get<AccountDoc>('point_accounts', accountId(year, member._id)),
  ]);
  const facts = (account ? readAccount(account).facts : [])
    .filter((f) => !f.retracted)
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.seq - b.seq);
  return { record, policy: policy.body, facts };
}

const signed = (tenths: number) => `${tenths > 0 ? '+' : ''}${formatPoints(tenths)}`;

function gradeText(r: MemberYearRecord): string {
  return r.closed && r.grade ? r.grade : '未评定（年度考核尚未结束）';
}

/** One year: the totals, the points by category, then each part's facts. */
function yearBlocks(f: YearFile, yearHeading: string | null): Block[] {
  const { record: r } = f;
  const blocks: Block[] = yearHeading ? [heading(yearHeading)] : [];
  blocks.push(
    heading('积分和等次', yearHeading ? 2 : 1),
    paragraph(
      `${r.closed ? '年度积分' : '截至目前积分'} ${r.total} 分（含基础分 ${r.baseScore} 分）；` +
        `等次：${gradeText(r)}；` +
        (r.rank !== null ? `排名：第 ${r.rank} 名（共 ${r.memberCount} 人）。` : ''),
      { indent: true },
    ),
    table(
      [
        { header: '积分类别', weight: 3 },
        { header: '积分', align: 'right' },
        { header: '上限', align: 'right' },
      ],
      r.categories.map((c) => [c.label, String(c.points), c.cap === null ? '—' : String(c.cap)]),
    ),
  );
  for (const s of SECTIONS) {
    const facts = f.facts.filter((x) => s.sources.includes(x.source.type));
    // Parts most members have nothing in are shown only when they do.
    if (facts.length === 0 && (s.key === 'manual' || s.key === 'speeches')) continue;
    blocks.push(heading(s.label, yearHeading ? 2 : 1));
    if (s.key === 'meetings') blocks.push(paragraph(attendanceText(facts), { indent: true }));
    if (facts.length === 0) {
      blocks.push(paragraph('本年度没有记录。', { indent: true }));
      continue;
    }
    blocks.push(
      table(
        [
          { header: '日期', weight: 2, align: 'center' },
          { header: '事项', weight: 5 },
          { header: '情况', weight: 3 },
          { header: '积分', weight: 1, align: 'right' },
        ],
        facts.map((x) => [
          businessDate(x.occurredAt),
          x.source.title,
          ruleLabel(f.policy, x),
          signed(x.credit?.points ?? 0),
        ]),
      ),
    );
  }
  return blocks;
}

function ruleLabel(policy: PolicyBody, f: Fact): string {
  const label = policy.rules.find((r) => r.event === f.event)?.label ?? f.event;
  return f.share?.role === 'coSigner' ? `${label}（联名）` : label;
}

/** Sessions attended, excused, absent without leave, late or left early. */
export function attendanceCounts(facts: readonly Fact[]) {
  const count = (suffix: string) =>
    facts.filter((f) => f.source.type === 'meeting' && f.event.endsWith(suffix)).length;
  return {
    attended: count('.attended'),
    excused: count('.excused'),
    absent: count('.absent'),
    lateOrLeftEarly: count('.lateOrLeftEarly'),
  };
}

function attendanceText(facts: readonly Fact[]): string {
  const c = attendanceCounts(facts);
  return `出席 ${c.attended} 场次，请假 ${c.excused} 场次，缺席 ${c.absent} 场次，迟到或早退 ${c.lateOrLeftEarly} 场次。`;
}

/** The term at a glance: one row per year. */
function overviewTable(files: YearFile[]): Block {
  const distinct = (f: YearFile, sources: SourceType[]) =>
    new Set(f.facts.filter((x) => sources.includes(x.source.type)).map((x) => x.source.id)).size;
  return table(
    [
      { header: '年度', align: 'center' },
      { header: '积分', align: 'right' },
      { header: '等次', weight: 2 },
      { header: '出席/请假/缺席', weight: 2, align: 'center' },
      { header: '提案', align: 'right' },
      { header: '社情民意', align: 'right' },
      { header: '读书', align: 'right' },
      { header: '工作室', align: 'right' },
    ],
    files.map((f) => {
      const c = attendanceCounts(f.facts);
      return [
        String(f.record.year),
        String(f.record.total),
        f.record.closed && f.record.grade ? f.record.grade : '未评定',
        `${c.attended}/${c.excused}/${c.absent}`,
        String(distinct(f, ['proposal'])),
        String(distinct(f, ['opinion'])),
        String(f.facts.filter((x) => READING.includes(x.source.type)).length),
        String(distinct(f, ['consultation'])),
      ];
    }),
  );
}
