import type { SpeechDetail, SpeechSummary } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { refreshSettings } from '../../../miniprogram/kit/settings';
import { resetSession } from '../../../miniprogram/services/session';
import type { LocalDraft } from '../../../miniprogram/utils/drafts';
import type { SpeechFields } from '../../../miniprogram/pages/speeches/edit/form';
import { SPEECH_CONFLICT_MESSAGE } from '../../../miniprogram/utils/speeches';
import { aProfile } from '../support/fixtures';
import {
  aHandledProposal,
  answerModal,
  inputText,
  installStorage,
  pressNow,
  settle,
} from '../support/proposal-fixtures';
import { callPage, exists, renderPage, select, selectAll, tap, textOf } from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const defaults = { ...config };
const TITLE = '以城乡融合发展推动共同富裕';
const BODY = '推动城乡融合发展，关键在于打通城乡要素流动的堵点。'.repeat(13);
const PLENARY = { meetingId: 'mt-plenary', title: '区政协十五届三次会议第一次全体会议' };
let platform: ReturnType<typeof installStorage>;

function aSpeech(
  fields: Partial<SpeechDetail> = {},
  can: Partial<SpeechDetail['can']> = {},
): SpeechDetail {
  return {
    id: 'sp-1',
    title: TITLE,
    year: 2026,
    meeting: { id: PLENARY.meetingId, title: PLENARY.title },
    status: 'submitted',
    statusLabel: '待审核',
    delivery: 'none',
    deliveryLabel: '未选用',
    authorName: '王建国',
    authorSector: '中国共产党',
    submittedAt: '2026-03-01T06:00:00.000Z',
    updatedAt: '2026-03-01T06:00:00.000Z',
    authorId: 'm-1',
    body: BODY,
    attachments: [],
    returnNote: null,
    timeline: [
      { at: '2026-03-01T06:00:00.000Z', action: '提交大会发言', actorName: '王建国', note: null },
    ],
    clientDraftId: null,
    revision: 1,
    version: 2,
    ...fields,
    can: { edit: false, submit: false, delete: false, review: false, choose: false, ...can },
  };
}

