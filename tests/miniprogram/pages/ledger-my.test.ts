import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { businessYear } from '../../../miniprogram/utils/ledger';
import { anEntry, anOpenRecord, aPolicy, aRecord, entriesPage } from '../support/ledger-fixtures';
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
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/ledger/my/index';
const defaults = { ...config };
const THIS_YEAR = businessYear();

beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function answerEntries(total: number): void {
  answerWith('ledger.listMyEntries', (payload) => {
    const { page = 1 } = payload as { page?: number };
    return ok(entriesPage(page, total));
  });
}

/** The page after it loaded a record, the policy and `total` entries. */
async function openMy(
  record = aRecord(),
  total = 3,
  query: Record<string, string> = {},
): Promise<PageComponent> {
  answerWith('ledger.getMyRecord', ok(record));
  answerWith('ledger.getPolicy', ok(aPolicy()));
  answerEntries(total);
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', query);
  return page;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

/** The text of a plain node (a TDesign host has no DOM of its own). */
function textAt(page: PageComponent, selector: string): string {
  const node = select(page, selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  return textOf(node);
}

function entryCount(page: PageComponent): number {
  return selectAll(page, '.entry').length;
}

describe('my duty points page (我的履职): record', () => {
  it('loads the current year and shows the total, grade, pass line, base score and categories', async () => {
    const page = await openMy();

    expect(payloads('ledger.getMyRecord')).toEqual([{ year: THIS_YEAR }]);
    expect(payloads('ledger.getPolicy')).toEqual([{ year: THIS_YEAR }]);
    const text = textOf(page);
    expect(text).toContain(`${THIS_YEAR} 年度履职积分`);
    expect(textAt(page, '.score__main')).toBe('85.5分');
    expect(text).toContain('良好');
    expect(text).toContain('已达到合格线（60 分）');
    expect(text).toContain('含基础分 20 分');
    expect(page.querySelectorAll('.category')).toHaveLength(5);
    const categories = page.querySelectorAll('.category').map((c) => textOf(c));
    expect(categories).toEqual([
      '会议出勤25 分',
      '视察调研等活动8 分上限 10 分',
      '提案工作30 分上限 30 分（已满）',
      '社情民意5.5 分上限 20 分',
      '其他履职−3 分',
    ]);
    // Bars only where there is a cap.
    expect(page.querySelectorAll('.bar')).toHaveLength(3);
  });

  it('says when the pass line is not met', async () => {
    const page = await openMy(aRecord({ total: 52, grade: '不称职', passed: false }));

    const text = textOf(page);
    expect(text).toContain('不称职');
    expect(text).toContain('未达到合格线（60 分）');
  });

  it('shows the points so far and no grade before the year is closed (no red verdict in March)', async () => {
    const page = await openMy(anOpenRecord({ total: 15, passed: false }));

    expect(textAt(page, '.score__main')).toBe('15分');
    expect(textAt(page, '.score__tags')).toBe('截至目前暂未达到合格线（60 分）');
    expect(textAt(page, '.score__pending')).toBe('年度考核结束后评定等次');
    const text = textOf(page);
    for (const grade of ['不称职', '称职', '良好', '优秀']) expect(text).not.toContain(grade);
    expect(exists(page, '.score__grade--so-far')).toBe(true);
    expect(page.data.summary).toMatchObject({ gradeTheme: 'default', passTheme: 'default' });
  });

  it('shows the grade once the year is closed', async () => {
    const page = await openMy(aRecord({ total: 52, grade: '不称职', passed: false }));

    expect(exists(page, '.score__grade--closed')).toBe(true);
    expect(exists(page, '.score__pending')).toBe(false);
    expect(textOf(page)).not.toContain('截至目前');
    expect(page.data.summary).toMatchObject({ gradeTheme: 'danger', passTheme: 'danger' });
  });

  it('hides the rank when it is null', async () => {
    const page = await openMy(aRecord({ rank: null }));

    expect(exists(page, '.score__rank')).toBe(false);
    expect(textOf(page)).not.toContain('名 / 共');
  });

  it('shows the rank when the policy shows it', async () => {
    const page = await openMy(aRecord({ rank: 3, memberCount: 40 }));

    expect(textOf(page)).toContain('第 3 名 / 共 40 人');
  });

  it('offers the current year and the previous two, and reloads for another year', async () => {
    const page = await openMy();
    expect(textAt(page, '.years')).toBe(`${THIS_YEAR} 年${THIS_YEAR - 1} 年${THIS_YEAR - 2} 年`);

    await tap(page, '.year', 1);

    expect(payloads('ledger.getMyRecord').at(-1)).toEqual({ year: THIS_YEAR - 1 });
    expect(payloads('ledger.getPolicy').at(-1)).toEqual({ year: THIS_YEAR - 1 });
    expect(payloads('ledger.listMyEntries').at(-1)).toEqual({
      year: THIS_YEAR - 1,
      page: 1,
      pageSize: 20,
    });
    expect(textOf(page)).toContain(`${THIS_YEAR - 1} 年度履职积分`);
  });

  it('opens at the year asked for in the query', async () => {
    await openMy(aRecord(), 3, { year: String(THIS_YEAR - 2) });

    expect(payloads('ledger.getMyRecord')).toEqual([{ year: THIS_YEAR - 2 }]);
  });

  it('explains that office staff are not assessed', async () => {
    const notMember = fail('LEDGER.NOT_A_MEMBER', '该人员不是委员，不参与履职积分');
    answerWith('ledger.getMyRecord', notMember);
    answerWith('ledger.listMyEntries', notMember);
    answerWith('ledger.getPolicy', ok(aPolicy()));
    const page = renderPage(ROUTE);

    await callPage(page, 'onLoad');

    expect(exists(page, '.state--not-member')).toBe(true);
    expect(textOf(page)).toContain('机关工作人员不参与履职积分考核');
    expect(exists(page, '.retry')).toBe(false);
    expect(exists(page, '.entry')).toBe(false);
  });

  it('offers binding to a WeChat account bound to nobody', async () => {
    const unbound = fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定');
    answerWith('ledger.getMyRecord', unbound);
    answerWith('ledger.listMyEntries', unbound);
    answerWith('ledger.getPolicy', unbound);
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(exists(page, '.state--unbound')).toBe(true);
    await tap(page, '.bind-button');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });

  it('shows an error with a retry button', async () => {
    answerWith(
      'ledger.getMyRecord',
      NETWORK_DOWN,
      NETWORK_DOWN,
      NETWORK_DOWN,
      ok(aRecord({ total: 91, grade: '优秀' })),
    );
    answerWith('ledger.getPolicy', ok(aPolicy()));
    answerEntries(3);
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(exists(page, '.state--error')).toBe(true);
    expect(textOf(page)).toContain('服务暂时无法连接');

    await tap(page, '.retry');

    expect(textAt(page, '.score__main')).toBe('91分');
    expect(textOf(page)).toContain('优秀');
  });

  it('stops the pull-down spinner after refreshing', async () => {
    const page = await openMy();

    await callPage(page, 'onPullDownRefresh');

    expect(callsTo('ledger.getMyRecord')).toHaveLength(2);
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });
});

describe('my duty points page: rules in force', () => {
  it('shows the title and version, and the rules by category when opened', async () => {
    const page = await openMy();
    expect(textOf(page)).toContain('2025 年度委员履职量化考核办法');
    expect(textOf(page)).toContain('第 2 版');
    expect(exists(page, '.rule')).toBe(false);

    await tap(page, '.rules__head');

    const text = textOf(page);
    expect(selectAll(page, '.rule-group__head').map((g) => textOf(g))).toEqual([
      '会议出勤',
      '视察调研等活动上限 10 分',
      '提案工作上限 30 分',
      '社情民意上限 20 分',
    ]);
    expect(selectAll(page, '.rule').map((r) => textOf(r))).toEqual([
      '出席全体会议（每半天）+5',
      '全体会议无故缺席（每半天）−10',
      '参加视察、调研、培训等活动+2',
      '提案立案（领衔）+10',
      '报送社情民意信息+2',
    ]);
    expect(text).toContain('基础分 20 分，合格线 60 分。');
    expect(text).toContain('优秀：90 分及以上');
    expect(text).toContain('不称职：60 分以下');

    await tap(page, '.rules__head');
    expect(exists(page, '.rule')).toBe(false);
  });

  it('names the built-in default policy', async () => {
    answerWith('ledger.getMyRecord', ok(aRecord()));
    answerWith('ledger.getPolicy', ok(aPolicy({ version: 0, status: 'default' })));
    answerEntries(0);
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textOf(page)).toContain('默认办法');
  });

  it('keeps the record when only the rules fail, and retries them', async () => {
    answerWith('ledger.getMyRecord', ok(aRecord()));
    answerWith('ledger.getPolicy', fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'), ok(aPolicy()));
    answerEntries(3);
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(textAt(page, '.score__main')).toBe('85.5分');
    expect(textOf(page)).toContain('系统繁忙，请稍后再试');
    expect(textOf(page)).toContain('已达到合格线');

    await tap(page, '.policy-retry');

    expect(textOf(page)).toContain('2025 年度委员履职量化考核办法');
  });
});

describe('my duty points page: entries', () => {
  it('shows each entry with its Beijing date, signed points, reason, source and kind', async () => {
    answerWith('ledger.getMyRecord', ok(aRecord()));
    answerWith('ledger.getPolicy', ok(aPolicy()));
    answerWith(
      'ledger.listMyEntries',
      ok({
        items: [
          anEntry(1, { at: '2025-03-01T16:30:00.000Z' }),
          anEntry(2, {
            at: '2025-02-10T02:00:00.000Z',
            kind: 'reversal',
            points: -10,
            reason: '误记，撤销',
          }),
          anEntry(3, { kind: 'adjustment', points: 0.5, reason: '考核办法调整' }),
        ],
        total: 3,
        page: 1,
        pageSize: 20,
      }),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(payloads('ledger.listMyEntries')).toEqual([{ year: THIS_YEAR, page: 1, pageSize: 20 }]);
    const entries = page.querySelectorAll('.entry').map((e) => textOf(e));
    expect(entries[0]).toContain('2025-03-02');
    expect(entries[0]).toContain('+5 分');
    expect(entries[0]).toContain('出席全体会议（每半天）1');
    expect(entries[0]).toContain('七届三次会议第 1 场');
    expect(entries[0]).not.toContain('撤销');
    expect(entries[1]).toContain('2025-02-10');
    expect(entries[1]).toContain('−10 分');
    expect(entries[1]).toContain('撤销');
    expect(entries[2]).toContain('+0.5 分');
    expect(entries[2]).toContain('调整');
    expect(page.querySelectorAll('.points--minus').length).toBeGreaterThan(0);
    // Meeting sources open the meeting.
    expect(exists(page, '.entry__source--link')).toBe(true);
  });

  it('loads 20 at a time at the bottom until all are shown', async () => {
    const page = await openMy(aRecord(), 45);
    expect(entryCount(page)).toBe(20);

    await callPage(page, 'onReachBottom');
    expect(entryCount(page)).toBe(40);
    await callPage(page, 'onReachBottom');
    expect(entryCount(page)).toBe(45);
    expect(textOf(page)).toContain('已显示全部 45 条');
    await callPage(page, 'onReachBottom');

    expect(payloads('ledger.listMyEntries')).toEqual([
      { year: THIS_YEAR, page: 1, pageSize: 20 },
      { year: THIS_YEAR, page: 2, pageSize: 20 },
      { year: THIS_YEAR, page: 3, pageSize: 20 },
    ]);
  });

  it('retries a failed next page', async () => {
    const page = await openMy(aRecord(), 25);
    answerWith(
      'ledger.listMyEntries',
      fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'),
      ok(entriesPage(2, 25)),
    );

    await callPage(page, 'onReachBottom');
    expect(textOf(page)).toContain('系统繁忙，请稍后再试');
    expect(entryCount(page)).toBe(20);

    await tap(page, '.load-more-retry');
    expect(entryCount(page)).toBe(25);
  });

  it('filters by category and back to all', async () => {
    const page = await openMy(aRecord(), 30);
    expect(textAt(page, '.filters')).toBe('全部会议出勤视察调研等活动提案工作社情民意其他履职');

    await tap(page, '.chip--proposals');
    expect(payloads('ledger.listMyEntries').at(-1)).toEqual({
      year: THIS_YEAR,
      category: 'proposals',
      page: 1,
      pageSize: 20,
    });
    await callPage(page, 'onReachBottom');
    expect(payloads('ledger.listMyEntries').at(-1)).toEqual({
      year: THIS_YEAR,
      category: 'proposals',
      page: 2,
      pageSize: 20,
    });

    await tap(page, '.chip--all');
    expect(payloads('ledger.listMyEntries').at(-1)).toEqual({
      year: THIS_YEAR,
      page: 1,
      pageSize: 20,
    });
    // The record is not reloaded for a filter.
    expect(callsTo('ledger.getMyRecord')).toHaveLength(1);
  });

  it('says when a category has no entries', async () => {
    const page = await openMy(aRecord(), 3);
    answerEntries(0);

    await tap(page, '.chip--opinions');

    expect(entryCount(page)).toBe(0);
    expect(textOf(page)).toContain('这一类还没有积分记录');
  });

  it('says when the year has no entries', async () => {
    const page = await openMy(aRecord(), 0);

    expect(textOf(page)).toContain('本年度还没有积分记录');
  });
});
