import { config } from '../../../miniprogram/config';
import { checkInput, firstError } from '../../../miniprogram/kit/validate';
import { resetSession } from '../../../miniprogram/services/session';
import { businessYear } from '../../../miniprogram/utils/ledger';
import { anAssessment, anAssessmentRow, aYearStatus } from '../support/ledger-fixtures';
import {
  callPage,
  exists,
  flush,
  renderPage,
  tap,
  textOf,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/staff/assessment/index';
const defaults = { ...config };
const THIS_YEAR = businessYear();

beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
  answerWith('ledger.getYearStatus', ok(aYearStatus({ year: THIS_YEAR })));
  answerWith('ledger.getAssessmentCharts', ok({ charts: [] }));
});
afterAll(() => Object.assign(config, defaults));

/** The page after its first page of `total` rows loaded (of a closed year, unless told). */
async function openAssessment(
  total = 45,
  status: Parameters<typeof aYearStatus>[0] = {},
): Promise<PageComponent> {
  answerWith('ledger.getAssessment', (payload) => {
    const { page = 1 } = payload as { page?: number };
    return ok(anAssessment(page, total));
  });
  answerWith('ledger.getYearStatus', (payload) =>
    ok(aYearStatus({ year: (payload as { year: number }).year, ...status })),
  );
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad');
  return page;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

function rowCount(page: PageComponent): number {
  return page.querySelectorAll('.assessment-row').length;
}

function textAt(page: PageComponent, selector: string, index = 0): string {
  const node = page.querySelectorAll(selector)[index];
  if (!node) throw new Error(`nothing matches ${selector} [${index}]`);
  return textOf(node);
}

describe('assessment page (履职考核): summary and rows', () => {
  it('shows the summary and the first 20 rows with rank, name, sector, total, grade and categories', async () => {
    const page = await openAssessment(45);

    expect(payloads('ledger.getAssessment')).toEqual([{ year: THIS_YEAR, page: 1, pageSize: 20 }]);
    expect(textAt(page, '.stat--members')).toBe('45参加考核（人）');
    expect(textAt(page, '.stat--passed')).toBe('40达标（人）');
    expect(textAt(page, '.stat--below')).toBe('5未达标（人）');
    expect(textAt(page, '.stat--average')).toBe('76.3平均分');
    const text = textOf(page);
    expect(text).toContain('合格线 60 分');
    expect(text).toContain('共 45 人');
    expect(rowCount(page)).toBe(20);
    // Row 1: 委员1, 教育界 · 经济委 (fixtures cycle sectors and committees), total 99.
    const first = textAt(page, '.assessment-row');
    expect(first).toContain('1委员199 分');
    expect(first).toContain('教育界 · 经济委');
    expect(first).toContain('优秀');
    expect(textAt(page, '.assessment-row__categories')).toBe(
      '会议出勤 40视察调研等活动 10提案工作 29社情民意 0其他履职 0',
    );
    expect(page.querySelectorAll('.assessment-row .pair')).toHaveLength(20 * 5);
    expect(textAt(page, '.grades')).toBe('合格线 60 分优秀 10 人良好 10 人称职 20 人不称职 5 人');
  });

  it('loads the next page at the bottom until all are shown', async () => {
    const page = await openAssessment(45);

    await callPage(page, 'onReachBottom');
    expect(rowCount(page)).toBe(40);
    await callPage(page, 'onReachBottom');
    expect(rowCount(page)).toBe(45);
    expect(textOf(page)).toContain('已显示全部 45 人');
    await callPage(page, 'onReachBottom');

    expect(payloads('ledger.getAssessment')).toEqual([
      { year: THIS_YEAR, page: 1, pageSize: 20 },
      { year: THIS_YEAR, page: 2, pageSize: 20 },
      { year: THIS_YEAR, page: 3, pageSize: 20 },
    ]);
  });

  it('switches the year', async () => {
    const page = await openAssessment(3);

    await tap(page, '.year', 2);

    expect(payloads('ledger.getAssessment').at(-1)).toEqual({
      year: THIS_YEAR - 2,
      page: 1,
      pageSize: 20,
    });
    expect(textOf(page)).toContain(`${THIS_YEAR - 2} 年度考核概况`);
  });

  it('opens the member record of a tapped row for the year shown', async () => {
    const page = await openAssessment(3);

    await tap(page, '.assessment-row', 1);

    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: `/pages/staff/member-record/index?memberId=m-002&year=${THIS_YEAR}`,
    });
  });

  it('explains the page to someone who is not office staff', async () => {
    answerWith('ledger.getAssessment', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(exists(page, '.state--forbidden')).toBe(true);
    expect(textOf(page)).toContain('仅供政协办公室工作人员查看');
    expect(exists(page, '.export-xlsx')).toBe(false);

    await tap(page, '.my-record-button');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/ledger/my/index' });
  });

  it('shows an error with a retry button', async () => {
    answerWith(
      'ledger.getAssessment',
      NETWORK_DOWN,
      NETWORK_DOWN,
      NETWORK_DOWN,
      ok(anAssessment(1, 3)),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(textOf(page)).toContain('服务暂时无法连接');

    await tap(page, '.retry');

    expect(rowCount(page)).toBe(3);
  });
});

describe('assessment page: filters', () => {
  it('shows only the members below the pass line when the switch row is tapped', async () => {
    const page = await openAssessment(45);

    await tap(page, '.below-pass-toggle');
    expect(payloads('ledger.getAssessment').at(-1)).toEqual({
      year: THIS_YEAR,
      belowPassOnly: true,
      page: 1,
      pageSize: 20,
    });
    expect(page.data.belowPassOnly).toBe(true);
    expect(textOf(page)).toContain('（已筛选）');

    await tap(page, '.below-pass-toggle');
    expect(payloads('ledger.getAssessment').at(-1)).toEqual({
      year: THIS_YEAR,
      page: 1,
      pageSize: 20,
    });
  });

  it('toggles once when the switch itself is tapped', async () => {
    const page = await openAssessment(45);
    const switchNode = page.querySelector('.below-pass-switch')?.querySelector('.t-switch');
    if (!switchNode) throw new Error('no switch');

    switchNode.dispatchEvent('tap');
    await flush();

    expect(page.data.belowPassOnly).toBe(true);
    expect(callsTo('ledger.getAssessment')).toHaveLength(2);
  });

  it('keeps the filter when loading more', async () => {
    const page = await openAssessment(45);
    await tap(page, '.below-pass-toggle');

    await callPage(page, 'onReachBottom');

    expect(payloads('ledger.getAssessment').at(-1)).toEqual({
      year: THIS_YEAR,
      belowPassOnly: true,
      page: 2,
      pageSize: 20,
    });
  });

  it('offers the sectors and committees of the rows loaded, and filters by them', async () => {
    const page = await openAssessment(45);
    // By name (pinyin), whatever order the ranked rows brought them in.
    expect(page.data.sectorOptions).toEqual(['全部界别', '教育界', '经济界', '医药卫生界']);
    expect(page.data.committeeOptions).toEqual(['全部专委会', '经济委', '提案委']);

    await callPage(page, 'onSectorPick', { detail: { value: '3' } });
    expect(payloads('ledger.getAssessment').at(-1)).toEqual({
      year: THIS_YEAR,
      sector: '医药卫生界',
      page: 1,
      pageSize: 20,
    });
    expect(textOf(page)).toContain('医药卫生界');

    await callPage(page, 'onCommitteePick', { detail: { value: '2' } });
    expect(payloads('ledger.getAssessment').at(-1)).toEqual({
      year: THIS_YEAR,
      sector: '医药卫生界',
      specialCommittee: '提案委',
      page: 1,
      pageSize: 20,
    });

    await callPage(page, 'onSectorPick', { detail: { value: '0' } });
    expect(payloads('ledger.getAssessment').at(-1)).toEqual({
      year: THIS_YEAR,
      specialCommittee: '提案委',
      page: 1,
      pageSize: 20,
    });
  });

  it('says when nothing matches and clears the filters', async () => {
    const page = await openAssessment(45);
    answerWith('ledger.getAssessment', (payload) =>
      ok(
        (payload as { belowPassOnly?: boolean }).belowPassOnly
          ? anAssessment(1, 0)
          : anAssessment(1, 45),
      ),
    );

    await tap(page, '.below-pass-toggle');
    expect(exists(page, '.state--empty')).toBe(true);
    expect(textOf(page)).toContain('没有符合条件的委员');

    await tap(page, '.clear-filters');
    expect(payloads('ledger.getAssessment').at(-1)).toEqual({
      year: THIS_YEAR,
      page: 1,
      pageSize: 20,
    });
    expect(rowCount(page)).toBe(20);
  });
});

describe('assessment page: export', () => {
  const XLSX = {
    fileName: `履职积分-${THIS_YEAR}年.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: 'UEsDBA==',
  };

  function fileSystemWorks() {
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());
    wxMock.openDocument.mockImplementation((o: { success: () => void }) => o.success());
  }

  it('exports Excel to the user data folder and opens it with the menu', async () => {
    const page = await openAssessment(3);
    answerWith('ledger.exportAssessment', ok(XLSX));
    fileSystemWorks();

    await tap(page, '.export-xlsx');

    expect(payloads('ledger.exportAssessment')).toEqual([{ year: THIS_YEAR, format: 'xlsx' }]);
    expect(wxMock.fs.writeFile).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: `http://usr/履职积分-${THIS_YEAR}年.xlsx`,
        data: 'UEsDBA==',
        encoding: 'base64',
      }),
    );
    expect(wxMock.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: `http://usr/履职积分-${THIS_YEAR}年.xlsx`,
        showMenu: true,
        fileType: 'xlsx',
      }),
    );
    expect(wxMock.hideLoading).toHaveBeenCalled();
    expect(page.data.exporting).toBe('');
  });

  it('exports CSV, and offers to send it to a chat when the phone cannot open it', async () => {
    const page = await openAssessment(3);
    answerWith(
      'ledger.exportAssessment',
      ok({ fileName: `履职积分-${THIS_YEAR}年.csv`, mimeType: 'text/csv', contentBase64: 'Nzc=' }),
    );
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());
    wxMock.openDocument.mockImplementation((o: { fail: (e: { errMsg: string }) => void }) =>
      o.fail({ errMsg: 'openDocument:fail filetype not supported' }),
    );
    const shareFileMessage = jest.fn((o: { success: () => void }) => o.success());
    Object.assign(wxMock, { shareFileMessage });

    await tap(page, '.export-csv');

    expect(payloads('ledger.exportAssessment')).toEqual([{ year: THIS_YEAR, format: 'csv' }]);
    const opened = wxMock.openDocument.mock.calls[0][0] as Record<string, unknown>;
    expect(opened).toMatchObject({
      filePath: `http://usr/履职积分-${THIS_YEAR}年.csv`,
      showMenu: true,
    });
    expect(opened.fileType).toBeUndefined();
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '无法直接打开', confirmText: '发送到聊天' }),
    );
    expect(shareFileMessage).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: `http://usr/履职积分-${THIS_YEAR}年.csv`,
        fileName: `履职积分-${THIS_YEAR}年.csv`,
      }),
    );
  });

  it('shows the error when the export fails', async () => {
    const page = await openAssessment(3);
    answerWith('ledger.exportAssessment', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));

    await tap(page, '.export-xlsx');

    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '您没有权限执行此操作' }),
    );
    expect(wxMock.fs.writeFile).not.toHaveBeenCalled();
    expect(page.data.exporting).toBe('');
  });
});

