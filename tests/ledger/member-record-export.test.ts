import type { LedgerEntryView, MemberYearRecord } from '../../typings/contracts/ledger';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import {
  postDutyEvent,
  retractDutyEvent,
  type DutyEvent,
} from '../../cloudfunctions/modules/ledger/ledger-port';
import { readDocx, type DocxText } from '../support/docx';
import { makeHarness, type Harness } from '../support/harness';
import { anEvent } from './support';

const PLENARY = '区政协十五届三次全体会议';

/** ledger.exportMemberRecord: a member's 履职档案 as a Word file, read back. */
describe('ledger.exportMemberRecord (履职档案)', () => {
  let h: Harness;
  let m1: MemberDoc;
  beforeEach(async () => {
    h = await makeHarness();
    m1 = (await h.store.find<MemberDoc>('members', { where: { openid: 'demo-member-01' } }))[0]!;
  });
  afterEach(() => h.close());

  const post = (event: DutyEvent['event'], title: string, over: Partial<DutyEvent> = {}) => {
    const e = anEvent(m1._id, event, over);
    return postDutyEvent(h.services, { ...e, source: { ...e.source, title, ...over.source } });
  };

  /** A year of work: a plenary's two sessions, a standing meeting missed, a proposal, a report, reading, a studio. */
  async function aYear(): Promise<void> {
    await post('plenary.attended', `${PLENARY}（上午）`, {
      occurredAt: '2026-03-05T00:30:00.000Z',
    });
    await post('plenary.attended', `${PLENARY}（下午）`, {
      occurredAt: '2026-03-05T06:00:00.000Z',
    });
    await post('standing.absent', '十五届常委会第八次会议', {
      occurredAt: '2026-04-10T01:00:00.000Z',
    });
    const proposal = { type: 'proposal' as const, id: 'p1', title: '关于缓解城区停车难的建议' };
    await post('proposal.submitted', proposal.title, { source: proposal });
    await post('proposal.accepted.lead', proposal.title, { source: proposal });
    await post('opinion.submitted', '关于校园周边交通安全的情况反映');
    await post('reading.note', '读《乡土中国》有感');
    await post('studio.consultation.attended', '老旧小区加装电梯协商');
    // Posted and then retracted: not in the record.
    await post('activity.attended', '撤销的调研活动', { key: 'retracted-activity' });
    await retractDutyEvent(
      h.services,
      { key: 'retracted-activity', memberId: m1._id, year: 2026 },
      '签到记录有误',
      null,
    );
  }

  const exported = async (payload: Record<string, unknown>) => {
    const file = await h.ok<{ fileName: string; mimeType: string; contentBase64: string }>(
      'demo-staff',
      'ledger.exportMemberRecord',
      { memberId: m1._id, ...payload },
    );
    return { file, doc: await readDocx(file.contentBase64) };
  };

  const memberRecord = (year: number) =>
    h.ok<MemberYearRecord & { entries: LedgerEntryView[] }>(
      'demo-staff',
      'ledger.getMemberRecord',
      {
        year,
        memberId: m1._id,
      },
    );

  /** The table that follows the paragraph `title` (tables and paragraphs in document order). */
  const tableAfter = (doc: DocxText, header: string) =>
    doc.tables.find((t) => t[0]?.[0] === header) ?? [];

  it('holds the year’s meetings, proposals, reports, reading and studio work, with the points the ledger gave', async () => {
    await aYear();
    await h.ok('demo-staff', 'ledger.awardPoints', {
      memberId: m1._id,
      year: 2026,
      points: 2,
      category: 'other',
      title: '全体会议大会发言',
      reason: '在全体会议上作大会发言',
    });

    const { file, doc } = await exported({ year: 2026 });

    expect(file.fileName).toBe(`履职档案-${m1.name}-2026年.docx`);
    const record = await memberRecord(2026);
    expect(doc.paragraphs).toEqual(
      expect.arrayContaining([
        `${m1.name}同志履职档案`,
        '2026 年度',
        '会议和活动',
        '出席 2 场次，请假 0 场次，缺席 1 场次，迟到或早退 0 场次。',
        '提案',
        '社情民意信息',
        '书香政协',
        '委员工作室',
        '其他加分和扣分',
        `截至目前积分 ${record.total} 分（含基础分 ${record.baseScore} 分）；等次：未评定（年度考核尚未结束）；排名：第 ${record.rank} 名（共 ${record.memberCount} 人）。`,
      ]),
    );
    // Points by category: exactly the member record the staff page shows.
    expect(tableAfter(doc, '积分类别').slice(1)).toEqual(
      record.categories.map((c) => [
        c.label,
        String(c.points),
        c.cap === null ? '—' : String(c.cap),
      ]),
    );
    // Each fact with its rule and the points credited for it.
    const rows = doc.tables.filter((t) => t[0]?.[0] === '日期').flatMap((t) => t.slice(1));
    expect(rows).toEqual(
      expect.arrayContaining([
        [
          '2026-03-05',
          `${PLENARY}（上午）`,
          '出席全体会议（每半天）',
          expect.stringMatching(/^\+/),
        ],
        ['2026-04-10', '十五届常委会第八次会议', '常委会议无故缺席', expect.stringMatching(/^-/)],
        [expect.any(String), '关于缓解城区停车难的建议', '提交提案', expect.any(String)],
        [expect.any(String), '关于缓解城区停车难的建议', '提案立案（领衔）', expect.any(String)],
        [
          expect.any(String),
          '关于校园周边交通安全的情况反映',
          '报送社情民意信息',
          expect.any(String),
        ],
        [expect.any(String), '读《乡土中国》有感', '发表读书心得', expect.any(String)],
        [expect.any(String), '老旧小区加装电梯协商', '参加工作室协商活动', expect.any(String)],
        [expect.any(String), '全体会议大会发言', '办公室认定的履职事项', '+2'],
      ]),
    );
    expect(doc.text).not.toContain('撤销的调研活动');
    // The credited points add up to the record's total over the base score.
    const credited = rows.reduce((sum, r) => sum + Number(r[3]), 0);
    expect(credited + record.baseScore).toBeCloseTo(record.total);
  });

  it('shows the grade once the year is closed', async () => {
    await aYear();
    h.clock.set('2027-01-08T02:00:00.000Z');
    await h.ok('demo-staff', 'ledger.closeYear', { year: 2026, confirm: true });
    const record = await memberRecord(2026);
    expect(record.grade).not.toBeNull();

    const { doc } = await exported({ year: 2026 });

    expect(doc.text).toContain(`年度积分 ${record.total} 分`);
    expect(doc.text).toContain(`等次：${record.grade}；`);
    expect(doc.text).not.toContain('未评定');
  });

  it('covers the years of a term: a row per year, then each year', async () => {
    await post('plenary.attended', `区政协十五届二次全体会议（上午）`, {
      occurredAt: '2025-03-05T00:30:00.000Z',
    });
    await aYear();

    const { file, doc } = await exported({ term: { fromYear: 2025, toYear: 2026 } });

    expect(file.fileName).toBe(`履职档案-${m1.name}-2025-2026年.docx`);
    expect(doc.paragraphs).toEqual(
      expect.arrayContaining([`${m1.term}（2025—2026 年）`, '历年概况', '2025 年度', '2026 年度']),
    );
    const [r2025, r2026] = [await memberRecord(2025), await memberRecord(2026)];
    expect(tableAfter(doc, '年度')).toEqual([
      ['年度', '积分', '等次', '出席/请假/缺席', '提案', '社情民意', '读书', '工作室'],
      ['2025', String(r2025.total), '未评定', '1/0/0', '0', '0', '0', '0'],
      ['2026', String(r2026.total), '未评定', '2/0/1', '1', '1', '1', '1'],
    ]);
  });

  it('refuses a member not on the roster, a staff account, and bad input', async () => {
    const staff = (
      await h.store.find<MemberDoc>('members', { where: { openid: 'demo-staff' } })
    )[0]!;
    expect(
      await h.err('demo-staff', 'ledger.exportMemberRecord', { memberId: 'nobody', year: 2026 }),
    ).toMatchObject({ code: 'MEMBER.NOT_FOUND' });
    expect(
      await h.err('demo-staff', 'ledger.exportMemberRecord', { memberId: staff._id, year: 2026 }),
    ).toMatchObject({ code: 'LEDGER.NOT_A_MEMBER' });
    for (const bad of [
      { memberId: m1._id },
      { memberId: m1._id, year: 2026, term: { fromYear: 2022, toYear: 2026 } },
      { memberId: m1._id, term: { fromYear: 2026, toYear: 2025 } },
      { memberId: m1._id, term: { fromYear: 2020, toYear: 2026 } },
    ])
      expect(await h.err('demo-staff', 'ledger.exportMemberRecord', bad)).toMatchObject({
        code: 'REQUEST.INVALID',
      });
  });

  it('is for the office only', async () => {
    expect(
      await h.err('demo-member-01', 'ledger.exportMemberRecord', { memberId: m1._id, year: 2026 }),
    ).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });
});
