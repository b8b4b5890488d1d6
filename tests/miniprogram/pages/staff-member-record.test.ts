import { config } from '../../../miniprogram/config';
import { checkInput, firstError } from '../../../miniprogram/kit/validate';
import { resetSession } from '../../../miniprogram/services/session';
import { aMemberRecord, anEntry } from '../support/ledger-fixtures';
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

const ROUTE = 'pages/staff/member-record/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

async function openRecord(record = aMemberRecord()): Promise<PageComponent> {
  answerWith('ledger.getMemberRecord', ok(record));
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', { memberId: 'm-001', year: '2025' });
  return page;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

function textAt(page: PageComponent, selector: string, index = 0): string {
  const node = selectAll(page, selector)[index];
  if (!node) throw new Error(`nothing matches ${selector} [${index}]`);
  return textOf(node);
}

function answerModals(...answers: Array<{ confirm: boolean; content?: string }>) {
  for (const a of answers)
    wxMock.showModal.mockResolvedValueOnce({ cancel: !a.confirm, content: '', ...a });
}

describe('member record page (履职档案)', () => {
  it('shows the total, grade, rank, categories and every entry of the year', async () => {
    const page = await openRecord();

    expect(payloads('ledger.getMemberRecord')).toEqual([{ year: 2025, memberId: 'm-001' }]);
    const head = textAt(page, '.head');
    expect(head).toContain('王建华');
    expect(head).toContain('经济界 · 提案委');
    expect(head).toContain('2025 年度履职积分85.5分');
    expect(head).toContain('良好');
    expect(head).toContain('已达到合格线');
    expect(head).toContain('第 3 名 / 共 40 人');
    expect(page.querySelectorAll('.category')).toHaveLength(5);
    expect(textAt(page, '.category', 2)).toBe('提案工作30 分上限 30 分（已满）');
    expect(page.querySelectorAll('.entry')).toHaveLength(3);
    expect(textAt(page, '.entry', 1)).toContain('撤销');
    expect(textAt(page, '.entry', 1)).toContain('经办：办公室张敏');
    expect(textAt(page, '.entry', 2)).toContain('调整');
    expect(textAt(page, '.entry', 2)).toContain('关于加强社区养老服务的建议');
    // Only events can be reversed; corrections cannot.
    expect(page.querySelectorAll('.entry-reverse')).toHaveLength(1);
  });

  it('shows the points so far and no grade before the year is closed', async () => {
    const page = await openRecord(
      aMemberRecord(undefined, { grade: null, closed: false, closedAt: null, passed: false }),
    );

    const head = textAt(page, '.head');
    expect(head).toContain('85.5分截至目前暂未达到合格线');
    expect(head).toContain('年度考核结束后评定等次');
    expect(head).not.toContain('良好');
    expect(exists(page, '.head__grade--so-far')).toBe(true);
  });

  it('explains the page to someone who is not office staff', async () => {
    answerWith('ledger.getMemberRecord', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { memberId: 'm-001', year: '2025' });

    expect(exists(page, '.state--forbidden')).toBe(true);
  });

  it('shows an error with a retry button', async () => {
    answerWith(
      'ledger.getMemberRecord',
      fail('MEMBER.NOT_FOUND', '未找到该人员'),
      ok(aMemberRecord()),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { memberId: 'm-001', year: '2025' });
    expect(textOf(page)).toContain('未找到该人员');

    await tap(page, '.retry');

    expect(page.querySelectorAll('.entry')).toHaveLength(3);
  });

  it('asks for the way in when no member is named', async () => {
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', {});

    expect(textOf(page)).toContain('没有指定委员');
    expect(exists(page, '.retry')).toBe(false);
    expect(callsTo('ledger.getMemberRecord')).toHaveLength(0);
  });
});

describe('member record page: reversing an entry', () => {
  it('asks for confirmation first and sends nothing when cancelled', async () => {
    const page = await openRecord();
    answerModals({ confirm: false });

    await tap(page, '.entry-reverse');

    expect(wxMock.showModal).toHaveBeenCalledTimes(1);
    const asked = wxMock.showModal.mock.calls[0][0] as { title: string; content: string };
    expect(asked.title).toBe('撤销积分');
    expect(asked.content).toContain('出席全体会议（每半天）1');
    expect(asked.content).toContain('+5 分');
    expect(callsTo('ledger.reverseEntry')).toHaveLength(0);
  });

  it('reverses with the reason given, then reloads the record', async () => {
    const page = await openRecord();
    answerModals({ confirm: true }, { confirm: true, content: ' 签到记录有误 ' });
    answerWith('ledger.reverseEntry', ok({ reversed: true, total: 60.5 }));
    answerWith(
      'ledger.getMemberRecord',
      ok(aMemberRecord([anEntry(9, { kind: 'reversal', points: -5, reason: '签到记录有误' })])),
    );

    await tap(page, '.entry-reverse');

    expect(wxMock.showModal.mock.calls[1][0]).toMatchObject({ editable: true });
    expect(payloads('ledger.reverseEntry')).toEqual([{ entryId: 'e-001', reason: '签到记录有误' }]);
    expect(callsTo('ledger.getMemberRecord')).toHaveLength(2);
    expect(textAt(page, '.entry')).toContain('签到记录有误');
    expect(page.data.reversing).toBe('');
  });

  it('refuses a reason shorter than 2 characters', async () => {
    const page = await openRecord();
    answerModals({ confirm: true }, { confirm: true, content: ' 错 ' });

    await tap(page, '.entry-reverse');

    expect(callsTo('ledger.reverseEntry')).toHaveLength(0);
    // Asked again with what was typed kept, titled with the contract's own message.
    expect(wxMock.showModal.mock.calls[2]![0]).toEqual(
      expect.objectContaining({
        title: firstError(checkInput('ledger', 'reverseEntry', { entryId: 'e', reason: '错' })),
        content: '错',
      }),
    );
  });

  it('says so when the entry had already been reversed', async () => {
    const page = await openRecord();
    answerModals({ confirm: true }, { confirm: true, content: '重复提交' });
    answerWith('ledger.reverseEntry', ok({ reversed: false, total: 85.5 }));

    await tap(page, '.entry-reverse');

    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: '这条记录此前已经撤销，积分没有变化。' }),
    );
  });
});

