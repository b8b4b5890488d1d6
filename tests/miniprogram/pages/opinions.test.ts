import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import type { LocalDraft } from '../../../miniprogram/utils/drafts';
import type { OpinionFields } from '../../../miniprogram/pages/opinions/edit/form';
import { OPINION_CONFLICT_MESSAGE } from '../../../miniprogram/utils/proposals';
import { DEFAULT_SETTINGS } from '../../../miniprogram/generated/contract';
import { refreshSettings } from '../../../miniprogram/kit/settings';
import {
  anOpinion,
  anOpinionSummary,
  answerModal,
  inputText,
  installStorage,
  OPINION_BODY,
  pressNow,
  proposalsPage,
  settle,
} from '../support/proposal-fixtures';
import {
  callPage,
  exists,
  flush,
  renderPage,
  select,
  tap,
  textOf,
  typeInto,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const defaults = { ...config };
const TITLE = '关于老旧小区电动车充电安全的建议';
let platform: ReturnType<typeof installStorage>;

beforeEach(() => {
  resetWx();
  resetSession();
  answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
  platform = installStorage();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

describe('opinion editor (写社情民意)', () => {
  // A member writes for themself (office staff who are not members enter for a member: 代录).
  beforeEach(() => answerWith('members.getMyProfile', ok(aProfile({ roles: ['member'] }))));

  const ROUTE = 'pages/opinions/edit/index';

  beforeEach(() => {
    jest.useFakeTimers();
    answerWith('opinions.saveDraft', (payload) => {
      const p = payload as { title: string; body: string };
      return ok(anOpinion({ id: 'op-new', status: 'draft', ...p }, { edit: true, submit: true }));
    });
  });
  afterEach(() => jest.useRealTimers());

  async function openEditor(): Promise<PageComponent> {
    const page = renderPage(ROUTE);
    void (page.instance as unknown as Record<string, (q: object) => unknown>).onLoad!({});
    await settle();
    return page;
  }

  function stored(): Array<LocalDraft<OpinionFields>> {
    return [...platform.storage.entries()]
      .filter(([key]) => key.startsWith('draft:opinion:'))
      .map(([, value]) => value as LocalDraft<OpinionFields>);
  }

  it('keeps every edit on the phone and autosaves 2 s after typing stops, one device id, growing revisions', async () => {
    const page = await openEditor();

    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(1000);
    inputText(page, '.body-field', OPINION_BODY);
    await settle();
    expect(stored()[0]).toMatchObject({ revision: 2, syncedRevision: 0 });
    expect(stored()[0]!.fields).toEqual({ title: TITLE, body: OPINION_BODY, forMember: null });
    expect(textOf(page.querySelector('.count--body')!)).toBe(`${OPINION_BODY.length}/1500`);
    expect(payloads('opinions.saveDraft')).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    inputText(page, '.title-field', `${TITLE}（二）`);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    const saves = payloads('opinions.saveDraft') as Array<{
      clientDraftId: string;
      revision: number;
    }>;
    expect(saves.map((s) => s.revision)).toEqual([2, 3]);
    expect(saves[1]!.clientDraftId).toBe(saves[0]!.clientDraftId);
    expect(saves[0]!.clientDraftId).toBe(stored()[0]!.clientDraftId);
    expect(textOf(page.querySelector('.save-indicator')!)).toBe('已保存到云端');
  });

  it('shows the offline indicator when the save cannot reach the server', async () => {
    answerWith('opinions.saveDraft', NETWORK_DOWN);
    const page = await openEditor();

    inputText(page, '.title-field', TITLE);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();

    expect(textOf(page.querySelector('.save-indicator')!)).toBe('已保存在本机，联网后同步');
    expect(stored()).toHaveLength(1);
  });

  it('checks the lengths, asks for confirmation, then submits and opens the report', async () => {
    answerWith('opinions.submit', ok(anOpinion({ id: 'op-new' })));
    const page = await openEditor();

    inputText(page, '.title-field', TITLE);
    inputText(page, '.body-field', '太短');
    await settle();
    pressNow(page, '.submit-button');
    await settle();
    expect(textOf(page.querySelector('.error--body')!)).toBe('正文至少 50 个字');
    expect(payloads('opinions.submit')).toHaveLength(0);

    inputText(page, '.body-field', OPINION_BODY);
    await settle();
    pressNow(page, '.submit-button');
    await settle();
    await settle();

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '报送社情民意' }),
    );
    expect(payloads('opinions.submit')).toEqual([{ opinionId: 'op-new' }]);
    expect(wxMock.redirectTo).toHaveBeenCalledWith({
      url: '/pages/opinions/detail/index?id=op-new',
    });
    expect(stored()).toEqual([]);
  });

  it('submits again after the app was killed mid-submit as the same request', async () => {
    // Every attempt of the first submit is lost (the client retries twice).
    answerWith(
      'opinions.submit',
      NETWORK_DOWN,
      NETWORK_DOWN,
      NETWORK_DOWN,
      ok(anOpinion({ id: 'op-new' })),
    );
    const first = await openEditor();
    inputText(first, '.title-field', TITLE);
    inputText(first, '.body-field', OPINION_BODY);
    await settle();
    pressNow(first, '.submit-button');
    await settle();
    await settle();
    // No answer came: the request id waits with the draft for the next attempt.
    const kept = stored()[0]!;
    expect(kept.submitRequestId).toBe(callsTo('opinions.submit')[0]!.requestId);
    // The app is killed: the page goes, the phone's storage stays.
    (first as unknown as { detach(): void }).detach();

    const page = renderPage(ROUTE);
    void (page.instance as unknown as Record<string, (q: object) => unknown>).onLoad!({
      draft: kept.clientDraftId,
    });
    await settle();
    pressNow(page, '.submit-button');
    await settle();
    await settle();

    await settle();
    expect(callsTo('opinions.submit')).toHaveLength(4);
    const ids = new Set(callsTo('opinions.submit').map((c) => c.requestId));
    expect(ids).toEqual(new Set([kept.submitRequestId]));
    expect(wxMock.redirectTo).toHaveBeenCalledWith({
      url: '/pages/opinions/detail/index?id=op-new',
    });
    expect(stored()).toEqual([]);
  });

  it('checks the minimums the committee set, not built-in ones', async () => {
    refreshSettings();
    answerWith(
      'settings.get',
      ok({
        ...DEFAULT_SETTINGS,
        opinions: { ...DEFAULT_SETTINGS.opinions, bodyMin: 2 },
        version: 2,
        updatedAt: null,
        updatedBy: null,
        note: null,
      }),
    );
    answerWith('opinions.submit', ok(anOpinion({ id: 'op-new' })));
    const page = await openEditor();

    inputText(page, '.title-field', TITLE);
    inputText(page, '.body-field', '太短');
    await settle();
    pressNow(page, '.submit-button');
    await settle();
    await settle();

    expect(exists(page, '.error--body')).toBe(false);
    expect(payloads('opinions.submit')).toEqual([{ opinionId: 'op-new' }]);
    refreshSettings();
  });
});

