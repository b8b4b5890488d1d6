import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aRosterEntry, rosterPage } from '../support/fixtures';
import {
  callPage,
  exists,
  flush,
  renderPage,
  selectAll,
  tap,
  textOf,
  typeInto,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/staff/roster/index';
const T_EXPIRES = '2025-02-01T04:00:00.000Z';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

/** The roster page after its first page of `total` entries loaded. */
async function openRoster(total = 45): Promise<PageComponent> {
  answerWith('members.listRoster', (payload) => {
    const { page = 1 } = payload as { page?: number };
    return ok(rosterPage(page, total));
  });
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad');
  return page;
}

function rowCount(page: PageComponent): number {
  return selectAll(page, '.roster-row').length;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

describe('roster page: list', () => {
  it('lists the first 20 entries with name, sector and bound state', async () => {
    const page = await openRoster(45);

    expect(payloads('members.listRoster')).toEqual([{ page: 1, pageSize: 20 }]);
    expect(rowCount(page)).toBe(20);
    const text = textOf(page);
    expect(text).toContain('共 45 人');
    expect(text).toContain('委员1');
    expect(text).toContain('教育界');
    expect(text).toContain('已绑定');
    expect(text).toContain('未绑定');
  });

  it('loads the next page at the bottom until all are shown', async () => {
    const page = await openRoster(45);

    await callPage(page, 'onReachBottom');
    expect(rowCount(page)).toBe(40);
    await callPage(page, 'onReachBottom');
    expect(rowCount(page)).toBe(45);
    expect(textOf(page)).toContain('已显示全部 45 人');
    await callPage(page, 'onReachBottom');

    expect(payloads('members.listRoster')).toEqual([
      { page: 1, pageSize: 20 },
      { page: 2, pageSize: 20 },
      { page: 3, pageSize: 20 },
    ]);
  });

  it('searches by keyword', async () => {
    const page = await openRoster();

    await typeInto(page, '.search', ' 王 ');
    await callPage(page, 'onSearch', { detail: { value: ' 王 ' } });

    expect(payloads('members.listRoster').at(-1)).toEqual({ page: 1, pageSize: 20, keyword: '王' });
  });

  it('searches by pinyin initials as typed (the server matches them)', async () => {
    const page = await openRoster();

    answerWith(
      'members.listRoster',
      ok({ ...rosterPage(1, 1), items: [aRosterEntry(1, { name: '刘洋' })] }),
    );
    await typeInto(page, '.search', 'LY');
    await callPage(page, 'onSearch', { detail: { value: 'LY' } });

    expect(payloads('members.listRoster').at(-1)).toEqual({ page: 1, pageSize: 20, keyword: 'LY' });
    expect(rowCount(page)).toBe(1);
    expect(textOf(page)).toContain('刘洋');
  });

  it('filters bound and unbound entries', async () => {
    const page = await openRoster();

    await tap(page, '.chip--unbound');
    expect(payloads('members.listRoster').at(-1)).toEqual({ page: 1, pageSize: 20, bound: false });

    await tap(page, '.chip--bound');
    expect(payloads('members.listRoster').at(-1)).toEqual({ page: 1, pageSize: 20, bound: true });

    await tap(page, '.chip--all');
    expect(payloads('members.listRoster').at(-1)).toEqual({ page: 1, pageSize: 20 });
  });

  it('shows an empty state', async () => {
    const page = await openRoster(0);

    expect(exists(page, '.state--empty')).toBe(true);
    expect(textOf(page)).toContain('名册中还没有人员');
  });

  it('tells someone not on the staff the page is not for them, without the file actions', async () => {
    answerWith('members.listRoster', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textOf(page)).toContain('此页仅供政协办公室工作人员使用');
    expect(exists(page, '.import-button')).toBe(false);
  });

  it('shows the error with a retry button', async () => {
    answerWith(
      'members.listRoster',
      fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'),
      ok(rosterPage(1, 3)),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(textOf(page)).toContain('系统繁忙，请稍后再试');

    await tap(page, '.retry');

    expect(rowCount(page)).toBe(3);
  });

  it('drops an older answer that arrives after a newer search', async () => {
    let release: (() => void) | undefined;
    answerWith('members.listRoster', (payload) => {
      const { keyword } = payload as { keyword?: string };
      return ok({ ...rosterPage(1, keyword ? 1 : 30), items: [aRosterEntry(keyword ? 99 : 1)] });
    });
    const page = renderPage(ROUTE);
    // Hold the first answer back until the second search has been answered.
    const request = wxMock.request.getMockImplementation()!;
    wxMock.request.mockImplementationOnce((option: { success: (r: unknown) => void }) =>
      request({ ...option, success: (r: unknown) => (release = () => option.success(r)) }),
    );
    void callPage(page, 'onLoad');
    await callPage(page, 'onSearch', { detail: { value: '委员99' } });
    expect(release).toBeDefined();
    release?.();
    await flush();

    expect((page.data.items as Array<{ name: string }>).map((r) => r.name)).toEqual(['委员99']);
  });
});

describe('roster page: invite codes', () => {
  it('issues a code for an unbound row, shows it large and copies it', async () => {
    const page = await openRoster(3);
    answerWith(
      'members.issueInviteCode',
      ok({
        code: 'AB12CD34',
        memberId: 'm-001',
        memberName: '委员1',
        expiresAt: '2025-02-01T04:00:00.000Z',
      }),
    );

    await tap(page, '.row-invite');

    expect(payloads('members.issueInviteCode')).toEqual([{ memberId: 'm-001' }]);
    expect(textOf(page)).toContain('AB12 CD34');
    expect(textOf(page)).toContain('2025-02-01 12:00');

    await callPage(page, 'onCopyInvite');
    expect(wxMock.setClipboardData).toHaveBeenCalledWith({ data: 'AB12CD34' });
    expect(page.data.invite).toBeNull();
  });

  it('shows the server error when no code can be issued', async () => {
    const page = await openRoster(3);
    answerWith(
      'members.issueInviteCode',
      fail('BIND.MEMBER_TAKEN', '该人员已绑定其他微信，如需更换请联系政协办公室'),
    );

    await tap(page, '.row-invite');

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '该人员已绑定其他微信，如需更换请联系政协办公室' }),
    );
  });
});