function aSummary(n: number, fields: Partial<SpeechSummary> = {}): SpeechSummary {
  const { can: _can, body: _b, ...summary } = aSpeech({ id: `sp-${n}`, ...fields });
  return summary;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

beforeEach(() => {
  resetWx();
  resetSession();
  refreshSettings();
  platform = installStorage();
  answerWith('members.getMyProfile', ok(aProfile({ roles: ['member'] })));
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

describe('speech editor (写大会发言)', () => {
  const ROUTE = 'pages/speeches/edit/index';

  beforeEach(() => {
    jest.useFakeTimers();
    answerWith(
      'proposals.listSpeechOccasions',
      ok({ items: [{ ...PLENARY, startsAt: '2026-03-05T00:30:00.000Z' }] }),
    );
    answerWith('proposals.saveSpeech', (payload) => {
      const p = payload as { title: string; body: string; meetingId: string | null };
      return ok(
        aSpeech(
          {
            status: 'draft',
            title: p.title,
            body: p.body,
            meeting: p.meetingId ? { id: p.meetingId, title: PLENARY.title } : null,
          },
          { edit: true, submit: true, delete: true },
        ),
      );
    });
  });
  afterEach(() => jest.useRealTimers());

  async function openEditor(query: Record<string, string> = {}) {
    const page = renderPage(ROUTE);
    void (page.instance as unknown as Record<string, (q: object) => unknown>).onLoad!(query);
    await settle();
    return page;
  }

  function stored(): Array<LocalDraft<SpeechFields>> {
    return [...platform.storage.entries()]
      .filter(([key]) => key.startsWith('draft:speech:'))
      .map(([, value]) => value as LocalDraft<SpeechFields>);
  }

  it('offers the plenaries and the years, keeps edits on the phone and autosaves them', async () => {
    const page = await openEditor();
    const occasions = selectAll(page, '.occasion').map((o) => textOf(o));
    expect(occasions).toEqual([`○${PLENARY.title}`, '●2026 年度', '○2027 年度']);
    pressNow(page, '.occasion', 0);
    inputText(page, '.title-field', TITLE);
    inputText(page, '.body-field', BODY);
    await settle();
    expect(stored()[0]!.fields).toMatchObject({ title: TITLE, meetingId: PLENARY.meetingId });
    expect(textOf(select(page, '.occasion--active')!)).toContain(PLENARY.title);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    const saves = payloads('proposals.saveSpeech') as Array<Record<string, unknown>>;
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ title: TITLE, body: BODY, meetingId: PLENARY.meetingId });
    expect(textOf(page.querySelector('.save-indicator')!)).toBe('已保存到云端');
  });

  it('saves for a year when no plenary is chosen', async () => {
    const page = await openEditor();
    pressNow(page, '.occasion', 2);
    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    const saves = payloads('proposals.saveSpeech') as Array<Record<string, unknown>>;
    expect(saves.at(-1)).toMatchObject({ meetingId: null, year: 2027 });
  });

  it('checks the committee’s minimums, asks, submits and opens the speech', async () => {
    answerWith('proposals.submitSpeech', ok(aSpeech()));
    const page = await openEditor();
    inputText(page, '.title-field', TITLE);
    inputText(page, '.body-field', '太短');
    await settle();
    pressNow(page, '.submit-button');
    await settle();
    expect(textOf(page.querySelector('.error--body')!)).toBe('正文至少 300 个字');
    expect(payloads('proposals.submitSpeech')).toHaveLength(0);

    inputText(page, '.body-field', BODY);
    await settle();
    answerModal(true);
    pressNow(page, '.submit-button');
    await settle();
    await settle();
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '提交大会发言' }),
    );
    expect(payloads('proposals.submitSpeech')).toEqual([{ speechId: 'sp-1' }]);
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/speeches/detail/index?id=sp-1' });
    expect(stored()).toEqual([]);
  });

  it('edits a speech the office returned (saved from this phone) and shows the office’s note', async () => {
    answerWith('proposals.submitSpeech', ok(aSpeech()));
    const first = await openEditor();
    inputText(first, '.title-field', TITLE);
    inputText(first, '.body-field', BODY);
    await settle();
    answerModal(true);
    pressNow(first, '.submit-button');
    await settle();
    await settle();
    (first as unknown as { detach(): void }).detach();

    answerWith(
      'proposals.getSpeech',
      ok(
        aSpeech(
          { status: 'returned', statusLabel: '已退回修改', returnNote: '请补充具体数据' },
          { edit: true, submit: true },
        ),
      ),
    );
    const page = await openEditor({ id: 'sp-1' });
    expect(wxMock.redirectTo).toHaveBeenCalledTimes(1); // only the first submit's
    expect(textOf(select(page, '.return-note')!)).toContain('请补充具体数据');
    expect(exists(page, '.submit-button')).toBe(true);
  });
});

describe('my speeches (我的大会发言)', () => {
  const ROUTE = 'pages/speeches/list/index';

  it('lists the member’s speeches with what they were chosen for, and opens each', async () => {
    answerWith(
      'proposals.listMySpeeches',
      ok({
        items: [
          aSummary(1, {
            status: 'accepted',
            statusLabel: '已收录',
            delivery: 'oral',
            deliveryLabel: '大会口头发言',
          }),
          aSummary(2, { status: 'draft', statusLabel: '草稿', meeting: null, submittedAt: null }),
        ],
        total: 2,
        page: 1,
        pageSize: 20,
      }),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', {});
    expect(textOf(select(page, '.list-total')!)).toBe('我的大会发言（共 2 篇）');
    expect(textOf(selectAll(page, '.speech-item')[0]!)).toContain('大会口头发言');
    expect(textOf(selectAll(page, '.speech-item')[1]!)).toContain('2026 年度全体会议');
    await tap(page, '.speech-item', 0);
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/speeches/detail/index?id=sp-1',
    });
    await tap(page, '.speech-item', 1);
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/speeches/edit/index?id=sp-2',
    });
    await tap(page, '.write-button');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/speeches/edit/index' });
  });

  it('offers binding to an unbound WeChat', async () => {
    answerWith(
      'proposals.listMySpeeches',
      fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', {});
    expect(exists(page, '.bind-button')).toBe(true);
  });
});

describe('a speech (大会发言详情)', () => {
  it('shows the office’s note on a returned speech and leads back to the editor', async () => {
    answerWith(
      'proposals.getSpeech',
      ok(
        aSpeech(
          { status: 'returned', statusLabel: '已退回修改', returnNote: '请压缩篇幅' },
          { edit: true, submit: true },
        ),
      ),
    );
    const page = renderPage('pages/speeches/detail/index');
    await callPage(page, 'onLoad', { id: 'sp-1' });
    expect(textOf(page)).toContain('请压缩篇幅');
    await tap(page, '.edit-button');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/speeches/edit/index?id=sp-1',
    });
  });
});

