import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { aProposalSummary, installStorage, proposalsPage } from '../support/proposal-fixtures';
import { markChanged } from '../../../miniprogram/kit/changes';
import { refreshSettings } from '../../../miniprogram/kit/settings';
import {
  callPage,
  exists,
  renderPage,
  select,
  selectAll,
  tap,
  textOf,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/proposals/index';
const defaults = { ...config };
let platform: ReturnType<typeof installStorage>;

beforeEach(() => {
  resetWx();
  resetSession();
  platform = installStorage();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
  refreshSettings();
  answerWith('members.getMyProfile', ok(aProfile()));
  // The committee's categories are an extra: the built-in list stands in when unread.
  answerWith('settings.get', fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'));
  answerWith('proposals.listMine', (payload) => {
    const { status } = payload as { status: string };
    if (status === 'draft')
      return ok(
        proposalsPage(1, 1, (n) =>
          aProposalSummary(n, { status: 'draft', statusLabel: '草稿', submittedAt: null }),
        ),
      );
    return ok(proposalsPage(1, 2, (n) => aProposalSummary(n)));
  });
  answerWith(
    'proposals.listCoSignInvitations',
    ok(
      proposalsPage(1, 3, (n) => ({
        ...aProposalSummary(10 + n, {
          status: 'cosigning',
          statusLabel: '联名确认中',
          leadName: '李明',
        }),
        coSignDeadline: '2026-03-08T02:00:00.000Z',
      })),
    ),
  );
  answerWith(
    'proposals.listPublic',
    ok(
      proposalsPage(1, 4, (n) =>
        aProposalSummary(20 + n, {
          status: 'accepted',
          statusLabel: '已立案',
          number: `2026-000${n}`,
        }),
      ),
    ),
  );
});
afterAll(() => Object.assign(config, defaults));

async function openList(): Promise<PageComponent> {
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad');
  return page;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

describe('proposals tab (提案)', () => {
  it('opens on my proposals in progress, with the co-sign invitation count as a badge', async () => {
    const page = await openList();

    expect(payloads('proposals.listMine')).toEqual([{ status: 'active', page: 1, pageSize: 20 }]);
    expect(selectAll(page, '.proposal-item')).toHaveLength(2);
    expect(textOf(select(page, '.chip--invitations')!)).toBe('联名邀请3');
    expect(exists(page, '.write-button')).toBe(true);
    expect(textOf(page)).toContain('社情民意信息');
  });

  it('switches between the status tabs of my proposals; a draft opens in the editor', async () => {
    const page = await openList();

    await tap(page, '.chip--draft');
    expect(payloads('proposals.listMine').at(-1)).toEqual({
      status: 'draft',
      page: 1,
      pageSize: 20,
    });
    await tap(page, '.proposal-item');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/proposals/edit/index?id=pp-001',
    });

    await tap(page, '.chip--closed');
    expect(payloads('proposals.listMine').at(-1)).toEqual({
      status: 'closed',
      page: 1,
      pageSize: 20,
    });
    await tap(page, '.proposal-item');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/proposals/detail/index?id=pp-001',
    });
  });

  it('lists drafts that never reached the server under 草稿, opening them by device id', async () => {
    platform.storage.set('drafts:proposal', ['dlocal000001']);
    platform.storage.set('draft:proposal:dlocal000001', {
      clientDraftId: 'dlocal000001',
      serverId: null,
      revision: 4,
      syncedRevision: 0,
      fields: {
        title: '关于停车难的建议',
        category: '其他',
        cause: '',
        suggestion: '',
        coSigners: [],
        collective: null,
      },
      editedAt: Date.parse('2026-03-02T02:00:00.000Z'),
    });
    const page = await openList();
    expect(exists(page, '.local-draft')).toBe(false);

    await tap(page, '.chip--draft');

    expect(textOf(select(page, '.local-draft')!)).toContain('关于停车难的建议');
    await tap(page, '.local-draft');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/proposals/edit/index?draft=dlocal000001',
    });
  });

  it('shows the co-sign invitations with their deadline', async () => {
    const page = await openList();

    await tap(page, '.chip--invitations');

    const items = selectAll(page, '.proposal-item');
    expect(items).toHaveLength(3);
    expect(textOf(items[0]!)).toContain('联名确认中');
    expect(textOf(items[0]!)).toContain('请于 2026-03-08 10:00 前确认');
    await tap(page, '.proposal-item', 0);
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/proposals/detail/index?id=pp-011',
    });
  });

  it('searches the public proposals by keyword and category', async () => {
    const page = await openList();

    await tap(page, '.chip--public');
    expect(payloads('proposals.listPublic')).toEqual([{ page: 1, pageSize: 20 }]);
    expect(textOf(select(page, '.proposal-item')!)).toContain('2026-0001');

    await callPage(page, 'onSearch', { detail: { value: '养老' } });
    expect(payloads('proposals.listPublic').at(-1)).toEqual({
      keyword: '养老',
      page: 1,
      pageSize: 20,
    });
    await callPage(page, 'onCategory', { detail: { value: 7 } });
    expect(payloads('proposals.listPublic').at(-1)).toEqual({
      keyword: '养老',
      category: '教育',
      page: 1,
      pageSize: 20,
    });
  });

  it('opens the editor and the opinion reports', async () => {
    const page = await openList();

    await tap(page, '.write-button');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/proposals/edit/index' });
    await tap(page, '.opinions-link');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/opinions/index' });
  });

  it('shows the office’s links to staff only', async () => {
    expect(exists(await openList(), '.staff-link')).toBe(false);

    resetSession();
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
    const page = await openList();
    await tap(page, '.staff-link--review');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/staff/proposal-review/index',
    });
  });

  it('shows office staff who are not members the office’s work, not a member’s', async () => {
    resetSession();
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
    answerWith('proposals.reviewQueue', ok({ items: [], total: 2, page: 1, pageSize: 1 }));
    answerWith(
      'proposals.workQueue',
      ok({
        items: [],
        total: 1,
        page: 1,
        pageSize: 1,
        counts: { unassigned: 1, handling: 6, overdue: 2, replied: 0, rehandling: 0, closed: 30 },
      }),
    );
    const page = await openList();

    expect(exists(page, '.write-button')).toBe(false);
    expect(exists(page, '.segments')).toBe(false);
    expect(callsTo('proposals.listMine')).toHaveLength(0);
    expect(selectAll(page, '.desk-row').map(textOf)).toEqual([
      expect.stringContaining('待审查2 件'),
      expect.stringContaining('待交办1 件'),
      expect.stringContaining('办理中6 件'),
      expect.stringContaining('超期未答复2 件'),
      expect.stringContaining('待评价0 件'),
      expect.stringContaining('再办理0 件'),
      expect.stringContaining('已办结30 件'),
    ]);
    await tap(page, '.desk-row--overdue');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/staff/proposal-work/index?queue=overdue',
    });
  });

  it('keeps a member’s proposals for a member who also works in the office, with the workbench', async () => {
    resetSession();
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['member', 'staff'] })));
    const page = await openList();
    expect(exists(page, '.write-button')).toBe(true);
    expect(exists(page, '.desk-row')).toBe(false);
    await tap(page, '.staff-link--work');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/staff/proposal-work/index' });
  });

  it('offers the public filter the committee’s own categories', async () => {
    refreshSettings();
    const settings = { proposals: { categories: ['乡村振兴', '其他'] } };
    answerWith('settings.get', ok(settings));
    const page = await openList();

    await tap(page, '.chip--public');
    await callPage(page, 'onCategory', { detail: { value: 1 } });

    expect(payloads('proposals.listPublic').at(-1)).toEqual({
      category: '乡村振兴',
      page: 1,
      pageSize: 20,
    });
  });

  it('offers binding to an account bound to nobody', async () => {
    answerWith('proposals.listMine', fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'));
    answerWith('proposals.listCoSignInvitations', fail('AUTH.NOT_BOUND', '请先完成绑定'));
    const page = await openList();

    await tap(page, '.bind-button');

    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/bind/index' });
  });

  it('reloads on return only after a proposal changed', async () => {
    const page = await openList();
    await callPage(page, 'onShow');
    expect(payloads('proposals.listMine')).toHaveLength(1);

    markChanged('proposals');
    await callPage(page, 'onShow');

    expect(payloads('proposals.listMine')).toHaveLength(2);
  });

  it('says what is empty, and offers a retry on failure', async () => {
    answerWith(
      'proposals.listMine',
      fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'),
      ok(proposalsPage(1, 0, (n) => aProposalSummary(n))),
    );
    const page = await openList();
    expect(textOf(page)).toContain('系统繁忙');

    await tap(page, '.retry');
    expect(textOf(page)).toContain('没有正在进行中的提案');
  });
});
