import type { AuditEntry, MemberEntryView, RosterEntry } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aRosterEntry } from '../support/fixtures';
import {
  callPage,
  exists,
  renderPage,
  select,
  selectAll,
  tap,
  textOf,
  typeInto,
  type PageComponent,
} from '../support/page';
import { typeText } from '../support/meeting-fixtures';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/staff/member/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function anAudit(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `aud-${n}`,
    at: '2025-03-01T02:00:00.000Z',
    actorId: 'm-staff',
    actorName: '办公室小周',
    action: 'members.updateEntry',
    targetType: 'member',
    targetId: 'm-002',
    before: { name: '王建' },
    after: { name: '王建华' },
    reason: null,
    ...overrides,
  };
}

function aView(overrides: Partial<MemberEntryView> = {}, entry: Partial<RosterEntry> = {}) {
  const view: MemberEntryView = {
    entry: aRosterEntry(2, {
      name: '王建华',
      sector: '经济界',
      specialCommittee: '提案委',
      ...entry,
    }),
    version: 3,
    can: {
      edit: true,
      setRoles: false,
      deactivate: true,
      reactivate: false,
      unbind: true,
      issueInvite: false,
    },
    roles: [
      { role: 'member', held: true, lockedReason: null },
      { role: 'studioHost', held: false, lockedReason: null },
      { role: 'staff', held: false, lockedReason: null },
      { role: 'admin', held: false, lockedReason: null },
    ],
    audit: { items: [anAudit(1)], total: 1, page: 1, pageSize: 20 },
    ...overrides,
  };
  return view;
}

async function openMember(view = aView()): Promise<PageComponent> {
  answerWith('members.getEntry', ok(view));
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', { id: 'm-002' });
  return page;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

function answerModals(...answers: Array<{ confirm: boolean; content?: string }>) {
  for (const a of answers)
    wxMock.showModal.mockResolvedValueOnce({ cancel: !a.confirm, content: '', ...a });
}

describe('member page: what it shows', () => {
  it('shows the entry, read-only roles for staff and the trail in words', async () => {
    const page = await openMember();

    expect(payloads('members.getEntry')).toEqual([{ memberId: 'm-002', auditPageSize: 20 }]);
    const head = textOf(select(page, '.head')!);
    expect(head).toContain('王建华');
    expect(head).toContain('经济界 · 提案委');
    expect(head).toContain('已绑定微信');
    expect(textOf(select(page, '.info-row--phone')!)).toContain('13900000002');
    expect(exists(page, '.rp-row')).toBe(false);
    expect(textOf(select(page, '.roles-panel')!)).toContain('角色由管理员设置');
    const trail = textOf(select(page, '.audit-row')!);
    expect(trail).toContain('修改信息');
    expect(trail).toContain('姓名：王建 → 王建华');
    expect(trail).toContain('经办：办公室小周');
  });

  it('pages the trail at the bottom', async () => {
    const first = Array.from({ length: 20 }, (_, i) => anAudit(i + 1));
    const page = await openMember(
      aView({ audit: { items: first, total: 25, page: 1, pageSize: 20 } }),
    );
    answerWith(
      'members.listAuditLog',
      ok({
        items: [anAudit(21, { action: 'members.unbind', reason: '换手机' })],
        total: 25,
        page: 2,
        pageSize: 20,
      }),
    );

    await callPage(page, 'onReachBottom');

    expect(payloads('members.listAuditLog')).toEqual([
      { targetId: 'm-002', page: 2, pageSize: 20 },
    ]);
    expect(selectAll(page, '.audit-row')).toHaveLength(21);
    expect(textOf(page)).toContain('原因：换手机');
  });

  it('tells someone not on the staff the page is not for them', async () => {
    answerWith('members.getEntry', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'm-002' });

    expect(textOf(page)).toContain('人员信息仅供政协办公室工作人员查看');
    expect(exists(page, '.edit-button')).toBe(false);
  });

  it('says so when the entry does not exist, or none was given', async () => {
    answerWith('members.getEntry', fail('MEMBER.NOT_FOUND', '未找到该人员'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'm-gone' });
    expect(textOf(page)).toContain('未找到该人员');

    const blank = renderPage(ROUTE);
    await callPage(blank, 'onLoad', {});
    expect(textOf(blank)).toContain('未找到该人员');
    expect(callsTo('members.getEntry')).toHaveLength(1);
  });

  it('offers only what the backend allows (an office account, seen by staff)', async () => {
    const none = { edit: false, setRoles: false, deactivate: false, reactivate: false };
    const page = await openMember(aView({ can: { ...none, unbind: false, issueInvite: false } }));

    expect(exists(page, '.edit-button')).toBe(false);
    expect(exists(page, '.deactivate-button')).toBe(false);
    expect(exists(page, '.unbind-button')).toBe(false);
    expect(textOf(page)).toContain('账号由管理员管理');
  });
});

