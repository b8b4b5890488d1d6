import { config } from '../../../miniprogram/config';
import { DEFAULT_SETTINGS } from '../../../miniprogram/generated/contract';
import { refreshSettings } from '../../../miniprogram/kit/settings';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { PROPOSAL_CONFLICT_MESSAGE } from '../../../miniprogram/utils/proposals';
import {
  aHandledProposal,
  aProposal,
  aProposalSummary,
  aSimilar,
  answerModal,
  aUnit,
  proposalsPage,
  someStats,
} from '../support/proposal-fixtures';
import {
  callPage,
  exists,
  flush,
  renderPage,
  select,
  selectAll,
  tap,
  textOf,
  typeInto,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const defaults = { ...config };

/** The committee's settings: four reply classes, one relabelled. */
const SETTINGS = {
  ...DEFAULT_SETTINGS,
  proposals: {
    ...DEFAULT_SETTINGS.proposals,
    replyClasses: [
      { code: 'A' as const, label: '已解决' },
      { code: 'B' as const, label: '正在解决或列入计划' },
      { code: 'C' as const, label: '因条件限制留作参考' },
      { code: 'D' as const, label: '无法解决' },
    ],
  },
  updatedAt: null,
  updatedBy: null,
  note: null,
};

beforeEach(() => {
  resetWx();
  resetSession();
  answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

/** Types into a TDesign textarea, wherever it sits (the page or one of its panels). */
async function typeText(page: PageComponent, selector: string, value: string): Promise<void> {
  const node = select(page, selector)?.querySelector('.t-textarea__wrapper-inner');
  if (!node) throw new Error(`${selector} has no textarea`);
  node.dispatchEvent('input', { detail: { value, cursor: value.length } });
  await flush();
}

function text(page: PageComponent, selector: string): string {
  const node = select(page, selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  return textOf(node);
}

describe('proposal review queue (提案审查)', () => {
  const ROUTE = 'pages/staff/proposal-review/index';

  beforeEach(() => {
    answerWith('proposals.reviewQueue', (payload) => {
      const { status } = payload as { status: string };
      return ok(
        proposalsPage(1, status === 'submitted' ? 2 : 1, (n) => ({
          ...aProposalSummary(n),
          similar: n === 1 ? [aSimilar(1), aSimilar(2, { score: 0.456 })] : [],
        })),
      );
    });
  });

  it('lists the waiting proposals with their similar ones as percentages, oldest first', async () => {
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(payloads('proposals.reviewQueue')).toEqual([
      { status: 'submitted', page: 1, pageSize: 20 },
    ]);
    const items = selectAll(page, '.queue-item');
    expect(items).toHaveLength(2);
    expect(selectAll(page, '.similar-row').map((n) => textOf(n))).toEqual([
      '关于完善居家养老服务体系的建议 180%',
      '关于完善居家养老服务体系的建议 246%',
    ]);
    expect(textOf(items[0]!)).toContain('可能重复（2 件）');
    expect(textOf(items[1]!)).not.toContain('可能重复');

    await tap(page, '.queue-item', 1);
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/staff/proposal-handle/index?id=pp-002',
    });
  });

  it('switches to the co-signing and the conversion queues', async () => {
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await tap(page, '.chip--cosigning');
    await tap(page, '.chip--converting');

    expect(payloads('proposals.reviewQueue').slice(1)).toEqual([
      { status: 'cosigning', page: 1, pageSize: 20 },
      { status: 'converting', page: 1, pageSize: 20 },
    ]);
  });

  it('explains the page to a member', async () => {
    answerWith('proposals.reviewQueue', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(exists(page, '.state--forbidden')).toBe(true);
  });
});

describe('proposal handling (提案办理): review decisions', () => {
  const ROUTE = 'pages/staff/proposal-handle/index';

  async function openHandle(detail = aProposal({}, { review: true })): Promise<PageComponent> {
    answerWith('proposals.get', ok(detail));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: detail.id });
    return page;
  }

  it('is the office’s only: a member opening their own proposal here gets no buttons', async () => {
    resetSession();
    answerWith('members.getMyProfile', ok(aProfile()));
    const page = await openHandle(aProposal({}, { withdraw: true }));

    expect(exists(page, '.state--forbidden')).toBe(true);
    expect(exists(page, '.accept-button')).toBe(false);
  });

  it('accepts after confirmation, sending the version shown', async () => {
    const page = await openHandle();
    answerWith('proposals.accept', ok(aHandledProposal({ stage: 'unassigned', units: [] })));

    await tap(page, '.accept-button');

    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '立案' }));
    expect(payloads('proposals.accept')).toEqual([{ proposalId: 'pp-001', version: 3 }]);
    expect(exists(page, '.accept-button')).toBe(false);
    expect(exists(page, '.assign-button')).toBe(true);
    expect(text(page, '.proposal')).toContain('编号 2026-0007');
  });

  it('says someone else handled it and reloads on STORE.CONFLICT, without retrying', async () => {
    const page = await openHandle();
    answerWith(
      'proposals.accept',
      fail('STORE.CONFLICT', '该提案已被他人处理或修改，请刷新后重试'),
    );
    answerWith(
      'proposals.get',
      ok(
        aProposal({
          status: 'rejected',
          statusLabel: '不予立案',
          reviewReason: '不属于提案范围',
          version: 4,
        }),
      ),
    );

    await tap(page, '.accept-button');

    expect(payloads('proposals.accept')).toHaveLength(1);
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: PROPOSAL_CONFLICT_MESSAGE }),
    );
    expect(callsTo('proposals.get')).toHaveLength(2);
    expect(exists(page, '.accept-button')).toBe(false);
    expect(textOf(page)).toContain('不属于提案范围');
  });

  it('rejects and proposes conversion with a reason and the version', async () => {
    const page = await openHandle();
    answerWith('proposals.reject', ok(aProposal({ status: 'rejected' })));
    answerModal(true, '属于个人诉求，不予立案');

    await tap(page, '.reject-button');

    expect(payloads('proposals.reject')).toEqual([
      { proposalId: 'pp-001', version: 3, reason: '属于个人诉求，不予立案' },
    ]);

    const again = await openHandle();
    answerWith('proposals.proposeConversion', ok(aProposal({ status: 'converting' })));
    answerModal(true, '以社情民意形式反映更为及时');
    await tap(again, '.convert-button');
    expect(payloads('proposals.proposeConversion')).toEqual([
      { proposalId: 'pp-001', version: 3, reason: '以社情民意形式反映更为及时' },
    ]);
  });

  it('merges into a target picked from its similar proposals, after confirmation', async () => {
    const page = await openHandle();
    answerWith(
      'proposals.findSimilar',
      ok({ items: [aSimilar(1), aSimilar(2, { status: 'rejected' })] }),
    );
    answerWith('proposals.merge', ok(aHandledProposal()));

    await tap(page, '.merge-button');
    expect(payloads('proposals.findSimilar')[0]).toMatchObject({ excludeId: 'pp-001', limit: 5 });
    // A rejected proposal cannot take others.
    expect(selectAll(page, '.merge-candidate')).toHaveLength(1);

    answerModal(true);
    answerModal(true, '内容相近，并案办理');
    answerWith(
      'proposals.get',
      ok(
        aProposal({
          status: 'merged',
          mergedInto: {
            id: 'pp-s1',
            number: '2025-0011',
            title: '关于完善居家养老服务体系的建议 1',
          },
        }),
      ),
    );
    await tap(page, '.merge-into');

    expect(payloads('proposals.merge')).toEqual([
      { targetId: 'pp-s1', sourceIds: ['pp-001'], reason: '内容相近，并案办理' },
    ]);
    expect(text(page, '.proposal')).toContain('已并入');
  });

  it('finds a merge target by title among accepted proposals', async () => {
    const page = await openHandle();
    answerWith('proposals.findSimilar', ok({ items: [] }));
    answerWith(
      'proposals.listPublic',
      ok(
        proposalsPage(1, 2, (n) =>
          aProposalSummary(n, { status: 'accepted', number: `2026-000${n}` }),
        ),
      ),
    );

    await tap(page, '.merge-button');
    await typeInto(page, '.merge-search', '养老');
    await tap(page, '.merge-search-button');

    expect(payloads('proposals.listPublic')).toEqual([{ keyword: '养老', pageSize: 20 }]);
    // The proposal itself (pp-001) is not offered.
    expect(selectAll(page, '.merge-result').map((n) => textOf(n))[0]).toContain('2026-0002');
    expect(selectAll(page, '.merge-result')).toHaveLength(1);
  });
});

