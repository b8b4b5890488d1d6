import ExcelJS from 'exceljs';
import type {
  ExportedFile,
  RosterEntry,
  RosterImportResult,
} from '../../typings/contracts/members';
import type { Page } from '../../typings/contracts/envelope';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { csvFile, makeHarness, type Harness } from '../support/harness';

const HEADER = '姓名,性别,界别,专委会,常委,手机号,届次';

describe('the roster', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  const memberCount = () => h.store.count('members');

  describe('members.importRoster', () => {
    const file = csvFile([
      HEADER,
      '赵一,男,经济界,经济委员会,是,13911110001,第十五届',
      '钱二,女,教育界,科教卫体委员会,否,13911110002,第十五届',
      '孙三,,科技界,,,,第十五届',
    ]);

    it('lets staff import a CSV roster, and audits it', async () => {
      const before = await memberCount();
      const result = await h.ok<RosterImportResult>('demo-staff', 'members.importRoster', file);
      expect(result).toMatchObject({
        dryRun: false,
        total: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
      });
      expect(result.job).toMatchObject({ label: '名册导入', status: 'done', done: 3, total: 3 });
      expect(await memberCount()).toBe(before + 3);
      const zhao = (
        await h.store.find<MemberDoc>('members', { where: { phone: '13911110001' } })
      )[0]!;
      expect(zhao).toMatchObject({
        name: '赵一',
        gender: '男',
        sector: '经济界',
        standingMember: true,
        roles: ['member'],
        active: true,
        openid: null,
      });
      const audit = await h.ok<
        Page<{ action: string; actorName: string; after: { created: string[] } }>
      >('demo-staff', 'members.listAuditLog', {});
      expect(audit.items[0]).toMatchObject({
        action: 'members.importRoster',
        actorName: '办公室小周',
      });
      expect(audit.items[0]!.after.created).toHaveLength(3);
    });

    it('refuses a member caller with AUTH.FORBIDDEN and imports nothing', async () => {
      const before = await memberCount();
      const error = await h.err('demo-member-01', 'members.importRoster', file);
      expect(error.code).toBe('AUTH.FORBIDDEN');
      expect(await memberCount()).toBe(before);
    });

    it('previews without writing (dry run)', async () => {
      const before = await memberCount();
      const result = await h.ok<RosterImportResult>('demo-staff', 'members.importRoster', {
        ...file,
        dryRun: true,
      });
      expect(result).toMatchObject({ dryRun: true, created: 3 });
      expect(await memberCount()).toBe(before);
    });

    it('imports once when the same request is retried', async () => {
      const before = await memberCount();
      const first = await h.ok('demo-staff', 'members.importRoster', file, 'import-req-0001');
      const again = await h.ok('demo-staff', 'members.importRoster', file, 'import-req-0001');
      expect(again).toEqual(first);
      expect(await memberCount()).toBe(before + 3);
    });

    it('updates entries it finds by phone and leaves identical ones alone', async () => {
      await h.ok('demo-staff', 'members.importRoster', file);
      const changed = csvFile([
        HEADER,
        '赵一,男,经济界,提案委员会,是,13911110001,第十五届',
        '钱二,女,教育界,科教卫体委员会,否,13911110002,第十五届',
      ]);
      const result = await h.ok<RosterImportResult>('demo-staff', 'members.importRoster', changed);
      expect(result).toMatchObject({ total: 2, created: 0, updated: 1, unchanged: 1 });
      const zhao = (
        await h.store.find<MemberDoc>('members', { where: { phone: '13911110001' } })
      )[0]!;
      expect(zhao).toMatchObject({ specialCommittee: '提案委员会', version: 2 });
    });

    it('leaves the columns a file does not have untouched on existing entries', async () => {
      await h.ok('demo-staff', 'members.importRoster', file);
      const before = (
        await h.store.find<MemberDoc>('members', { where: { phone: '13911110001' } })
      )[0]!;
      expect(before).toMatchObject({ sector: '经济界', standingMember: true, gender: '男' });
      const fewer = csvFile(['姓名,手机号,角色', '赵一,13911110001,委员、工作室负责人']);
      const result = await h.ok<RosterImportResult>('demo-staff', 'members.importRoster', fewer);
      expect(result).toMatchObject({ updated: 1 });
      const after = (
        await h.store.find<MemberDoc>('members', { where: { phone: '13911110001' } })
      )[0]!;
      expect(after).toMatchObject({
        gender: before.gender,
        sector: before.sector,
        specialCommittee: before.specialCommittee,
        standingMember: true,
        term: before.term,
        roles: ['member', 'studioHost'],
      });
      const same = await h.ok<RosterImportResult>('demo-staff', 'members.importRoster', fewer);
      expect(same).toMatchObject({ updated: 0, unchanged: 1 });
    });

    it('reports every bad row and imports nothing: duplicates, bad phones, bad values', async () => {
      const before = await memberCount();
      const bad = csvFile([
        HEADER,
        '赵一,男,经济界,,是,13911110001,',
        '钱二,不详,教育界,,否,139111,',
        '孙三,女,科技界,,也许,13911110003,',
        '赵一,男,经济界,,是,13911110001,',
        ',男,经济界,,否,13911110005,',
      ]);
      const error = await h.err('demo-staff', 'members.importRoster', bad);
      expect(error.code).toBe('ROSTER.INVALID_ROWS');
      const rows = (
        error.details as { rows: Array<{ row: number; column: string | null; message: string }> }
      ).rows;
      expect([...new Set(rows.map((r) => r.row))]).toEqual([3, 4, 5, 6]);
      expect(rows.find((r) => r.row === 3 && r.column === '手机号')).toBeDefined();
      expect(rows.find((r) => r.row === 5)!.message).toContain('第 2 行');
      expect(await memberCount()).toBe(before);
    });

    it('refuses a phone that already belongs to someone else on the roster', async () => {
      const error = await h.err(
        'demo-staff',
        'members.importRoster',
        csvFile([HEADER, '冒名者,男,经济界,,否,13800000001,']),
      );
      expect(error.code).toBe('ROSTER.INVALID_ROWS');
      expect(
        (error.details as { rows: Array<{ row: number; message: string }> }).rows[0],
      ).toMatchObject({ row: 2 });
    });

    it('refuses a malformed file and an empty one with clear codes', async () => {
      const garbage = {
        fileName: 'roster.xlsx',
        contentBase64: Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]).toString('base64'),
      };
      expect((await h.err('demo-staff', 'members.importRoster', garbage)).code).toBe(
        'ROSTER.FILE_UNREADABLE',
      );
      expect((await h.err('demo-staff', 'members.importRoster', csvFile([HEADER]))).code).toBe(
        'ROSTER.EMPTY',
      );
      expect(
        (
          await h.err('demo-staff', 'members.importRoster', {
            fileName: 'x.csv',
            contentBase64: '',
          })
        ).code,
      ).toBe('REQUEST.INVALID');
    });

    it('imports an Excel roster', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名册');
      ws.addRow(['姓名', '性别', '界别', '手机号码']);
      ws.addRow(['周五', '女', '农业界', 13911110009]);
      const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
      await h.ok('demo-staff', 'members.importRoster', { fileName: '名册.xlsx', contentBase64 });
      expect(await h.store.count('members', { phone: '13911110009', name: '周五' })).toBe(1);
    });
  });

  describe('members.exportRoster', () => {
    it('exports an Excel file that opens and imports back unchanged', async () => {
      const file = await h.ok<ExportedFile>('demo-staff', 'members.exportRoster', {});
      expect(file.fileName).toMatch(/^委员名册-2026-03-02\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(1).value).toBe('姓名');
      expect(ws.rowCount).toBe(1 + (await h.store.count('members', { active: true })));
      const again = await h.ok<RosterImportResult>('demo-staff', 'members.importRoster', {
        fileName: file.fileName,
        contentBase64: file.contentBase64,
      });
      expect(again).toMatchObject({ created: 0, updated: 0 });
    });

    it('is for staff only', async () => {
      expect((await h.err('demo-member-01', 'members.exportRoster', {})).code).toBe(
        'AUTH.FORBIDDEN',
      );
    });
  });

  describe('members.listRoster and members.listDirectory', () => {
    it('gives staff pages of the roster with phones and filters', async () => {
      const page = await h.ok<Page<RosterEntry>>('demo-staff', 'members.listRoster', {
        pageSize: 10,
        page: 2,
      });
      expect(page).toMatchObject({ page: 2, pageSize: 10, total: 42 });
      expect(page.items).toHaveLength(10);
      expect(page.items[0]!.phone).toMatch(/^1\d{10}$/);
      const unbound = await h.ok<Page<RosterEntry>>('demo-staff', 'members.listRoster', {
        bound: false,
      });
      expect(unbound.total).toBe(4);
      const admins = await h.ok<Page<RosterEntry>>('demo-staff', 'members.listRoster', {
        role: 'admin',
      });
      expect(admins.items.map((m) => m.name)).toEqual(['系统管理员']);
    });

    it('never shows a member another member’s phone number', async () => {
      const page = await h.ok<Page<Record<string, unknown>>>(
        'demo-member-01',
        'members.listDirectory',
        { pageSize: 100 },
      );
      expect(page.total).toBe(40);
      for (const entry of page.items) {
        expect(entry).not.toHaveProperty('phone');
        expect(JSON.stringify(entry)).not.toMatch(/1[3-9]\d{9}/);
      }
    });

    it('finds members by part of the name', async () => {
      const name = h.seed.accounts[1]!.name;
      const page = await h.ok<Page<{ name: string }>>('demo-member-01', 'members.listDirectory', {
        keyword: name.slice(1),
      });
      expect(page.items.map((m) => m.name)).toContain(name);
    });

    it('refuses the staff roster to members', async () => {
      expect((await h.err('demo-member-01', 'members.listRoster', {})).code).toBe('AUTH.FORBIDDEN');
    });
  });

  describe('members.setRoles and members.setActive', () => {
    const idOf = async (phone: string) =>
      (await h.store.find<MemberDoc>('members', { where: { phone } }))[0]!._id;

    it('lets an admin grant roles, audited, and not staff', async () => {
      const id = await idOf('13800000002');
      expect(
        (
          await h.err('demo-staff', 'members.setRoles', {
            memberId: id,
            roles: ['member', 'staff'],
          })
        ).code,
      ).toBe('AUTH.FORBIDDEN');
      const entry = await h.ok<RosterEntry>('demo-admin', 'members.setRoles', {
        memberId: id,
        roles: ['member', 'studioHost'],
      });
      expect(entry.roles).toEqual(['member', 'studioHost']);
    });

    it('keeps at least one admin (an admin keeps their own role; staff cannot deactivate one)', async () => {
      const admin = await idOf('13900000002');
      expect(
        (await h.err('demo-admin', 'members.setRoles', { memberId: admin, roles: ['staff'] })).code,
      ).toBe('MEMBER.OWN_ADMIN');
      expect(
        (
          await h.err('demo-staff', 'members.setActive', {
            memberId: admin,
            active: false,
            reason: '离职',
          })
        ).code,
      ).toBe('MEMBER.OFFICE_ACCOUNT');
    });

    it('deactivates a member, who can then no longer act', async () => {
      const id = await idOf('13800000001');
      await h.ok('demo-staff', 'members.setActive', {
        memberId: id,
        active: false,
        reason: '届满离任',
      });
      expect((await h.err('demo-member-01', 'members.getMyProfile')).code).toBe('AUTH.INACTIVE');
    });
  });
});
