import type {
  Assessment,
  LedgerEntryView,
  MemberYearRecord,
  YearStatus,
} from '../../typings/contracts/ledger';
import type { AuditDoc } from '../../cloudfunctions/kernel/audit';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { DEFAULT_POLICY } from '../../typings/contracts/default-policy';
import { postDutyEvent } from '../../cloudfunctions/modules/ledger/ledger-port';
import { parseCsv } from '../../cloudfunctions/modules/members/csv';
import { makeHarness, type Harness } from '../support/harness';
import { anEvent } from './support';
import { englishCells, readWorkbook, records } from './workbook';

/** After the year: the office closes 2026 in January 2027. */
const JANUARY_2027 = '2027-01-08T02:00:00.000Z';
const GRADES = ['优秀', '良好', '称职', '不称职'];

describe('closing the year (grades are a year-end judgement)', () => {
  let h: Harness;
  let m1: MemberDoc;
  let m2: MemberDoc;
  beforeEach(async () => {
    h = await makeHarness();
    const byPhone = async (phone: string) =>
      (await h.store.find<MemberDoc>('members', { where: { phone } }))[0]!;
    m1 = await byPhone('13800000001'); // demo-member-01
    m2 = await byPhone('13800000002'); // demo-member-02
    for (let i = 0; i < 8; i++) await post(m1._id, 'plenary.attended'); // 20 + 40 = 60: 称职
    await post(m2._id, 'plenary.absent'); // 20 − 10 = 10: 不称职
  });
  afterEach(() => h.close());

  const post = (...args: Parameters<typeof anEvent>) => postDutyEvent(h.services, anEvent(...args));
  const myRecord = (openid = 'demo-member-01') =>
    h.ok<MemberYearRecord>(openid, 'ledger.getMyRecord', { year: 2026 });
  const memberRecord = (memberId: string) =>
    h.ok<MemberYearRecord & { entries: LedgerEntryView[] }>(
      'demo-staff',
      'ledger.getMemberRecord',
      {
        year: 2026,
        memberId,
      },
    );
  const assessment = (input: Record<string, unknown> = {}) =>
    h.ok<Assessment>('demo-staff', 'ledger.getAssessment', { year: 2026, pageSize: 100, ...input });
  const close = (openid = 'demo-staff', requestId?: string) =>
    h.call<YearStatus>(openid, 'ledger.closeYear', { year: 2026, confirm: true }, requestId);
  const audits = (action: string) =>
    h.store.find<AuditDoc>('audit_log', { where: { action, targetId: '2026' } });

  describe('before the year is closed', () => {
    it('shows the points so far and no grade: my record, the member record, the assessment', async () => {
      expect(await myRecord()).toMatchObject({
        total: 60,
        grade: null,
        passed: true,
        closed: false,
        closedAt: null,
      });
      expect(await myRecord('demo-member-02')).toMatchObject({ total: 10, grade: null });
      expect(await memberRecord(m2._id)).toMatchObject({ total: 10, grade: null, closed: false });
      const a = await assessment();
      expect(a.rows.items.every((r) => r.grade === null)).toBe(true);
      expect(a.summary).toMatchObject({ members: 40, passed: 1, belowPass: 39, byGrade: {} });
    });

    it('exports the totals 截至 today, with no grade', async () => {
      const file = await h.ok<{ fileName: string; contentBase64: string }>(
        'demo-staff',
        'ledger.exportAssessment',
        { year: 2026 },
      );
      expect(file.fileName).toBe('履职积分-2026年-截至2026-03-02.xlsx');
      const sheets = await readWorkbook(file.contentBase64);
      const totals = records(sheets.find((s) => s.name === '总表')!);
      expect(totals).toHaveLength(40);
      expect(new Set(totals.map((r) => r['等次']))).toEqual(new Set(['未评定']));
      const text = sheets.flatMap((s) => s.rows.flat()).join(' ');
      for (const grade of GRADES) expect(text).not.toContain(grade);
      expect(englishCells(sheets)).toEqual([]);

      const csv = await h.ok<{ fileName: string; contentBase64: string }>(
        'demo-staff',
        'ledger.exportAssessment',
        { year: 2026, format: 'csv' },
      );
      expect(csv.fileName).toBe('履职积分-2026年-截至2026-03-02.csv');
      const rows = parseCsv(Buffer.from(csv.contentBase64, 'base64').toString('utf8'));
      const grade = rows[0]!.indexOf('等次');
      expect(rows.slice(1).every((r) => r[grade] === '未评定')).toBe(true);
    });

    it('tells staff the year is open, and that it cannot be closed before December', async () => {
      expect(await h.ok<YearStatus>('demo-staff', 'ledger.getYearStatus', { year: 2026 })).toEqual({
        year: 2026,
        closed: false,
        closedAt: null,
        closedBy: null,
        reopenedAt: null,
        reopenedBy: null,
        reopenReason: null,
        can: { close: false, reopen: false },
      });
      const early = await close();
      expect(early.ok || early.error.code).toBe('LEDGER.YEAR_NOT_OVER');
      expect(
        (await h.err('demo-staff', 'ledger.closeYear', { year: 2027, confirm: true })).code,
      ).toBe('LEDGER.YEAR_NOT_OVER');
      expect(await audits('ledger.closeYear')).toEqual([]);
      // From 1 December in Beijing (16:00 UTC on 30 November) the year may be closed.
      h.clock.set('2026-11-30T15:59:00.000Z');
      expect(
        (await h.err('demo-staff', 'ledger.closeYear', { year: 2026, confirm: true })).code,
      ).toBe('LEDGER.YEAR_NOT_OVER');
      h.clock.set('2026-11-30T16:00:00.000Z');
      expect(
        (await h.ok<YearStatus>('demo-staff', 'ledger.getYearStatus', { year: 2026 })).can.close,
      ).toBe(true);
      expect((await close()).ok).toBe(true);
    });

    it('needs the confirmation', async () => {
      h.clock.set(JANUARY_2027);
      expect((await h.err('demo-staff', 'ledger.closeYear', { year: 2026 })).code).toBe(
        'REQUEST.INVALID',
      );
      expect(
        (await h.err('demo-staff', 'ledger.closeYear', { year: 2026, confirm: false })).code,
      ).toBe('REQUEST.INVALID');
    });
  });

  describe('ledger.closeYear', () => {
    beforeEach(() => h.clock.set(JANUARY_2027));

    it('shows the grades once closed: my record, the member record, the assessment, the export', async () => {
      const res = await close();
      expect(res.ok && res.data).toMatchObject({
        year: 2026,
        closed: true,
        closedAt: JANUARY_2027,
        closedBy: '办公室小周',
        can: { close: false, reopen: false },
      });

      expect(await myRecord()).toMatchObject({
        total: 60,
        grade: '称职',
        closed: true,
        closedAt: JANUARY_2027,
      });
      expect(await memberRecord(m2._id)).toMatchObject({ grade: '不称职', closed: true });
      const a = await assessment();
      expect(a.rows.items.find((r) => r.memberId === m1._id)).toMatchObject({ grade: '称职' });
      expect(a.summary.byGrade).toEqual({ 优秀: 0, 良好: 0, 称职: 1, 不称职: 39 });

      const file = await h.ok<{ fileName: string; contentBase64: string }>(
        'demo-staff',
        'ledger.exportAssessment',
        { year: 2026 },
      );
      expect(file.fileName).toBe('履职积分-2026年.xlsx');
      const sheets = await readWorkbook(file.contentBase64);
      const totals = records(sheets.find((s) => s.name === '总表')!);
      expect(totals[0]).toMatchObject({
        名次: '1',
        姓名: m1.name,
        总分: '60',
        等次: '称职',
        达标: '是',
      });
      expect(totals.find((r) => r['姓名'] === m2.name)).toMatchObject({
        等次: '不称职',
        达标: '否',
      });
      expect(englishCells(sheets)).toEqual([]);
    });

    it('writes one audit record with the results as they stood', async () => {
      await close();
      const [record, ...more] = await audits('ledger.closeYear');
      expect(more).toEqual([]);
      expect(record).toMatchObject({
        actorId: (await h.store.find<MemberDoc>('members', { where: { phone: '13900000001' } }))[0]!
          ._id,
        actorName: '办公室小周',
        targetType: 'pointYear',
        targetId: '2026',
        before: { closed: false },
        after: {
          closed: true,
          policyVersion: 0,
          members: 40,
          passed: 1,
          byGrade: { 优秀: 0, 良好: 0, 称职: 1, 不称职: 39 },
        },
      });
    });

    it('refuses a second closing, and answers a retry as the first time', async () => {
      const first = await close('demo-staff', 'close-2026-once');
      const retry = await close('demo-staff', 'close-2026-once');
      expect(retry).toEqual(first);
      const again = await close('demo-admin');
      expect(again.ok || again.error.code).toBe('LEDGER.YEAR_CLOSED');
      expect(await audits('ledger.closeYear')).toHaveLength(1);
    });

    it('is for the office only: a member gets AUTH.FORBIDDEN', async () => {
      const res = await close('demo-member-01');
      expect(res.ok || res.error.code).toBe('AUTH.FORBIDDEN');
      expect((await h.err('demo-member-01', 'ledger.getYearStatus', { year: 2026 })).code).toBe(
        'AUTH.FORBIDDEN',
      );
      expect((await myRecord()).grade).toBeNull();
      expect(await audits('ledger.closeYear')).toEqual([]);
    });
  });

  describe('ledger.reopenYear', () => {
    beforeEach(async () => {
      h.clock.set(JANUARY_2027);
      await close();
    });

    it('lets an admin reopen a closed year with a reason, audited; grades are hidden again', async () => {
      expect(
        (await h.ok<YearStatus>('demo-admin', 'ledger.getYearStatus', { year: 2026 })).can,
      ).toEqual({ close: false, reopen: true });
      const status = await h.ok<YearStatus>('demo-admin', 'ledger.reopenYear', {
        year: 2026,
        reason: '补录年底全会出勤',
      });
      expect(status).toMatchObject({
        closed: false,
        closedAt: null,
        reopenedAt: JANUARY_2027,
        reopenedBy: '系统管理员',
        reopenReason: '补录年底全会出勤',
        can: { close: true, reopen: false },
      });
      expect(await myRecord()).toMatchObject({ grade: null, closed: false });
      expect(await audits('ledger.reopenYear')).toEqual([
        expect.objectContaining({
          actorName: '系统管理员',
          before: expect.objectContaining({ closed: true, closedBy: '办公室小周' }),
          after: { closed: false },
          reason: '补录年底全会出勤',
        }),
      ]);
      // Closed again after the correction.
      expect((await close()).ok).toBe(true);
      expect((await myRecord()).grade).toBe('称职');
    });

    it('is for admins only, and only for a closed year', async () => {
      expect(
        (await h.err('demo-staff', 'ledger.reopenYear', { year: 2026, reason: '更正' })).code,
      ).toBe('AUTH.FORBIDDEN');
      expect(
        (await h.err('demo-admin', 'ledger.reopenYear', { year: 2025, reason: '更正' })).code,
      ).toBe('LEDGER.YEAR_NOT_CLOSED');
      expect((await h.err('demo-admin', 'ledger.reopenYear', { year: 2026 })).code).toBe(
        'REQUEST.INVALID',
      );
      expect(await audits('ledger.reopenYear')).toEqual([]);
    });
  });
});