describe('my opinion reports (社情民意)', () => {
  it('lists my reports with their status, issue and highest level, and opens the editor', async () => {
    answerWith(
      'opinions.listMine',
      ok(
        proposalsPage(1, 2, (n) =>
          n === 1
            ? anOpinionSummary(1, {
                status: 'adopted',
                statusLabel: '已采用',
                issue: '2026 年第 5 期',
                highestLevel: 'city',
              })
            : anOpinionSummary(2, { status: 'draft', statusLabel: '草稿', submittedAt: null }),
        ),
      ),
    );
    const page = renderPage('pages/opinions/index');
    await callPage(page, 'onLoad');

    const items = page.querySelectorAll('.opinion-item').map((n) => textOf(n));
    expect(items[0]).toContain('已采用');
    expect(items[0]).toContain('《社情民意》2026 年第 5 期 · 最高：市政协采用');
    await tap(page, '.opinion-item', 1);
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/opinions/edit/index?id=op-002',
    });
    await tap(page, '.write-button');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/opinions/edit/index' });
  });

  it('asks a member who is not bound yet to bind, and says when there is nothing yet', async () => {
    answerWith('opinions.listMine', fail('AUTH.NOT_BOUND', '请先绑定委员身份'));
    let page = renderPage('pages/opinions/index');
    await callPage(page, 'onLoad');
    expect(exists(page, '.state--unbound')).toBe(true);
    await tap(page, '.bind-button');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/bind/index' });

    answerWith('opinions.listMine', ok(proposalsPage(1, 0, (n) => anOpinionSummary(n))));
    page = renderPage('pages/opinions/index');
    await callPage(page, 'onLoad');
    expect(textOf(page)).toContain('您还没有报送过社情民意信息');
  });

  it('loads the next page at the bottom of the list', async () => {
    answerWith(
      'opinions.listMine',
      ok(proposalsPage(1, 25, (n) => anOpinionSummary(n))),
      ok(proposalsPage(2, 25, (n) => anOpinionSummary(n))),
    );
    const page = renderPage('pages/opinions/index');
    await callPage(page, 'onLoad');
    await callPage(page, 'onReachBottom');

    expect(payloads('opinions.listMine')).toEqual([
      { page: 1, pageSize: 20 },
      { page: 2, pageSize: 20 },
    ]);
    expect(page.querySelectorAll('.opinion-item')).toHaveLength(25);
    expect(textOf(page)).toContain('已显示全部 25 篇');
  });

  it('explains a missing report', async () => {
    answerWith('opinions.get', fail('OPINION.NOT_FOUND', '未找到该信息'));
    const page = renderPage('pages/opinions/detail/index');
    await callPage(page, 'onLoad', { id: 'op-x' });

    expect(exists(page, '.state--not-found')).toBe(true);
    expect(exists(page, '.retry')).toBe(false);
  });

  it('shows a report with the original text kept, forwards, instructions and feedback', async () => {
    answerWith(
      'opinions.get',
      ok(
        anOpinion({
          status: 'adopted',
          statusLabel: '已采用',
          issue: '2026 年第 5 期',
          highestLevel: 'city',
          originalBody: '作者的原文',
          forwards: [
            { level: 'city', at: '2026-03-10T02:00:00.000Z', adopted: true, by: '办公室' },
          ],
          instructions: [
            {
              level: 'district',
              leader: '张区长',
              text: '请住建局研究落实',
              at: '2026-03-12T02:00:00.000Z',
            },
          ],
          feedback: [
            { text: '已建成集中充电点 12 处', at: '2026-04-01T02:00:00.000Z', by: '办公室' },
          ],
        }),
      ),
    );
    const page = renderPage('pages/opinions/detail/index');
    await callPage(page, 'onLoad', { id: 'op-001' });
    const view = page.querySelector('.opinion')!;

    const text = textOf(view);
    expect(text).toContain('《社情民意》2026 年第 5 期');
    expect(text).toContain('正文（经编辑）');
    expect(textOf(view.querySelector('.ov-forward')!)).toContain('市政协已采用');
    expect(textOf(view.querySelector('.ov-instruction')!)).toContain('区领导 张区长');
    expect(textOf(view.querySelector('.ov-feedback')!)).toContain('已建成集中充电点 12 处');
    expect(exists(view, '.ov-original-text')).toBe(false);
    expect(exists(view, '.ov-link__arrow--open')).toBe(false);
    await tap(view, '.ov-original-toggle');
    expect(textOf(view.querySelector('.ov-original-text')!)).toBe('作者的原文');
    // The same chevron, turned up by a class (no glyph that a phone's font may lack).
    expect(textOf(view.querySelector('.ov-original-toggle .ov-link__arrow--open')!)).toBe('›');
  });
});

