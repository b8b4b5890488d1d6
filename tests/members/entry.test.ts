import type { Page } from '../../typings/contracts/envelope';
import type {
  AuditEntry,
  MemberEntryView,
  RosterEntry,
  Role,
} from '../../typings/contracts/members';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { nameKeysOf } from '../../cloudfunctions/kernel/people-order';
import { makeHarness, type Harness } from '../support/harness';
import { callWith, pausing } from '../support/pausing-store';

/** The office's member page: one entry, its fields, roles, 停用/启用 and its audit trail. */
describe('a roster entry managed by the office', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  const byPhone = async (phone: string) =>
    (await h.store.find<MemberDoc>('members', { where: { phone } }))[0]!;
  const MEMBER = '13800000001'; // demo-member-01
  const STAFF = '13900000001'; // demo-staff
  const ADMIN = '13900000002'; // demo-admin
  const idOf = async (phone: string) => (await byPhone(phone))._id;
  const trailOf = async (memberId: string) =>
    (await h.ok<Page<AuditEntry>>('demo-admin', 'members.listAuditLog', { targetId: memberId }))
      .items;
  const fieldsOf = (m: MemberDoc) => ({
    memberId: m._id,
    version: m.version,
    name: m.name,
    gender: m.gender,
    sector: m.sector,
    specialCommittee: m.specialCommittee,
    standingMember: m.standingMember,
    phone: m.phone,
    term: m.term,
  });
  /** A second admin, so an admin's own rules can be told from "the last admin". */
  const promoteStaff = async () => {
    await h.ok('demo-admin', 'members.setRoles', {
      memberId: await idOf(STAFF),
      roles: ['staff', 'admin'],
    });
    h.clock.advance(60_000); // the trail is newest first
  };
  /** An entry written straight into the store (a unit contact, an unbound office account). */
  const insertEntry = async (id: string, roles: Role[], extra: Partial<MemberDoc> = {}) => {
    const at = new Date().toISOString();
    await h.store.insert<MemberDoc>('members', {
      _id: id,
      name: '李联络',
      gender: null,
      sector: null,
      specialCommittee: null,
      standingMember: false,
      phone: null,
      term: null,
      roles,
      active: true,
      openid: null,
      boundAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
      nameKeys: await nameKeysOf('李联络'),
      ...extra,
    });
    return id;
  };

  describe('members.getEntry', () => {
    it('shows staff a member’s entry, what they may do, read-only roles and the trail', async () => {
      const id = await idOf(MEMBER);
      await h.ok('demo-staff', 'members.setActive', {
        memberId: id,
        active: false,
        reason: '测试',
      });
      h.clock.advance(60_000);
      await h.ok('demo-staff', 'members.setActive', { memberId: id, active: true, reason: '恢复' });
      const view = await h.ok<MemberEntryView>('demo-staff', 'members.getEntry', { memberId: id });
      expect(view.entry).toMatchObject({ id, phone: MEMBER, active: true, bound: true });
      expect(view.version).toBe(3);
      expect(view.can).toEqual({
        edit: true,
        setRoles: false,
        deactivate: true,
        reactivate: false,
        unbind: true,
        issueInvite: false,
      });
      expect(view.roles.map((r) => r.role)).toEqual(['member', 'studioHost', 'staff', 'admin']);
      expect(view.roles.find((r) => r.role === 'member')).toMatchObject({ held: true });
      expect(view.audit.total).toBe(2);
      expect(view.audit.items.map((a) => a.reason)).toEqual(['恢复', '测试']);
    });

    it('never offers the unit role, which the units page manages', async () => {
      const id = await insertEntry('m_unit_contact', ['unit'], { unitId: 'u_1' });
      const view = await h.ok<MemberEntryView>('demo-admin', 'members.getEntry', { memberId: id });
      expect(view.roles.map((r) => r.role)).not.toContain('unit');
      expect(view.roles.every((r) => !r.held)).toBe(true);
    });

    it('tells an admin they cannot drop their own admin role or deactivate themselves', async () => {
      const view = await h.ok<MemberEntryView>('demo-admin', 'members.getEntry', {
        memberId: await idOf(ADMIN),
      });
      expect(view.can).toMatchObject({
        edit: true,
        setRoles: true,
        deactivate: false,
        unbind: false,
      });
      expect(view.roles.find((r) => r.role === 'admin')).toEqual({
        role: 'admin',
        held: true,
        lockedReason: '不能取消自己的管理员角色',
      });
      expect(view.roles.find((r) => r.role === 'staff')!.lockedReason).toBeNull();
    });

    it('lets staff only read an office account', async () => {
      const view = await h.ok<MemberEntryView>('demo-staff', 'members.getEntry', {
        memberId: await idOf(ADMIN),
      });
      expect(view.can).toEqual({
        edit: false,
        setRoles: false,
        deactivate: false,
        reactivate: false,
        unbind: false,
        issueInvite: false,
      });
    });

    it('is for the office only, and says when the entry does not exist', async () => {
      const id = await idOf(MEMBER);
      expect((await h.err('demo-member-01', 'members.getEntry', { memberId: id })).code).toBe(
        'AUTH.FORBIDDEN',
      );
      expect((await h.err('demo-staff', 'members.getEntry', { memberId: 'm_nobody' })).code).toBe(
        'MEMBER.NOT_FOUND',
      );
    });
  });

  describe('members.updateEntry', () => {
    it('renames with new sort and search keys, audits the change and finds the new name', async () => {
      const before = await byPhone(MEMBER);
      const entry = await h.ok<RosterEntry>('demo-staff', 'members.updateEntry', {
        ...fieldsOf(before),
        name: ' 欧阳  明 ',
        term: '',
      });
      expect(entry).toMatchObject({ name: '欧阳明', term: null });
      const after = await byPhone(MEMBER);
      expect(after.nameKeys).toEqual(await nameKeysOf('欧阳明'));
      expect(after.version).toBe(before.version + 1);
      const [record] = await trailOf(before._id);
      expect(record).toMatchObject({
        action: 'members.updateEntry',
        actorName: '办公室小周',
        before: { name: before.name, term: before.term },
        after: { name: '欧阳明', term: null },
      });
      const found = await h.ok<Page<RosterEntry>>('demo-staff', 'members.listRoster', {
        keyword: 'oym',
      });
      expect(found.items.map((m) => m.id)).toEqual([before._id]);
    });

    it('writes nothing and audits nothing when nothing differs', async () => {
      const before = await byPhone(MEMBER);
      await h.ok('demo-staff', 'members.updateEntry', fieldsOf(before));
      expect((await byPhone(MEMBER)).version).toBe(before.version);
      expect(await trailOf(before._id)).toHaveLength(0);
    });

    it('refuses an edit of an older version (someone changed it meanwhile)', async () => {
      const before = await byPhone(MEMBER);
      await h.ok('demo-staff', 'members.updateEntry', { ...fieldsOf(before), sector: '经济界' });
      const error = await h.err('demo-admin', 'members.updateEntry', {
        ...fieldsOf(before),
        term: '第十四届',
      });
      expect(error.code).toBe('STORE.CONFLICT');
      expect((await byPhone(MEMBER)).term).toBe(before.term);
    });

    it('refuses a phone that belongs to someone else, and clears a blank one', async () => {
      const before = await byPhone(MEMBER);
      const taken = await h.err('demo-staff', 'members.updateEntry', {
        ...fieldsOf(before),
        phone: '13800000002',
      });
      expect(taken.code).toBe('MEMBER.PHONE_TAKEN');
      const cleared = await h.ok<RosterEntry>('demo-staff', 'members.updateEntry', {
        ...fieldsOf(before),
        phone: ' ',
      });
      expect(cleared.phone).toBeNull();
    });

    it('checks the fields as the form does', async () => {
      const before = await byPhone(MEMBER);
      const error = await h.err('demo-staff', 'members.updateEntry', {
        ...fieldsOf(before),
        name: '',
        phone: '1380000',
      });
      expect(error.code).toBe('REQUEST.INVALID');
      expect(error.message).toContain('请填写姓名');
    });

    it('lets only an admin edit an office account', async () => {
      const admin = await byPhone(ADMIN);
      const error = await h.err('demo-staff', 'members.updateEntry', {
        ...fieldsOf(admin),
        name: '管理员甲',
      });
      expect(error.code).toBe('MEMBER.OFFICE_ACCOUNT');
      expect((await byPhone(ADMIN)).name).toBe('系统管理员');
      await h.ok('demo-admin', 'members.updateEntry', { ...fieldsOf(admin), name: '管理员甲' });
      expect((await byPhone(ADMIN)).name).toBe('管理员甲');
    });

    it('answers a retried request as it answered first, without writing again', async () => {
      const before = await byPhone(MEMBER);
      const first = await h.ok<RosterEntry>(
        'demo-staff',
        'members.updateEntry',
        { ...fieldsOf(before), name: '王一' },
        'entry-req-0001',
      );
      const moved = await byPhone(MEMBER);
      await h.ok('demo-staff', 'members.updateEntry', { ...fieldsOf(moved), name: '王二' });
      const again = await h.ok<RosterEntry>(
        'demo-staff',
        'members.updateEntry',
        { ...fieldsOf(before), name: '王一' },
        'entry-req-0001',
      );
      expect(again).toEqual(first);
      expect((await byPhone(MEMBER)).name).toBe('王二');
      expect(await trailOf(before._id)).toHaveLength(2);
    });

    it('refuses members', async () => {
      const before = await byPhone(MEMBER);
      const error = await h.err('demo-member-02', 'members.updateEntry', {
        ...fieldsOf(before),
        name: '改名',
      });
      expect(error.code).toBe('AUTH.FORBIDDEN');
    });
  });

  describe('members.setRoles', () => {
    it('is for admins, audited, and answers a retry once', async () => {
      const id = await idOf(MEMBER);
      const roles = { memberId: id, roles: ['member', 'studioHost'] };
      expect((await h.err('demo-staff', 'members.setRoles', roles)).code).toBe('AUTH.FORBIDDEN');
      const first = await h.ok('demo-admin', 'members.setRoles', roles, 'roles-req-0001');
      const again = await h.ok('demo-admin', 'members.setRoles', roles, 'roles-req-0001');
      expect(again).toEqual(first);
      const trail = await trailOf(id);
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({
        action: 'members.setRoles',
        before: { roles: ['member'] },
        after: { roles: ['member', 'studioHost'] },
      });
    });

    it('keeps an admin from dropping their own admin role, even with a second admin', async () => {
      await promoteStaff();
      const error = await h.err('demo-admin', 'members.setRoles', {
        memberId: await idOf(ADMIN),
        roles: ['staff'],
      });
      expect(error.code).toBe('MEMBER.OWN_ADMIN');
      await h.ok('demo-staff', 'members.setRoles', {
        memberId: await idOf(ADMIN),
        roles: ['staff'],
      });
      expect((await byPhone(ADMIN)).roles).toEqual(['staff']);
    });

    it('neither grants nor takes the unit role', async () => {
      const member = await idOf(MEMBER);
      expect(
        (await h.err('demo-admin', 'members.setRoles', { memberId: member, roles: ['unit'] })).code,
      ).toBe('MEMBER.ROLE_MANAGED_ELSEWHERE');
      const unit = await insertEntry('m_unit_contact', ['unit'], { unitId: 'u_1' });
      const entry = await h.ok<RosterEntry>('demo-admin', 'members.setRoles', {
        memberId: unit,
        roles: ['member'],
      });
      expect(entry.roles).toEqual(['member', 'unit']);
    });

    it('keeps an admin when two admins take each other’s admin role at once', async () => {
      await promoteStaff();
      const [admin, staff] = [await idOf(ADMIN), await idOf(STAFF)];
      // The first caller's transaction waits until the second has committed.
      const held = pausing(h.store, (calls) => calls.includes('count members'));
      const first = callWith(h, held)('demo-admin', 'members.setRoles', {
        memberId: staff,
        roles: ['staff'],
      });
      await held.reached;
      await h.ok('demo-staff', 'members.setRoles', { memberId: admin, roles: ['staff'] });
      held.release();
      const answer = await first;
      expect(answer.ok).toBe(false);
      expect((await byPhone(STAFF)).roles).toContain('admin');
      expect(await h.store.count('members', { roles: { $contains: 'admin' }, active: true })).toBe(
        1,
      );
    });
  });

  describe('members.setActive', () => {
    it('deactivates with a reason: roles stop working at once; reactivating restores them', async () => {
      await promoteStaff();
      const staff = await idOf(STAFF);
      await h.ok('demo-admin', 'members.setActive', {
        memberId: staff,
        active: false,
        reason: '调离政协办公室',
      });
      expect((await h.err('demo-staff', 'members.listRoster', {})).code).toBe('AUTH.INACTIVE');
      expect((await byPhone(STAFF)).roles).toEqual(['staff', 'admin']);
      const [record] = await trailOf(staff);
      expect(record).toMatchObject({
        action: 'members.setActive',
        before: { active: true },
        after: { active: false },
        reason: '调离政协办公室',
      });
      await h.ok('demo-admin', 'members.setActive', {
        memberId: staff,
        active: true,
        reason: '返回原岗位',
      });
      expect(await h.ok('demo-staff', 'members.listRoster', {})).toBeDefined();
    });

    it('asks staff for a reason', async () => {
      const error = await h.err('demo-staff', 'members.setActive', {
        memberId: await idOf(MEMBER),
        active: false,
        reason: ' ',
      });
      expect(error.code).toBe('REQUEST.INVALID');
    });

    it('keeps office accounts to admins, and nobody deactivates themselves', async () => {
      const admin = await idOf(ADMIN);
      const off = (memberId: string) => ({ memberId, active: false, reason: '离职' });
      expect((await h.err('demo-staff', 'members.setActive', off(admin))).code).toBe(
        'MEMBER.OFFICE_ACCOUNT',
      );
      expect((await h.err('demo-admin', 'members.setActive', off(admin))).code).toBe(
        'MEMBER.OWN_ENTRY',
      );
      expect((await byPhone(ADMIN)).active).toBe(true);
    });

    it('changes nothing for an entry already in that state, and a retry audits once', async () => {
      const id = await idOf(MEMBER);
      const off = { memberId: id, active: false, reason: '届满离任' };
      const first = await h.ok('demo-staff', 'members.setActive', off, 'active-req-0001');
      expect(await h.ok('demo-staff', 'members.setActive', off, 'active-req-0001')).toEqual(first);
      await h.ok('demo-staff', 'members.setActive', off);
      expect(await trailOf(id)).toHaveLength(1);
      expect((await h.err('demo-member-01', 'members.getMyProfile')).code).toBe('AUTH.INACTIVE');
    });
  });

  describe('office accounts elsewhere', () => {
    it('lets only an admin issue an invite code for an office account', async () => {
      const id = await insertEntry('m_new_staff', ['staff']);
      expect((await h.err('demo-staff', 'members.issueInviteCode', { memberId: id })).code).toBe(
        'MEMBER.OFFICE_ACCOUNT',
      );
      expect(await h.ok('demo-admin', 'members.issueInviteCode', { memberId: id })).toMatchObject({
        memberId: id,
      });
    });

    it('lets only an admin unbind an office account', async () => {
      const admin = await idOf(ADMIN);
      const error = await h.err('demo-staff', 'members.unbind', {
        memberId: admin,
        reason: '测试原因',
      });
      expect(error.code).toBe('MEMBER.OFFICE_ACCOUNT');
      const own = await h.err('demo-admin', 'members.unbind', {
        memberId: admin,
        reason: '测试原因',
      });
      expect(own.code).toBe('MEMBER.OWN_ENTRY');
    });
  });
});