describe('roster page: rows', () => {
  it('opens the member page for a tapped row, and offers no unbinding on the row', async () => {
    const page = await openRoster(3);

    expect(exists(page, '.row-unbind')).toBe(false);
    await tap(page, '.roster-row', 1);

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/member/index?id=m-002' });
  });

  it('issues an invite code from the row without opening the member page', async () => {
    const page = await openRoster(3);
    answerWith(
      'members.issueInviteCode',
      ok({ code: 'AB12CD34', memberId: 'm-001', memberName: '委员1', expiresAt: T_EXPIRES }),
    );

    await tap(page, '.row-invite');

    expect(callsTo('members.issueInviteCode')).toHaveLength(1);
    expect(wxMock.navigateTo).not.toHaveBeenCalled();
  });

  it('offers no invite code for a deactivated entry', async () => {
    answerWith(
      'members.listRoster',
      ok({ ...rosterPage(1, 1), items: [aRosterEntry(1, { active: false })] }),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textOf(page)).toContain('已停用');
    expect(exists(page, '.row-invite')).toBe(false);
  });
});

describe('roster page: import', () => {
  function chooseFile(name: string, size = 1024) {
    wxMock.chooseMessageFile.mockResolvedValueOnce({
      tempFiles: [{ name, path: `http://tmp/${name}`, size, type: 'file', time: 0 }],
    });
    wxMock.fs.readFile.mockImplementation((o: { success: (r: { data: string }) => void }) =>
      o.success({ data: 'QkFTRTY0' }),
    );
  }

  it('previews with a dry run, asks, then imports and reloads', async () => {
    const page = await openRoster(3);
    chooseFile('名册.xlsx');
    answerWith('members.importRoster', (payload) =>
      ok({
        dryRun: (payload as { dryRun: boolean }).dryRun,
        total: 12,
        created: 10,
        updated: 2,
        unchanged: 0,
      }),
    );

    await tap(page, '.import-button');

    expect(wxMock.chooseMessageFile).toHaveBeenCalledWith({
      count: 1,
      type: 'file',
      extension: ['csv', 'xlsx'],
    });
    expect(wxMock.fs.readFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'http://tmp/名册.xlsx', encoding: 'base64' }),
    );
    expect(payloads('members.importRoster')).toEqual([
      { fileName: '名册.xlsx', contentBase64: 'QkFTRTY0', dryRun: true },
      { fileName: '名册.xlsx', contentBase64: 'QkFTRTY0', dryRun: false },
    ]);
    expect(wxMock.showModal.mock.calls[0][0]).toMatchObject({ title: '确认导入' });
    expect((wxMock.showModal.mock.calls[0][0] as { content: string }).content).toContain(
      '新增 10 人，更新 2 人',
    );
    expect(callsTo('members.listRoster')).toHaveLength(2);
  });

  it('shows a large import going on in batches, asks on, then says it is done', async () => {
    const page = await openRoster(3);
    chooseFile('名册.xlsx');
    const counts = { total: 3000, created: 3000, updated: 0, unchanged: 0 };
    const job = (done: number, status = 'running') => ({
      id: 'roster:ri_1',
      label: '名册导入',
      status,
      done,
      total: 3000,
      error: null,
    });
    answerWith('members.importRoster', (payload) => {
      const dryRun = (payload as { dryRun: boolean }).dryRun;
      return ok({ dryRun, ...counts, job: dryRun ? null : job(200) });
    });
    answerWith(
      'members.continueImport',
      ok({ dryRun: false, ...counts, job: job(400) }),
      ok({ dryRun: false, ...counts, job: job(3000, 'done') }),
    );
    jest.useFakeTimers();
    try {
      const tapped = tap(page, '.import-button');
      for (let i = 0; i < 30; i += 1) await jest.advanceTimersByTimeAsync(1);
      await tapped;
      expect(textOf(page)).toContain('名册导入进行中：200 / 3000');
      expect(wxMock.showModal).toHaveBeenCalledTimes(1); // the confirmation only

      await jest.advanceTimersByTimeAsync(1000);
      expect(textOf(page)).toContain('400 / 3000');
      await jest.advanceTimersByTimeAsync(1000);

      expect(exists(page, '.import-job')).toBe(false);
      expect(wxMock.showModal).toHaveBeenLastCalledWith(
        expect.objectContaining({
          title: '导入完成',
          content: expect.stringContaining('新增 3000 人'),
        }),
      );
      expect(callsTo('members.listRoster').length).toBeGreaterThanOrEqual(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('in the cloud, uploads the file to storage and sends its id, not its bytes', async () => {
    const page = await openRoster(3);
    Object.assign(config, { transport: 'cloud' });
    chooseFile('名册.csv');
    answerWith('members.importRoster', (payload) =>
      ok({
        dryRun: (payload as { dryRun: boolean }).dryRun,
        total: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        job: null,
      }),
    );

    await tap(page, '.import-button');

    expect(wxMock.cloud.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'http://tmp/名册.csv' }),
    );
    expect(wxMock.fs.readFile).not.toHaveBeenCalled();
    const sent = payloads('members.importRoster') as Array<Record<string, unknown>>;
    expect(sent).toHaveLength(2);
    for (const p of sent) {
      expect(p.fileId).toMatch(/^cloud:\/\/env\/uploads\/\d{4}\/.+名册\.csv$/);
      expect(p).not.toHaveProperty('contentBase64');
    }
    expect(sent.map((p) => p.dryRun)).toEqual([true, false]);
    expect(sent[0]!.fileId).toBe(sent[1]!.fileId); // uploaded once
  });

  it('imports nothing when the preview is not confirmed', async () => {
    const page = await openRoster(3);
    chooseFile('名册.csv');
    answerWith(
      'members.importRoster',
      ok({ dryRun: true, total: 1, created: 1, updated: 0, unchanged: 0 }),
    );
    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, content: '' });

    await tap(page, '.import-button');

    expect(payloads('members.importRoster')).toEqual([
      { fileName: '名册.csv', contentBase64: 'QkFTRTY0', dryRun: true },
    ]);
  });

  it('lists the row errors of a refused file on the page', async () => {
    const page = await openRoster(3);
    chooseFile('名册.csv');
    const rows = [
      { row: 3, column: '手机号', message: '手机号应为 11 位中国大陆手机号' },
      { row: 7, column: null, message: '与第 5 行重复' },
    ];
    answerWith(
      'members.importRoster',
      fail('ROSTER.INVALID_ROWS', '名册中有错误，未导入任何数据，请按提示修改后重新上传', { rows }),
    );

    await tap(page, '.import-button');

    const text = textOf(page);
    expect(text).toContain('名册中有 2 处错误');
    expect(text).toContain('第 3 行（手机号）：手机号应为 11 位中国大陆手机号');
    expect(text).toContain('第 7 行：与第 5 行重复');
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '名册中有错误，未导入任何数据，请按提示修改后重新上传' }),
    );
    expect(payloads('members.importRoster')).toHaveLength(1);

    await tap(page, '.dismiss-import-errors');
    expect(exists(page, '.import-error')).toBe(false);
  });

  it('does nothing when the file choice is cancelled', async () => {
    const page = await openRoster(3);

    await tap(page, '.import-button');

    expect(callsTo('members.importRoster')).toHaveLength(0);
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(wxMock.showToast).not.toHaveBeenCalled();
  });

  it('refuses a file over 2 MB before uploading', async () => {
    const page = await openRoster(3);
    chooseFile('大名册.xlsx', 3 * 1024 * 1024);

    await tap(page, '.import-button');

    expect(callsTo('members.importRoster')).toHaveLength(0);
    expect(wxMock.fs.readFile).not.toHaveBeenCalled();
  });
});

describe('roster page: export', () => {
  it('writes the workbook to the user data folder and opens it with the menu', async () => {
    const page = await openRoster(3);
    answerWith(
      'members.exportRoster',
      ok({
        fileName: '委员名册 2025.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        contentBase64: 'UEsDBA==',
      }),
    );
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());
    wxMock.openDocument.mockImplementation((o: { success: () => void }) => o.success());

    await tap(page, '.export-button');

    expect(wxMock.fs.writeFile).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: 'http://usr/委员名册_2025.xlsx',
        data: 'UEsDBA==',
        encoding: 'base64',
      }),
    );
    expect(wxMock.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: 'http://usr/委员名册_2025.xlsx',
        showMenu: true,
        fileType: 'xlsx',
      }),
    );
  });

  it('shows the error when the export fails', async () => {
    const page = await openRoster(3);
    answerWith('members.exportRoster', NETWORK_DOWN);

    await tap(page, '.export-button');

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '服务暂时无法连接，请检查网络后重试' }),
    );
    expect(wxMock.fs.writeFile).not.toHaveBeenCalled();
  });
});