describe('member record page: awarding or deducting points', () => {
  /** Types into the TDesign textarea (not covered by typeInto). */
  async function typeReason(page: PageComponent, value: string): Promise<void> {
    const node = page.querySelector('.award-reason')?.querySelector('.t-textarea__wrapper-inner');
    if (!node) throw new Error('no reason textarea');
    node.dispatchEvent('input', { detail: { value, cursor: value.length } });
    await flush();
  }

  it('checks every field before sending', async () => {
    const page = await openRecord();
    await tap(page, '.award-open-button');

    await tap(page, '.award-submit');

    expect(callsTo('ledger.awardPoints')).toHaveLength(0);
    expect(textOf(page)).toContain('请填写分值');
    expect(textOf(page)).toContain('请选择积分类别');
    // Title and reason: the contract's own messages, exactly what the server would answer.
    const server = checkInput('ledger', 'awardPoints', {
      memberId: 'm-1',
      points: 1,
      category: 'meetings',
      title: '',
      reason: '',
    });
    expect(textAt(page, '.award-error--title')).toBe(server.title);
    expect(textAt(page, '.award-error--reason')).toBe(server.reason);

    await typeInto(page, '.award-points', '2.55');
    await tap(page, '.award-submit');
    expect(textOf(page)).toContain('分值最多保留一位小数');
    expect(callsTo('ledger.awardPoints')).toHaveLength(0);
  });

  it('deducts points with the category, title and reason, then reloads', async () => {
    const page = await openRecord();
    answerWith(
      'ledger.awardPoints',
      ok(anEntry(20, { points: -3, category: 'other', categoryLabel: '其他履职' })),
    );
    await tap(page, '.award-open-button');

    await tap(page, '.sign--minus');
    await typeInto(page, '.award-points', '3');
    await callPage(page, 'onCategoryPick', { detail: { value: '4' } });
    await typeInto(page, '.award-title', ' 无故缺席专题协商会 ');
    await typeReason(page, '未请假缺席 6 月专题协商会');
    expect(textOf(page)).toContain('其他履职');

    await tap(page, '.award-submit');

    expect(payloads('ledger.awardPoints')).toEqual([
      {
        memberId: 'm-001',
        year: 2025,
        points: -3,
        category: 'other',
        title: '无故缺席专题协商会',
        reason: '未请假缺席 6 月专题协商会',
      },
    ]);
    expect(callsTo('ledger.getMemberRecord')).toHaveLength(2);
    expect(exists(page, '.award')).toBe(false);
  });

  it('keeps the form and shows the error when the award is refused', async () => {
    const page = await openRecord();
    answerWith('ledger.awardPoints', fail('LEDGER.UNKNOWN_CATEGORY', '考核办法中没有这个积分类别'));
    await tap(page, '.award-open-button');
    await typeInto(page, '.award-points', '5');
    await callPage(page, 'onCategoryPick', { detail: { value: '0' } });
    await typeInto(page, '.award-title', '大会发言');
    await typeReason(page, '在全体会议上作大会发言');

    await tap(page, '.award-submit');

    expect(payloads('ledger.awardPoints')).toEqual([
      {
        memberId: 'm-001',
        year: 2025,
        points: 5,
        category: 'meetings',
        title: '大会发言',
        reason: '在全体会议上作大会发言',
      },
    ]);
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '考核办法中没有这个积分类别' }),
    );
    expect(exists(page, '.award')).toBe(true);
    expect(page.data.submitting).toBe(false);
  });

  it('closes the form on cancel without sending', async () => {
    const page = await openRecord();
    await tap(page, '.award-open-button');

    await tap(page, '.award-cancel');

    expect(exists(page, '.award')).toBe(false);
    expect(callsTo('ledger.awardPoints')).toHaveLength(0);
  });

  it('retries the same award once on a network failure', async () => {
    const page = await openRecord();
    answerWith(
      'ledger.awardPoints',
      NETWORK_DOWN,
      ok(anEntry(21, { points: 5, category: 'meetings' })),
    );
    await tap(page, '.award-open-button');
    await typeInto(page, '.award-points', '5');
    await callPage(page, 'onCategoryPick', { detail: { value: '0' } });
    await typeInto(page, '.award-title', '大会发言');
    await typeReason(page, '在全体会议上作大会发言');

    await tap(page, '.award-submit');

    const calls = callsTo('ledger.awardPoints');
    expect(calls).toHaveLength(2);
    // One intent, one requestId: the server awards once.
    expect(calls[0]!.requestId).toBe(calls[1]!.requestId);
  });
});