describe('the assessment’s order', () => {
  let h: Harness;
  let members: MemberDoc[];
  beforeEach(async () => {
    h = await makeHarness();
    members = await h.store.find<MemberDoc>('members', {
      where: { roles: { $contains: 'member' } },
      orderBy: [['phone', 'asc']],
    });
  });
  afterEach(() => h.close());

  const post = (...args: Parameters<typeof anEvent>) => postDutyEvent(h.services, anEvent(...args));
  // Names in the committee's order: pinyin by default (a surname read as one: 曾 zēng), the
  // keys every roster entry keeps.
  const byName = {
    compare: (x: string, y: string) => {
      const key = (name: string) => members.find((m) => m.name === name)!.nameKeys!.pinyin;
      return key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0;
    },
  };

  it('sorts by total, highest first, equal totals by name (pinyin), and the rank column matches', async () => {
    // Three members tie at 30, one leads at 40, one trails at 10; the rest stand at 20.
    const [lead, a, b, c, last] = members;
    for (let i = 0; i < 4; i++) await post(lead!._id, 'plenary.attended');
    for (const m of [a!, b!, c!]) for (let i = 0; i < 2; i++) await post(m._id, 'plenary.attended');
    await post(last!._id, 'plenary.absent');

    const { rows } = await h.ok<Assessment>('demo-staff', 'ledger.getAssessment', {
      year: 2026,
      pageSize: 100,
    });

    const items = rows.items;
    expect(items.map((r) => r.total).slice(0, 4)).toEqual([40, 30, 30, 30]);
    expect(items.at(-1)).toMatchObject({ memberId: last!._id, total: 10, rank: 40 });
    const tied = [a!, b!, c!].map((m) => m.name).sort(byName.compare);
    expect(items.slice(1, 4).map((r) => r.name)).toEqual(tied);
    // Everyone with the same total, by name; a rank is 1 + how many have more.
    for (let i = 1; i < items.length; i++) {
      const [prev, cur] = [items[i - 1]!, items[i]!];
      expect(prev.total > cur.total || byName.compare(prev.name, cur.name) <= 0).toBe(true);
    }
    for (const r of items) expect(r.rank).toBe(1 + items.filter((x) => x.total > r.total).length);
    expect(items.slice(0, 5).map((r) => r.rank)).toEqual([1, 2, 2, 2, 5]);

    // A filtered page keeps the order and the ranks among all members.
    const sector = await h.ok<Assessment>('demo-staff', 'ledger.getAssessment', {
      year: 2026,
      sector: a!.sector!,
      pageSize: 100,
    });
    expect(sector.rows.items).toEqual(items.filter((r) => r.sector === a!.sector));

    // The export's 总表 reads down in the same order, 名次 as on the page.
    const file = await h.ok<{ contentBase64: string }>('demo-staff', 'ledger.exportAssessment', {
      year: 2026,
    });
    const totals = records(
      (await readWorkbook(file.contentBase64)).find((s) => s.name === '总表')!,
    );
    expect(totals.map((r) => [r['名次'], r['姓名']])).toEqual(
      items.map((r) => [String(r.rank), r.name]),
    );
  });
});