describe('opinion handling (社情民意处理)', () => {
  async function openHandle(detail = anOpinion({}, { review: true })): Promise<PageComponent> {
    answerWith('opinions.get', ok(detail));
    const page = renderPage('pages/staff/opinion-handle/index');
    await callPage(page, 'onLoad', { id: detail.id });
    return page;
  }

  it('lists the queue by status', async () => {
    answerWith('opinions.reviewQueue', ok(proposalsPage(1, 1, (n) => anOpinionSummary(n))));
    const page = renderPage('pages/staff/opinion-review/index');
    await callPage(page, 'onLoad');
    await tap(page, '.chip--adopted');

    expect(payloads('opinions.reviewQueue')).toEqual([
      { status: 'submitted', page: 1, pageSize: 20 },
      { status: 'adopted', page: 1, pageSize: 20 },
    ]);
    await tap(page, '.opinion-item');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/staff/opinion-handle/index?id=op-001',
    });
  });

  it('adopts into an issue with the version shown', async () => {
    const page = await openHandle();
    answerWith('opinions.adopt', ok(anOpinion({ status: 'adopted', issue: '2026 年第 5 期' })));
    answerModal(true, '2026 年第 5 期');

    await tap(page, '.adopt-button');

    expect(payloads('opinions.adopt')).toEqual([
      { opinionId: 'op-001', version: 2, issue: '2026 年第 5 期' },
    ]);
    expect(exists(page, '.forward-button')).toBe(true);
  });

  it('says someone else handled it and reloads on STORE.CONFLICT', async () => {
    const page = await openHandle();
    answerWith(
      'opinions.decline',
      fail('STORE.CONFLICT', '该信息已被他人处理或修改，请刷新后重试'),
    );
    answerModal(true, '内容与已刊发信息重复');
    answerWith('opinions.get', ok(anOpinion({ status: 'adopted', version: 3 })));

    await tap(page, '.decline-button');

    expect(payloads('opinions.decline')).toEqual([
      { opinionId: 'op-001', version: 2, reason: '内容与已刊发信息重复' },
    ]);
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: OPINION_CONFLICT_MESSAGE }),
    );
    expect(exists(page, '.adopt-button')).toBe(false);
  });

  it('edits the text for publication', async () => {
    const page = await openHandle();
    answerWith(
      'opinions.edit',
      ok(anOpinion({ originalBody: OPINION_BODY, body: '编辑后的正文，共十个字以上。' })),
    );

    await tap(page, '.edit-button');
    await callPage(page, 'onEditField', {
      currentTarget: { dataset: { field: 'body' } },
      detail: { value: '编辑后的正文，共十个字以上。' },
    });
    await tap(page, '.edit-submit');

    expect(payloads('opinions.edit')).toEqual([
      {
        opinionId: 'op-001',
        version: 2,
        title: '关于老旧小区电动车充电安全的建议 1',
        body: '编辑后的正文，共十个字以上。',
      },
    ]);
  });

  it('forwards an adopted report upward and records a leader’s instruction', async () => {
    const page = await openHandle(anOpinion({ status: 'adopted' }));
    answerWith('opinions.forward', ok(anOpinion({ status: 'adopted' })));

    await tap(page, '.forward-button');
    await tap(page, '.forward-submit');
    expect(textOf(page.querySelector('.forward-error')!)).toBe('请选择报送到哪一级');
    await tap(page, '.forward-level--city');
    await tap(page, '.forward-adopted');
    await tap(page, '.forward-submit');
    expect(payloads('opinions.forward')).toEqual([
      { opinionId: 'op-001', level: 'city', adopted: true },
    ]);

    answerWith('opinions.recordInstruction', ok(anOpinion({ status: 'adopted' })));
    await tap(page, '.instruction-button');
    await tap(page, '.instruction-level--district');
    await callPage(page, 'onInstructionField', {
      currentTarget: { dataset: { field: 'leader' } },
      detail: { value: '张区长' },
    });
    await callPage(page, 'onInstructionField', {
      currentTarget: { dataset: { field: 'text' } },
      detail: { value: '请住建局研究落实' },
    });
    await tap(page, '.instruction-submit');
    expect(payloads('opinions.recordInstruction')).toEqual([
      { opinionId: 'op-001', level: 'district', leader: '张区长', text: '请住建局研究落实' },
    ]);
  });
});