describe('member page: editing', () => {
  it('saves the fields as the form has them, then reloads the entry', async () => {
    const page = await openMember();
    await tap(page, '.edit-button');
    expect(exists(page, '.entry-form')).toBe(true);
    answerWith('members.updateEntry', ok(aRosterEntry(2, { name: '王建国' })));

    await typeInto(page, '.ef-name', ' 王建国 ');
    await typeInto(page, '.ef-term', '');
    await tap(page, '.ef-save');

    expect(payloads('members.updateEntry')).toEqual([
      {
        memberId: 'm-002',
        version: 3,
        name: '王建国',
        gender: '女',
        sector: '经济界',
        specialCommittee: '提案委',
        standingMember: false,
        phone: '13900000002',
        term: '',
      },
    ]);
    expect(exists(page, '.entry-form')).toBe(false);
    expect(callsTo('members.getEntry')).toHaveLength(2);
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('shows what the server would refuse, next to the field, and sends nothing', async () => {
    const page = await openMember();
    await tap(page, '.edit-button');

    await typeInto(page, '.ef-name', ' ');
    await typeInto(page, '.ef-phone', '1380000');
    await tap(page, '.ef-save');

    expect(callsTo('members.updateEntry')).toHaveLength(0);
    expect(textOf(select(page, '.ef-error--name')!)).toContain('请填写姓名');
    expect(textOf(select(page, '.ef-error--phone')!)).toContain('手机号');
  });

  it('shows a phone that belongs to someone else at the phone field', async () => {
    const page = await openMember();
    await tap(page, '.edit-button');
    answerWith(
      'members.updateEntry',
      fail('MEMBER.PHONE_TAKEN', '该手机号已属于名册中的其他人员，请核对'),
    );

    await typeInto(page, '.ef-phone', '13800000003');
    await tap(page, '.ef-save');

    expect(textOf(select(page, '.ef-error--phone')!)).toContain('已属于名册中的其他人员');
    expect(exists(page, '.entry-form')).toBe(true);
  });

  it('reloads when someone else changed the entry meanwhile', async () => {
    const page = await openMember();
    await tap(page, '.edit-button');
    answerWith('members.updateEntry', fail('STORE.CONFLICT', '该人员的信息已被他人修改'));

    await tap(page, '.ef-save');

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '信息已被修改' }),
    );
    expect(exists(page, '.entry-form')).toBe(false);
    expect(callsTo('members.getEntry')).toHaveLength(2);
  });
});

describe('member page: roles', () => {
  const adminView = () =>
    aView({
      can: { ...aView().can, setRoles: true },
      roles: [
        { role: 'member', held: true, lockedReason: null },
        { role: 'studioHost', held: false, lockedReason: null },
        { role: 'staff', held: true, lockedReason: null },
        { role: 'admin', held: true, lockedReason: '不能取消自己的管理员角色' },
      ],
    });

  it('lets an admin tick roles and save them; never offers 承办单位', async () => {
    const page = await openMember(adminView());
    expect(selectAll(page, '.rp-row')).toHaveLength(4);
    expect(textOf(page)).not.toContain('承办单位');
    expect(exists(page, '.rp-save')).toBe(false);
    answerWith('members.setRoles', ok(aRosterEntry(2)));

    await tap(page, '.rp-row--studioHost');
    await tap(page, '.rp-save');

    expect(payloads('members.setRoles')).toEqual([
      { memberId: 'm-002', roles: ['member', 'studioHost', 'staff', 'admin'] },
    ]);
    expect(callsTo('members.getEntry')).toHaveLength(2);
  });

  it('keeps a locked role as it is and says why', async () => {
    const page = await openMember(adminView());

    await tap(page, '.rp-row--admin');

    expect(exists(page, '.rp-save')).toBe(false);
    expect(textOf(select(page, '.rp-row--admin')!)).toContain('不能取消自己的管理员角色');
  });
});

describe('member page: 停用, 启用 and 解除绑定', () => {
  it('asks in a dialog, with a reason, before deactivating', async () => {
    const page = await openMember();

    await tap(page, '.deactivate-button');
    expect(page.data.statusOpen).toBe(true);
    expect(textOf(select(page, '.status-dialog')!)).toContain('停用后，王建华将不能再使用小程序');
    expect(callsTo('members.setActive')).toHaveLength(0);

    await tap(page, '.sd-confirm');
    expect(callsTo('members.setActive')).toHaveLength(0);
    expect(textOf(select(page, '.sd-error')!)).toContain('请填写原因');

    answerWith('members.setActive', ok(aRosterEntry(2, { active: false })));
    await typeText(select(page, '.status-dialog')!, '.sd-reason', ' 届满离任 ');
    await tap(page, '.sd-confirm');

    expect(payloads('members.setActive')).toEqual([
      { memberId: 'm-002', active: false, reason: '届满离任' },
    ]);
    expect(page.data.statusOpen).toBe(false);
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已停用' }));
  });

  it('sends nothing when the dialog is cancelled', async () => {
    const page = await openMember();

    await tap(page, '.deactivate-button');
    await tap(page, '.sd-cancel');

    expect(page.data.statusOpen).toBe(false);
    expect(callsTo('members.setActive')).toHaveLength(0);
  });

  it('offers 启用 for a deactivated entry', async () => {
    const can = { ...aView().can, deactivate: false, reactivate: true };
    const page = await openMember(aView({ can }, { active: false }));

    expect(textOf(select(page, '.head')!)).toContain('已停用');
    await tap(page, '.reactivate-button');
    expect(textOf(select(page, '.status-dialog')!)).toContain('启用后');
  });

  it('unbinds after a confirmation and a reason', async () => {
    const page = await openMember();
    answerModals({ confirm: true }, { confirm: true, content: ' 委员更换了手机 ' });
    answerWith('members.unbind', ok(aRosterEntry(2, { bound: false, boundAt: null })));

    await tap(page, '.unbind-button');

    expect(wxMock.showModal.mock.calls[0][0]).toMatchObject({ title: '解除绑定' });
    expect(payloads('members.unbind')).toEqual([{ memberId: 'm-002', reason: '委员更换了手机' }]);
    expect(callsTo('members.getEntry')).toHaveLength(2);
  });

  it('does nothing when the unbinding is not confirmed', async () => {
    const page = await openMember();
    answerModals({ confirm: false });

    await tap(page, '.unbind-button');

    expect(callsTo('members.unbind')).toHaveLength(0);
  });
});