describe('assessment page: rows', () => {
  it('marks a row below the pass line', async () => {
    answerWith(
      'ledger.getAssessment',
      ok(
        anAssessment(1, 1, {
          rows: {
            items: [anAssessmentRow(50, { total: 48.5, grade: '不称职', passed: false })],
            total: 1,
            page: 1,
            pageSize: 20,
          },
        }),
      ),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textAt(page, '.assessment-row')).toContain('48.5 分');
    expect(textAt(page, '.assessment-row')).toContain('不称职');
    expect(exists(page, '.assessment-row__total.is-minus')).toBe(true);
  });
});

describe('assessment page: closing the year', () => {
  /** Rows of an open year: the server sends no grade. */
  const openYear = (page: number, total: number) => {
    const a = anAssessment(page, total);
    return {
      ...a,
      summary: { ...a.summary, byGrade: {} },
      rows: { ...a.rows, items: a.rows.items.map((r) => ({ ...r, grade: null })) },
    };
  };

  it('says 截至目前 and shows no grade before the year is closed', async () => {
    answerWith('ledger.getAssessment', ok(openYear(1, 45)));
    answerWith('ledger.getYearStatus', ok(aYearStatus({ year: THIS_YEAR, closed: false })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textOf(page)).toContain(`${THIS_YEAR} 年度考核概况（截至目前）`);
    expect(textAt(page, '.year-close')).toContain(`${THIS_YEAR} 年度考核未结束截至目前`);
    expect(textAt(page, '.stat--passed')).toBe('40已达合格线（人）');
    expect(textAt(page, '.stat--below')).toBe('5暂未达到（人）');
    expect(exists(page, '.stat--below .is-minus')).toBe(false);
    expect(textAt(page, '.grades')).toBe('合格线 60 分年度考核结束后评定等次');
    expect(page.querySelectorAll('.assessment-row__grade')).toHaveLength(0);
    expect(exists(page, '.assessment-row__total.is-minus')).toBe(false);
    for (const grade of ['不称职', '称职', '良好', '优秀'])
      expect(textOf(page)).not.toContain(grade);
    expect(exists(page, '.close-year')).toBe(true);
    expect(exists(page, '.reopen-year')).toBe(false);
  });

  it('closes the year after a confirmation, then shows the grades', async () => {
    answerWith('ledger.getAssessment', ok(openYear(1, 45)), ok(anAssessment(1, 45)));
    answerWith(
      'ledger.getYearStatus',
      ok(aYearStatus({ year: THIS_YEAR, closed: false })),
      ok(aYearStatus({ year: THIS_YEAR, closed: true, closedAt: '2026-12-02T02:00:00.000Z' })),
    );
    answerWith('ledger.closeYear', ok(aYearStatus({ year: THIS_YEAR, closed: true })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await tap(page, '.close-year');

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: `结束 ${THIS_YEAR} 年度考核`, confirmText: '结束考核' }),
    );
    expect(payloads('ledger.closeYear')).toEqual([{ year: THIS_YEAR, confirm: true }]);
    expect(textAt(page, '.year-close')).toContain(
      `${THIS_YEAR} 年度考核已结束已评定等次2026-12-02 结束（办公室小周）`,
    );
    expect(exists(page, '.close-year')).toBe(false);
    expect(textOf(page)).not.toContain('截至目前');
    expect(textAt(page, '.assessment-row')).toContain('优秀');
    expect(textAt(page, '.grades')).toBe('合格线 60 分优秀 10 人良好 10 人称职 20 人不称职 5 人');
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    answerWith('ledger.getAssessment', ok(openYear(1, 3)));
    answerWith('ledger.getYearStatus', ok(aYearStatus({ year: THIS_YEAR, closed: false })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, content: '' });

    await tap(page, '.close-year');

    expect(callsTo('ledger.closeYear')).toHaveLength(0);
    expect(exists(page, '.close-year')).toBe(true);
  });

  it('says when the year cannot be closed yet (before December), without a button', async () => {
    answerWith('ledger.getAssessment', ok(openYear(1, 3)));
    answerWith(
      'ledger.getYearStatus',
      ok(aYearStatus({ year: THIS_YEAR, closed: false, can: { close: false, reopen: false } })),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textAt(page, '.year-close')).toContain('当年 12 月起可结束年度考核');
    expect(exists(page, '.close-year')).toBe(false);
  });

  it('shows the answer when someone closed it meanwhile, and reloads', async () => {
    answerWith('ledger.getAssessment', ok(openYear(1, 3)), ok(anAssessment(1, 3)));
    answerWith(
      'ledger.getYearStatus',
      ok(aYearStatus({ year: THIS_YEAR, closed: false })),
      ok(aYearStatus({ year: THIS_YEAR, closed: true })),
    );
    answerWith('ledger.closeYear', fail('LEDGER.YEAR_CLOSED', '该年度考核已结束'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await tap(page, '.close-year');

    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '该年度考核已结束' }),
    );
    expect(exists(page, '.year-close--closed')).toBe(true);
    expect(page.data.changingYear).toBe(false);
  });

  it('lets an admin reopen a closed year with a reason', async () => {
    const page = await openAssessment(3, { can: { close: false, reopen: true } });
    answerWith(
      'ledger.reopenYear',
      ok(aYearStatus({ year: THIS_YEAR, closed: false, reopenedAt: '2026-12-02T02:00:00.000Z' })),
    );
    wxMock.showModal.mockResolvedValueOnce({
      confirm: true,
      cancel: false,
      content: ' 补录年底会议出勤 ',
    });

    await tap(page, '.reopen-year');

    expect(payloads('ledger.reopenYear')).toEqual([
      { year: THIS_YEAR, reason: '补录年底会议出勤' },
    ]);
  });

  it('refuses to reopen without a reason', async () => {
    const page = await openAssessment(3, { can: { close: false, reopen: true } });
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: ' ' });

    await tap(page, '.reopen-year');

    expect(callsTo('ledger.reopenYear')).toHaveLength(0);
    // Asked again, titled with the contract's own message for a missing reason.
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({
        title: firstError(checkInput('ledger', 'reopenYear', { year: THIS_YEAR, reason: '' })),
        editable: true,
      }),
    );
  });

  it('offers no reopening to office staff who are not admins', async () => {
    const page = await openAssessment(3);

    expect(exists(page, '.year-close--closed')).toBe(true);
    expect(exists(page, '.reopen-year')).toBe(false);
    expect(exists(page, '.close-year')).toBe(false);
  });
});