describe('the assessment export’s detail sheet', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  it('labels every entry in words, also a category a later policy dropped', async () => {
    const m1 = (await h.store.find<MemberDoc>('members', { where: { phone: '13800000001' } }))[0]!;
    await postDutyEvent(h.services, anEvent(m1._id, 'reading.note'));
    await postDutyEvent(h.services, anEvent(m1._id, 'plenary.attended'));
    // Version 1 drops 书香政协; the entry keeps version 0 until a recomputation.
    await h.ok('demo-admin', 'ledger.saveDraftPolicy', {
      year: 2026,
      policy: {
        ...DEFAULT_POLICY,
        categories: DEFAULT_POLICY.categories.filter((c) => c.id !== 'reading'),
        rules: DEFAULT_POLICY.rules.filter((r) => r.category !== 'reading'),
      },
    });
    await h.ok('demo-admin', 'ledger.publishPolicy', { year: 2026 });

    const file = await h.ok<{ contentBase64: string }>('demo-staff', 'ledger.exportAssessment', {
      year: 2026,
    });
    const sheets = await readWorkbook(file.contentBase64);
    const detail = records(sheets.find((s) => s.name === '积分明细')!);
    expect(detail.map((r) => [r['姓名'], r['类型'], r['类别'], r['规则版本']])).toEqual(
      expect.arrayContaining([
        [m1.name, '记分', '书香政协', '默认办法'],
        [m1.name, '记分', '会议出勤', '默认办法'],
      ]),
    );
    expect(englishCells(sheets)).toEqual([]);
  });
});