describe('speech review (大会发言审核)', () => {
  beforeEach(() => answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] }))));

  it('lists the queue chosen, the longest waiting first', async () => {
    answerWith(
      'proposals.speechQueue',
      ok({
        items: [aSummary(1)],
        total: 1,
        page: 1,
        pageSize: 20,
        counts: { submitted: 1, accepted: 0, returned: 0 },
      }),
    );
    const page = renderPage('pages/staff/speeches/index');
    await callPage(page, 'onLoad', {});
    await tap(page, '.page >>> .chip--accepted');
    expect(payloads('proposals.speechQueue')).toEqual([
      { status: 'submitted', page: 1, pageSize: 20 },
      { status: 'accepted', page: 1, pageSize: 20 },
    ]);
  });

  async function openHandle(detail: SpeechDetail) {
    answerWith('proposals.getSpeech', ok(detail));
    const page = renderPage('pages/staff/speech-handle/index');
    await callPage(page, 'onLoad', { id: detail.id });
    return page;
  }

  it('accepts after a confirmation, or returns with the note the member reads', async () => {
    const page = await openHandle(aSpeech({}, { review: true }));
    answerWith('proposals.reviewSpeech', ok(aSpeech({ status: 'accepted' }, { choose: true })));
    answerModal(false);
    await tap(page, '.accept-button');
    expect(payloads('proposals.reviewSpeech')).toEqual([]);
    answerModal(true);
    await tap(page, '.accept-button');
    expect(payloads('proposals.reviewSpeech')).toEqual([
      { speechId: 'sp-1', version: 2, accept: true },
    ]);
    expect(exists(page, '.choose-actions')).toBe(true);

    const again = await openHandle(aSpeech({}, { review: true }));
    answerModal(true, '请补充数据');
    await tap(again, '.return-button');
    expect(payloads('proposals.reviewSpeech').at(-1)).toEqual({
      speechId: 'sp-1',
      version: 2,
      accept: false,
      note: '请补充数据',
    });
  });

  it('chooses the delivery after a confirmation; a stale copy is shown afresh', async () => {
    const page = await openHandle(aSpeech({ status: 'accepted' }, { choose: true }));
    answerWith(
      'proposals.chooseSpeech',
      ok(
        aSpeech(
          { status: 'accepted', delivery: 'oral', deliveryLabel: '大会口头发言', version: 3 },
          { choose: true },
        ),
      ),
    );
    answerModal(true);
    await tap(page, '.delivery--oral');
    expect(payloads('proposals.chooseSpeech')).toEqual([
      { speechId: 'sp-1', version: 2, delivery: 'oral' },
    ]);
    expect(exists(page, '.delivery--oral.chip--active')).toBe(true);

    answerWith(
      'proposals.chooseSpeech',
      fail('STORE.CONFLICT', '该发言已被他人处理或修改，请刷新后重试'),
    );
    answerModal(true);
    await tap(page, '.delivery--written');
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: SPEECH_CONFLICT_MESSAGE }),
    );
    expect(callsTo('proposals.getSpeech').length).toBeGreaterThan(1);
  });
});

describe('优秀提案 on the handling page', () => {
  beforeEach(() => answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] }))));

  it('marks an answered proposal after a confirmation, and unmarks with a reason', async () => {
    const detail = aHandledProposal({}, { markExcellent: true });
    answerWith('proposals.get', ok(detail));
    const page = renderPage('pages/staff/proposal-handle/index');
    await callPage(page, 'onLoad', { id: detail.id });
    answerWith(
      'proposals.markExcellent',
      ok({
        ...aHandledProposal({}, { unmarkExcellent: true }),
        excellentMark: {
          year: 2026,
          markedAt: '2026-06-01T02:00:00.000Z',
          markedBy: '办公室张敏',
          note: null,
        },
      }),
    );
    answerModal(false);
    await tap(page, '.excellent-button');
    expect(payloads('proposals.markExcellent')).toEqual([]);
    answerModal(true);
    await tap(page, '.excellent-button');
    expect(payloads('proposals.markExcellent')).toEqual([{ proposalId: detail.id, version: 6 }]);
    expect(textOf(page)).toContain('2026 年度优秀提案');

    answerWith('proposals.unmarkExcellent', ok(aHandledProposal({}, { markExcellent: true })));
    answerModal(true, '经复核不符合条件');
    await tap(page, '.unmark-button');
    expect(payloads('proposals.unmarkExcellent')).toEqual([
      { proposalId: detail.id, version: 6, reason: '经复核不符合条件' },
    ]);
  });
});