describe('an issue of 《社情民意》 (编印, on 已采用)', () => {
  const ISSUES = {
    items: [
      { issue: '2026 年第 6 期', reports: 1, lastAdoptedAt: '2026-03-06T02:00:00.000Z' },
      { issue: '2026 年第 5 期', reports: 3, lastAdoptedAt: '2026-03-04T02:00:00.000Z' },
    ],
  };

  async function openAdopted(issues: unknown = ok(ISSUES)): Promise<PageComponent> {
    answerWith('opinions.reviewQueue', ok(proposalsPage(1, 1, (n) => anOpinionSummary(n))));
    answerWith('opinions.listIssues', issues as ReturnType<typeof ok>);
    const page = renderPage('pages/staff/opinion-review/index');
    await callPage(page, 'onLoad');
    await tap(page, '.chip--adopted');
    return page;
  }

  it('is offered on 已采用 only', async () => {
    answerWith('opinions.reviewQueue', ok(proposalsPage(1, 1, (n) => anOpinionSummary(n))));
    const page = renderPage('pages/staff/opinion-review/index');
    await callPage(page, 'onLoad');

    expect(exists(page, '.issue-export')).toBe(false);
    expect(callsTo('opinions.listIssues')).toHaveLength(0);
  });

  it('lists the issues, takes a title and exports the chosen issue as a Word file', async () => {
    const page = await openAdopted();
    expect(payloads('opinions.listIssues')).toEqual([{}]);
    expect(textOf(page)).toContain('2026 年第 6 期（1 篇）');

    select(page, '.issue-picker')!.dispatchEvent('change', { detail: { value: '1' } });
    await flush();
    await typeInto(page, '.issue-title', '关注民生安全');
    answerWith(
      'opinions.exportIssue',
      ok({
        fileName: '社情民意-2026年第5期.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        contentBase64: 'UEsDBA==',
      }),
    );
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());
    await tap(page, '.issue-export-button');

    expect(payloads('opinions.exportIssue')).toEqual([
      { issue: '2026 年第 5 期', title: '关注民生安全' },
    ]);
    expect(wxMock.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: 'http://usr/社情民意-2026年第5期.docx',
        fileType: 'docx',
      }),
    );
  });

  it('sends no title when none is given, and shows the server’s refusal', async () => {
    const page = await openAdopted();
    answerWith(
      'opinions.exportIssue',
      fail('OPINION.ISSUE_NOT_FOUND', '没有编入该期《社情民意》的信息，请核对期号'),
    );

    await tap(page, '.issue-export-button');

    expect(payloads('opinions.exportIssue')).toEqual([{ issue: '2026 年第 6 期' }]);
    expect(wxMock.openDocument).not.toHaveBeenCalled();
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '没有编入该期《社情民意》的信息，请核对期号' }),
    );
  });

  it('says how an issue comes about when there is none yet', async () => {
    const page = await openAdopted(ok({ items: [] }));

    expect(textOf(select(page, '.issue-export')!)).toContain('采用信息时填写期号');
    expect(exists(page, '.issue-export-button')).toBe(false);
  });

  it('shows an error with a retry when the issues cannot be read', async () => {
    const page = await openAdopted(NETWORK_DOWN);
    expect(exists(page, '.issue-export-button')).toBe(false);

    answerWith('opinions.listIssues', ok(ISSUES));
    await tap(page, '.issue-export >>> .retry');

    expect(exists(page, '.issue-export-button')).toBe(true);
  });
});
