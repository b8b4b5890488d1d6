import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { aUnit, aWorkItem, NO_WORK, proposalsPage } from '../support/proposal-fixtures';
import { callPage, renderPage, select, selectAll, tap, textOf } from '../support/page';
import { answerWith, callsTo, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/staff/proposal-work/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
  answerWith('proposals.listUnits', ok({ items: [aUnit(1), aUnit(2)] }));
  answerWith('proposals.workQueue', (payload) => {
    const { queue } = payload as { queue: string };
    const late = queue === 'overdue';
    return ok({
      ...proposalsPage(1, late ? 1 : 2, (n) =>
        late
          ? aWorkItem(n, {
              queue: 'overdue',
              round: 1,
              units: ['区民政局', '区财政局'],
              deadline: '2026-06-01T16:00:00.000Z',
              key: true,
              next: { label: '处理超期', panel: '' },
            })
          : aWorkItem(n),
      ),
      counts: { ...NO_WORK, unassigned: 2, overdue: 1, closed: 7 },
    });
  });
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

const payloads = () => callsTo('proposals.workQueue').map((c) => c.payload);

describe('提案办理工作台', () => {
  it('lists a queue with every queue’s count, and opens the next step one tap away', async () => {
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', {});
    expect(payloads()).toEqual([{ queue: 'unassigned', page: 1, pageSize: 20 }]);
    expect(selectAll(page, '.chip').map((c) => textOf(c))).toEqual([
      '待交办2',
      '办理中0',
      '超期未答复1',
      '待评价0',
      '再办理0',
      '已办结7',
    ]);
    expect(selectAll(page, '.work-item')).toHaveLength(2);
    await tap(page, '.next-button', 1);
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/staff/proposal-handle/index?id=pp-002&panel=assign',
    });
    await tap(page, '.work-item', 0);
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/staff/proposal-handle/index?id=pp-001',
    });
  });

  it('opens at the queue it was asked for and shows the overdue in red with their units', async () => {
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { queue: 'overdue' });
    expect(payloads()[0]).toMatchObject({ queue: 'overdue' });
    const row = select(page, '.work-item--late')!;
    expect(textOf(row)).toContain('承办：区民政局、区财政局');
    expect(textOf(row)).toContain('办理期限 2026-06-02，已超期');
    expect(textOf(row)).toContain('重点提案');
    expect(textOf(row)).toContain('处理超期');
  });

  it('filters by unit, year, proposer and words, and clears the proposer', async () => {
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { leadId: 'm-7', leadName: encodeURIComponent('李明') });
    expect(textOf(select(page, '.lead-filter')!)).toContain('提案人：李明');
    await callPage(page, 'onPick', {
      currentTarget: { dataset: { field: 'unitIndex' } },
      detail: { value: 2 },
    });
    await callPage(page, 'onPick', {
      currentTarget: { dataset: { field: 'yearIndex' } },
      detail: { value: 1 },
    });
    await callPage(page, 'onSearch', { detail: { value: '养老' } });
    await tap(page, '.lead-filter__clear');
    const year = new Date().getFullYear();
    expect(payloads()).toEqual([
      { queue: 'unassigned', leadId: 'm-7', page: 1, pageSize: 20 },
      { queue: 'unassigned', unitId: 'u-2', leadId: 'm-7', page: 1, pageSize: 20 },
      { queue: 'unassigned', year, unitId: 'u-2', leadId: 'm-7', page: 1, pageSize: 20 },
      {
        queue: 'unassigned',
        year,
        unitId: 'u-2',
        leadId: 'm-7',
        keyword: '养老',
        page: 1,
        pageSize: 20,
      },
      { queue: 'unassigned', year, unitId: 'u-2', keyword: '养老', page: 1, pageSize: 20 },
    ]);
  });
});