describe('member record page: exporting the 履职档案', () => {
  const FILE = {
    fileName: '履职档案-王建华-2025年.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    contentBase64: 'UEsDBA==',
  };

  it('exports the year shown as a Word file and opens it', async () => {
    const page = await openRecord();
    answerWith('ledger.exportMemberRecord', ok(FILE));
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());

    await tap(page, '.record-export-button');

    expect(payloads('ledger.exportMemberRecord')).toEqual([{ memberId: 'm-001', year: 2025 }]);
    expect(wxMock.showLoading).toHaveBeenCalledWith(expect.objectContaining({ title: '正在导出' }));
    expect(wxMock.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: `http://usr/${FILE.fileName}`, fileType: 'docx' }),
    );
  });

  it('exports the term: five years up to the year shown unless staff choose others', async () => {
    const page = await openRecord();
    answerWith('ledger.exportMemberRecord', ok(FILE));
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());

    await tap(page, '.record-export >>> .chip--term');
    expect(textOf(selectAll(page, '.record-export')[0]!)).toContain('自2021 年›至2025 年›');
    await tap(page, '.record-export-button');
    const to = selectAll(page, '.to-year')[0]!;
    to.dispatchEvent('change', { detail: { value: '8' } });
    await flush();
    await tap(page, '.record-export-button');

    expect(payloads('ledger.exportMemberRecord')).toEqual([
      { memberId: 'm-001', term: { fromYear: 2021, toYear: 2025 } },
      { memberId: 'm-001', term: { fromYear: 2021, toYear: 2024 } },
    ]);
  });

  it('checks the term as the server does before sending', async () => {
    const page = await openRecord();
    await tap(page, '.record-export >>> .chip--term');

    selectAll(page, '.from-year')[0]!.dispatchEvent('change', { detail: { value: '3' } });
    await flush();
    await tap(page, '.record-export-button');
    expect(textAt(page, '.record-export-error')).toBe('一届最多 5 个年度');
    selectAll(page, '.from-year')[0]!.dispatchEvent('change', { detail: { value: '9' } });
    selectAll(page, '.to-year')[0]!.dispatchEvent('change', { detail: { value: '7' } });
    await flush();
    await tap(page, '.record-export-button');
    expect(textAt(page, '.record-export-error')).toBe('届期的结束年度不能早于开始年度');

    expect(callsTo('ledger.exportMemberRecord')).toHaveLength(0);
  });

  it('says why when the office cannot export it', async () => {
    const page = await openRecord();
    answerWith('ledger.exportMemberRecord', fail('MEMBER.NOT_FOUND', '未找到该人员'));

    await tap(page, '.record-export-button');

    expect(wxMock.openDocument).not.toHaveBeenCalled();
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '未找到该人员' }),
    );
  });
});
