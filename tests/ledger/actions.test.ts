import ExcelJS from 'exceljs';
import type { Page } from '../../typings/contracts/envelope';
import type {
  Assessment,
  LedgerEntryView,
  MemberYearRecord,
  PolicyBody,
  PolicyView,
  RebuildReport,
  RecomputePreview,
} from '../../typings/contracts/ledger';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { DEFAULT_POLICY } from '../../typings/contracts/default-policy';
import { postDutyEvent } from '../../cloudfunctions/modules/ledger/ledger-port';
import { makeHarness, type Harness } from '../support/harness';
import { callWith, pausing } from '../support/pausing-store';
import { parseCsv } from '../../cloudfunctions/modules/members/csv';
import { anEvent } from './support';

describe('ledger actions', () => {
  let h: Harness;
  let m1: MemberDoc;
  let m2: MemberDoc;
  beforeEach(async () => {
    h = await makeHarness();
    const byPhone = async (phone: string) =>
      (await h.store.find<MemberDoc>('members', { where: { phone } }))[0]!;
    m1 = await byPhone('13800000001'); // demo-member-01
    m2 = await byPhone('13800000002'); // demo-member-02
  });
  afterEach(() => h.close());

  const post = (...args: Parameters<typeof anEvent>) => postDutyEvent(h.services, anEvent(...args));

  describe('ledger.getMyRecord and ledger.listMyEntries', () => {
    it('shows a member their total, grade, categories with caps and why', async () => {
      await post(m1._id, 'plenary.attended', {
        source: { type: 'meeting', id: 'mt1', title: '七届三次全会第一次全体会议' },
      });
      await post(m1._id, 'plenary.absent');
      const record = await h.ok<MemberYearRecord>('demo-member-01', 'ledger.getMyRecord', {});
      expect(record).toMatchObject({
        year: 2026,
        total: 15,
        grade: null,
        passed: false,
        baseScore: 20,
        policyVersion: 0,
      });
      expect(record.categories.find((c) => c.id === 'activities')).toEqual({
        id: 'activities',
        label: '视察调研等活动',
        points: 0,
        cap: 10,
      });
      const entries = await h.ok<Page<LedgerEntryView>>(
        'demo-member-01',
        'ledger.listMyEntries',
        {},
      );
      expect(entries.total).toBe(2);
      const attended = entries.items.find((e) => e.points === 5)!;
      expect(attended.reason).toBe('出席全体会议（每半天）：七届三次全会第一次全体会议，+5 分');
      expect(attended.source).toEqual({
        type: 'meeting',
        id: 'mt1',
        title: '七届三次全会第一次全体会议',
      });
    });

    it('never shows one member another’s entries', async () => {
      await post(m2._id, 'reading.note');
      const entries = await h.ok<Page<LedgerEntryView>>(
        'demo-member-01',
        'ledger.listMyEntries',
        {},
      );
      expect(entries.total).toBe(0);
    });

    it('refuses staff accounts, who are not assessed', async () => {
      expect((await h.err('demo-staff', 'ledger.getMyRecord', {})).code).toBe(
        'LEDGER.NOT_A_MEMBER',
      );
    });

    it('shows the rank only when the policy allows it', async () => {
      await post(m1._id, 'reading.note');
      await h.ok('demo-admin', 'ledger.saveDraftPolicy', {
        year: 2026,
        policy: { ...DEFAULT_POLICY, showRank: true },
      });
      await h.ok('demo-admin', 'ledger.publishPolicy', { year: 2026 });
      const record = await h.ok<MemberYearRecord>('demo-member-01', 'ledger.getMyRecord', {});
      expect(record.rank).toBe(1);
      expect((await h.ok<MemberYearRecord>('demo-member-02', 'ledger.getMyRecord', {})).rank).toBe(
        2,
      );
    });
  });

  describe('policy versions', () => {
    const richer: PolicyBody = {
      ...DEFAULT_POLICY,
      title: '2026 年修订版',
      rules: DEFAULT_POLICY.rules.map((r) =>
        r.event === 'reading.note' ? { ...r, points: 2 } : r,
      ),
    };

    it('lets an admin save a draft and publish it as the next version, audited', async () => {
      expect((await h.ok<PolicyView>('demo-member-01', 'ledger.getPolicy', {})).status).toBe(
        'default',
      );
      expect(
        (await h.err('demo-staff', 'ledger.saveDraftPolicy', { year: 2026, policy: richer })).code,
      ).toBe('AUTH.FORBIDDEN');
      await h.ok('demo-admin', 'ledger.saveDraftPolicy', { year: 2026, policy: richer });
      expect(
        (await h.ok<PolicyView>('demo-admin', 'ledger.getPolicy', { draft: true })).title,
      ).toBe('2026 年修订版');
      expect((await h.err('demo-member-01', 'ledger.getPolicy', { draft: true })).code).toBe(
        'AUTH.FORBIDDEN',
      );
      const published = await h.ok<PolicyView>('demo-admin', 'ledger.publishPolicy', {
        year: 2026,
      });
      expect(published).toMatchObject({
        version: 1,
        status: 'published',
        publishedBy: '系统管理员',
      });
      expect((await h.err('demo-admin', 'ledger.publishPolicy', { year: 2026 })).code).toBe(
        'LEDGER.NO_DRAFT',
      );
      const audit = await h.ok<Page<{ action: string }>>('demo-staff', 'members.listAuditLog', {});
      expect(audit.items.map((a) => a.action)).toEqual(
        expect.arrayContaining(['ledger.saveDraftPolicy', 'ledger.publishPolicy']),
      );
    });

    it('refuses an inconsistent policy with the field at fault', async () => {
      const bad = {
        ...DEFAULT_POLICY,
        rules: [{ ...DEFAULT_POLICY.rules[0]!, category: 'nowhere' }],
      };
      const error = await h.err('demo-admin', 'ledger.saveDraftPolicy', {
        year: 2026,
        policy: bad,
      });
      expect(error.code).toBe('REQUEST.INVALID');
      expect(error.message).toContain('nowhere');
    });

    it('a post racing the recompute settles under the new policy, not back under the old', async () => {
      for (let i = 0; i < 2; i++) await post(m1._id, 'reading.note');
      // This post read the policy (v0) and waits to write the account.
      const slow = pausing(h.store, (calls) => calls.includes('get point_policy_heads'));
      const posting = postDutyEvent(
        { ...h.services, store: slow },
        anEvent(m1._id, 'reading.note'),
      );
      await slow.reached;
      // Meanwhile a new policy is published and applied to every account.
      await h.ok('demo-admin', 'ledger.saveDraftPolicy', { year: 2026, policy: richer });
      await h.ok('demo-admin', 'ledger.publishPolicy', { year: 2026 });
      await h.ok('demo-staff', 'ledger.applyRecompute', { year: 2026 });
      slow.release();
      await posting;
      const preview = await h.ok<RecomputePreview>('demo-staff', 'ledger.previewRecompute', {
        year: 2026,
      });
      expect(preview.members).toBe(0); // nobody left under the old policy
      const record = await h.ok<MemberYearRecord>('demo-member-01', 'ledger.getMyRecord', {});
      expect(record.policyVersion).toBe(1);
      expect(
        (await h.ok<{ drifted: unknown[] }>('demo-admin', 'ledger.rebuildTotals', { year: 2026 }))
          .drifted,
      ).toEqual([]);
    });

    it('previews and applies a mid-year change as adjusting entries, once', async () => {
      for (let i = 0; i < 3; i++) await post(m1._id, 'reading.note');
      await post(m2._id, 'plenary.attended');
      await h.ok('demo-admin', 'ledger.saveDraftPolicy', { year: 2026, policy: richer });
      await h.ok('demo-admin', 'ledger.publishPolicy', { year: 2026 });
      const preview = await h.ok<RecomputePreview>('demo-staff', 'ledger.previewRecompute', {
        year: 2026,
      });
      expect(preview).toMatchObject({ toVersion: 1, fromVersions: [0], members: 2 });
      expect(preview.changed).toEqual([
        { memberId: m1._id, name: m1.name, before: 3, after: 5, delta: 2 },
      ]);
      const entriesBefore = await h.store.count('point_entries');
      expect(await h.ok('demo-staff', 'ledger.applyRecompute', { year: 2026 })).toMatchObject({
        label: '重算积分',
        status: 'done',
        done: 2,
        total: 2,
      });
      expect(await h.store.count('point_entries')).toBe(entriesBefore + 2); // two notes worth 1 more each; the third was capped
      // Again: nothing left on the old version, nothing written.
      await h.ok('demo-staff', 'ledger.applyRecompute', { year: 2026 });
      expect(await h.store.count('point_entries')).toBe(entriesBefore + 2);
      const record = await h.ok<MemberYearRecord>('demo-member-01', 'ledger.getMyRecord', {});
      expect(record).toMatchObject({ total: 25, policyVersion: 1 });
      const entries = await h.ok<Page<LedgerEntryView>>(
        'demo-member-01',
        'ledger.listMyEntries',
        {},
      );
      expect(entries.items.filter((e) => e.kind === 'adjustment').map((e) => e.reason)[0]).toMatch(
        /^按 2026 年第 1 版考核办法重算/,
      );
    });
  });

  describe('manual items and corrections', () => {
    it('lets staff award points with a reason, audited; a retry awards once', async () => {
      const input = {
        memberId: m1._id,
        points: 3,
        category: 'other',
        title: '全会大会书面发言',
        reason: '书面发言被大会采用',
      };
      const entry = await h.ok<LedgerEntryView>(
        'demo-staff',
        'ledger.awardPoints',
        input,
        'award-req-0001',
      );
      await h.ok('demo-staff', 'ledger.awardPoints', input, 'award-req-0001');
      expect(entry).toMatchObject({ points: 3, category: 'other', actorName: '办公室小周' });
      expect((await h.ok<MemberYearRecord>('demo-member-01', 'ledger.getMyRecord', {})).total).toBe(
        23,
      );
      const audit = await h.ok<Page<{ action: string; reason: string }>>(
        'demo-staff',
        'members.listAuditLog',
        { targetId: m1._id },
      );
      expect(audit.items[0]).toMatchObject({
        action: 'ledger.awardPoints',
        reason: '书面发言被大会采用',
      });
      expect(audit.total).toBe(1);
    });

    it('keys an award on the staff member too: the same request id from two staff is two awards', async () => {
      const input = {
        memberId: m1._id,
        points: 2,
        category: 'other',
        title: '市政协专题调研',
        reason: '参加市政协专题调研',
      };
      const a = await h.call<LedgerEntryView>(
        'demo-staff',
        'ledger.awardPoints',
        input,
        'same-req-0001',
      );
      const b = await h.call<LedgerEntryView>(
        'demo-admin',
        'ledger.awardPoints',
        input,
        'same-req-0001',
      );
      expect(a.ok && b.ok).toBe(true);
      expect(a.ok && b.ok && a.data.id !== b.data.id).toBe(true);
      expect(JSON.stringify([a, b])).not.toContain('manual.award:');
      expect((await h.ok<MemberYearRecord>('demo-member-01', 'ledger.getMyRecord', {})).total).toBe(
        24,
      );
    });

    it('refuses members, unknown categories and non-members', async () => {
      const input = {
        memberId: m1._id,
        points: 3,
        category: 'other',
        title: '书面发言',
        reason: '书面发言',
      };
      expect((await h.err('demo-member-02', 'ledger.awardPoints', input)).code).toBe(
        'AUTH.FORBIDDEN',
      );
      expect(
        (await h.err('demo-staff', 'ledger.awardPoints', { ...input, category: 'bogus' })).code,
      ).toBe('LEDGER.UNKNOWN_CATEGORY');
      const staff = (
        await h.store.find<MemberDoc>('members', { where: { phone: '13900000001' } })
      )[0]!;
      expect(
        (await h.err('demo-staff', 'ledger.awardPoints', { ...input, memberId: staff._id })).code,
      ).toBe('LEDGER.NOT_A_MEMBER');
      expect(
        (await h.err('demo-staff', 'ledger.awardPoints', { ...input, points: 0.05 })).code,
      ).toBe('REQUEST.INVALID');
    });

    it('reverses an entry with who and why, and gives capped points back', async () => {
      for (let i = 0; i < 6; i++) await post(m1._id, 'activity.attended');
      const entries = await h.ok<Page<LedgerEntryView>>('demo-member-01', 'ledger.listMyEntries', {
        pageSize: 50,
      });
      const first = entries.items[entries.items.length - 1]!;
      const result = await h.ok<{ reversed: boolean; total: number }>(
        'demo-staff',
        'ledger.reverseEntry',
        { entryId: first.id, reason: '未实际参加' },
      );
      expect(result).toEqual({ reversed: true, total: 10 }); // the capped sixth activity now counts
      const after = await h.ok<Page<LedgerEntryView>>('demo-member-01', 'ledger.listMyEntries', {
        pageSize: 50,
      });
      const reversal = after.items.find((e) => e.kind === 'reversal')!;
      expect(reversal).toMatchObject({ points: -2, actorName: '办公室小周' });
      expect(reversal.reason).toContain('未实际参加');
      expect(after.items.some((e) => e.kind === 'adjustment' && e.points === 2)).toBe(true);
      expect(
        (
          await h.ok<{ reversed: boolean }>('demo-staff', 'ledger.reverseEntry', {
            entryId: first.id,
            reason: '再次撤销',
          })
        ).reversed,
      ).toBe(false);
      expect(
        (
          await h.err('demo-staff', 'ledger.reverseEntry', {
            entryId: 'pe_nothing',
            reason: '不存在',
          })
        ).code,
      ).toBe('LEDGER.ENTRY_NOT_FOUND');
    });

    it('re-states an event with new content by adjustment entries, never an edit', async () => {
      const e = anEvent(m1._id, 'plenary.attended');
      const first = await postDutyEvent(h.services, e);
      const again = await postDutyEvent(h.services, e);
      expect(again.posted).toBe(false);
      const changed = await postDutyEvent(h.services, { ...e, event: 'plenary.absent' });
      expect(changed.entries).toHaveLength(1);
      expect(changed.entries[0]!._id).not.toBe(first.entries[0]!._id);
      const entries = await h.store.find<{ _id: string; points: number }>('point_entries', {
        where: { key: e.key },
      });
      expect(entries.map((x) => x._id)).toContain(first.entries[0]!._id);
      expect(entries.reduce((sum, x) => sum + x.points, 0)).toBe(changed.total);
    });
  });

  describe('the assessment', () => {
    beforeEach(async () => {
      for (let i = 0; i < 8; i++) await post(m1._id, 'plenary.attended');
      await post(m2._id, 'plenary.absent');
    });

    it('gives staff every member’s totals by category, filters and the members below the pass line', async () => {
      const all = await h.ok<Assessment>('demo-staff', 'ledger.getAssessment', {
        year: 2026,
        pageSize: 100,
      });
      expect(all.summary).toMatchObject({ members: 40, passed: 1, belowPass: 39 });
      const top = all.rows.items.find((r) => r.memberId === m1._id)!;
      expect(top).toMatchObject({
        total: 60,
        grade: null,
        passed: true,
        rank: 1,
        byCategory: { meetings: 40 },
      });
      expect(all.rows.items.find((r) => r.memberId === m2._id)).toMatchObject({
        total: 10,
        rank: 40,
      });
      const sector = await h.ok<Assessment>('demo-staff', 'ledger.getAssessment', {
        year: 2026,
        sector: m1.sector!,
      });
      expect(sector.rows.items.every((r) => r.sector === m1.sector)).toBe(true);
      const below = await h.ok<Assessment>('demo-staff', 'ledger.getAssessment', {
        year: 2026,
        belowPassOnly: true,
        pageSize: 10,
        page: 4,
      });
      expect(below.rows).toMatchObject({ total: 39, page: 4 });
      expect(below.rows.items).toHaveLength(9);
      expect((await h.err('demo-member-01', 'ledger.getAssessment', { year: 2026 })).code).toBe(
        'AUTH.FORBIDDEN',
      );
    });

    it('gives the per-member duty record with every entry', async () => {
      const record = await h.ok<MemberYearRecord & { entries: LedgerEntryView[] }>(
        'demo-staff',
        'ledger.getMemberRecord',
        { year: 2026, memberId: m1._id },
      );
      expect(record).toMatchObject({ total: 60, rank: 1, memberName: m1.name });
      expect(record.entries).toHaveLength(8);
    });

    it('exports xlsx with one sheet per view and CSV, both parsing back', async () => {
      const xlsx = await h.ok<{ fileName: string; contentBase64: string }>(
        'demo-staff',
        'ledger.exportAssessment',
        { year: 2026 },
      );
      expect(xlsx.fileName).toBe('履职积分-2026年-截至2026-03-02.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['总表', '未达标（低于60分）', '积分明细']);
      const totals = wb.getWorksheet('总表')!;
      expect(totals.getRow(1).values).toEqual(
        expect.arrayContaining(['名次', '姓名', '会议出勤', '总分', '等次']),
      );
      expect(totals.getRow(2).getCell(2).value).toBe(m1.name);
      expect(totals.rowCount).toBe(41);
      expect(wb.getWorksheet('未达标（低于60分）')!.rowCount).toBe(40);
      expect(wb.getWorksheet('积分明细')!.rowCount).toBe(10);

      const csv = await h.ok<{ contentBase64: string; fileName: string }>(
        'demo-staff',
        'ledger.exportAssessment',
        { year: 2026, format: 'csv' },
      );
      const rows = parseCsv(Buffer.from(csv.contentBase64, 'base64').toString('utf8'));
      expect(rows[0]).toEqual(expect.arrayContaining(['名次', '姓名', '总分']));
      expect(rows).toHaveLength(41);
    });
  });

  describe('ledger.rebuildTotals', () => {
    it('reports drift between totals and entries, and repairs it on request', async () => {
      await post(m1._id, 'plenary.attended');
      await post(m2._id, 'plenary.attended');
      expect(
        (await h.ok<RebuildReport>('demo-admin', 'ledger.rebuildTotals', { year: 2026 })).drifted,
      ).toEqual([]);
      await h.store.update('point_accounts', `2026:${m1._id}`, { set: { total: 999 } });
      const report = await h.ok<RebuildReport>('demo-admin', 'ledger.rebuildTotals', {
        year: 2026,
      });
      expect(report).toEqual({
        year: 2026,
        accounts: 2,
        drifted: [{ memberId: m1._id, recorded: 99.9, fromEntries: 5 }],
        moved: [],
        repaired: false,
      });
      await h.ok('demo-admin', 'ledger.rebuildTotals', { year: 2026, repair: true });
      expect(
        (await h.ok<RebuildReport>('demo-admin', 'ledger.rebuildTotals', { year: 2026 })).drifted,
      ).toEqual([]);
      expect((await h.err('demo-staff', 'ledger.rebuildTotals', { year: 2026 })).code).toBe(
        'AUTH.FORBIDDEN',
      );
    });

    it('leaves an account posted to while it runs, instead of writing an old sum over it', async () => {
      await post(m1._id, 'plenary.attended');
      await h.store.update('point_accounts', `2026:${m1._id}`, { set: { total: 999 } });
      // The repair has read accounts and entries, and waits to write.
      const slow = pausing(h.store, (calls) => calls.includes('find point_entries'));
      const rebuilding = callWith(h, slow)<RebuildReport>('demo-admin', 'ledger.rebuildTotals', {
        year: 2026,
        repair: true,
      });
      await slow.reached;
      await post(m1._id, 'reading.note'); // lands meanwhile: the account moves on from 999
      slow.release();
      const report = await rebuilding;
      expect(report.ok && report.data).toMatchObject({ moved: [m1._id], repaired: false });
      const account = (await h.store.get<{ _id: string; total: number }>(
        'point_accounts',
        `2026:${m1._id}`,
      ))!;
      expect(account.total).toBe(999 + 10); // the post's own settlement, not overwritten
    });
  });
});