describe('proposal handling (提案办理): handling', () => {
  const ROUTE = 'pages/staff/proposal-handle/index';

  async function openHandle(detail = aHandledProposal({ stage: 'unassigned', units: [] })) {
    answerWith('proposals.get', ok(detail));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: detail.id });
    return page;
  }

  beforeEach(() => {
    refreshSettings();
    answerWith('settings.get', ok({ ...SETTINGS, version: 1 }));
    answerWith('proposals.listUnits', ok({ items: [aUnit(1), aUnit(2), aUnit(3)] }));
    answerWith('proposals.assign', ok(aHandledProposal({ stage: 'assigned' })));
  });

  it('assigns jointly: one lead, the others co-handlers, with the deadline and version', async () => {
    const page = await openHandle();

    await tap(page, '.assign-button');
    expect(payloads('proposals.listUnits')).toEqual([{}]);
    await tap(page, '.unit-toggle', 0);
    await tap(page, '.unit-toggle', 2);
    await tap(page, '.set-lead'); // the third unit leads instead
    await tap(page, '.chip--61'); // 2 months, counted as the server counts them
    await tap(page, '.assign-submit');

    expect(payloads('proposals.assign')).toEqual([
      {
        proposalId: 'pp-001',
        version: 6,
        mode: 'joint',
        units: [
          { unitId: 'u-1', role: 'co' },
          { unitId: 'u-3', role: 'lead' },
        ],
        deadlineDays: 61,
      },
    ]);
    expect(exists(page, '.assign-panel')).toBe(false);
  });

  it('assigns separately, each unit on its own', async () => {
    const page = await openHandle();

    await tap(page, '.assign-button');
    await tap(page, '.chip--separate');
    await tap(page, '.unit-toggle', 0);
    await tap(page, '.unit-toggle', 1);
    await tap(page, '.assign-submit');

    expect(payloads('proposals.assign')).toEqual([
      {
        proposalId: 'pp-001',
        version: 6,
        mode: 'separate',
        units: [{ unitId: 'u-1' }, { unitId: 'u-2' }],
        deadlineDays: 92,
      },
    ]);
  });

  it('offers the committee’s deadlines: each month up to the longest, its handling time first', async () => {
    refreshSettings();
    answerWith(
      'settings.get',
      ok({
        ...SETTINGS,
        version: 2,
        proposals: { ...SETTINGS.proposals, handlingMonths: 2, maxHandlingMonths: 4 },
      }),
    );
    const page = await openHandle();

    await tap(page, '.assign-button');
    // After the two handling modes, the deadlines.
    expect(
      selectAll(page, '.chip__label')
        .map((n) => textOf(n))
        .slice(2),
    ).toEqual(['1 个月', '2 个月', '3 个月', '4 个月']);
    await tap(page, '.unit-toggle', 0);
    await tap(page, '.assign-submit');
    expect(payloads('proposals.assign')).toMatchObject([{ deadlineDays: 61 }]);
  });

  it('asks for a unit before assigning', async () => {
    const page = await openHandle();
    await tap(page, '.assign-button');
    await tap(page, '.assign-submit');

    expect(text(page, '.assign-error')).toBe('请至少选择一个承办单位');
    expect(payloads('proposals.assign')).toEqual([]);
  });

  it('records a unit’s reply with its class, and an objection', async () => {
    const page = await openHandle(aHandledProposal({ stage: 'assigned' }));
    answerWith('proposals.recordReply', ok(aHandledProposal({ stage: 'replied' })));

    await tap(page, '.open-reply', 1);
    await tap(page, '.chip--A');
    await typeText(page, '.reply-text', '已将该建议纳入明年财政预算安排。');
    await tap(page, '.reply-submit');

    expect(payloads('proposals.recordReply')).toEqual([
      {
        proposalId: 'pp-001',
        unitId: 'u-2',
        replyClass: 'A',
        text: '已将该建议纳入明年财政预算安排。',
      },
    ]);
    expect(textOf(page)).toContain('等待提案人评价');
    expect(exists(page, '.reply-panel')).toBe(false);

    const again = await openHandle(aHandledProposal({ stage: 'assigned' }));
    answerWith('proposals.recordObjection', ok(aHandledProposal({ stage: 'assigned' })));
    answerModal(true, '不属于本单位职责');
    await tap(again, '.objection-button', 1);
    expect(payloads('proposals.recordObjection')).toEqual([
      { proposalId: 'pp-001', unitId: 'u-2', reason: '不属于本单位职责' },
    ]);
  });

  it('offers the committee’s reply classes and checks the reply as the server does', async () => {
    const page = await openHandle(aHandledProposal({ stage: 'assigned' }));

    await tap(page, '.open-reply');
    expect(selectAll(page, '.chip__label').map((n) => textOf(n))).toEqual([
      'A 类 已解决',
      'B 类 正在解决或列入计划',
      'C 类 因条件限制留作参考',
      'D 类 无法解决',
    ]);
    await tap(page, '.reply-submit');
    expect(text(page, '.reply-error')).toBe('请选择答复类别');
    await tap(page, '.chip--D');
    await typeText(page, '.reply-text', '无法解决');
    await tap(page, '.reply-submit');
    expect(text(page, '.reply-error')).toBe('答复内容至少 10 个字');
    expect(payloads('proposals.recordReply')).toEqual([]);
  });

  it('extends the deadline with a reason, and closes a panel', async () => {
    const page = await openHandle(aHandledProposal({ stage: 'assigned' }));
    answerWith('proposals.extendDeadline', ok(aHandledProposal({ stage: 'assigned' })));
    wxMock.showActionSheet.mockResolvedValueOnce({ errMsg: 'showActionSheet:ok', tapIndex: 2 });
    answerModal(true, '协');
    answerModal(true, '需跨部门协调');

    await tap(page, '.extend-button');
    // Assigned 03-10 for 92 days: 91 days are left of the longest 6 months (183 days).
    expect(wxMock.showActionSheet).toHaveBeenCalledWith(
      expect.objectContaining({
        itemList: ['延期 1 个月（31 天）', '延期 2 个月（61 天）', '延至最长期限（91 天）'],
      }),
    );
    // The reason is checked as the server checks it, the text kept for the second try.
    expect(wxMock.showModal.mock.calls[1]?.[0]).toMatchObject({
      title: '延期理由至少 2 个字',
      content: '协',
    });
    expect(payloads('proposals.extendDeadline')).toEqual([
      { proposalId: 'pp-001', days: 91, reason: '需跨部门协调' },
    ]);

    await tap(page, '.reassign-button');
    expect(exists(page, '.assign-panel')).toBe(true);
    await tap(page, '.assign-panel .close-panel');
    expect(exists(page, '.assign-panel')).toBe(false);
  });

  it('offers no extension once the deadline reaches the longest handling time', async () => {
    const page = await openHandle(
      aHandledProposal({
        stage: 'rehandling',
        assignedAt: '2026-03-10T02:00:00.000Z',
        deadline: '2026-09-09T02:00:00.000Z',
      }),
    );
    expect(text(page, '.rehandling-hint')).toContain('1 个月内重新办理');

    await tap(page, '.extend-button');

    expect(wxMock.showActionSheet).not.toHaveBeenCalled();
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: '办理期限最长不超过交办后 6 个月，不能再延期' }),
    );
    expect(payloads('proposals.extendDeadline')).toEqual([]);
  });

  it('marks a key proposal with its supervisor, then logs supervision', async () => {
    const page = await openHandle(aHandledProposal({ stage: 'assigned' }));
    answerWith(
      'proposals.markKey',
      ok(
        aHandledProposal({
          stage: 'assigned',
          key: { supervisor: '李主席', markedAt: '2026-03-12T02:00:00.000Z' },
        }),
      ),
    );
    answerModal(true, '李主席');

    await tap(page, '.key-button');

    expect(payloads('proposals.markKey')).toEqual([{ proposalId: 'pp-001', supervisor: '李主席' }]);
    expect(exists(page, '.supervise-button')).toBe(true);
    answerWith('proposals.addSupervision', ok(aHandledProposal({ stage: 'assigned' })));
    answerModal(true, '赴现场督办');
    await tap(page, '.supervise-button');
    expect(payloads('proposals.addSupervision')).toEqual([
      { proposalId: 'pp-001', note: '赴现场督办' },
    ]);
  });
});

describe('proposal statistics (提案办理统计)', () => {
  const ROUTE = 'pages/staff/proposal-stats/index';

  beforeEach(() => {
    answerWith('proposals.getStats', ok(someStats()));
    answerWith('proposals.getStatsCharts', ok({ charts: [] }));
    answerWith(
      'proposals.listOverdue',
      ok({
        items: [
          {
            ...aProposalSummary(1, { number: '2026-0003' }),
            deadline: '2026-02-01T02:00:00.000Z',
            units: ['区民政局', '区财政局'],
          },
        ],
        total: 1,
        page: 1,
        pageSize: 20,
      }),
    );
    answerWith('proposals.listUnits', ok({ items: [aUnit(1), aUnit(2, { active: false })] }));
  });

  async function openStats(): Promise<PageComponent> {
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    return page;
  }

  it('shows counts, the reply and satisfaction rates and the reply classes as percentages', async () => {
    const page = await openStats();

    expect(text(page, '.rate--reply')).toBe('85.7%办复率');
    expect(text(page, '.rate--satisfaction')).toBe('90%满意率');
    expect(text(page, '.rate--overdue')).toBe('3超期未答复（件）');
    expect(text(page, '.stat--received')).toBe('120收到（件）');
    expect(text(page, '.reply-share--A')).toBe('A 类 已解决或采纳30 件 · 54.5%');
    expect(text(page, '.unit-stat')).toContain('已答复 9（90%）');
    expect(text(page, '.unit-stat')).toContain('满意 88.9%（8/9）');
    expect(text(page, '.sector-stat')).toBe('教育界收到 12 · 立案 8（66.7%）');
  });

  it('shows the charts the server drew, one picture each', async () => {
    const src = 'data:image/svg+xml;base64,PHN2Zy8+';
    answerWith(
      'proposals.getStatsCharts',
      ok({
        charts: [
          { id: 'byStage', title: '2026 年提案办理进度（件）', width: 420, height: 280, src },
        ],
      }),
    );
    const page = await openStats();

    expect(payloads('proposals.getStatsCharts')).toEqual(payloads('proposals.getStats'));
    expect((page.data as { charts: unknown[] }).charts).toEqual([
      expect.objectContaining({ id: 'byStage', src }),
    ]);
    expect(selectAll(page, '.chart-list >>> .chart--byStage >>> .chart__image')).toHaveLength(1);
  });

  it('still shows the figures when the charts cannot be drawn', async () => {
    answerWith('proposals.getStatsCharts', fail('SYSTEM.INTERNAL', '系统繁忙'));
    const page = await openStats();

    expect(text(page, '.rate--reply')).toBe('85.7%办复率');
    expect(select(page, '.chart-list >>> .chart__image')).toBeUndefined();
  });

  it('lists overdue proposals and the units, with inactive ones marked', async () => {
    const page = await openStats();

    expect(payloads('proposals.listOverdue')).toEqual([{ page: 1, pageSize: 20 }]);
    expect(text(page, '.overdue-item')).toBe(
      '2026-0003 关于加强社区养老服务的建议 1区民政局、区财政局期限 2026-02-01，已超期',
    );
    expect(payloads('proposals.listUnits')).toEqual([{ includeInactive: true }]);
    expect(selectAll(page, '.unit').map((n) => textOf(n))).toEqual([
      '区民政局联络员办理账号停用',
      '区财政局（已停用）联络员启用',
    ]);
  });

  it('adds a unit', async () => {
    const page = await openStats();
    answerWith(
      'proposals.saveUnit',
      ok(aUnit(5, { name: '区医保局', contactName: '王芳', contactPhone: '88886666' })),
    );

    await tap(page, '.add-unit-toggle');
    await typeInto(page, '.unit-name', '区医保局');
    await typeInto(page, '.unit-contact', '王芳');
    await typeInto(page, '.unit-phone', '88886666');
    await tap(page, '.add-unit-submit');

    expect(payloads('proposals.saveUnit')).toEqual([
      { name: '区医保局', contactName: '王芳', contactPhone: '88886666' },
    ]);
    expect(selectAll(page, '.unit')).toHaveLength(3);
  });

  it('checks a new unit as the server does, and asks before stopping one', async () => {
    const page = await openStats();

    await tap(page, '.add-unit-toggle');
    await typeInto(page, '.unit-name', '局');
    await tap(page, '.add-unit-submit');
    expect(text(page, '.add-error')).toBe('单位名称至少 2 个字');
    expect(callsTo('proposals.saveUnit')).toHaveLength(0);

    answerModal(false);
    await tap(page, '.unit-toggle', 0);
    expect(callsTo('proposals.saveUnit')).toHaveLength(0);

    answerWith('proposals.saveUnit', ok(aUnit(1, { active: false })));
    await tap(page, '.unit-toggle', 0);
    expect(payloads('proposals.saveUnit')).toEqual([
      expect.objectContaining({ unitId: aUnit(1).id, active: false }),
    ]);
    expect(text(page, '.unit')).toContain('（已停用）');
  });

  it('shows a member only that the page is for the office', async () => {
    answerWith('proposals.getStats', fail('AUTH.FORBIDDEN', '无权查看'));
    const page = await openStats();

    expect(exists(page, '.state--forbidden')).toBe(true);
    expect(exists(page, '.export-button')).toBe(false);
    expect(exists(page, '.compilation-button')).toBe(false);
    expect(exists(page, '.units-panel')).toBe(false);
  });

  it('offers to send an export the phone cannot open to a chat', async () => {
    const page = await openStats();
    answerWith(
      'proposals.exportStats',
      ok({ fileName: '提案统计.xlsx', mimeType: 'x', contentBase64: 'UEsDBA==' }),
    );
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());
    wxMock.openDocument.mockImplementation((o: { fail: (e: object) => void }) =>
      o.fail({ errMsg: 'openDocument:fail' }),
    );
    const shareFileMessage = jest.fn((o: { success: () => void }) => o.success());
    Object.assign(wxMock, { shareFileMessage });
    answerModal(true);

    await tap(page, '.export-button');

    expect(shareFileMessage).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'http://usr/提案统计.xlsx', fileName: '提案统计.xlsx' }),
    );
  });

  it('switches the year and exports the year’s Excel file', async () => {
    const page = await openStats();
    await tap(page, '.years >>> .chip', 1);
    const year = (payloads('proposals.getStats').at(-1) as { year: number }).year;
    expect(payloads('proposals.getStats')[0]).toEqual({ year: year + 1 });

    answerWith(
      'proposals.exportStats',
      ok({
        fileName: '提案统计.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        contentBase64: 'UEsDBA==',
      }),
    );
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());
    await tap(page, '.export-button');

    expect(payloads('proposals.exportStats')).toEqual([{ year }]);
    expect(wxMock.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'http://usr/提案统计.xlsx', fileType: 'xlsx' }),
    );
  });

  it('exports the chosen year’s 提案汇编 as a Word file and opens it', async () => {
    const page = await openStats();
    await tap(page, '.years >>> .chip', 1);
    const year = (payloads('proposals.getStats').at(-1) as { year: number }).year;
    answerWith(
      'proposals.exportCompilation',
      ok({
        fileName: `提案汇编-${year}年.docx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        contentBase64: 'UEsDBA==',
      }),
    );
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());

    await tap(page, '.compilation-button');

    expect(payloads('proposals.exportCompilation')).toEqual([{ year }]);
    expect(callsTo('proposals.exportStats')).toHaveLength(0);
    expect(wxMock.showLoading).toHaveBeenCalledWith(expect.objectContaining({ title: '正在导出' }));
    expect(wxMock.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: `http://usr/提案汇编-${year}年.docx`, fileType: 'docx' }),
    );
    expect(wxMock.hideLoading).toHaveBeenCalled();
  });

  it('says why there is no 提案汇编 for a year with nothing accepted', async () => {
    const page = await openStats();
    answerWith(
      'proposals.exportCompilation',
      fail('PROPOSAL.NONE_ACCEPTED', '该年度还没有立案的提案，无法编印提案汇编'),
    );

    await tap(page, '.compilation-button');

    expect(wxMock.openDocument).not.toHaveBeenCalled();
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '该年度还没有立案的提案，无法编印提案汇编' }),
    );
  });
});
